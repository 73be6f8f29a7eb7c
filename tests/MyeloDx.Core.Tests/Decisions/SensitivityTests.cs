using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Decisions;

public sealed class SensitivityTests
{
    private static KnowledgeBase WithPrior(KnowledgeBase kb, string context, string diagnosis, double oddsFactor)
    {
        var p = kb.Priors[context];
        var probs = p.Probabilities.ToArray();
        var i = kb.DiagnosisIndex[diagnosis];
        var odds = probs[i] / (1 - probs[i]) * oddsFactor;
        var newP = odds / (1 + odds);
        var rest = (1 - newP) / (1 - probs[i]);
        for (var j = 0; j < probs.Length; j++) probs[j] = j == i ? newP : probs[j] * rest;
        var priors = kb.Priors.ToDictionary(kv => kv.Key, kv => kv.Key == context ? kv.Value with { Probabilities = probs } : kv.Value);
        return new KnowledgeBase(kb.Version, kb.Diagnoses, kb.Variables, kb.Sources, priors, kb.DefaultContext, kb.Notes) { EvidenceWeight = kb.EvidenceWeight, EvidenceWeightProvenance = kb.EvidenceWeightProvenance };
    }

    private static KnowledgeBase WithLikelihood(KnowledgeBase kb, string variable, string state, string diagnosis, double factor)
    {
        var v = kb.Variables[variable];
        var i = kb.DiagnosisIndex[diagnosis];
        var states = v.States.Select(s => s.Id != state ? s : s with { Likelihood = s.Likelihood.Select((x, j) => j == i ? x * factor : x).ToArray() }).ToArray();
        var vars = kb.Variables.ToDictionary(kv => kv.Key, kv => kv.Key == variable ? v with { States = states } : kv.Value);
        return new KnowledgeBase(kb.Version, kb.Diagnoses, vars, kb.Sources, kb.Priors, kb.DefaultContext, kb.Notes) { EvidenceWeight = kb.EvidenceWeight, EvidenceWeightProvenance = kb.EvidenceWeightProvenance };
    }

    [Fact]
    public void The_margin_is_the_ratio_of_the_two_leading_probabilities()
    {
        var demo = DecisionFixtures.Demo;
        var a = DecisionFixtures.Engine.Assess(demo.Observations, demo.Computed);
        var s = DecisionFixtures.Support.Sensitivity(demo, null);
        Assert.Equal(a.Differential[0].Id, s.LeaderId);
        Assert.Equal(a.Differential[1].Id, s.RunnerUpId);
        Assert.Equal(a.Differential[0].Probability / a.Differential[1].Probability, s.MarginFactor, 9);
    }

    [Fact]
    public void Moving_the_runner_up_prior_by_the_stated_factor_is_exactly_what_it_takes_to_change_the_leader()
    {
        var demo = DecisionFixtures.Demo;
        var kb = DecisionFixtures.Kb;
        var s = DecisionFixtures.Support.Sensitivity(demo, null);
        var factor = s.Priors.Single(p => p.DiagnosisId == s.RunnerUpId).Factor;
        var context = kb.DefaultContext;
        Assert.Equal(s.LeaderId, new DiagnosticEngine(WithPrior(kb, context, s.RunnerUpId, factor * 0.99)).Assess(demo.Observations, demo.Computed).Leading.Id);
        Assert.Equal(s.RunnerUpId, new DiagnosticEngine(WithPrior(kb, context, s.RunnerUpId, factor * 1.01)).Assess(demo.Observations, demo.Computed).Leading.Id);
    }

    [Fact]
    public void Moving_a_likelihood_by_the_stated_factor_is_exactly_what_it_takes_to_change_the_leader()
    {
        var demo = DecisionFixtures.Demo;
        var kb = DecisionFixtures.Kb;
        var s = DecisionFixtures.Support.Sensitivity(demo, null);
        var categorical = s.Likelihoods.Where(x => kb.Variables[x.Finding].Kind != VariableKind.Continuous).ToArray();
        Assert.NotEmpty(categorical);
        foreach (var l in categorical.Take(3))
        {
            var state = demo.Observations.First(o => o.VariableId == l.Finding).State!;
            // lowering P(finding | leader) by the factor is always possible
            Assert.Equal(s.LeaderId, new DiagnosticEngine(WithLikelihood(kb, l.Finding, state, s.LeaderId, 1 / (l.Factor * 0.99))).Assess(demo.Observations, demo.Computed).Leading.Id);
            Assert.NotEqual(s.LeaderId, new DiagnosticEngine(WithLikelihood(kb, l.Finding, state, s.LeaderId, 1 / (l.Factor * 1.01))).Assess(demo.Observations, demo.Computed).Leading.Id);
            // raising P(finding | runner-up) works too, and is called feasible exactly when it stays a probability
            Assert.Equal(l.CompetitorLikelihood * l.Factor <= 1, l.Feasible);
            Assert.Equal(s.RunnerUpId, new DiagnosticEngine(WithLikelihood(kb, l.Finding, state, s.RunnerUpId, l.Factor * 1.01)).Assess(demo.Observations, demo.Computed).Leading.Id);
        }
    }

    [Fact]
    public void The_leader_without_a_finding_is_what_the_engine_gives_without_it()
    {
        var demo = DecisionFixtures.Demo;
        var s = DecisionFixtures.Support.Sensitivity(demo, null);
        Assert.NotEmpty(s.Likelihoods);
        foreach (var l in s.Likelihoods.Where(x => demo.Observations.Any(o => o.VariableId == x.Finding)))
        {
            var without = DecisionFixtures.Engine.Assess(demo.Observations.Where(o => o.VariableId != l.Finding).ToArray(), demo.Computed);
            Assert.Equal(without.Leading.Id, l.LeaderWithoutIt);
        }
    }
}
