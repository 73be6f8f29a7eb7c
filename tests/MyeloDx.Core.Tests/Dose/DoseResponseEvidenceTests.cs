using MyeloDx.Core.Cases;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Dose;

/// <summary>Radiation myelopathy follows the dose-response (NTCP) curve of radiotherapy.yaml, not a bell curve.</summary>
public class DoseResponseEvidenceTests
{
    private const string Rm = "radiation_myelopathy";
    private static readonly DoseResponseEvidence Response = new(Repo.Radiotherapy);

    /// <summary>The demo case with its lesion at T6 and the given courses (and drugs) instead of its own.</summary>
    private static Case At(RadiotherapyCourse[] courses, params Drug[] drugs) => Repo.Demo with
    {
        Imaging = Repo.Demo.Imaging! with { Levels = "T6" },
        Treatments = (Repo.Demo.Treatments ?? new Treatments()) with { Radiotherapy = courses, Systemic = drugs },
    };

    private static RadiotherapyCourse InField(double? gy, int? fx, double months, string technique = "conventional") =>
        new() { Levels = "T4-T8", TotalDoseGy = gy, Fractions = fx, Technique = technique, MonthsBeforeOnset = months };

    private static double Posterior(Case c) => Repo.Service.Assess(c).Get(Rm)!.Probability;

    /// <summary>Likelihood of the cord-dose evidence for radiation myelopathy over intramedullary metastasis.</summary>
    private static double DoseRatio(Case c)
    {
        var e = Repo.Service.FromCase(c).Computed.Single(x => x.Id == RadiotherapyEvidenceProvider.CordDoseId);
        return e.Likelihood[Repo.Kb.DiagnosisIndex[Rm]] / e.Likelihood[Repo.Kb.DiagnosisIndex["intramedullary_metastasis"]];
    }

    [Fact]
    public void The_curve_gives_the_documented_risks_at_54_Gy_in_30_and_20_Gy_in_5()
    {
        // Schultheiss fit: TD50 69.4 Gy, TD5 59.3 Gy, alpha/beta 0.87; slope k = ln 19 / ln(69.4/59.3) = 18.72.
        Assert.Equal(18.72, Repo.Radiotherapy.Conventional.Slope, 2);
        // 54 Gy/30 → EQD2(0.87) = 54·(1.8+0.87)/2.87 = 50.24 Gy → 0.235%; 20 Gy/5 → 33.94 Gy → 0.00015%.
        Assert.Equal(0.002353, Repo.Radiotherapy.Conventional.Risk(50.237), 5);
        Assert.Equal(1.53e-6, Repo.Radiotherapy.Conventional.Risk(33.937), 7);
    }

    [Fact]
    public void Twenty_Gy_in_five_in_field_raises_radiation_myelopathy_no_more_than_a_course_of_unstated_dose()
    {
        var low = Posterior(At([InField(20, 5, 18)]));
        var unstated = Posterior(At([InField(null, null, 18)]));
        Assert.True(low <= unstated, $"20 Gy/5: {low}, dose not stated: {unstated}");
        Assert.True(Response.LikelihoodRatio(33.937) < 1, $"LR {Response.LikelihoodRatio(33.937)}");
    }

    [Fact]
    public void Fifty_four_Gy_in_thirty_eighteen_months_earlier_gives_at_least_five_times_more_than_twenty_in_five()
    {
        var high = Posterior(At([InField(54, 30, 18)]));
        var low = Posterior(At([InField(20, 5, 18)]));
        Assert.True(high >= 5 * low, $"54 Gy/30: {high}, 20 Gy/5: {low}");
        Assert.True(Response.LikelihoodRatio(50.237) / Response.LikelihoodRatio(33.937) >= 5);
    }

    [Fact]
    public void A_higher_dose_raises_it()
    {
        Assert.True(DoseRatio(At([InField(60, 30, 18)])) > DoseRatio(At([InField(50, 25, 18)])));
        Assert.True(DoseRatio(At([InField(50, 25, 18)])) > DoseRatio(At([InField(30, 10, 18)])));
    }

    [Fact]
    public void Reirradiation_raises_it_and_a_short_interval_more_than_a_long_one()
    {
        var single = DoseRatio(At([InField(30, 10, 12)]));
        var shortGap = DoseRatio(At([InField(30, 10, 16), InField(30, 10, 12)]));
        var longGap = DoseRatio(At([InField(30, 10, 40), InField(30, 10, 12)]));
        Assert.True(shortGap > single, $"{shortGap} vs {single}");
        Assert.True(shortGap > longGap, $"4 months apart {shortGap}, 28 months apart {longGap}");
    }

    [Fact]
    public void Sbrt_without_a_cord_dose_raises_it_above_a_low_conventional_course_and_below_a_stated_cord_overdose()
    {
        var sbrt = DoseRatio(At([InField(27, 3, 12, "sbrt")]));
        Assert.True(sbrt > DoseRatio(At([InField(20, 5, 12)])), "SBRT 27 Gy/3 (cord at the limit) against 20 Gy/5 conventional");
        var overdose = At([InField(27, 3, 12, "sbrt") with { CordMaxDoseGy = 27 }]);
        Assert.True(DoseRatio(overdose) > sbrt, "a cord maximum stated at the full prescription is worse than the limit assumed");
    }

    [Fact]
    public void Sbrt_raises_it_above_a_conventional_course_of_the_same_total()
    {
        Assert.True(DoseRatio(At([InField(24, 2, 12, "sbrt")])) > DoseRatio(At([InField(24, 12, 12)])));
    }

    [Fact]
    public void A_radiosensitising_drug_with_the_course_and_a_checkpoint_inhibitor_after_it_raise_it()
    {
        var plain = DoseRatio(At([InField(50, 25, 14)]));
        var chemo = DoseRatio(At([InField(50, 25, 14)], new Drug { Name = "cisplatin", Class = "chemotherapy", MonthsBeforeOnset = 14 }));
        var ici = DoseRatio(At([InField(50, 25, 14)], new Drug { Name = "pembrolizumab", Class = "immune_checkpoint_inhibitor", MonthsBeforeOnset = 10 }));
        Assert.True(chemo > plain, $"{chemo} vs {plain}");
        Assert.True(ici > plain, $"{ici} vs {plain}");
        // a drug long before the course is not concurrent
        var earlier = DoseRatio(At([InField(50, 25, 14)], new Drug { Name = "cisplatin", Class = "chemotherapy", MonthsBeforeOnset = 40 }));
        Assert.Equal(plain, earlier, 9);
    }

    [Fact]
    public void Out_of_field_keeps_radiation_myelopathy_near_zero()
    {
        var outside = At([new RadiotherapyCourse { Levels = "L4-S1", TotalDoseGy = 54, Fractions = 30, MonthsBeforeOnset = 18 }]);
        Assert.True(Posterior(outside) < 0.01, $"{Posterior(outside)}");
        Assert.True(DoseRatio(outside) < 0.05, $"{DoseRatio(outside)}");
    }
}
