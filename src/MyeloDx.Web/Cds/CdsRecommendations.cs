using System.Text;
using System.Text.Json.Nodes;

namespace MyeloDx.Web.Cds;

/// <summary>
/// The decision part of the CDS Hooks answer, read from the same JSON sections as every other surface
/// (<c>firstAction</c>, <c>nextTests</c>, <c>withheldTests</c>, <c>references</c>): an urgent card first when a
/// time-critical cause is plausible, and the next tests in their safe order with preconditions and citations.
/// </summary>
internal static class CdsRecommendations
{
    /// <summary>The card that must come first: what to do within hours (null when nothing is time-critical).</summary>
    public static JsonObject? UrgentCard(JsonObject? json, JsonObject source, string baseUrl)
    {
        if (json?["firstAction"] is not JsonObject f || f["text"]?.GetValue<string>() is not { } text) return null;
        var summary = text.Length > 139 ? text[..136] + "..." : text;
        var cites = (f["citations"] as JsonArray ?? []).Select(c => c?.GetValue<string>()).OfType<string>().ToList();
        var detail = new StringBuilder().AppendLine($"**{text}** {string.Join("", cites)}".TrimEnd()).AppendLine();
        AppendReferences(detail, json, cites);
        detail.AppendLine($"_{MyeloDx.Core.Inference.Assessment.Caveat}_");
        return new JsonObject
        {
            ["uuid"] = Guid.NewGuid().ToString(),
            ["summary"] = summary,
            ["detail"] = detail.ToString(),
            ["indicator"] = "critical",
            ["source"] = source.DeepClone(),
            ["links"] = new JsonArray(new JsonObject { ["label"] = "Open MyeloDx", ["url"] = baseUrl + "/", ["type"] = "absolute" }),
        };
    }

    /// <summary>"Next tests, in order" with each test's "after …" notes, the withheld tests and their references.</summary>
    public static string TestsMarkdown(JsonObject? json)
    {
        var tests = (json?["nextTests"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var withheld = (json?["withheldTests"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (tests.Count == 0 && withheld.Count == 0) return "";
        var md = new StringBuilder();
        var used = new List<string>();
        if (tests.Count > 0)
        {
            md.AppendLine("**Next tests, in order:**").AppendLine();
            foreach (var t in tests)
            {
                var cites = Strings(t["citations"]);
                used.AddRange(cites);
                md.AppendLine($"{t["rank"]}. {Str(t["name"])} {string.Join("", cites)}".TrimEnd());
                foreach (var a in (t["after"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var c = Str(a["citation"]);
                    if (c.StartsWith('[')) used.Add(c);
                    md.AppendLine($"    - {Str(a["text"])} {(c.StartsWith('[') ? c : "")}".TrimEnd());
                }
            }
            md.AppendLine();
        }
        if (withheld.Count > 0)
        {
            md.AppendLine("**Withheld for this patient:**").AppendLine();
            foreach (var w in withheld)
            {
                var c = Str(w["citation"]);
                if (c.StartsWith('[')) used.Add(c);
                md.AppendLine($"- {Str(w["name"])}: {Str(w["reason"])} {(c.StartsWith('[') ? c : "")}".TrimEnd());
            }
            md.AppendLine();
        }
        AppendReferences(md, json, used);
        return md.ToString();
    }

    private static void AppendReferences(StringBuilder md, JsonObject? json, IEnumerable<string> cites)
    {
        var numbers = cites.Select(c => int.TryParse(c.Trim('[', ']'), out var n) ? n : 0).Where(n => n > 0).ToHashSet();
        var refs = (json?["references"] as JsonArray ?? []).OfType<JsonObject>().Where(r => numbers.Contains(r["number"]?.GetValue<int>() ?? 0)).ToList();
        if (refs.Count == 0) return;
        md.AppendLine("References:").AppendLine();
        foreach (var r in refs) md.AppendLine($"[{r["number"]}] {Str(r["citation"])} {Str(r["link"])}".TrimEnd());
        md.AppendLine();
    }

    private static List<string> Strings(JsonNode? n) => (n as JsonArray ?? []).Select(x => x?.GetValue<string>()).OfType<string>().ToList();

    private static string Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
