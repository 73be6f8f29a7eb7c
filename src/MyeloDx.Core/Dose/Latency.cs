using System.Text.Json.Serialization;
namespace MyeloDx.Core.Dose;

/// <summary>
/// Time from a course to the onset of cord symptoms compared with the known latency of radiation myelopathy:
/// a small early-transient component (about 2-6 months), a delayed component whose timing depends on the setting
/// (single conventional course, reirradiation, radiosurgery), and a small broad tail for onsets years later.
/// </summary>
public sealed class LatencyModelEvaluator(RadiotherapyKnowledge k)
{
    /// <summary>The latency model's setting; the JSON names are part of the assessment contract.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Setting>))]
    public enum Setting
    {
        [JsonStringEnumMemberName("single_course")] SingleCourse,
        [JsonStringEnumMemberName("reirradiation")] Reirradiation,
        [JsonStringEnumMemberName("radiosurgery")] Radiosurgery,
    }

    public static Setting SettingOf(CordDoseAnalysis a, CourseCordDose course, double meaningfulEqd2)
    {
        if (course.Technique("sbrt", "srs")) return Setting.Radiosurgery;
        var reaching = a.Reaching.Count(c => c.CordEqd2 is null || c.CordEqd2.Value.Value >= meaningfulEqd2);
        return reaching >= 2 ? Setting.Reirradiation : Setting.SingleCourse;
    }

    public PositiveDensity Delayed(Setting s) => s switch
    {
        Setting.Reirradiation => k.Latency.DelayedReirradiation,
        Setting.Radiosurgery => k.Latency.DelayedRadiosurgery,
        _ => k.Latency.DelayedSingleCourse,
    };

    /// <summary>Density of the onset delay (months) under radiation myelopathy.</summary>
    public double RadiationMyelopathy(double months, Setting s)
    {
        var l = k.Latency;
        var we = l.EarlyTransientWeight.Value; var wl = l.LateTailWeight.Value;
        return we * l.EarlyTransient.Evaluate(months) + wl * l.LateTail.Evaluate(months) + (1 - we - wl) * Delayed(s).Evaluate(months);
    }

    /// <summary>Density of the delay under any other cause (an unrelated earlier course).</summary>
    public double Background(double months) => k.Latency.Background.Evaluate(months);

    /// <summary>Where the delay falls in the delayed form's distribution (0-1).</summary>
    public double Percentile(double months, Setting s)
    {
        var d = Delayed(s);
        if (months <= 0) return 0;
        return NormalCdf((Math.Log(months) - Math.Log(d.Center)) / Math.Log(d.Spread));
    }

    public string Describe(double months, Setting s)
    {
        var d = Delayed(s);
        var what = s switch
        {
            Setting.Reirradiation => "after reirradiation",
            Setting.Radiosurgery => "after spinal radiosurgery",
            _ => "after a single course",
        };
        var typical = $"median about {F(d.Center)} months {what}{(d.Note is { } n ? $", {n}" : "")}; {d.Provenance.Cite}";
        var early = k.Latency.EarlyTransient;
        var earliest = early.Center / (early.Spread * early.Spread);
        var p = Percentile(months, s);
        if (months < earliest)
            return $"too soon for any form of radiation myelopathy, which appears months after the course ({typical})";
        if (p < 0.05)
            return $"earlier than delayed radiation myelopathy usually appears ({typical}); only the transient early form (about {F(early.Center)} months; {early.Provenance.Cite}) occurs this soon";
        if (p > 0.95)
            return $"later than most delayed radiation myelopathy ({typical}); onsets years later are reported but exceptional";
        return $"within the usual delay of radiation myelopathy ({typical})";
    }

    internal static string F(double x) => x.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Standard normal CDF (Abramowitz and Stegun 7.1.26 for erf; error below 1.5e-7).</summary>
    internal static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
    }
}
