using System.Text.Json.Nodes;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// The machine-readable form of <see cref="Recommendations"/>: <c>firstAction</c>, <c>nextTests</c> (in display order,
/// each with its preconditions and citations), <c>withheldTests</c>, <c>management</c> and <c>references</c>.
/// Every surface reads these, so the order and wording are the same everywhere.
/// </summary>
public static class RecommendationsJson
{
    public static JsonObject? FirstAction(Recommendations r) => r.FirstLine is not { } f ? null : new JsonObject
    {
        ["text"] = f.Text,
        ["diagnoses"] = new JsonArray(f.DiagnosisIds.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
        ["citations"] = Citations(r, f.Items.Select(i => i.Provenance)),
    };

    public static JsonArray NextTests(Recommendations r, KnowledgeBase kb)
    {
        var arr = new JsonArray();
        foreach (var t in r.Tests)
        {
            var o = DecisionsJson.Test(t.Value, kb);
            o["rank"] = t.Rank;
            o["name"] = t.Name;
            o["invasiveness"] = t.Invasiveness.Id;
            o["invasivenessLevel"] = t.Invasiveness.Level;
            if (t.RouteId is not null) o["route"] = t.RouteId;
            o["source"] = t.Citations.FirstOrDefault()?.SourceId;
            if (t.Note is not null) o["note"] = t.Note; else o.Remove("note");
            o.Remove("after");
            o["after"] = new JsonArray(t.After.Select(a => (JsonNode)new JsonObject
            {
                ["text"] = a.Text,
                ["test"] = a.AfterTest,
                ["source"] = a.Provenance.SourceId,
                ["citation"] = r.Cite(a.Provenance),
            }).ToArray());
            o["citations"] = Citations(r, t.Citations);
            arr.Add(o);
        }
        return arr;
    }

    public static JsonArray Withheld(Recommendations r) => new(r.Withheld.Select(w => (JsonNode)new JsonObject
    {
        ["id"] = w.TestId,
        ["name"] = w.Name,
        ["reason"] = w.Reason,
        ["source"] = w.Provenance.SourceId,
        ["citation"] = r.Cite(w.Provenance),
    }).ToArray());

    public static JsonArray References(Recommendations r) => new(r.References.Select(x => (JsonNode)new JsonObject
    {
        ["number"] = x.Number,
        ["source"] = x.SourceId,
        ["citation"] = x.Citation,
        ["link"] = x.Link,
    }).ToArray());

    /// <summary>The management plan, each statement with its level of evidence and citation number.</summary>
    public static JsonObject Management(Recommendations r, KnowledgeBase kb)
    {
        var o = DecisionsJson.Management(r.Plan, kb);
        var items = r.Plan.Urgent.Select(u => u.Item).ToList();
        Decorate(o["urgent"] as JsonArray, items, r);
        var i = 0;
        foreach (var d in (o["diagnoses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var p = r.Plan.Diagnoses[i++];
            Decorate(d["treatment"] as JsonArray, p.Treatment, r);
            Decorate(d["prognosis"] as JsonArray, p.Prognosis, r);
            Decorate(d["scores"] as JsonArray, p.Scores, r);
        }
        Decorate(o["general"] as JsonArray, r.Plan.General, r);
        return o;
    }

    private static void Decorate(JsonArray? arr, IReadOnlyList<ManagementItem> items, Recommendations r)
    {
        if (arr is null) return;
        for (var i = 0; i < arr.Count && i < items.Count; i++)
            if (arr[i] is JsonObject j)
            {
                j["level"] = items[i].Level;
                j["citation"] = r.Cite(items[i].Provenance);
            }
    }

    private static JsonArray Citations(Recommendations r, IEnumerable<Provenance> ps) =>
        new(ps.Select(r.Cite).Where(c => c.Length > 0).Distinct().Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
}
