using MyeloDx.Core.Cases;

namespace MyeloDx.Core.Dose;

/// <summary>
/// How much a cord dose raises radiation myelopathy, from the dose-response (NTCP) curve rather than a bell curve over
/// reported doses. Among irradiated patients the dose of those who develop myelopathy is the background dose
/// distribution weighted by the risk, so the likelihood ratio of a dose D for radiation myelopathy against any other
/// cause with the cord in the field is R(D) / E[R], with R the log-logistic NTCP (Schultheiss fit, at its own alpha/beta)
/// blurred by the uncertainty of a reported dose, and E[R] its mean over the background doses. A dose far below
/// tolerance therefore says less for radiation myelopathy than a course whose dose is not stated (likelihood ratio 1).
/// </summary>
/// <remarks>
/// The dose that enters the curve is the cumulative cord EQD2 (alpha/beta of the fit) over every course that reaches the
/// affected cord, earlier courses reduced by the step recovery model (so a short interval between courses raises it),
/// multiplied by dose-modifying factors for a radiosensitising drug given with a course and for a checkpoint inhibitor given
/// after one. Large fractions (SBRT) raise it through the linear-quadratic conversion. Parameters: radiotherapy.yaml.
/// </remarks>
public sealed class DoseResponseEvidence(RadiotherapyKnowledge k)
{
    private readonly Lazy<double> _meanRisk = new(() => MeanBackgroundRisk(k));

    /// <summary>The effective dose and what modified it.</summary>
    public sealed record EffectiveDose(double Eqd2Gy, double Factor, IReadOnlyList<string> Modifiers);

    /// <summary>Risk at an effective EQD2 (fit alpha/beta), averaged over a lognormal dose uncertainty.</summary>
    public double SmoothedRisk(double eqd2Gy)
    {
        var sigma = k.Evidence.DoseUncertainty.Value;
        if (eqd2Gy <= 0) return 0;
        if (sigma <= 0) return k.Conventional.Risk(eqd2Gy);
        double sum = 0, wsum = 0;
        for (var z = -4.0; z <= 4.0001; z += 0.25)
        {
            var w = Math.Exp(-0.5 * z * z);
            sum += w * k.Conventional.Risk(eqd2Gy * Math.Exp(sigma * z));
            wsum += w;
        }
        return sum / wsum;
    }

    /// <summary>Mean risk over the in-field background dose distribution (taken as 2 Gy-per-fraction equivalents).</summary>
    public double MeanRisk => _meanRisk.Value;

    /// <summary>Likelihood ratio of radiation myelopathy against another cause with the cord in the field.</summary>
    public double LikelihoodRatio(double effectiveEqd2Gy) => SmoothedRisk(effectiveEqd2Gy) / MeanRisk;

    /// <summary>The cumulative effective cord EQD2 at the fit's alpha/beta for the courses that reach the affected cord.</summary>
    public EffectiveDose Effective(Case c, CordDoseAnalysis analysis)
    {
        var ab = AlphaBetaGy.From(k.Conventional.AlphaBeta.Value);
        var reaching = analysis.Reaching.Where(r => r.CordDose is not null).ToArray();
        if (reaching.Length == 0) return new EffectiveDose(0, 1, []);
        var modifiers = new List<string>();
        var latest = reaching.Where(r => r.MonthsBeforeOnset is not null).OrderBy(r => r.MonthsBeforeOnset).FirstOrDefault();
        double total = 0;
        foreach (var r in reaching)
        {
            var e = LinearQuadratic.Sum([r.CordDose!], ab).Value;
            if (latest is not null && !ReferenceEquals(r, latest) && r.MonthsBeforeOnset is { } m && latest.MonthsBeforeOnset is { } lm && m > lm)
            {
                var (rec, _) = k.RecoveredAfter(m - lm);
                if (rec > 0) modifiers.Add($"{LatencyModelEvaluator.F(rec * 100)}% recovery of the course {LatencyModelEvaluator.F(m - lm)} months before the latest");
                e *= 1 - rec;
            }
            total += e;
        }
        var factor = 1.0;
        var ev = k.Evidence;
        var drugs = c.Treatments?.Systemic ?? [];
        bool Concurrent(Drug d) => d.MonthsBeforeOnset is { } dm && reaching.Any(r => r.MonthsBeforeOnset is { } rm && Math.Abs(dm - rm) <= ev.ConcurrentWindowMonths.Value);
        if (drugs.Any(d => d.Class is "chemotherapy" or "targeted" && Concurrent(d)))
        {
            factor *= ev.ConcurrentChemotherapyFactor.Value;
            modifiers.Add($"radiosensitising drug given with the course (dose × {ev.ConcurrentChemotherapyFactor.Value:0.##}; {ev.ConcurrentChemotherapyFactor.Cite})");
        }
        var earliestCourse = reaching.Max(r => r.MonthsBeforeOnset ?? 0);
        if (drugs.Any(d => d.Class == "immune_checkpoint_inhibitor" && (d.Ongoing == true || d.MonthsBeforeOnset is { } dm && dm <= earliestCourse + ev.ConcurrentWindowMonths.Value)))
        {
            factor *= ev.CheckpointAfterRadiotherapyFactor.Value;
            modifiers.Add($"checkpoint inhibitor after the course (dose × {ev.CheckpointAfterRadiotherapyFactor.Value:0.##}; {ev.CheckpointAfterRadiotherapyFactor.Cite})");
        }
        return new EffectiveDose(total * factor, factor, modifiers);
    }

    private static double MeanBackgroundRisk(RadiotherapyKnowledge k)
    {
        var bg = k.Evidence.InFieldBackgroundDose;
        var probe = new DoseResponseEvidence(k);
        // integrate over the lognormal background on a grid of its standard scores
        double sum = 0, wsum = 0;
        for (var z = -5.0; z <= 5.0001; z += 0.1)
        {
            var w = Math.Exp(-0.5 * z * z);
            sum += w * probe.SmoothedRisk(bg.Center * Math.Pow(bg.Spread, z));
            wsum += w;
        }
        return Math.Max(sum / wsum, 1e-12);
    }
}
