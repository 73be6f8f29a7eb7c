using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;
using MyeloDx.Core.Tests.Gold;

namespace MyeloDx.Core.Tests.Inference;

/// <summary>
/// EvidenceRows answers "what if one finding were added or left out" from the baseline's rows. Every answer must be the
/// engine's own answer for the changed case, bit for bit: each dev case, every unstated finding in every state (this
/// covers a finding that another is read in the light of, such as the primary cancer for sex, and findings joining a
/// dependence group), every stated finding left out, every computed evidence left out.
/// </summary>
public sealed class EvidenceRowsTests
{
    private static readonly Lazy<AssessmentService> Pipeline = new(() =>
        MyeloDxPipeline.Create(new MyeloDxOptions { KnowledgeFolder = TestPaths.Knowledge, Knowledge = TestPaths.KnowledgeBase }).Service);

    public static TheoryData<string> Ids() => GoldCaseFiles.Ids();

    private static (CaseInput Input, DiagnosticEngine Engine, KnowledgeBase Kb) Case(string id)
    {
        var service = Pipeline.Value;
        return (service.FromCase(CaseJson.Parse(GoldCaseFiles.Get(id).CaseJson, id)), service.Engine, service.Knowledge);
    }

    private static double[] Posterior(Assessment a, KnowledgeBase kb)
    {
        var p = new double[kb.Diagnoses.Count];
        foreach (var d in a.Differential) p[kb.DiagnosisIndex[d.Id]] = d.Probability;
        return p;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Adding_any_unstated_finding_gives_the_engine_s_posterior_bit_for_bit(string id)
    {
        var (input, engine, kb) = Case(id);
        var rows = engine.Prepare(input.Observations, input.Computed, null);
        Assert.Equal(Posterior(engine.Assess(input.Observations, input.Computed, null, explain: false), kb), rows.Posterior);
        var stated = rows.Used.Select(o => o.VariableId).ToHashSet();
        var q = new double[kb.Diagnoses.Count];
        foreach (var v in kb.Variables.Values.Where(v => v.Kind != VariableKind.Continuous && !stated.Contains(v.Id)))
            foreach (var s in v.States.Where(s => !s.IsGroup))
            {
                Assert.True(rows.WithObservation(v.Id, s.Id, q), $"{v.Id}={s.Id}");
                var full = engine.Assess([.. input.Observations, new Observation(v.Id, s.Id, null, "x")], input.Computed, null, explain: false);
                Assert.True(Posterior(full, kb).SequenceEqual(q), $"{id}: {v.Id}={s.Id}");
            }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Leaving_out_a_finding_or_computed_evidence_gives_the_engine_s_posterior_bit_for_bit(string id)
    {
        var (input, engine, kb) = Case(id);
        var rows = engine.Prepare(input.Observations, input.Computed, null);
        var q = new double[kb.Diagnoses.Count];
        foreach (var o in rows.Used)
        {
            Assert.True(rows.WithoutObservation(o.VariableId, q));
            var full = engine.Assess(input.Observations.Where(x => x.VariableId != o.VariableId).ToArray(), input.Computed, null, explain: false);
            Assert.True(Posterior(full, kb).SequenceEqual(q), $"{id}: without {o.VariableId}");
        }
        foreach (var c in input.Computed)
        {
            var full = engine.Assess(input.Observations, input.Computed.Where(x => x.Id != c.Id).ToArray(), null, explain: false);
            // false only when the evidence replaced a stated finding, which then counts again (a full re-assessment)
            if (rows.WithoutComputed(c.Id, q)) Assert.True(Posterior(full, kb).SequenceEqual(q), $"{id}: without {c.Id}");
            else Assert.Contains(input.Observations, o => c.Supersedes.Contains(o.VariableId));
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Adding_a_test_s_own_result_gives_the_engine_s_posterior_bit_for_bit(string id)
    {
        // value of information adds each own result of tests.yaml (a second CSF sample...) as computed evidence at the end
        var (input, engine, kb) = Case(id);
        var rows = engine.Prepare(input.Observations, input.Computed, null);
        var q = new double[kb.Diagnoses.Count];
        foreach (var t in OwnResultTests.Value.Tests)
            foreach (var f in t.OwnResults)
                foreach (var r in f.Results)
                {
                    var row = EvidenceCombiner.RowLogLikelihood(r.Likelihood, 1, kb.Robustness);
                    Assert.True(rows.WithComputed($"{t.Id}.{f.Id}", row, q));
                    var added = MyeloDx.Core.Decisions.ValueOfInformation.AsEvidence(t, f, r);
                    var full = engine.Assess(input.Observations, [.. input.Computed, added], null, explain: false);
                    Assert.True(Posterior(full, kb).SequenceEqual(q), $"{id}: {t.Id}.{f.Id}={r.Id}");
                }
    }

    private static readonly Lazy<MyeloDx.Core.Decisions.TestCatalog> OwnResultTests = new(() => MyeloDx.Core.Decisions.DecisionSupport.Load(TestPaths.Knowledge, TestPaths.KnowledgeBase).Tests);

    [Fact]
    public void A_finding_that_computed_evidence_replaces_changes_nothing_when_added()
    {
        var kb = TestPaths.KnowledgeBase;
        var engine = new DiagnosticEngine(kb);
        var variable = kb.Variables.Values.First(v => v.Kind == VariableKind.Binary);
        var likelihood = Enumerable.Range(0, kb.Diagnoses.Count).Select(i => 0.1 + 0.05 * i).ToArray();
        ComputedEvidence[] computed = [new ComputedEvidence("model", "a model", likelihood, "test", null, "test") { Supersedes = [variable.Id] }];
        var rows = engine.Prepare([], computed, null);
        var q = new double[kb.Diagnoses.Count];
        Assert.True(rows.WithObservation(variable.Id, "present", q));
        Assert.Equal(rows.Posterior, q);
        Assert.Equal(Posterior(engine.Assess([new Observation(variable.Id, "present", null, "x")], computed, null, explain: false), kb), q);
    }

    [Fact]
    public void Adding_the_primary_cancer_re_reads_a_stated_sex_as_the_engine_does()
    {
        // sex is read in the light of the primary cancer (dependence.yaml `conditioned`), so adding the cancer changes the sex row too
        var kb = TestPaths.KnowledgeBase;
        var engine = new DiagnosticEngine(kb);
        Observation[] observed = [new("sex", "male", null, "x"), new("compartment", "intramedullary", null, "x")];
        var rows = engine.Prepare(observed, [], null);
        var q = new double[kb.Diagnoses.Count];
        foreach (var s in kb.Variables["primary_cancer"].States.Where(s => !s.IsGroup))
        {
            Assert.True(rows.WithObservation("primary_cancer", s.Id, q));
            var full = engine.Assess([.. observed, new Observation("primary_cancer", s.Id, null, "x")], [], null, explain: false);
            Assert.True(Posterior(full, kb).SequenceEqual(q), s.Id);
        }
    }
}
