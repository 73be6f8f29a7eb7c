using MyeloDx.Core.Cases;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Dose;

public class CordDoseModelTests
{
    private static CordDoseModel Model => new(Repo.Radiotherapy);

    private static Case With(string lesion, params RadiotherapyCourse[] courses) => new()
    {
        Imaging = new Imaging { Levels = lesion },
        Treatments = new Treatments { Radiotherapy = courses },
    };

    [Fact]
    public void A_cord_inside_the_field_is_taken_to_receive_the_prescription()
    {
        var a = Model.Analyze(With("T12-L1", new RadiotherapyCourse { Levels = "T10-L2", TotalDoseGy = 30, Fractions = 10 }));
        var c = Assert.Single(a.Courses);
        Assert.Equal(37.5, c.CordEqd2!.Value.Value, 2);
        Assert.Contains(c.Warnings, w => w.Contains("worst case"));
    }

    [Fact]
    public void A_stated_cord_maximum_is_used_instead_of_the_prescription()
    {
        var a = Model.Analyze(With("T8", new RadiotherapyCourse { Levels = "T7-T9", TotalDoseGy = 27, Fractions = 3, CordMaxDoseGy = 14, Technique = "sbrt" }));
        var c = a.Courses[0];
        Assert.True(c.UsesStatedCordDose);
        Assert.Equal(14, c.CordDose!.Total.Value, 6);
        Assert.Equal(23.33, c.CordEqd2!.Value.Value, 2);
    }

    [Fact]
    public void The_cord_near_a_field_edge_gets_part_of_the_dose_and_far_away_almost_none()
    {
        double Eqd2(string lesion) => Model.Analyze(With(lesion, new RadiotherapyCourse { Levels = "T10-L2", TotalDoseGy = 30, Fractions = 10 })).CumulativeEqd2.Value;
        var inside = Eqd2("T12"); var edge = Eqd2("L3"); var far = Eqd2("T2");
        Assert.True(inside > edge && edge > far, $"{inside} > {edge} > {far}");
        Assert.True(far < 0.5);
    }

    [Fact]
    public void A_missing_fraction_count_is_replaced_by_the_usual_schedule_and_said_so()
    {
        var a = Model.Analyze(Repo.Demo);
        var c = Assert.Single(a.Courses);
        Assert.Equal(10, c.Prescription!.Fractions.Value);
        Assert.Contains("fractions not stated", c.FractionationAssumption);
    }

    [Fact]
    public void An_unlisted_total_uses_the_default_dose_per_fraction_of_the_technique()
    {
        var (f, note) = Model.Assume(50, "conventional", "test");
        Assert.Equal(25, f.Fractions.Value);
        Assert.Contains("estimate", note);
    }

    [Fact]
    public void The_dose_is_unknown_when_neither_the_total_nor_the_cord_dose_is_stated()
    {
        var a = Model.Analyze(With("T6", new RadiotherapyCourse { Target = "mediastinum", MonthsBeforeOnset = 12 }));
        Assert.False(a.Courses[0].DoseKnown);
        Assert.False(a.DoseComplete);
    }

    // ---- risk rules (reference notes §2.8 scenarios) ----

    private static IReadOnlyList<RiskCheck> Risks(Case c) => new CordRisk(Repo.Radiotherapy).Assess(Model.Analyze(c));

    [Fact]
    public void Reirradiation_scenario_A_meets_the_Nieder_and_Sahgal_conditions()
    {
        var c = With("T8",
            new RadiotherapyCourse { Levels = "T6-T10", TotalDoseGy = 30, Fractions = 10, MonthsBeforeOnset = 20 },
            new RadiotherapyCourse { Levels = "T7-T9", TotalDoseGy = 27, Fractions = 3, CordMaxDoseGy = 14, Technique = "sbrt", MonthsBeforeOnset = 6 });
        var r = Risks(c);
        var nieder = r.Single(x => x.Rule == "reirradiation_nieder");
        Assert.Equal(RiskVerdict.Within, nieder.Verdict);
        Assert.Equal(121.67, nieder.Figures["cumulativeBedGy2"], 2);
        var sahgal = r.Single(x => x.Rule == "reirradiation_sahgal");
        Assert.Equal(RiskVerdict.Within, sahgal.Verdict);
        Assert.Equal(0.384, sahgal.Figures["sbrtShare"], 3);
        var rec = r.Single(x => x.Rule == "recovery_step_model");
        Assert.Equal(18.75 + 23.33, rec.Figures["effectiveCumulativeEqd2Gy"], 1); // 50% of 37.5 recovered after 14 months
    }

