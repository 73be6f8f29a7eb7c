using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Inference;

/// <summary>
/// The likelihood of a finding read in the light of another (<see cref="ConditionedFinding"/>). For a diagnosis that arises
/// from the given condition, P(x | diagnosis, given) is the share of x among people with the given condition. For a
/// diagnosis independent of it, the two influences combine as P(x | diagnosis) · P(x | given) / P(x), normalised over the
/// states of x: a woman with breast cancer is almost surely a woman whatever the cause, so sex then says next to nothing.
/// </summary>
internal static class ConditionedLikelihood
{
    /// <returns>Per diagnosis, P(state | diagnosis, given state); null when the state is a group of states.</returns>
    public static double[]? Of(Variable variable, string stateId, ConditionedFinding conditioned, ConditionalShares shares)
    {
        var states = variable.States.Where(s => !s.IsGroup).ToArray();
        var k = Array.FindIndex(states, s => s.Id == stateId);
        if (k < 0 || states.Length != shares.Share.Count) return null;
        var nd = conditioned.ArisingFromGiven.Count;
        var result = new double[nd];
        for (var i = 0; i < nd; i++)
        {
            if (conditioned.ArisingFromGiven[i]) { result[i] = shares.Share[k]; continue; }
            double num = 0, den = 0;
            for (var t = 0; t < states.Length; t++)
            {
                var w = states[t].Likelihood[i] * shares.Share[t] / conditioned.PopulationShare[t];
                den += w;
                if (t == k) num = w;
            }
            result[i] = den > 0 ? num / den : states[k].Likelihood[i];
        }
        return result;
    }
}
