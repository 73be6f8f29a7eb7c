using MyeloDx.Core.Contract;
using MyeloDx.Core.Cases;

namespace MyeloDx.Core.Scores;

/// <summary>
/// ECOG ↔ Karnofsky conversion. Two published mappings disagree by about one ECOG step at KPS 50-90: the
/// conventional table and the empirical best fit of Prasad 2018 (5,844 paired ratings). Both are shown; the
/// conventional one is used where a KPS is needed (e.g. the Breast GPA) and the output says so.
/// </summary>
public static class PerformanceStatus
{
    public const string ConventionalSource = "MyelomaCI-table";
    public const string EmpiricalSource = "Prasad2018";

    /// <summary>KPS range for each ECOG grade, conventional table.</summary>
    public static (int Low, int High) ConventionalKps(int ecog) => ecog switch
    {
        0 => (90, 100), 1 => (70, 80), 2 => (50, 60), 3 => (30, 40), 4 => (10, 20), 5 => (0, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(ecog)),
    };

    /// <summary>KPS range for each ECOG grade, empirical best fit (Prasad 2018); ECOG 5 (dead) maps to 0.</summary>
    public static (int Low, int High) EmpiricalKps(int ecog) => ecog switch
    {
        0 => (100, 100), 1 => (80, 90), 2 => (70, 70), 3 => (50, 60), 4 => (10, 40), 5 => (0, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(ecog)),
    };

    public static int ConventionalEcog(int kps) => kps switch { >= 90 => 0, >= 70 => 1, >= 50 => 2, >= 30 => 3, >= 10 => 4, _ => 5 };
    public static int EmpiricalEcog(int kps) => kps switch { >= 100 => 0, >= 80 => 1, >= 70 => 2, >= 50 => 3, >= 10 => 4, _ => 5 };

    /// <summary>The KPS range the case supports (stated, or converted from ECOG with the conventional table), or null.</summary>
    public static (int Low, int High, string How)? Kps(Case c)
    {
        if (c.Patient?.Kps is { } k) return (k, k, "stated");
        if (c.Patient?.Ecog is { } e)
        {
            var (lo, hi) = ConventionalKps(e);
            return (lo, hi, $"converted from ECOG {e} with the conventional table ({ConventionalSource})");
        }
        return null;
    }

    public static ScoreResult Assess(Case c)
    {
        var ecog = c.Patient?.Ecog; var kps = c.Patient?.Kps;
        if (ecog is null && kps is null)
            return new ScoreResult("performanceStatus", "ECOG / Karnofsky performance status", null, "neither ECOG nor KPS recorded", ["ECOG or KPS"], [ConventionalSource, EmpiricalSource]);
        PerformanceStatusDetails d;
        string value, summary;
        if (ecog is { } e && kps is { } k)
        {
            var (lo, hi) = ConventionalKps(e);
            var agree = k >= lo && k <= hi;
            value = $"ECOG {e}, KPS {k}";
            summary = $"both stated; {(agree ? "consistent" : "not consistent")} with the conventional table (ECOG {e} ↔ KPS {lo}-{hi}; {ConventionalSource})";
            d = new PerformanceStatusDetails { Ecog = e, Kps = k, Consistent = agree };
        }
        else if (ecog is { } e2)
        {
            var (lo, hi) = ConventionalKps(e2); var (elo, ehi) = EmpiricalKps(e2);
            value = $"ECOG {e2}";
            summary = $"KPS {Range(lo, hi)} by the conventional table ({ConventionalSource}, used here) or KPS {Range(elo, ehi)} by the empirical mapping ({EmpiricalSource})";
            d = new PerformanceStatusDetails { Ecog = e2, KpsConventional = Range(lo, hi), KpsEmpirical = Range(elo, ehi) };
        }
        else
        {
            var k2 = kps!.Value;
            var ce = ConventionalEcog(k2); var ee = EmpiricalEcog(k2);
            value = $"KPS {k2}";
            summary = $"ECOG {ce} by the conventional table ({ConventionalSource}, used here) or ECOG {ee} by the empirical mapping ({EmpiricalSource})";
            d = new PerformanceStatusDetails { Kps = k2, EcogConventional = ce, EcogEmpirical = ee };
        }
        return new ScoreResult("performanceStatus", "ECOG / Karnofsky performance status", value, summary, [], [ConventionalSource, EmpiricalSource]) { Details = d };
    }

    private static string Range(int lo, int hi) => lo == hi ? lo.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{lo}-{hi}";
}