    [Fact]
    public void Reirradiation_scenario_B_fails_the_Nieder_and_Sahgal_conditions()
    {
        var c = With("T8",
            new RadiotherapyCourse { Levels = "T6-T10", TotalDoseGy = 39, Fractions = 13, MonthsBeforeOnset = 10 },
            new RadiotherapyCourse { Levels = "T7-T9", TotalDoseGy = 20, Fractions = 5, Technique = "sbrt", MonthsBeforeOnset = 6 });
        var r = Risks(c);
        var nieder = r.Single(x => x.Rule == "reirradiation_nieder");
        Assert.Equal(RiskVerdict.Exceeds, nieder.Verdict);
        Assert.Equal(157.5, nieder.Figures["cumulativeBedGy2"], 2);
        Assert.Contains("interval 4 months", nieder.Summary);
        Assert.Equal(RiskVerdict.Exceeds, r.Single(x => x.Rule == "reirradiation_sahgal").Verdict);
    }

    [Fact]
    public void Reirradiation_without_dates_cannot_be_assessed_rather_than_passing()
    {
        var c = With("T8",
            new RadiotherapyCourse { Levels = "T6-T10", TotalDoseGy = 30, Fractions = 10 },
            new RadiotherapyCourse { Levels = "T7-T9", TotalDoseGy = 20, Fractions = 5 });
        Assert.Equal(RiskVerdict.CannotAssess, Risks(c).Single(x => x.Rule == "reirradiation_nieder").Verdict);
    }

    [Fact]
    public void SBRT_cord_doses_are_checked_against_the_limit_for_their_number_of_fractions()
    {
        var over = Risks(With("T8", new RadiotherapyCourse { Levels = "T8", TotalDoseGy = 24, Fractions = 1, CordMaxDoseGy = 14, Technique = "sbrt" }));
        Assert.Contains(over, x => x.Rule == "sbrt_limit_Sahgal2013" && x.Verdict == RiskVerdict.Exceeds);
        var under = Risks(With("T8", new RadiotherapyCourse { Levels = "T8", TotalDoseGy = 24, Fractions = 2, CordMaxDoseGy = 16, Technique = "sbrt" }));
        Assert.Contains(under, x => x.Rule == "sbrt_limit_Sahgal2013" && x.Verdict == RiskVerdict.Within);
    }

    [Fact]
    public void An_SBRT_plan_without_a_cord_dose_puts_the_cord_at_the_published_limit_not_at_the_prescription()
    {
        var a = Model.Analyze(With("T7-T9", new RadiotherapyCourse { Levels = "T8", TotalDoseGy = 27, Fractions = 3, Technique = "sbrt" }));
        var c = a.Courses.Single();
        // Sahgal 2013 allows 20.3 Gy in 3 fractions at the cord (the more permissive of the two listed limits)
        Assert.Equal(20.3, c.CordDose!.Total.Value, 3);
        Assert.Equal("Sahgal2013", c.AssumedCordLimit!.Provenance.SourceId);
        Assert.False(c.UsesStatedCordDose);
        // the worst case is still told: 27 Gy in 3 at alpha/beta 2 is 27 * (1 + 9/2) / 2 = 74.25 Gy EQD2
        Assert.Contains(c.Warnings, w => w.Contains("published limit") && w.Contains("74.3 Gy"));
        Assert.DoesNotContain(c.Warnings, w => w.Contains("taken as the prescription"));
        // a limit that was assumed is not reported as met or exceeded
        Assert.All(Risks(With("T7-T9", new RadiotherapyCourse { Levels = "T8", TotalDoseGy = 27, Fractions = 3, Technique = "sbrt" }))
                .Where(x => x.Rule.StartsWith("sbrt_limit_", StringComparison.Ordinal)),
            x => Assert.Equal(RiskVerdict.CannotAssess, x.Verdict));
    }

    [Fact]
    public void A_conventional_course_without_a_cord_dose_still_puts_the_cord_at_the_prescription()
    {
        var c = Model.Analyze(With("T8", new RadiotherapyCourse { Levels = "T7-T9", TotalDoseGy = 30, Fractions = 10 })).Courses.Single();
        Assert.Null(c.AssumedCordLimit);
        Assert.Equal(30, c.CordDose!.Total.Value, 3);
        Assert.Contains(c.Warnings, w => w.Contains("taken as the prescription"));
    }

    [Fact]
    public void An_SBRT_prescription_below_the_limit_is_taken_as_it_is()
    {
        var c = Model.Analyze(With("T8", new RadiotherapyCourse { Levels = "T8", TotalDoseGy = 10, Fractions = 1, Technique = "sbrt" })).Courses.Single();
        Assert.Null(c.AssumedCordLimit);
        Assert.Equal(10, c.CordDose!.Total.Value, 3);
    }

    [Fact]
    public void The_conventional_risk_is_tiny_at_30_Gy_in_10_and_substantial_at_60_Gy_in_30()
    {
        double Risk(double total, int n) => Risks(With("C4", new RadiotherapyCourse { Target = "neck", TotalDoseGy = total, Fractions = n }))
            .Single(x => x.Rule == "conventional_dose_response").Figures["risk"];
        Assert.True(Risk(30, 10) < 0.001);
        Assert.InRange(Risk(60, 30), 0.03, 0.15);
    }
}
