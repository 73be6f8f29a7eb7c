using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Knowledge;

public class InfluentialNumbersTests
{
    [Fact]
    public void Each_diagnosis_gets_its_eight_strongest_likelihoods_in_order()
    {
        var kb = Repo.Kb;
        var ranked = InfluentialNumbers.Rank(kb, 8);
        Assert.Equal(kb.Diagnoses.Count * 8, ranked.Count);
        foreach (var g in ranked.GroupBy(x => x.DiagnosisId))
        {
            var weights = g.Select(x => x.Weight).ToList();
            Assert.Equal(weights.OrderByDescending(w => w), weights);
            // nothing left out is stronger than the weakest listed number
            var d = kb.DiagnosisIndex[g.Key];
            var strongestLeftOut = kb.Variables.Values.Where(v => v.Kind == VariableKind.Categorical)
                .SelectMany(v => v.States.Where(s => !s.IsGroup).Select(s => (v, s)))
                .Where(t => !g.Any(x => x.VariableId == t.v.Id && x.StateId == t.s.Id))
                .Select(t => Math.Abs(Math.Log(Math.Max(t.s.Likelihood[d], 1e-6) /
                    Math.Max(Enumerable.Range(0, kb.Diagnoses.Count).Where(i => i != d).Average(i => t.s.Likelihood[i]), 1e-6))))
                .DefaultIfEmpty(0).Max();
            Assert.True(strongestLeftOut <= weights[^1] + 1e-9, $"{g.Key}: a stronger categorical likelihood was left out");
        }
    }

    [Fact]
    public void The_flame_sign_is_among_the_strongest_numbers_for_intramedullary_metastasis()
    {
        var ranked = InfluentialNumbers.Rank(Repo.Kb, 8);
        var flame = Assert.Single(ranked, x => x.DiagnosisId == "intramedullary_metastasis" && x.VariableId == "flame_sign");
        Assert.True(flame.LikelihoodRatio > 5);
        Assert.Equal(ProvenanceKind.Sourced, flame.Provenance.Kind);
    }

    [Fact]
    public void A_binary_finding_ranked_by_its_absence_is_listed_as_absent_with_the_probability_of_absence()
    {
        var kb = Repo.Kb;
        foreach (var x in InfluentialNumbers.Rank(kb, 8))
        {
            var v = kb.Variables[x.VariableId];
            if (v.Kind != VariableKind.Binary) continue;
            var present = v.State("present")!.Likelihood[kb.DiagnosisIndex[x.DiagnosisId]];
            if (x.StateId == "absent")
            {
                Assert.Equal(1 - present, x.Probability, 9);
            }
            else
            {
                Assert.Equal("present", x.StateId);
                Assert.Equal(present, x.Probability, 9);
            }
        }
        // exposure that defines checkpoint myelitis: its absence is what moves the odds
        Assert.Contains(InfluentialNumbers.Rank(kb, 8), x => x.DiagnosisId == "immune_checkpoint_myelitis" && x.VariableId == "ici_exposure" && x.StateId == "absent");
    }
}
