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
        ["defaultContext"] = kb.DefaultContext,
    };

    public static JsonArray Sources(KnowledgeBase kb) =>
        new(kb.Sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id, ["citation"] = s.Citation, ["pmid"] = s.Pmid, ["doi"] = s.Doi, ["url"] = s.Url,
        }).ToArray());
}
