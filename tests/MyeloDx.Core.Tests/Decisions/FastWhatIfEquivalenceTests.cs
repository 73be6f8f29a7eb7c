using MyeloDx.Core.Cases;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;
using MyeloDx.Core.Tests.Decisions.Reference;
using MyeloDx.Core.Tests.Gold;

namespace MyeloDx.Core.Tests.Decisions;

/// <summary>
/// Issue 17: value of information and sensitivity now vary one row of the baseline's evidence (EvidenceRows) instead
/// of re-assessing every hypothetical result. On every dev case (tests/TestData/dev-structured.jsonl, the decision
/// cases and the samples), through the full pipeline (radiotherapy evidence included), the new path must give what the
/// old one (kept in Reference/) gives: the same next-test order, the same gains within 1e-9, the same result effects,
/// and the same sensitivity, for the knowledge base as shipped, plain Bayes, and a tempered evidence weight.
/// </summary>
public sealed class FastWhatIfEquivalenceTests
{
    private const double Tolerance = 1e-9;

    private sealed record Setup(string Name, KnowledgeBase Kb, DecisionSupport Support, ReferenceDiagnosticEngine Reference);

    private static readonly Lazy<AssessmentService> Pipeline = new(() =>
        MyeloDxPipeline.Create(new MyeloDxOptions { KnowledgeFolder = TestPaths.Knowledge, Knowledge = TestPaths.KnowledgeBase }).Service);

    private static readonly Lazy<Setup[]> Setups = new(() =>
    {
        var shipped = TestPaths.KnowledgeBase;
        KnowledgeBase Variant(Robustness r, double weight) =>
            new(shipped.Version, shipped.Diagnoses, shipped.Variables, shipped.Sources, shipped.Priors, shipped.DefaultContext, shipped.Notes)
                { Robustness = r, EvidenceWeight = weight };
        return new[] { ("shipped", shipped), ("plain Bayes", Variant(Robustness.None, 1)), ("tempered 0.7", Variant(shipped.Robustness, 0.7)) }
            .Select(x => new Setup(x.Item1, x.Item2, DecisionSupport.Load(TestPaths.Knowledge, x.Item2), new ReferenceDiagnosticEngine(x.Item2)))
            .ToArray();
    });

