using FsCheck;
using FsCheck.Fluent;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Inference;

public class EvidenceCombinerTests
{
    private static readonly DependenceGroup Lesion = new("lesion", "one lesion", 0.5, ["a", "b", "c"]);
    private static readonly Robustness Settings = new(0.02, 5.0, 7.0, new Dictionary<string, DependenceGroup> { ["a"] = Lesion, ["b"] = Lesion, ["c"] = Lesion }, 4, []);

    private static Gen<double[]> Likelihoods(int n) => Gen.Choose(1, 999_999).Select(x => x / 1_000_000.0).ArrayOf(n);

    private static double[] Posterior(double[] prior, double[][] logRows)
    {
        var l = prior.Select(x => Math.Log(x)).ToArray();
        foreach (var r in logRows) for (var i = 0; i < l.Length; i++) l[i] += r[i];
        return DiagnosticEngine.Softmax(l);
    }

    [Fact]
    public void Reading_error_blends_each_likelihood_with_the_mean()
    {
        var rows = EvidenceCombiner.LogLikelihoods([[0.9, 0.1, 0.2]], ["x"], [1], Settings with { VariableCap = 50 });
        // (1 − 0.02)·0.9 + 0.02·0.4 = 0.890; (1 − 0.02)·0.1 + 0.02·0.4 = 0.106
        Assert.Equal(Math.Log(0.890), rows[0][0], 9);
        Assert.Equal(Math.Log(0.106), rows[0][1], 9);
    }

    [Fact]
    public void Posteriors_sum_to_one_and_no_single_variable_moves_two_diagnoses_apart_by_more_than_its_cap()
    {
        Prop.ForAll(Likelihoods(15).ArrayOf(3).ToArbitrary(), Likelihoods(15).ToArbitrary(), (rows, prior) =>
        {
            var p = prior.Select(x => x / prior.Sum()).ToArray();
            var log = EvidenceCombiner.LogLikelihoods(rows, ["x", "y", "z"], [1, 1, 1], Settings);
            var post = Posterior(p, log);
            var sumsToOne = Math.Abs(post.Sum() - 1) < 1e-9;
            var bounded = log.All(r => r.Max() - r.Min() <= Settings.VariableCap + 1e-9);
            return sumsToOne && bounded && post.All(x => x >= 0);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_group_of_related_findings_stays_within_the_group_cap()
    {
        Prop.ForAll(Likelihoods(15).ArrayOf(3).ToArbitrary(), rows =>
        {
            var log = EvidenceCombiner.LogLikelihoods(rows, ["a", "b", "c"], [1, 1, 1], Settings);
            var sum = Enumerable.Range(0, 15).Select(i => log.Sum(r => r[i])).ToArray();
            return sum.Max() - sum.Min() <= Settings.GroupCap + 1e-9;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Raising_a_diagnosis_likelihood_for_an_observed_finding_never_lowers_its_posterior()
    {
        var gen = Likelihoods(15).SelectMany(l => Gen.Choose(0, 14).SelectMany(i => Gen.Choose(1, 1000).Select(b => (l, i, b / 1000.0))));
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (l, i, bump) = t;
            var higher = (double[])l.Clone();
            higher[i] = Math.Min(0.999999, l[i] + bump * (1 - l[i]));
            var prior = Enumerable.Repeat(1.0 / 15, 15).ToArray();
            var before = Posterior(prior, EvidenceCombiner.LogLikelihoods([l], ["x"], [1], Settings))[i];
            var after = Posterior(prior, EvidenceCombiner.LogLikelihoods([higher], ["x"], [1], Settings))[i];
            return after >= before - 1e-12;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Three_findings_of_one_group_count_less_than_three_independent_ones()
    {
        double[][] rows = [[0.8, 0.2], [0.8, 0.2], [0.8, 0.2]];
        var loose = Settings with { VariableCap = 50, GroupCap = 50, ReadingError = 0 };
        var grouped = EvidenceCombiner.LogLikelihoods(rows, ["a", "b", "c"], [1, 1, 1], loose);
        var independent = EvidenceCombiner.LogLikelihoods(rows, ["x", "y", "z"], [1, 1, 1], loose);
        double Spread(double[][] r) => r.Sum(x => x[0] - x[1]);
        // weight 1 / (1 + 0.5·2) = 0.5 each
        Assert.Equal(0.5 * Spread(independent), Spread(grouped), 9);
    }

    [Fact]
    public void One_misread_finding_cannot_decide_a_case_at_99_percent_from_a_flat_prior()
    {
        var kb = Repo.Kb;
        var engine = new DiagnosticEngine(kb);
        foreach (var v in kb.Variables.Values.Where(v => v.Kind != VariableKind.Continuous))
            foreach (var s in v.States.Where(s => !s.IsGroup))
            {
                var a = engine.Assess([new Observation(v.Id, s.Id, null, "test")], null, "uniform", explain: false);
                Assert.True(a.Leading.Probability < 0.99, $"{v.Id}={s.Id} gives {a.Leading.Id} {a.Leading.Probability:0.###}");
            }
    }
}
