using System.Text.Json.Nodes;

namespace MyeloDx.Core.Knowledge;

/// <summary>The machine-readable overview of a knowledge base (CLI `knowledge --format json` and the web API).</summary>
public static class KnowledgeJson
{
    public static JsonObject Summary(KnowledgeBase kb) => new()
    {
        ["version"] = kb.Version,
        ["diagnoses"] = new JsonArray(kb.Diagnoses.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["name"] = d.Name }).ToArray()),
        ["variableCount"] = kb.Variables.Count,
        ["findingCount"] = kb.FindingCount,
        ["unsourcedCount"] = kb.UnsourcedCount,
        ["estimateCount"] = kb.EstimateCount,
        ["sourceCount"] = kb.Sources.Count,
        ["priorContexts"] = new JsonArray(kb.Priors.Keys.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()),
        ["priorContextDetails"] = new JsonArray(kb.Priors.Values.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id, ["description"] = p.Description,
            ["sources"] = new JsonArray(p.Provenance.Where(x => x.SourceId is not null).Select(x => x.SourceId).Distinct().Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
        }).ToArray()),
        ["defaultContext"] = kb.DefaultContext,
        ["numbers"] = Numbers(KnowledgeNumbers.Overall(kb), KnowledgeNumbers.PerDiagnosis(kb)),
        ["influential"] = new JsonArray(InfluentialNumbers.Rank(kb, 8).Select(x => (JsonNode)new JsonObject
        {
            ["diagnosis"] = x.DiagnosisId, ["variable"] = x.VariableId, ["state"] = x.StateId,
            ["probability"] = Math.Round(x.Probability, 4), ["likelihoodRatio"] = Math.Round(x.LikelihoodRatio, 3),
            ["provenance"] = x.Provenance.Kind.ToString().ToLowerInvariant(), ["source"] = x.Provenance.SourceId,
            ["where"] = x.Provenance.Origin,
        }).ToArray()),
    };

    /// <summary>
    /// Provenance of the numbers: sourced (a figure read in the cited source), derived (computed from a cited source's
    /// figures), estimate (everything else); overall and per diagnosis.
    /// </summary>
    public static JsonObject Numbers(NumberCounts overall, IReadOnlyDictionary<string, NumberCounts> perDiagnosis)
    {
        var o = Counts(overall);
        o["perDiagnosis"] = new JsonObject(perDiagnosis.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Counts(kv.Value))));
        return o;
    }

    private static JsonObject Counts(NumberCounts c) => new()
    {
        ["total"] = c.Total, ["sourced"] = c.Sourced, ["derived"] = c.Derived, ["estimate"] = c.Estimate,
        ["sourcedShare"] = Math.Round(c.SourcedShare, 4),
    };

    public static JsonArray Sources(KnowledgeBase kb) =>
        new(kb.Sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id, ["citation"] = s.Citation, ["pmid"] = s.Pmid, ["doi"] = s.Doi, ["url"] = s.Url,
        }).ToArray());
}
