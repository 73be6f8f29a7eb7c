using MyeloDx.Core.Contract;
using MyeloDx.Core.Cases;

namespace MyeloDx.Core.Scores;

/// <summary>
/// Breast Graded Prognostic Assessment (Sperduto 2012, 400 patients with breast cancer and newly diagnosed brain
/// metastases): KPS, tumour subtype and age, 0-4 points, with median survival by group.
/// </summary>
/// <remarks>
/// Points: KPS ≤50 = 0, 60 = 0.5, 70-80 = 1.0, 90-100 = 1.5; subtype basal (triple-negative) = 0, luminal A
/// (HR+/HER2−) = 1.0, HER2 (HR−/HER2+) = 1.5, luminal B (HR+/HER2+) = 2.0; age ≥60 = 0, &lt;60 = 0.5.
/// Median survival 3.4 / 7.7 / 15.1 / 25.3 months for GPA 0-1.0 / 1.5-2.0 / 2.5-3.0 / 3.5-4.0.
/// Factors and survival figures were read in the primary paper's abstract (Sperduto2012, PMID 21497451); the point
/// weights come from the GPA summary report (Sperduto2012JCO) as implemented by an independent calculator, and agree
/// with the reference digest. The 2020 update (which adds brain-metastasis count and extracranial disease) is not
/// computed because its subtype weights could not be checked against the paper.
/// With unknown factors the score is given as the range they allow. It is a brain-metastasis index: using it for a
/// patient with cord metastasis is an extrapolation, and the output says so.
/// </remarks>
public static class BreastGpa
{
    public static readonly string[] Sources = ["Sperduto2012", "Sperduto2012JCO"];

    private static readonly (string Id, string Label, double Points)[] Subtypes =
    [
        ("basal", "basal (triple-negative)", 0),
        ("luminal_a", "luminal A (HR+/HER2−)", 1.0),
        ("her2", "HER2 (HR−/HER2+)", 1.5),
        ("luminal_b", "luminal B (HR+/HER2+)", 2.0),
    ];

    public static double KpsPoints(int kps) => kps switch { <= 50 => 0, 60 => 0.5, <= 80 => 1.0, _ => 1.5 };
    public static double AgePoints(double age) => age >= 60 ? 0 : 0.5;

    /// <summary>Median survival (months) for a GPA value.</summary>
    public static double MedianSurvivalMonths(double gpa) => gpa switch { <= 1.0 => 3.4, <= 2.0 => 7.7, <= 3.0 => 15.1, _ => 25.3 };

    public static bool Applies(Case c) => (c.Cancer?.PrimarySite ?? "").Contains("breast", StringComparison.OrdinalIgnoreCase);

    public static ScoreResult Assess(Case c)
    {
        if (!Applies(c))
            return new ScoreResult("breastGpa", "Breast GPA (2012)", null, "not applicable: the primary cancer is not stated as breast", [], Sources);
        var missing = new List<string>();
        string? kpsText = null, kpsFrom = null;

        // KPS
        double[] kpsPts;
        var kps = PerformanceStatus.Kps(c);
        if (kps is { } k)
        {
            kpsPts = Enumerable.Range(k.Low / 10, k.High / 10 - k.Low / 10 + 1).Select(x => KpsPoints(x * 10)).Distinct().ToArray();
            kpsText = k.Low == k.High ? k.Low.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{k.Low}-{k.High}";
            kpsFrom = k.How;
        }
        else { kpsPts = [0, 0.5, 1.0, 1.5]; missing.Add("KPS (or ECOG)"); }

        // subtype
        var r = c.Cancer?.Receptors;
        bool? hr = r?.EstrogenPositive is true || r?.ProgesteronePositive is true ? true
            : r?.EstrogenPositive is false && r.ProgesteronePositive is false ? false : null;
        var her2 = r?.Her2Positive;
        var possible = Subtypes.Where(s => s.Id switch
        {
            "basal" => hr is not true && her2 is not true,
            "luminal_a" => hr is not false && her2 is not true,
            "her2" => hr is not true && her2 is not false,
            _ => hr is not false && her2 is not false,
        }).ToArray();
        if (hr is null) missing.Add("hormone-receptor status (ER/PR)");
        if (her2 is null) missing.Add("HER2 status");
        var subtype = possible.Length == 1 ? possible[0].Label : string.Join(" or ", possible.Select(p => p.Label));

        // age
        double[] agePts;
        if (c.Patient?.AgeYears is { } age) agePts = [AgePoints(age)];
        else { agePts = [0, 0.5]; missing.Add("age"); }

        var low = kpsPts.Min() + possible.Min(p => p.Points) + agePts.Min();
        var high = kpsPts.Max() + possible.Max(p => p.Points) + agePts.Max();
        var value = low == high ? ScoreResult.F(low) : $"{ScoreResult.F(low)}-{ScoreResult.F(high)}";
        var mstLo = MedianSurvivalMonths(low); var mstHi = MedianSurvivalMonths(high);
        var mst = mstLo == mstHi ? $"{ScoreResult.F(mstLo)} months" : $"{ScoreResult.F(mstLo)}-{ScoreResult.F(mstHi)} months";
        var d = new BreastGpaDetails
        {
            Kps = kpsText, KpsFrom = kpsFrom, Subtype = subtype, AgeYears = c.Patient?.AgeYears,
            GpaLow = low, GpaHigh = high, MedianSurvivalMonthsLow = mstLo, MedianSurvivalMonthsHigh = mstHi,
        };
        var parts = new List<string>
        {
            $"subtype {subtype}",
            c.Patient?.AgeYears is { } a ? $"age {ScoreResult.F(a)}" : "age unknown",
            kps is { } kk ? $"KPS {kpsText} ({kk.How})" : "KPS unknown",
        };
        var summary = $"{string.Join(", ", parts)}: median survival {mst} in the derivation cohort (Sperduto et al. 2012)";
        if (missing.Count > 0) summary += $"; range because {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not recorded";
        var brain = (c.Cancer?.MetastaticSites ?? []).Any(s => s.Contains("brain", StringComparison.OrdinalIgnoreCase)) || c.Imaging?.BrainMetastases is true;
        summary += brain
            ? ". The index was built for brain metastases; its use for cord metastasis is an extrapolation"
            : ". The index was built for patients with brain metastases, which are not recorded here";
        return new ScoreResult("breastGpa", "Breast GPA (2012)", value, summary, missing, Sources) { Details = d };
    }
}
