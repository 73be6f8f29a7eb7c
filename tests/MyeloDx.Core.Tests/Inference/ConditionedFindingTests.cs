using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Inference;

/// <summary>Sex read in the light of the primary cancer, and the primary in the light of checkpoint inhibitor treatment (knowledge/dependence.yaml, conditioned).</summary>
public class ConditionedFindingTests
{
    private static readonly KnowledgeBase Kb = TestPaths.KnowledgeBase;
    private static readonly DiagnosticEngine Engine = new(Kb);

    private static Observation Obs(string variable, string state) => new(variable, state, null, "test");

    private static double Ratio(Assessment a, string top, string bottom) =>
        a.Differential.Single(d => d.Id == top).Probability / a.Differential.Single(d => d.Id == bottom).Probability;

    [Fact]
    public void Once_the_primary_is_known_sex_no_longer_separates_two_complications_of_that_cancer()
    {
        var primaryOnly = Engine.Assess([Obs("primary_cancer", "lung_non_small_cell")]);
        var withSex = Engine.Assess([Obs("primary_cancer", "lung_non_small_cell"), Obs("sex", "female")]);
        Assert.Equal(Ratio(primaryOnly, "intramedullary_metastasis", "radiation_myelopathy"),
            Ratio(withSex, "intramedullary_metastasis", "radiation_myelopathy"), 9);
    }

    [Fact]
    public void Under_checkpoint_inhibitor_treatment_the_primary_is_not_counted_again_for_checkpoint_inhibitor_myelitis()
    {
        // melanoma and lung cancer dominate checkpoint-inhibitor myelitis because they dominate the treated patients: once
        // the treatment is stated, melanoma must move checkpoint-inhibitor myelitis against leptomeningeal metastasis much
        // less than it does when the treatment is unknown
        var ici = Obs("ici_exposure", "present");
        var melanomaGain = Ratio(Engine.Assess([ici, Obs("primary_cancer", "melanoma")]), "immune_checkpoint_myelitis", "leptomeningeal_metastasis")
                           / Ratio(Engine.Assess([ici]), "immune_checkpoint_myelitis", "leptomeningeal_metastasis");
        var unconditionedGain = Ratio(Engine.Assess([Obs("primary_cancer", "melanoma")]), "immune_checkpoint_myelitis", "leptomeningeal_metastasis")
                                / Ratio(Engine.Assess([]), "immune_checkpoint_myelitis", "leptomeningeal_metastasis");
        Assert.True(melanomaGain < unconditionedGain / 2, $"gain with treatment {melanomaGain:0.00}, without {unconditionedGain:0.00}");
    }

    [Fact]
    public void Without_a_known_primary_sex_still_counts_with_each_diagnosis_own_ratio()
    {
        var none = Engine.Assess([]);
        var woman = Engine.Assess([Obs("sex", "female")]);
        // intramedullary metastases are mostly women in the published series, radiation myelopathy about even
        Assert.True(Ratio(woman, "intramedullary_metastasis", "radiation_myelopathy")
                    > 1.1 * Ratio(none, "intramedullary_metastasis", "radiation_myelopathy"));
    }

    [Fact]
    public void A_woman_with_breast_cancer_learns_almost_nothing_from_her_sex()
    {
        var primaryOnly = Engine.Assess([Obs("primary_cancer", "breast")]);
        var withSex = Engine.Assess([Obs("primary_cancer", "breast"), Obs("sex", "female")]);
        foreach (var d in Kb.Diagnoses)
        {
            var before = Ratio(primaryOnly, d.Id, "epidural_cord_compression");
            var after = Ratio(withSex, d.Id, "epidural_cord_compression");
            // at most a few per cent (a strongly male cause such as a fistula keeps a trace of its ratio: men get breast cancer too)
            Assert.InRange(after / before, 0.95, 1.05);
        }
    }

    [Fact]
    public void A_cause_unrelated_to_the_cancer_keeps_its_own_sex_ratio()
    {
        // dural fistulas are mostly men whatever the cancer; a man with lung cancer makes one likelier against a metastasis
        var primaryOnly = Engine.Assess([Obs("primary_cancer", "lung_non_small_cell")]);
        var man = Engine.Assess([Obs("primary_cancer", "lung_non_small_cell"), Obs("sex", "male")]);
        Assert.True(Ratio(man, "dural_av_fistula", "intramedullary_metastasis")
                    > 1.3 * Ratio(primaryOnly, "dural_av_fistula", "intramedullary_metastasis"));
    }

    [Fact]
    public void The_explanation_says_sex_was_weighed_with_the_primary()
    {
        var a = Engine.Assess([Obs("primary_cancer", "lung_non_small_cell"), Obs("sex", "male")]);
        var line = a.Differential.SelectMany(d => d.Supporting.Concat(d.Opposing)).First(c => c.VariableId == "sex");
        Assert.Contains("weighed with non-small-cell lung cancer", line.Finding);
    }

    [Fact]
    public void An_uncertain_primary_leaves_sex_with_its_own_ratios()
    {
        var uncertain = Engine.Assess([new Observation("primary_cancer", "breast", null, "test", Uncertain: true), Obs("sex", "female")]);
        var line = uncertain.Differential.SelectMany(d => d.Supporting.Concat(d.Opposing)).FirstOrDefault(c => c.VariableId == "sex");
        Assert.True(line is null || !line.Finding.Contains("weighed with", StringComparison.Ordinal));
    }

    [Property(MaxTest = 200)]
    public Property Conditioned_likelihoods_are_probabilities_over_the_states() =>
        Prop.ForAll(Gen.Elements(Kb.Robustness.Conditioned.Values.SelectMany(c => c.SharesByGivenState.Values.Select(s => (c, s))).ToArray()).ToArbitrary(),
            pair =>
            {
                var (c, shares) = pair;
                var v = Kb.Variables[c.VariableId];
                var rows = v.States.Where(s => !s.IsGroup).Select(s => ConditionedLikelihood.Of(v, s.Id, c, shares)!).ToArray();
                return Enumerable.Range(0, Kb.Diagnoses.Count).All(i =>
                    Math.Abs(rows.Sum(r => r[i]) - 1) < 1e-9 && rows.All(r => r[i] > 0 && r[i] < 1));
            });

    [Fact]
    public void A_share_outside_zero_and_one_is_refused_with_its_line()
    {
        var files = new Dictionary<string, string>();
        foreach (var f in Directory.GetFiles(TestPaths.Knowledge, "*.yaml")) files[Path.GetFileName(f)] = File.ReadAllText(f);
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Knowledge, "findings"), "*.yaml")) files["findings/" + Path.GetFileName(f)] = File.ReadAllText(f);
        var broken = files["dependence.yaml"].Replace("breast: {female: 0.991,", "breast: {female: 1.2,", StringComparison.Ordinal);
        Assert.NotEqual(files["dependence.yaml"], broken);
        files["dependence.yaml"] = broken;
        var (kb, diags) = KnowledgeLoader.FromTexts(files);
        Assert.Null(kb);
        Assert.Contains(diags, d => d.Code == "MDX-KB006" && d.File == "dependence.yaml" && d.Line > 0);
    }
}
