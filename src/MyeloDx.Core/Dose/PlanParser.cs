using System.Globalization;
using System.Text.RegularExpressions;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Dose;

/// <summary>
/// Reads a written fractionation plan: "30 Gy/10", "30 Gy in 10 fractions", "30Gy/10#", "30 Gy/10 fx", "3 Gy x 10",
/// "10 x 3 Gy", "8 Gy single fraction", "8 Gy x 1", "3000 cGy/10", "1.8 Gy/fx to 50.4 Gy", "20 Gy(RBE)/5".
/// A plan without a unit, with a negative or impossible number, or with a fractional number of fractions is refused
/// with a coded error; nothing is guessed.
/// </summary>
public static partial class PlanParser
{
    private const string Num = @"(-?\d+(?:[.,]\d+)?)";
    private const string Unit = @"(c?gy)(?:\s*\(\s*rbe\s*\))?";
    private const string FractionWord = @"(?:fx|fxs|fr|frs|fractions?|#)";

    // "30 Gy/10", "30 Gy in 10 fractions", "30 Gy/10 fx", "30Gy/10#", "30 Gy over 10 fractions", "30 Gy, 10 fractions"
    [GeneratedRegex($@"^{Num}\s*{Unit}\s*(?:/|in|over|,|per)\s*{Num}\s*{FractionWord}?$", RegexOptions.IgnoreCase)]
    private static partial Regex TotalPerFractions();

    // "3 Gy x 10", "3 Gy × 10 fractions"
    [GeneratedRegex($@"^{Num}\s*{Unit}\s*[x×*]\s*{Num}\s*{FractionWord}?$", RegexOptions.IgnoreCase)]
    private static partial Regex PerFractionTimesN();

    // "10 x 3 Gy", "10 × 3 Gy"
    [GeneratedRegex($@"^{Num}\s*[x×*]\s*{Num}\s*{Unit}$", RegexOptions.IgnoreCase)]
    private static partial Regex NTimesPerFraction();

    // "8 Gy single fraction", "8 Gy in a single fraction", "8 Gy in one fraction", "8 Gy once", "8 Gy single dose"
    [GeneratedRegex($@"^{Num}\s*{Unit}\s*(?:(?:in|as)\s+(?:a\s+)?)?(?:single|one|1)\s*(?:fraction|dose|fx)$|^{Num}\s*{Unit}\s*once$", RegexOptions.IgnoreCase)]
    private static partial Regex SingleFraction();

    // "1.8 Gy/fx to 50.4 Gy", "2 Gy per fraction to 60 Gy"
    [GeneratedRegex($@"^{Num}\s*{Unit}\s*(?:/|per)\s*{FractionWord}\s*(?:to|up to|,)\s*{Num}\s*{Unit}$", RegexOptions.IgnoreCase)]
    private static partial Regex PerFractionToTotal();

    /// <summary>Parses one plan or throws <see cref="InputException"/> (MDX-DOSE001 unreadable, 002 dose, 003 fractions, 005 dose per fraction).</summary>
    public static Fractionation Parse(string? text, string where = "plan")
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InputException("MDX-DOSE001", where, "the plan is empty (expected e.g. \"30 Gy/10\")");
        var t = Regex.Replace(InputNormalizer.Text(text, where).Trim(), @"\s+", " ");
        Match m;
        if ((m = TotalPerFractions().Match(t)).Success)
            return Build(Number(m.Groups[1], where), m.Groups[2].Value, Number(m.Groups[3], where), where);
        if ((m = PerFractionTimesN().Match(t)).Success)
        {
            var d = Number(m.Groups[1], where); var n = Number(m.Groups[3], where);
            return Build(d * n, m.Groups[2].Value, n, where, perFractionGiven: d);
        }
        if ((m = NTimesPerFraction().Match(t)).Success)
        {
            var n = Number(m.Groups[1], where); var d = Number(m.Groups[2], where);
            return Build(d * n, m.Groups[3].Value, n, where, perFractionGiven: d);
        }
        if ((m = SingleFraction().Match(t)).Success)
        {
            var g = m.Groups[1].Success ? 1 : 3;
            return Build(Number(m.Groups[g], where), m.Groups[g + 1].Value, 1, where);
        }
        if ((m = PerFractionToTotal().Match(t)).Success)
        {
            var d = Number(m.Groups[1], where); var total = Number(m.Groups[3], where);
            if (!string.Equals(m.Groups[2].Value, m.Groups[4].Value, StringComparison.OrdinalIgnoreCase))
                throw new InputException("MDX-DOSE001", where, "the dose per fraction and the total use different units");
            var dGy = ToGy(d, m.Groups[2].Value); var totalGy = ToGy(total, m.Groups[4].Value);
            if (dGy <= 0) throw new InputException("MDX-DOSE002", where, $"a dose per fraction of {PhysicalDoseGy.Fmt(dGy)} Gy is impossible");
            var n = totalGy / dGy;
            return Build(total, m.Groups[2].Value, n, where);
        }
        if (Regex.IsMatch(t, @"^-?\d+(?:[.,]\d+)?\s*(?:/|in|x|×)\s*-?\d+"))
            throw new InputException("MDX-DOSE001", where, "the dose needs a unit (Gy or cGy), e.g. \"30 Gy/10\"");
        throw new InputException("MDX-DOSE001", where,
            "not a fractionation plan (expected e.g. \"30 Gy/10\", \"30 Gy in 10 fractions\", \"3 Gy x 10\" or \"8 Gy single fraction\")");
    }

    private static Fractionation Build(double total, string unit, double fractions, string where, double? perFractionGiven = null)
    {
        var totalGy = ToGy(total, unit);
        if (fractions < 0) FractionCount.From(fractions, where); // throws: a negative count is the problem, not the dose
        if (perFractionGiven is { } d && d < 0)
            throw new InputException("MDX-DOSE002", where, $"a negative dose per fraction ({PhysicalDoseGy.Fmt(ToGy(d, unit))} Gy) is impossible");
        if (totalGy < 0) throw new InputException("MDX-DOSE002", where, $"a negative dose ({PhysicalDoseGy.Fmt(totalGy)} Gy) is impossible");
        var dose = PhysicalDoseGy.From(totalGy, where);
        if (dose.Value <= 0) throw new InputException("MDX-DOSE002", where, "a course needs a dose above 0 Gy");
        var n = FractionCount.From(fractions, where);
        return Fractionation.Create(dose, n, where);
    }

    private static double ToGy(double x, string unit) => unit.StartsWith('c') || unit.StartsWith('C') ? x / 100 : x;

    // "30,5" is 30.5; "3,000" could be 3000 or 3 and is refused (MDX-DOSE001), never guessed.
    private static double Number(Group g, string where) => DecimalText.ParseEmbedded(g.Value, where, "MDX-DOSE001");
}
