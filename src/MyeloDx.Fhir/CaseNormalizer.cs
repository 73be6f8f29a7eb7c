using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Cases;

namespace MyeloDx.Fhir;

/// <summary>
/// The canonical form of a case for exchange: an object with nothing in it ("labs": {}) says no more than its absence,
/// and a radiotherapy course's empty "levels" means "not stated" just as null does; both are dropped. Empty lists are
/// kept: they say "known none" (never irradiated), which differs from unknown.
/// </summary>
public static class CaseNormalizer
{
    public static Case Normalize(Case c)
    {
        var node = JsonNode.Parse(CaseJson.Write(c))!;
        if (node["treatments"]?["radiotherapy"] is JsonArray courses)
            foreach (var course in courses.OfType<JsonObject>())
                if (course["levels"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0) course.Remove("levels");
        Prune(node);
        return node.Deserialize<Case>(CaseJson.Options) ?? new Case();
    }

    private static bool Prune(JsonNode? n)
    {
        switch (n)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                    if (o[key] is JsonObject child && Prune(child)) o.Remove(key);
                return o.Count == 0;
            case JsonArray a:
                foreach (var x in a) Prune(x);
                return false;
            default:
                return false;
        }
    }
}
