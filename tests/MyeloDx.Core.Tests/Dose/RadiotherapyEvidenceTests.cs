using MyeloDx.Core.Cases;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Dose;

public class RadiotherapyEvidenceTests
{
    private const string Rm = "radiation_myelopathy";

    private static double Posterior(Case c, string id = Rm) => Repo.Service.Assess(c).Get(id)!.Probability;

    private static Case WithCourses(Case c, params RadiotherapyCourse[] courses) =>
        c with { Treatments = (c.Treatments ?? new Treatments()) with { Radiotherapy = courses } };

    private static readonly RadiotherapyCourse SpinalCourse14Months =
        new() { Target = "T10-L2", Levels = "T10-L2", TotalDoseGy = 30, Fractions = 10, Technique = "conventional", MonthsBeforeOnset = 14 };

    [Fact]
    public void The_demo_explanation_says_the_conus_was_outside_the_whole_brain_field()
    {
        var a = Repo.Service.Assess(Repo.Demo);
        var dose = Assert.Single(a.Get(Rm)!.Opposing, x => x.VariableId == RadiotherapyEvidenceProvider.CordDoseId);
        Assert.Contains("conus", dose.Finding);
        Assert.Contains("outside the whole-brain field", dose.Finding);
        Assert.Contains("≈ 0 Gy", dose.Finding);
        Assert.Contains("18 vertebral segments below the lower edge (C1)", dose.Detail);
    }

    [Fact]
    public void Absence_of_cord_irradiation_weighs_strongly_against_radiation_myelopathy()
    {
        var a = Repo.Service.Assess(Repo.Demo);
        var dose = a.Get(Rm)!.Opposing.Single(x => x.VariableId == RadiotherapyEvidenceProvider.CordDoseId);
        Assert.True(dose.LikelihoodRatio < 0.15, $"LR {dose.LikelihoodRatio}");
        Assert.True(a.Get(Rm)!.Probability < 0.001);
    }

    [Fact]
    public void A_spinal_course_fourteen_months_earlier_raises_radiation_myelopathy_by_a_large_factor()
    {
        var before = Posterior(Repo.Demo);
        var replaced = Posterior(WithCourses(Repo.Demo, SpinalCourse14Months));
        var added = Posterior(WithCourses(Repo.Demo, Repo.Demo.Treatments!.Radiotherapy![0], SpinalCourse14Months));
        Assert.True(replaced / before > 50, $"factor {replaced / before:0.#}");
        Assert.True(added / before > 50, $"factor {added / before:0.#}");
    }

    [Fact]
    public void The_computed_evidence_replaces_the_categorical_radiotherapy_findings()
    {
        var c = WithCourses(Repo.Demo, SpinalCourse14Months);
        var input = Repo.Service.FromCase(c);
        // the deriver still states the categorical fallback, the engine drops it because the computed evidence supersedes it
        Assert.Contains(input.Observations, o => o.VariableId == "cord_rt_exposure");
        Assert.All(input.Computed, e => Assert.Contains("cord_rt_exposure", e.Supersedes));
        var a = Repo.Service.Assess(input);
        Assert.DoesNotContain(a.Observations, o => o.VariableId is "cord_rt_exposure" or "rt_latency_months");
        var rm = a.Get(Rm)!;
        var all = rm.Supporting.Concat(rm.Opposing).ToArray();
        Assert.Single(all, x => x.VariableId == RadiotherapyEvidenceProvider.CordDoseId);
        Assert.Single(all, x => x.VariableId == RadiotherapyEvidenceProvider.LatencyId);
        Assert.DoesNotContain(all, x => x.VariableId is "cord_rt_exposure" or "rt_latency_months");
    }

    [Fact]
    public void Without_the_dose_model_the_categorical_fallback_still_opposes_radiation_myelopathy()
    {
        var a = Repo.WithoutDoseModel.Assess(Repo.Demo);
        Assert.Contains(a.Observations, o => o.VariableId == "cord_rt_exposure" && o.State == "outside_field");
        Assert.True(a.Get(Rm)!.Probability < 0.01);
    }

    [Fact]
    public void A_never_irradiated_patient_keeps_the_categorical_none_which_weighs_strongly_against()
    {
        var c = WithCourses(Repo.Demo);
        var input = Repo.Service.FromCase(c);
        Assert.Empty(input.Computed);
        var a = Repo.Service.Assess(input);
        var none = a.Get(Rm)!.Opposing.Single(x => x.VariableId == "cord_rt_exposure");
        Assert.True(none.LikelihoodRatio < 0.1, $"LR {none.LikelihoodRatio}");
    }

