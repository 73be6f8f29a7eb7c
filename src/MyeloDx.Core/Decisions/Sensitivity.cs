using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>How far one prior would have to move for another diagnosis to lead.</summary>
/// <param name="Factor">Multiply the diagnosis's prior odds by this (below 1: divide) and the leading diagnosis changes.</param>
/// <param name="PriorTo">The prior that factor implies, renormalised against the other diagnoses.</param>
public sealed record PriorSensitivity(string DiagnosisId, string Name, double Prior, double Factor, double PriorTo, string NewLeader);

/// <summary>How far one number behind one finding would have to move for the competitor to overtake the leader.</summary>
/// <param name="CompetitorLikelihood">P(finding | competitor), or the density for a continuous finding.</param>
/// <param name="Factor">Multiply P(finding | competitor) by this, or divide P(finding | leader) by it, and the competitor leads.</param>
/// <param name="Feasible">Whether the raised competitor likelihood stays a probability (≤ 1); null for densities.</param>
/// <param name="LeaderWithoutIt">The leading diagnosis if this finding were unknown (computed by the engine).</param>
public sealed record LikelihoodSensitivity(
    string Finding,
    string Label,
    string CompetitorId,
    double LeaderLikelihood,
    double CompetitorLikelihood,
    double LikelihoodRatio,
    double Factor,
    bool? Feasible,
    string LeaderWithoutIt,
    string? SourceId);

public sealed record SensitivityReport(
    string LeaderId,
    string RunnerUpId,
    double MarginFactor,
    IReadOnlyList<PriorSensitivity> Priors,
    IReadOnlyList<LikelihoodSensitivity> Likelihoods)
{
    /// <summary>Findings whose removal alone would change the leading diagnosis.</summary>
    public IEnumerable<LikelihoodSensitivity> Pivotal => Likelihoods.Where(l => l.LeaderWithoutIt != LeaderId);
}

/// <summary>
/// Sensitivity of the leading diagnosis to each prior and each likelihood. The engine's posterior is the prior times
/// the likelihoods (naive Bayes), so the ranking of two diagnoses depends only on the ratio of their posteriors: a
/// single prior must move by that ratio to swap them, and a single likelihood by that ratio raised to 1/weight, where the
/// weight is the knowledge base's evidence weight (halved again for a finding reported as uncertain). "Without it" re-runs the engine with the finding removed.
/// </summary>
public static class Sensitivity
{
    public static SensitivityReport Analyze(DiagnosticEngine engine, IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed = null, string? context = null)
    {
        computed ??= [];
        var kb = engine.Knowledge;
        // the case as the engine counts it; "without it" leaves one row out of it (EvidenceRows), as a re-run would
        var ev = engine.Prepare(observations, computed, context);
        var prior = ev.Prior.Probabilities;
        var post = ev.Posterior;
        var order = Ranking(post);
        var li = order[0]; var ri = order[1];
        var leadId = kb.Diagnoses[li].Id; var runnerId = kb.Diagnoses[ri].Id;
        var margin = Ratio(post[li], post[ri]);

        var priors = new List<PriorSensitivity>(order.Length);
        foreach (var i in order)
        {
            var d = kb.Diagnoses[i];
            var factor = i == li ? 1 / margin : Ratio(post[li], post[i]);
            var newLeader = i == li ? runnerId : d.Id;
            var odds = prior[i] / (1 - prior[i]) * factor;
            priors.Add(new PriorSensitivity(d.Id, d.Name, prior[i], factor, odds / (1 + odds), newLeader));
        }

        var without = new double[post.Length];
        var likelihoods = new List<LikelihoodSensitivity>();
        foreach (var o in ev.Used)
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
            var exponent = kb.EvidenceWeight * (o.Uncertain ? DiagnosticEngine.UncertainWeight : 1);
            var factor = Math.Pow(margin, 1 / exponent);
            var leaderWithout = ev.WithoutObservation(o.VariableId, without) ? kb.Diagnoses[ValueOfInformation.Top(without, 1)[0]].Id
                : engine.Assess(observations.Where(x => x.VariableId != o.VariableId).ToArray(), computed, context, explain: false).Leading.Id;
            bool? feasible = v.Kind == VariableKind.Continuous ? null : pr * factor <= 1;
            likelihoods.Add(new LikelihoodSensitivity(o.VariableId, label + (o.Uncertain ? " (uncertain)" : ""), runnerId, pl, pr,
                Ratio(pl, pr), factor, feasible, leaderWithout, src));
        }
        foreach (var c in computed)
        {
            var leaderWithout = ev.WithoutComputed(c.Id, without) ? kb.Diagnoses[ValueOfInformation.Top(without, 1)[0]].Id
                : engine.Assess(observations, computed.Where(x => x.Id != c.Id).ToArray(), context, explain: false).Leading.Id;
            var pl = c.Likelihood[li]; var pr = c.Likelihood[ri];
            likelihoods.Add(new LikelihoodSensitivity(c.Id, c.Label, runnerId, pl, pr, Ratio(pl, pr), Math.Pow(margin, 1 / kb.EvidenceWeight), null, leaderWithout, c.SourceId));
        }
        // the findings that hold the lead up most come first
        var ordered = likelihoods.OrderByDescending(l => l.LeaderWithoutIt != leadId).ThenByDescending(l => l.LikelihoodRatio).ToArray();
        return new SensitivityReport(leadId, runnerId, margin, priors, ordered);
    }

    /// <summary>Diagnosis indices by probability, ties in knowledge-base order: the order of the assessment's differential.</summary>
    private static int[] Ranking(double[] post) => ValueOfInformation.Top(post, post.Length);

    private static double Ratio(double a, double b) => b <= 0 ? double.PositiveInfinity : a / b;
}
