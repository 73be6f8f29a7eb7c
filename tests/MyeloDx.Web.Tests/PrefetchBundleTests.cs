using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Web.Cds;

namespace MyeloDx.Web.Tests;

/// <summary>
/// The Bundle written straight from the prefetch elements must be the text the JSON tree wrote: on the demo prefetch
/// (plain and coded) and on random variations of its resources (references of every kind, ids missing, strings that the
/// writer escapes, nested arrays, numbers and literals).
/// </summary>
public sealed class PrefetchBundleTests
{
    private static void Same(JsonObject prefetch, Random rng)
    {
        using var doc = JsonDocument.Parse(prefetch.ToJsonString());
        var resources = new List<JsonElement>();
        var urls = new List<string?>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Object) continue;
            if (p.Value.TryGetProperty("resourceType", out var t) && t.GetString() == "Bundle" && p.Value.TryGetProperty("entry", out var entries))
                foreach (var e in entries.EnumerateArray())
                {
                    resources.Add(e.GetProperty("resource"));
                    urls.Add(e.TryGetProperty("fullUrl", out var fu) ? fu.GetString() : rng.Next(3) == 0 ? $"urn:uuid:{rng.Next()}" : null);
                }
            else { resources.Add(p.Value); urls.Add(null); }
        }
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in resources)
            if (r.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                present.Add($"{r.GetProperty("resourceType").GetString()}/{id.GetString()}");
        var server = rng.Next(2) == 0 ? "https://ehr.invalid/fhir" : "https://ehr.example.org/é<&>";
        Assert.Equal(PrefetchReader.TreeBundle(resources, urls, present, server), PrefetchBundle.Write(resources, urls, present, server));
    }

    private static readonly string[] References =
    [
        "Patient/p1", "Patient/p2", "Practitioner/9", "Encounter/e1/_history/2", "#contained", "urn:uuid:1234", "URN:x",
        "http://x/Patient/1", "HTTPS://y", "", "Patient", "Patient/", "/Patient/p1", "Condition/r1", "é/ü", "a/b\"c\\d",
    ];

    private static readonly JsonNode?[] Values =
    [
        "plain", "é ü ñ", "<b>&amp;'+", "line\nbreak\ttab", "quote \" backslash \\ slash /", "\u2028\u2029", "😀",
        12, -0.5, 1e20, true, false, null, new JsonArray(1, "two", null), new JsonObject { ["reference"] = "Patient/p1" },
    ];

    private static void Vary(JsonNode? n, Random rng)
    {
        switch (n)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    if (k == "reference" && rng.Next(2) == 0) o[k] = References[rng.Next(References.Length)];
                    else if (k == "id" && rng.Next(5) == 0) o.Remove(k);
                    else Vary(v, rng);
                }
                if (rng.Next(4) == 0) o["extra" + rng.Next(100)] = Values[rng.Next(Values.Length)]?.DeepClone();
                if (rng.Next(4) == 0) o["subject"] = new JsonObject { ["reference"] = References[rng.Next(References.Length)], ["display"] = "Ms é" };
                break;
            case JsonArray a:
                foreach (var v in a) Vary(v, rng);
                break;
        }
    }

    [Fact]
    public void The_bundle_is_the_trees_text()
    {
        var rng = new Random(11);
        Same(CdsHooksTests.DemoPrefetch(), rng);
        Same(CdsHooksTests.CodedDemoPrefetch(), rng);
        for (var i = 0; i < 300; i++)
        {
            var p = (i % 2 == 0 ? CdsHooksTests.DemoPrefetch() : CdsHooksTests.CodedDemoPrefetch());
            Vary(p, rng);
            Same(p, rng);
        }
    }
}