    public static TheoryData<string> Cases()
    {
        var d = new TheoryData<string>();
        foreach (var l in GoldCaseFiles.Lines()) d.Add("dev:" + l.Id);
        foreach (var p in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "decision-cases"), "*.json").Order(StringComparer.Ordinal))
            d.Add("decision:" + Path.GetFileName(p));
        foreach (var p in Directory.GetFiles(TestPaths.Samples, "*.json").Order(StringComparer.Ordinal)) d.Add("sample:" + Path.GetFileName(p));
        return d;
    }

    private static CaseInput? Input(string name)
    {
        var (kind, id) = (name[..name.IndexOf(':')], name[(name.IndexOf(':') + 1)..]);
        var json = kind switch
        {
            "dev" => GoldCaseFiles.Get(id).CaseJson,
            "decision" => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "decision-cases", id)),
            _ => File.ReadAllText(Path.Combine(TestPaths.Samples, id)),
        };
        try { return Pipeline.Value.FromCase(CaseJson.Parse(json, name)); }
        catch (Errors.InputException) { return null; } // a sample that is not a case (a plan, a bundle)
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Next_tests_rank_and_gain_exactly_as_with_a_full_re_assessment_per_result(string name)
    {
        if (Input(name) is not { } input || input.Observations.Count == 0) return;
        foreach (var s in Setups.Value)
        {
            var fresh = s.Support.Voi.Rank(input.Observations, input.Computed);
            var old = new ReferenceValueOfInformation(s.Reference, s.Support.Tests).Rank(input.Observations, input.Computed);
            var where = $"{name}, {s.Name}";
            Assert.Equal(old.Leading, fresh.Leading);
            Assert.Equal(old.EntropyBits, fresh.EntropyBits, Tolerance);
            SameTests(old.Ranked, fresh.Ranked, where);
            SameTests(old.Deferred, fresh.Deferred, where);
            Assert.Equal(old.Skipped.Select(x => (x.Test.Id, x.Reason)), fresh.Skipped.Select(x => (x.Test.Id, x.Reason)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sensitivity_leaves_each_finding_out_exactly_as_a_re_run_would(string name)
    {
        if (Input(name) is not { } input || input.Observations.Count == 0) return;
        foreach (var s in Setups.Value)
        {
            var fresh = Sensitivity.Analyze(s.Support.Engine, input.Observations, input.Computed);
            var old = ReferenceSensitivity.Analyze(s.Reference, input.Observations, input.Computed);
            Assert.Equal((old.LeaderId, old.RunnerUpId), (fresh.LeaderId, fresh.RunnerUpId));
            Assert.Equal(old.MarginFactor, fresh.MarginFactor, Tolerance);
            Assert.Equal(old.Priors.Select(p => (p.DiagnosisId, p.NewLeader)), fresh.Priors.Select(p => (p.DiagnosisId, p.NewLeader)));
            Assert.All(old.Priors.Zip(fresh.Priors), x => { Assert.Equal(x.First.Factor, x.Second.Factor, Tolerance); Assert.Equal(x.First.PriorTo, x.Second.PriorTo, Tolerance); });
            Assert.Equal(old.Likelihoods.Select(l => (l.Finding, l.Label, l.LeaderWithoutIt, l.Feasible, l.SourceId)),
                fresh.Likelihoods.Select(l => (l.Finding, l.Label, l.LeaderWithoutIt, l.Feasible, l.SourceId)));
            Assert.All(old.Likelihoods.Zip(fresh.Likelihoods), x => Assert.Equal(x.First.Factor, x.Second.Factor, Tolerance));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_engine_built_on_rows_gives_the_old_engine_s_differential_and_explanation(string name)
    {
        if (Input(name) is not { } input || input.Observations.Count == 0) return;
        foreach (var s in Setups.Value)
        {
            var fresh = s.Support.Engine.Assess(input.Observations, input.Computed);
            var old = s.Reference.Assess(input.Observations, input.Computed);
            // bit for bit: the rows and the sum are the same arithmetic in the same order
            Assert.Equal(old.Differential.Select(d => (d.Id, d.Probability)), fresh.Differential.Select(d => (d.Id, d.Probability)));
            Assert.Equal(old.Differential.SelectMany(d => d.Supporting.Concat(d.Opposing)), fresh.Differential.SelectMany(d => d.Supporting.Concat(d.Opposing)));
            Assert.Equal(old.Unknowns, fresh.Unknowns);
            Assert.Equal(old.Notes, fresh.Notes);
        }
    }

    private static void SameTests(IReadOnlyList<TestValue> old, IReadOnlyList<TestValue> fresh, string where)
    {
        Assert.True(old.Select(t => t.Test.Id).SequenceEqual(fresh.Select(t => t.Test.Id)),
            $"{where}: order {string.Join(",", old.Select(t => t.Test.Id))} became {string.Join(",", fresh.Select(t => t.Test.Id))}");
        foreach (var (o, f) in old.Zip(fresh))
        {
            Assert.Equal(o.ExpectedInformationGainBits, f.ExpectedInformationGainBits, Tolerance);
            Assert.Equal(o.ProbabilityLeaderChanges, f.ProbabilityLeaderChanges, Tolerance);
            Assert.Equal(o.Exact, f.Exact);
            Assert.Equal(o.Reveals, f.Reveals);
            Assert.Equal(o.PendingPrerequisites, f.PendingPrerequisites);
            Assert.Equal(o.Results.Count, f.Results.Count);
            foreach (var (a, b) in o.Results.Zip(f.Results))
            {
                Assert.Equal((a.FactorId, a.ResultId, a.LeadingAfter, a.ChangesLeader, a.ChangesTopThree), (b.FactorId, b.ResultId, b.LeadingAfter, b.ChangesLeader, b.ChangesTopThree));
                Assert.Equal(a.Probability, b.Probability, Tolerance);
                Assert.Equal(a.LeadingAfterProbability, b.LeadingAfterProbability, Tolerance);
                Assert.Equal(a.Shifts.Select(x => x.Id), b.Shifts.Select(x => x.Id));
                Assert.All(a.Shifts.Zip(b.Shifts), x => { Assert.Equal(x.First.From, x.Second.From, Tolerance); Assert.Equal(x.First.To, x.Second.To, Tolerance); });
            }
        }
    }
}
