using MyeloDx.Core.Contract;

namespace MyeloDx.Core.Knowledge;

/// <summary>The machine-readable overview of a knowledge base (CLI `knowledge --format json` and the web API).</summary>
public static class KnowledgeJson
{
    public static KnowledgeSummary Summary(KnowledgeBase kb) => new()
    {
        Version = kb.Version,
        Diagnoses = kb.Diagnoses.Select(d => new DiagnosisName(d.Id, d.Name)).ToArray(),
        VariableCount = kb.Variables.Count,
        FindingCount = kb.FindingCount,
        UnsourcedCount = kb.UnsourcedCount,
        EstimateCount = kb.EstimateCount,
        SourceCount = kb.Sources.Count,
        PriorContexts = kb.Priors.Keys.ToArray(),
        PriorContextDetails = kb.Priors.Values.Select(p => new PriorContextEntry(p.Id, p.Description,
            p.Provenance.Select(x => x.SourceId).OfType<string>().Distinct().ToArray())).ToArray(),
        DefaultContext = kb.DefaultContext,
        Numbers = Numbers(KnowledgeNumbers.Overall(kb), KnowledgeNumbers.PerDiagnosis(kb)),
        Influential = InfluentialNumbers.Rank(kb, 8).Select(x => new InfluentialNumberEntry(
            x.DiagnosisId, x.VariableId, x.StateId, Math.Round(x.Probability, 4), Math.Round(x.LikelihoodRatio, 3),
            x.Provenance.Kind.ToString().ToLowerInvariant(), x.Provenance.SourceId, x.Provenance.Origin)).ToArray(),
    };

    /// <summary>
    /// Provenance of the numbers: sourced (a figure read in the cited source), derived (computed from a cited source's
    /// figures), estimate (everything else); overall and per diagnosis.
    /// </summary>
    public static NumberCountsEntry Numbers(NumberCounts overall, IReadOnlyDictionary<string, NumberCounts> perDiagnosis) =>
        Counts(overall) with { PerDiagnosis = perDiagnosis.ToDictionary(kv => kv.Key, kv => Counts(kv.Value)) };

    private static NumberCountsEntry Counts(NumberCounts c) => new(c.Total, c.Sourced, c.Derived, c.Estimate, Math.Round(c.SourcedShare, 4));

    public static IReadOnlyList<SourceEntry> Sources(KnowledgeBase kb) =>
        kb.Sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new SourceEntry(s.Id, s.Citation, s.Pmid, s.Doi, s.Url)).ToArray();
}