    [Fact]
    public void A_field_that_cannot_be_placed_yields_no_computed_evidence()
    {
        var c = WithCourses(Repo.Demo, new RadiotherapyCourse { Target = "spine", TotalDoseGy = 20, Fractions = 5, MonthsBeforeOnset = 10 });
        Assert.Empty(Repo.Service.FromCase(c).Computed);
    }

    [Fact]
    public void An_in_field_course_without_a_dose_still_counts_its_geometry()
    {
        var c = WithCourses(Repo.Demo, new RadiotherapyCourse { Levels = "T11-L1", MonthsBeforeOnset = 14 });
        var e = Repo.Service.FromCase(c).Computed.Single(x => x.Id == RadiotherapyEvidenceProvider.CordDoseId);
        Assert.Contains("cord dose not known", e.Label);
        Assert.True(Posterior(c) > 10 * Posterior(Repo.Demo));
    }

    [Fact]
    public void A_field_that_only_possibly_included_the_cord_counts_with_half_weight()
    {
        var lesion = Repo.Demo with { Imaging = Repo.Demo.Imaging! with { Levels = "T6" } };
        var certain = Repo.Service.FromCase(WithCourses(lesion, new RadiotherapyCourse { Levels = "T4-T8", TotalDoseGy = 50, Fractions = 25, MonthsBeforeOnset = 14 }));
        var possible = Repo.Service.FromCase(WithCourses(lesion, new RadiotherapyCourse { Target = "mediastinum", TotalDoseGy = 50, Fractions = 25, MonthsBeforeOnset = 14 }));
        var rm = Repo.Kb.DiagnosisIndex[Rm];
        var im = Repo.Kb.DiagnosisIndex["intramedullary_metastasis"];
        double LogRatio(MyeloDx.Core.Services.CaseInput i) => Math.Log(i.Computed[0].Likelihood[rm] / i.Computed[0].Likelihood[im]);
        Assert.Equal(LogRatio(certain) / 2, LogRatio(possible), 6);
        Assert.Contains("possibly inside the mediastinal field", possible.Computed[0].Label);
    }

    [Fact]
    public void Likelihoods_cover_every_diagnosis_in_knowledge_base_order()
    {
        foreach (var e in Repo.Service.FromCase(WithCourses(Repo.Demo, SpinalCourse14Months)).Computed)
        {
            Assert.Equal(Repo.Kb.Diagnoses.Count, e.Likelihood.Count);
            Assert.All(e.Likelihood, l => Assert.True(l > 0 && double.IsFinite(l)));
            Assert.False(string.IsNullOrWhiteSpace(e.Explanation));
            Assert.NotNull(e.SourceId);
        }
    }

    [Fact]
    public void Onset_within_the_usual_delay_supports_radiation_myelopathy_more_than_an_onset_a_few_weeks_later()
    {
        double At(double months) => Posterior(WithCourses(Repo.Demo, SpinalCourse14Months with { MonthsBeforeOnset = months }));
        Assert.True(At(14) > 3 * At(1), $"{At(14)} vs {At(1)}");
        Assert.True(At(14) > At(120));
    }

    [Fact]
    public void The_latency_explanation_compares_with_the_published_delay()
    {
        var e = Repo.Service.FromCase(WithCourses(Repo.Demo, SpinalCourse14Months with { MonthsBeforeOnset = 3 }))
            .Computed.Single(x => x.Id == RadiotherapyEvidenceProvider.LatencyId);
        Assert.Contains("earlier than delayed radiation myelopathy usually appears", e.Explanation);
        Assert.Equal("Wong1994", e.SourceId);
    }

    [Fact]
    public void Higher_cord_doses_in_the_field_weigh_more_for_radiation_myelopathy()
    {
        var kb = Repo.Kb;
        var rm = kb.DiagnosisIndex[Rm];
        var im = kb.DiagnosisIndex["intramedullary_metastasis"];
        double Ratio(double total, int n)
        {
            var c = WithCourses(Repo.Demo, SpinalCourse14Months with { TotalDoseGy = total, Fractions = n, MonthsBeforeOnset = null });
            var e = Repo.Service.FromCase(c).Computed.Single();
            return e.Likelihood[rm] / e.Likelihood[im];
        }
        var doses = new[] { (8.0, 1), (20.0, 5), (30.0, 10), (45.0, 25), (54.0, 27), (60.0, 30), (70.0, 35) };
        var ratios = doses.Select(d => Ratio(d.Item1, d.Item2)).ToArray();
        for (var i = 1; i < ratios.Length; i++) Assert.True(ratios[i] > ratios[i - 1], string.Join(", ", ratios));
    }
}
