using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MyeloDx.Web.Tests;

/// <summary>
/// A body as sent, held against the schema the OpenAPI document gives for it: every property sent is described, every
/// property the schema requires is sent, every enum value is one the schema lists (with the reason at the first place
/// it is not), and the body validates as JSON Schema 2020-12 (types, nulls) against the document's components.
/// </summary>
internal static class OpenApiBody
{
    private const string Components = "#/components/schemas/";

    public static void Matches(JsonElement sent, string component, JsonElement doc)
    {
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var problems = new List<string>();
        Walk(sent, schemas.GetProperty(component), schemas, component, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));

        // OpenAPI 3.1 schemas are JSON Schema 2020-12: the components become $defs of one schema for the validator.
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://myelodx.test/openapi/{component}",
            ["$ref"] = $"#/$defs/{component}",
            ["$defs"] = JsonNode.Parse(schemas.GetRawText().Replace(Components, "#/$defs/", StringComparison.Ordinal)),
        };
        var schema = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = schema.Evaluate(sent, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20)));
    }

    private static void Walk(JsonElement sent, JsonElement schema, JsonElement schemas, string where, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            Assert.StartsWith(Components, name);
            schema = schemas.GetProperty(name[Components.Length..]);
        }
        if (sent.ValueKind == JsonValueKind.Null) return;
        // A nullable or polymorphic use: the one alternative that is not null (oneOf), or the first that fits (anyOf).
        foreach (var choice in new[] { "oneOf", "anyOf" })
            if (schema.TryGetProperty(choice, out var alternatives))
            {
                var fits = alternatives.EnumerateArray().Where(a => !IsNull(a)).Where(a => Problems(sent, a, schemas, where).Count == 0).ToList();
                if (fits.Count == 0) problems.Add($"{where}: fits none of the {choice} alternatives");
                else Walk(sent, fits[0], schemas, where, problems);
                return;
            }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, sent)))
            problems.Add($"{where}: sends {sent.GetRawText()}, which is not one of {values.GetRawText()}");
        if (sent.ValueKind == JsonValueKind.Object)
        {
            var described = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var property in sent.EnumerateObject())
            {
                if (described.ValueKind == JsonValueKind.Object && described.TryGetProperty(property.Name, out var ps))
                    Walk(property.Value, ps, schemas, $"{where}.{property.Name}", problems);
                else if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object)
                    Walk(property.Value, extra, schemas, $"{where}[{property.Name}]", problems);
                else problems.Add($"{where}: sends '{property.Name}', which the schema does not describe");
            }
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    if (!sent.TryGetProperty(name, out _)) problems.Add($"{where}: '{name}' is required but not sent");
        }
        else if (sent.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in sent.EnumerateArray()) Walk(item, items, schemas, $"{where}[{i++}]", problems);
        }
    }

    private static List<string> Problems(JsonElement sent, JsonElement schema, JsonElement schemas, string where)
    {
        var problems = new List<string>();
        Walk(sent, schema, schemas, where, problems);
        return problems;
    }

    private static bool IsNull(JsonElement schema) =>
        schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";
}
