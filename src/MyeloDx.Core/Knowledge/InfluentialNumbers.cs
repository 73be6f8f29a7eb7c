namespace MyeloDx.Core.Knowledge;

/// <summary>
/// One likelihood that moves a diagnosis a long way: P(finding | diagnosis) against the average over the other
/// diagnoses. These are the numbers a reviewer should check first, so they are the ones that most need a source.
/// </summary>
public sealed record InfluentialNumber(
    string DiagnosisId, string VariableId, string StateId, double Probability, double LikelihoodRatio, Provenance Provenance)
{
    /// <summary>|ln LR|: how far the finding moves the odds, whichever way.</summary>
    public double Weight => Math.Abs(Math.Log(LikelihoodRatio));
}

/// <summary>Ranks the categorical and binary likelihoods of each diagnosis by how far they move its odds.</summary>
public static class InfluentialNumbers
{
    /// <summary>
    /// For each diagnosis, its <paramref name="perDiagnosis"/> most influential likelihoods. The ratio compares the
    /// diagnosis with the unweighted mean of the others; for a binary finding the larger of the present and absent
    /// ratios counts, since "absent" is the same number's complement.
    /// </summary>
    public static IReadOnlyList<InfluentialNumber> Rank(KnowledgeBase kb, int perDiagnosis)
    {
        var all = new List<InfluentialNumber>();
        var n = kb.Diagnoses.Count;
        foreach (var v in kb.Variables.Values)
        {
            if (v.Kind == VariableKind.Continuous) continue;
            var states = v.Kind == VariableKind.Binary ? [v.State("present")!] : v.States.Where(s => !s.IsGroup).ToList();
            foreach (var s in states)
            {
                for (var d = 0; d < n; d++)
                {
                    var p = s.Likelihood[d];
                    var others = Enumerable.Range(0, n).Where(i => i != d).Average(i => s.Likelihood[i]);
                    var lr = Ratio(p, others);
                    var (state, probability) = (s.Id, p);
                    if (v.Kind == VariableKind.Binary)
                    {
                        // the absent ratio comes from the same number; name the state and probability it describes
                        var absent = Ratio(1 - p, 1 - others);
                        if (Math.Abs(Math.Log(absent)) > Math.Abs(Math.Log(lr))) (lr, state, probability) = (absent, "absent", 1 - p);
                    }
                    all.Add(new InfluentialNumber(kb.Diagnoses[d].Id, v.Id, state, probability, lr, s.Provenance[d]));
                }
            }
        }
        return all.GroupBy(x => x.DiagnosisId)
            .SelectMany(g => g.OrderByDescending(x => x.Weight).ThenBy(x => x.VariableId, StringComparer.Ordinal).Take(perDiagnosis))
            .ToList();
    }

    // Probabilities are floored so that a zero never gives an infinite ratio.
    private static double Ratio(double p, double q) => Math.Max(p, 1e-6) / Math.Max(q, 1e-6);
}
