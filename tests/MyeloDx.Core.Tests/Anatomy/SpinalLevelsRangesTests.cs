using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using MyeloDx.Core.Anatomy;

namespace MyeloDx.Core.Tests.Anatomy;

/// <summary>
/// <see cref="SpinalLevels.Ranges"/> skips its pattern for an ASCII text without a digit (issue 17); the result must be
/// what running the pattern on every text gives (the reference below is the method as it was).
/// </summary>
public class SpinalLevelsRangesTests
{
    private static readonly Regex Pattern = new(@"\b([CTLS])\s?(\d{1,2})\b(?:\s*(?:-|–|to|through)\s*([CTLS])?\s?(\d{1,2})\b)?", RegexOptions.IgnoreCase);

    private static List<(int, int)> Reference(string? text)
    {
        var list = new List<(int, int)>();
        if (string.IsNullOrWhiteSpace(text)) return list;
        foreach (Match m in Pattern.Matches(text.Replace('D', 'T')))
        {
            var r1 = char.ToUpperInvariant(m.Groups[1].ValueSpan[0]);
            var a = SpinalLevels.Ordinal(r1, int.Parse(m.Groups[2].ValueSpan));
            if (a is null) continue;
            var b = a;
            if (m.Groups[4].Success)
            {
                var r2 = m.Groups[3].Success ? char.ToUpperInvariant(m.Groups[3].ValueSpan[0]) : r1;
                b = SpinalLevels.Ordinal(r2, int.Parse(m.Groups[4].ValueSpan)) ?? a;
            }
            list.Add((Math.Min(a.Value, b.Value), Math.Max(a.Value, b.Value)));
        }
        var lower = text.ToLowerInvariant();
        if (lower.Contains("conus") || lower.Contains("conal") || lower.Contains("terminal cone")) list.Add((19, 20));
        if (lower.Contains("cauda")) list.Add((20, 26));
        if (lower.Contains("cervicomedullary") || lower.Contains("medulla oblongata")) list.Add((1, 2));
        return list;
    }

    [Theory]
    [InlineData("whole brain")]
    [InlineData("T10-L2")]
    [InlineData("D4 to D8")]
    [InlineData("conus medullaris")]
    [InlineData("Cauda equina, T12 through L1")]
    [InlineData("mediastinum")]
    [InlineData("T١٢")]
    [InlineData("C5–T1 and cervicomedullary junction")]
    [InlineData("")]
    [InlineData(null)]
    public void Ranges_are_what_the_pattern_gives(string? text) =>
        Assert.Equal(Outcome(() => Reference(text)), Outcome(() => SpinalLevels.Ranges(text)));

    // the result or the failure: a non-ASCII digit fails int.Parse in both (as it always has)
    private static string Outcome(Func<IEnumerable<(int, int)>> f)
    {
        try { return string.Join(";", f()); }
        catch (Exception e) { return e.GetType().Name; }
    }

    [Fact]
    public void Random_texts_give_what_the_pattern_gives()
    {
        const string alphabet = "CTLSDctlsd0123456789 -–toughrconusaedmlbi١٢\u00a0é,.";
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rnd = new Random(seed);
            var text = new string(Enumerable.Range(0, rnd.Next(0, 24)).Select(_ => alphabet[rnd.Next(alphabet.Length)]).ToArray());
            return Outcome(() => Reference(text)) == Outcome(() => SpinalLevels.Ranges(text));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));
    }
}
