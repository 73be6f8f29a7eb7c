using MyeloDx.Core.Contract;

namespace MyeloDx.Core.Inference;

/// <summary>
/// Maps an <see cref="Assessment"/> to the core of the machine-readable contract (<see cref="AssessmentDocument"/>):
/// differential with evidence, findings, computed evidence, unknowns. The augmenters add the other sections.
/// </summary>
public static class AssessmentJson
{
    private static double R(double x, int digits = 6) => Math.Round(x, digits);

    /// <summary>Probabilities rounded so that they still sum to exactly 1 (the remainder goes to the leader).</summary>
    public static IReadOnlyList<ProbabilityEntry> Differential(Assessment a)
    {
        // loops rather than two LINQ passes with closures (every batch line, issue 17); the sum stays LINQ's
        var d = a.Differential;
        var rounded = new double[d.Count];
        for (var i = 0; i < rounded.Length; i++) rounded[i] = Math.Round(d[i].Probability, 9);
        rounded[0] += 1 - rounded.Sum();
        var entries = new ProbabilityEntry[rounded.Length];
        for (var i = 0; i < entries.Length; i++) entries[i] = new ProbabilityEntry(d[i].Id, rounded[i]);
        return entries;
    }

    public static AssessmentDocument Full(Assessment a, int evidencePerDiagnosis = 6)
    {
        var probabilities = Differential(a);
        return new AssessmentDocument
        {
            Leading = a.Leading.Id,
            Differential = a.Differential.Select((d, i) => new DiagnosisEntry(d.Id, probabilities[i].Probability, d.Name, R(d.Prior),
                Evidence(d.Supporting.Take(evidencePerDiagnosis)), Evidence(d.Opposing.Take(evidencePerDiagnosis)))).ToArray(),
            Findings = a.Observations.Select(o => new FindingEntry(o.VariableId, o.Origin, o.State,
                o.Value is { } v ? R(v, 3) : null, o.Uncertain, Span(o.Span), o.Detail)).ToArray(),
            ComputedEvidence = a.Computed.Select(c => new ComputedEvidenceEntry(c.Id, c.Label, c.Explanation, c.SourceId, c.Origin)).ToArray(),
            UnknownsThatMatter = a.Unknowns.Select(u => new UnknownEntry(u.VariableId, u.Name, u.MostTellingState, R(u.LogLikelihoodRatio, 3))).ToArray(),
            Notes = a.Notes,
            PriorContext = a.PriorContext,
            KnowledgeVersion = a.KnowledgeVersion,
        };
    }

    private static SpanEntry? Span(TextSpan? s) => s is { } x ? new SpanEntry(x.Start, x.Length) : null;

    private static IReadOnlyList<EvidenceItem> Evidence(IEnumerable<Contribution> cs) =>
        cs.Select(c => new EvidenceItem(c.VariableId, c.Finding, R(c.LogLikelihoodRatio, 3), R(c.LikelihoodRatio, 3),
            c.Direction, c.SourceId, c.Estimate, c.Origin, Span(c.Span), c.Detail)).ToArray();
}
