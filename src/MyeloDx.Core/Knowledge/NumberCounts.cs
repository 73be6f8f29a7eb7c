namespace MyeloDx.Core.Knowledge;

/// <summary>How many of a set of numbers are read in a source, derived from sourced figures, or estimates.</summary>
public sealed record NumberCounts(int Total, int Sourced, int Derived, int Estimate)
{
    public static NumberCounts Of(IEnumerable<Provenance> provenance)
    {
        int s = 0, d = 0, e = 0;
        foreach (var p in provenance)
        {
            switch (p.Kind)
            {
                case ProvenanceKind.Sourced: s++; break;
                case ProvenanceKind.Derived: d++; break;
                default: e++; break;
            }
        }
        return new NumberCounts(s + d + e, s, d, e);
    }

    /// <summary>Share of the numbers read directly in a source (0 when there are none).</summary>
    public double SourcedShare => Total == 0 ? 0 : (double)Sourced / Total;
}

/// <summary>
/// The numbers the engine uses, each with its provenance: one per diagnosis for every state of a categorical
/// variable, for the "present" row of a binary variable (absent is its complement, not a second number), for each
/// density of a continuous variable and for every prior. Group states are sums of member states, not numbers.
/// </summary>
public static class KnowledgeNumbers
{
    public static IEnumerable<(int Diagnosis, Provenance Provenance)> All(KnowledgeBase kb)
    {
        foreach (var v in kb.Variables.Values)
        {
            switch (v.Kind)
            {
                case VariableKind.Continuous:
                    for (var i = 0; i < v.Densities!.Count; i++) yield return (i, v.Densities[i].Provenance);
                    break;
                case VariableKind.Binary:
                    var present = v.State("present")!;
                    for (var i = 0; i < present.Provenance.Count; i++) yield return (i, present.Provenance[i]);
                    break;
                default:
                    foreach (var s in v.States.Where(s => !s.IsGroup))
                        for (var i = 0; i < s.Provenance.Count; i++) yield return (i, s.Provenance[i]);
                    break;
            }
        }
        foreach (var p in kb.Priors.Values)
            for (var i = 0; i < p.Provenance.Count; i++) yield return (i, p.Provenance[i]);
    }

    public static NumberCounts Overall(KnowledgeBase kb) =>
        NumberCounts.Of(All(kb).Select(x => x.Provenance)
            .Concat(kb.EvidenceWeightProvenance is { } w ? [w] : [])
            .Concat(kb.Robustness.Provenance));

    public static IReadOnlyDictionary<string, NumberCounts> PerDiagnosis(KnowledgeBase kb) =>
        All(kb).GroupBy(x => x.Diagnosis).OrderBy(g => g.Key)
            .ToDictionary(g => kb.Diagnoses[g.Key].Id, g => NumberCounts.Of(g.Select(x => x.Provenance)), StringComparer.Ordinal);
}
