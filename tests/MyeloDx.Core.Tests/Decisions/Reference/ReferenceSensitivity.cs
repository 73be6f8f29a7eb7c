// The sensitivity analysis as it was before issue 17's row updates (commit 104016c), kept verbatim apart from names so that
// FastWhatIfEquivalenceTests can compare the new path with it on the dev cases. Not used by the product.
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Decisions.Reference;

/// <summary>
/// Sensitivity of the leading diagnosis to each prior and each likelihood. The engine's posterior is the prior times
/// the likelihoods (naive Bayes), so the ranking of two diagnoses depends only on the ratio of their posteriors: a
/// single prior must move by that ratio to swap them, and a single likelihood by that ratio raised to 1/weight, where the
/// weight is the knowledge base's evidence weight (halved again for a finding reported as uncertain). "Without it" re-runs the engine with the finding removed.
/// </summary>
internal static class ReferenceSensitivity
{
    public static SensitivityReport Analyze(ReferenceDiagnosticEngine engine, IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed = null, string? context = null)
    {
        computed ??= [];
        var kb = engine.Knowledge;
        var a = engine.Assess(observations, computed, context);
        var prior = kb.Priors[a.PriorContext].Probabilities;
        var lead = a.Differential[0];
        var runner = a.Differential[1];
        var li = kb.DiagnosisIndex[lead.Id]; var ri = kb.DiagnosisIndex[runner.Id];
        var margin = Ratio(lead.Probability, runner.Probability);

        var priors = new List<PriorSensitivity>();
        foreach (var d in a.Differential)
        {
            var i = kb.DiagnosisIndex[d.Id];
            var factor = d.Id == lead.Id ? 1 / margin : Ratio(lead.Probability, d.Probability);
            var newLeader = d.Id == lead.Id ? runner.Id : d.Id;
            var odds = prior[i] / (1 - prior[i]) * factor;
            priors.Add(new PriorSensitivity(d.Id, d.Name, prior[i], factor, odds / (1 + odds), newLeader));
        }

        var likelihoods = new List<LikelihoodSensitivity>();
        foreach (var o in a.Observations)
        {
            var v = kb.Variables[o.VariableId];
            double pl, pr; string label; string? src;
            if (v.Kind == VariableKind.Continuous)
            {
                pl = v.Densities![li].Evaluate(o.Value!.Value); pr = v.Densities![ri].Evaluate(o.Value!.Value);
                label = $"{v.Name} = {o.Value:0.##}{(v.Unit is null ? "" : " " + v.Unit)}";
                src = v.Densities![ri].Provenance.SourceId;
            }
            else
            {
                var s = v.State(o.State!)!;
                pl = s.Likelihood[li]; pr = s.Likelihood[ri];
                label = ValueOfInformation.StateLabel(v, s);
                src = s.Provenance[ri].SourceId;
            }
            // the engine raises each likelihood to the evidence weight (halved for an uncertain finding)
            var exponent = kb.EvidenceWeight * (o.Uncertain ? ReferenceDiagnosticEngine.UncertainWeight : 1);
            var factor = Math.Pow(margin, 1 / exponent);
            var without = engine.Assess(observations.Where(x => x.VariableId != o.VariableId).ToArray(), computed, context, explain: false);
            bool? feasible = v.Kind == VariableKind.Continuous ? null : pr * factor <= 1;
            likelihoods.Add(new LikelihoodSensitivity(o.VariableId, label + (o.Uncertain ? " (uncertain)" : ""), runner.Id, pl, pr,
                Ratio(pl, pr), factor, feasible, without.Leading.Id, src));
        }
        foreach (var c in computed)
        {
            var without = engine.Assess(observations, computed.Where(x => x.Id != c.Id).ToArray(), context, explain: false);
            var pl = c.Likelihood[li]; var pr = c.Likelihood[ri];
            likelihoods.Add(new LikelihoodSensitivity(c.Id, c.Label, runner.Id, pl, pr, Ratio(pl, pr), Math.Pow(margin, 1 / kb.EvidenceWeight), null, without.Leading.Id, c.SourceId));
        }
        // the findings that hold the lead up most come first
        var ordered = likelihoods.OrderByDescending(l => l.LeaderWithoutIt != lead.Id).ThenByDescending(l => l.LikelihoodRatio).ToArray();
        return new SensitivityReport(lead.Id, runner.Id, margin, priors, ordered);
    }

    private static double Ratio(double a, double b) => b <= 0 ? double.PositiveInfinity : a / b;
}
