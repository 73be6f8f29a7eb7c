using System.Collections.Frozen;
using MyeloDx.Core.Anatomy;
using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Numbers;

/// <summary>An inclusive range of vertebral levels as ordinals (C1=1 … T12=19, L1=20 … S5=29) with its tokens.</summary>
internal readonly record struct LevelRange(int From, int To, int TokenStart, int TokenEnd)
{
    public int Segments => To - From + 1;
    /// <summary>Named only by a region word ("the conus"): it says where, not how long, so it gives no lesion length.</summary>
    public bool PlaceOnly { get; init; }
    public override string ToString() => From == To ? SpinalLevels.Name(From) : $"{SpinalLevels.Name(From)}-{SpinalLevels.Name(To)}";
}

/// <summary>
/// Finds vertebral levels and ranges in a sentence: "T12", "T12-L1", "T11-12", "C7/T1", "Th6-Th10", "D12",
/// "C3 to C5", "from D6 down to the conus medullaris", "from the obex to T7", "the 11th-12th thoracic vertebrae".
/// "T1"/"T2" count as levels only where the words around them say so ("at T2", "C2 to T2"), never in
/// "T2 hyperintensity", "T1- and T2-weighted images" or "on T2".
/// </summary>
internal static class VertebralLevels
{
    private static readonly FrozenSet<string> SequenceNext = new[]
    {
        "weighted", "signal", "images", "image", "imaging", "sequence", "sequences", "flair", "stir", "bright", "dark", "shows", "show",
        "lesion", "lesions", "abnormality", "change", "changes", "prolongation", "prolonged", "high", "low", "mri", "post", "fat", "star", "relaxation",
    }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> SequencePrev = new[]
    {
        "on", "sagittal", "axial", "coronal", "unenhanced", "enhanced", "contrast", "gadolinium", "weighted", "fat", "suppressed", "post", "pre",
        "both", "precontrast", "postcontrast", "native", "plain", "in", "with", "mri",
    }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> LevelPrev = new[] { "at", "to", "from", "through", "until", "below", "above", "level", "of", "about", "approximately" }
        .ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> LevelNext = new[] { "level", "levels", "vertebra", "vertebrae", "vertebral", "segment", "segments", "dermatome", "dermatomes", "body", "bodies", "spinous", "disc", "disk" }
        .ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> Connectors = new[] { "to", "through", "thru", "down", "up", "into", "as", "far", "the", "about", "approximately", "level", "of", "until", "till", "vertebra", "vertebral", "body", "junction",
            // "the medulla oblongata and upper cervical cord, reaching down to C5": the words between a top of the cord and a level
            "oblongata", "magnum", "and", "upper", "cervical", "spinal", "cord", "extending", "extends", "reaching", "reaches", "continuing", "continues", "running", "runs" }
        .ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> ConusWords = new[] { "conus", "conal", "epiconus" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> TopWords = new[] { "medulla", "obex", "cervicomedullary", "brainstem", "craniocervical", "foramen" }.ToFrozenSet(StringComparer.Ordinal);
    // "upper", "mid", "lower" before a region: a part of the cord named without a level (declared before StartWords,
    // which reads it when the class is initialised)
    private static readonly string[] PartWords = ["upper", "mid", "middle", "lower"];
    // every word that can start a level below other than a level token itself: one look-up rules out any other word
    // (Find runs over every token of every sentence; it made three look-ups per word before)
    private static readonly StarterWords StartWords = new(ConusWords.Concat(TopWords).Concat(NumberWords.OrdinalWords).Concat(PartWords));

    private readonly record struct Point(int From, int To, int Start, int End, bool Top, bool Region = false, bool Part = false);

    /// <summary>
    /// The level that stands for a part of a region named as an end of a range ("from the upper cervical to the lower
    /// thoracic cord"): upper cervical C2, mid cervical C4, lower cervical C6, upper thoracic T2, mid thoracic T6, lower
    /// thoracic T10, upper lumbar L1. An estimate of where a writer means, good enough for a lesion's length in segments.
    /// </summary>
    private static int? PartLevel(string part, string region) => (part, region) switch
    {
        ("upper", "cervical") => 2, ("mid" or "middle", "cervical") => 4, ("lower", "cervical") => 6,
        ("upper", "thoracic" or "dorsal") => 9, ("mid" or "middle", "thoracic" or "dorsal") => 13, ("lower", "thoracic" or "dorsal") => 17,
        ("upper", "lumbar") => 20,
        _ => null,
    };

    /// <summary>The ordinal of a level token ("t12", "th6", "d12", "c5"); null when it is not one.</summary>
    // at every word of every sentence (Find) and without a loop: compiled optimised at its first call, as NumberWords.TryParse
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int? ParseToken(string w)
    {
        if (w.Length < 2 || w.Length > 4) return null;
        var region = w[0];
        var digits = 1;
        if (w.Length > 2 && w[0] == 't' && w[1] == 'h') digits = 2;
        if (region is not ('c' or 't' or 'd' or 'l' or 's')) return null;
        var len = w.Length - digits;
        if (len is 0 or > 2 || !char.IsAsciiDigit(w[digits]) || len == 2 && !char.IsAsciiDigit(w[digits + 1])) return null;
        var n = len == 1 ? w[digits] - '0' : (w[digits] - '0') * 10 + (w[digits + 1] - '0');
        if (region == 'c' && n == 8) n = 7;
        return SpinalLevels.Ordinal(char.ToUpperInvariant(region == 'd' ? 't' : region), n);
    }

    public static List<LevelRange> Find(List<Token> t, int from, int to)
    {
        var points = new List<Point>();
        for (var i = from; i < to; i++)
        {
            var w = t[i].Text;
            if (t[i].Kind == TokenKind.Word && ParseToken(w) is { } ord)
            {
                if (IsSequence(t, i, from, to)) continue;
                points.Add(new Point(ord, ord, i, i + 1, false));
                // "T4-6", "C5-7": a bare number joined by a hyphen continues the region
                if (i + 1 < to && t[i + 1].Kind == TokenKind.Number && t[i + 1].Joiner is '-' or '/' && int.TryParse(t[i + 1].Text, out var n2))
                {
                    var region = char.ToUpperInvariant(w[0] == 'd' ? 't' : w[0]);
                    if (SpinalLevels.Ordinal(region, n2) is { } o2 && o2 > ord) { points.Add(new Point(o2, o2, i + 1, i + 2, false)); i++; }
                }
                continue;
            }
            // punctuation starts no level, nor does a word outside the lists below (the ordinals' digits are numbers)
            if (t[i].Kind == TokenKind.Punct || t[i].Kind == TokenKind.Word && !StartWords.Contains(w)) continue;
            // "from the upper cervical to the lower thoracic cord": a part of a region as an end of a range (only there:
            // "the lower thoracic cord" alone names a region, which the vocabulary reads)
            if (i + 1 < to && PartLevel(w, t[i + 1].Text) is { } part)
            {
                var before = i - 1 >= from && t[i - 1].Text == "the" ? i - 2 : i - 1;
                if (before >= from && t[before].Text is "from" or "to" or "into" or "through")
                    points.Add(new Point(part, part, i, i + 2, false, Part: true));
                i++;
                continue;
            }
            if (ConusWords.Contains(w)) { var e = i + 1 < to && t[i + 1].Text == "medullaris" ? i + 2 : i + 1; points.Add(new Point(19, 20, i, e, false, Region: true)); i = e - 1; continue; }
            if (TopWords.Contains(w)) { points.Add(new Point(1, 1, i, i + 1, true)); continue; }
            // "the 11th-12th thoracic vertebrae", "9th and 11th thoracic vertebrae"
            if (NumberWords.TryOrdinal(t, i, to, out var o1, out var c1))
            {
                var ords = new List<(int n, int s, int e, bool rangeWithPrev)> { (o1, i, i + c1, false) };
                var k = i + c1;
                while (k < to)
                {
                    var joinedRange = t[k].Joiner == '-';
                    var kk = k;
                    if (t[kk].Text is "and" or "," or "to") { joinedRange = t[kk].Text == "to"; kk++; }
                    if (NumberWords.TryOrdinal(t, kk, to, out var on, out var cn)) { ords.Add((on, kk, kk + cn, joinedRange)); k = kk + cn; }
                    else break;
                }
                if (k < to && t[k].Text is "cervical" or "thoracic" or "dorsal" or "lumbar" or "sacral")
                {
                    var region = t[k].Text switch { "cervical" => 'C', "lumbar" => 'L', "sacral" => 'S', _ => 'T' };
                    var after = k + 1 < to && t[k + 1].Text.StartsWith("vertebr", StringComparison.Ordinal) ? k + 2 : k + 1;
                    for (var q = 0; q < ords.Count; q++)
                    {
                        if (SpinalLevels.Ordinal(region, ords[q].n) is not { } o) continue;
                        var end = q == ords.Count - 1 ? after : ords[q].e;
                        if (ords[q].rangeWithPrev && points.Count > 0) { var p = points[^1]; points[^1] = p with { To = Math.Max(p.To, o), End = end }; }
                        else points.Add(new Point(o, o, ords[q].s, end, false));
                    }
                    i = after - 1;
                }
                continue;
            }
        }
        // join points into ranges through connectors: "-", "/", "to", "down to", "as far as", ...
        var ranges = new List<LevelRange>();
        for (var p = 0; p < points.Count; p++)
        {
            var cur = points[p];
            int lo = cur.From, hi = cur.To, s = cur.Start, e = cur.End;
            var placeOnly = cur.Region;
            while (p + 1 < points.Count && Connected(t, points[p], points[p + 1]))
            {
                var nx = points[p + 1];
                placeOnly &= nx.Region;
                lo = Math.Min(lo, nx.Top ? 1 : nx.From);
                hi = Math.Max(hi, nx.To);
                e = nx.End; p++;
            }
            if (cur.Top && lo == hi) continue; // "the medulla" alone is not a spinal level
            if (cur.Part && s == cur.Start && e == cur.End) continue; // a part of a region alone is no level
            ranges.Add(new LevelRange(lo, hi, s, e) { PlaceOnly = placeOnly });
        }
        return ranges;
    }

    private static bool Connected(List<Token> t, Point a, Point b)
    {
        if (b.Start == a.End) return t[b.Start].Joiner is '-' or '/';
        var sawTo = false;
        for (var k = a.End; k < b.Start; k++)
        {
            var w = t[k].Text;
            if (w is "to" or "through" or "thru" or "until" or "till" or "into" or "far") sawTo = true;
            else if (w == "and" && k + 1 < b.Start && t[k + 1].Text is "down" or "up") continue;
            else if (!Connectors.Contains(w) && !(t[k].Kind == TokenKind.Punct && !t[k].Hard)) return false;
            if (k - a.End > 8) return false;
        }
        return sawTo;
    }

    private static bool IsSequence(List<Token> t, int i, int from, int to)
    {
        var w = t[i].Text;
        var next = i + 1 < to ? t[i + 1] : default;
        if (next.Text is not null && next.Text.StartsWith("weight", StringComparison.Ordinal)) return true;
        if (w is not ("t1" or "t2")) return false;
        var prev = i - 1 >= from ? t[i - 1] : default;
        if (next.Text is not null)
        {
            if (SequenceNext.Contains(next.Text) || next.Text.StartsWith("hyperintens", StringComparison.Ordinal) || next.Text.StartsWith("hypointens", StringComparison.Ordinal)
                || next.Text.StartsWith("isointens", StringComparison.Ordinal)) return true;
            if (next.Text is "and" or "or" && i + 2 < to && t[i + 2].Text is "t1" or "t2") return true;
            if (next.Joiner == '/' && next.Text is "t1" or "t2" or "stir" or "flair") return true;
        }
        if (prev.Text is not null)
        {
            if (prev.Text is "t1" or "t2" or "stir" or "flair" && (t[i].Joiner == '/' || i - 2 >= from && false)) return true;
            if (prev.Text is "and" or "or" && i - 2 >= from && t[i - 2].Text is "t1" or "t2") return true;
            if (SequencePrev.Contains(prev.Text)) return true;
            if (ParseToken(prev.Text) is not null && t[i].Joiner is '-' or '/') return false; // "C7/T1", "C2-T2"
            if (LevelPrev.Contains(prev.Text)) return false;
        }
        if (next.Text is not null && (LevelNext.Contains(next.Text) || next.Joiner is '-' or '/' && (ParseToken(next.Text) is not null || next.Kind == TokenKind.Number))) return false;
        // "cord oedema T1 to T8": a range written out in words, the other end a level beyond the first two thoracic
        if (next.Text is "to" or "through" or "until" or "till" && i + 2 < to && ParseToken(t[i + 2].Text) is not null && t[i + 2].Text is not ("t1" or "t2")) return false;
        return true;
    }
}
