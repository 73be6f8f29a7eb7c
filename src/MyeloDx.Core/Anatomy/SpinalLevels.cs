using System.Text;
using System.Text.RegularExpressions;

namespace MyeloDx.Core.Anatomy;

/// <summary>
/// Vertebral levels as ordinal numbers (C1=1 … C7=7, T1=8 … T12=19, L1=20 … L5=24, S1=25 … S5=29) so that ranges
/// can be compared. "Conus" is taken as T12-L1 and "cauda equina" as L1-S2, where those structures usually lie.
/// </summary>
public static partial class SpinalLevels
{
    public const int Conus = 19;

    [GeneratedRegex(@"\b([CTLS])\s?(\d{1,2})\b(?:\s*(?:-|–|to|through)\s*([CTLS])?\s?(\d{1,2})\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex LevelRange();

    public static int? Parse(string level)
    {
        var m = Regex.Match(level.Trim(), @"^([CTLSD])\s?(\d{1,2})$", RegexOptions.IgnoreCase);
        if (!m.Success) return null;
        return Ordinal(char.ToUpperInvariant(m.Groups[1].Value[0]), int.Parse(m.Groups[2].Value));
    }

    public static int? Ordinal(char region, int n) => region switch
    {
        'C' when n is >= 1 and <= 8 => Math.Min(n, 7),
        'T' or 'D' when n is >= 1 and <= 12 => 7 + n,
        'L' when n is >= 1 and <= 5 => 19 + n,
        'S' when n is >= 1 and <= 5 => 24 + n,
        _ => null,
    };

    public static string Name(int ordinal) => ordinal switch
    {
        <= 7 => $"C{ordinal}",
        <= 19 => $"T{ordinal - 7}",
        <= 24 => $"L{ordinal - 19}",
        _ => $"S{ordinal - 24}",
    };

    /// <summary>Every level range named in the text ("T12-L1", "C3 to C5", "T9", "conus"), as inclusive ordinal ranges.</summary>
    public static IReadOnlyList<(int From, int To)> Ranges(string? text)
    {
        var list = new List<(int, int)>();
        if (string.IsNullOrWhiteSpace(text)) return list;
        // An ASCII text without a digit cannot match (the pattern needs \d): no regex run, no match collection. Most
        // radiotherapy targets ("whole brain", "mediastinum") are such texts, parsed several times per case (issue 17).
        var maybe = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0 || !Ascii.IsValid(text);
        if (maybe)
            foreach (Match m in LevelRange().Matches(text.Replace('D', 'T')))
            {
                // spans, not Value strings: this runs several times per case (validation, findings, cord dose)
                var r1 = char.ToUpperInvariant(m.Groups[1].ValueSpan[0]);
                var a = Ordinal(r1, int.Parse(m.Groups[2].ValueSpan));
                if (a is null) continue;
                var b = a;
                if (m.Groups[4].Success)
                {
                    var r2 = m.Groups[3].Success ? char.ToUpperInvariant(m.Groups[3].ValueSpan[0]) : r1;
                    b = Ordinal(r2, int.Parse(m.Groups[4].ValueSpan)) ?? a;
                }
                list.Add((Math.Min(a.Value, b.Value), Math.Max(a.Value, b.Value)));
            }
        var lower = text.ToLowerInvariant();
        if (lower.Contains("conus") || lower.Contains("conal") || lower.Contains("terminal cone")) list.Add((19, 20));
        if (lower.Contains("cauda")) list.Add((20, 26));
        if (lower.Contains("cervicomedullary") || lower.Contains("medulla oblongata")) list.Add((1, 2));
        return list;
    }

    /// <summary>The cord region a level range mostly lies in.</summary>
    public static string Region(int from, int to)
    {
        // T12-L1 and below is conus/cauda territory; T11-T12 is still thoracic cord.
        var mid = (from + to) / 2.0;
        return mid < 8 ? "cervical" : mid < 19 ? "thoracic" : "conus_lumbar";
    }
}
