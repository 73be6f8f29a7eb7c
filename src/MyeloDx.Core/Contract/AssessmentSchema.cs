using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MyeloDx.Core.Contract;

/// <summary>
/// The JSON Schema of <see cref="AssessmentDocument"/>, generated from the types by <see cref="JsonSchemaExporter"/>
/// (so it cannot drift from the code); checked in as docs/assessment.schema.json and compared by a test.
/// </summary>
public static class AssessmentSchema
{
    public const string Id = "https://myelodx.example/schemas/assessment.schema.json";

    /// <summary>
    /// Every contract object is closed: a property the types do not declare is a schema error, not a silent extra. And a
    /// property written even when null ([JsonIgnore(Condition = Never)]) is always there, so it is required; the
    /// exporter itself requires only `required` members and constructor parameters without a default.
    /// </summary>
    private static JsonNode Closed(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject o && o.ContainsKey("properties"))
        {
            var always = context.TypeInfo.Properties.Where(WrittenWhenNull).Select(p => p.Name).ToList();
            if (always.Count > 0)
            {
                if (o["required"] is not JsonArray required) o["required"] = required = [];
                foreach (var name in always)
                    if (!required.Any(r => r?.GetValue<string>() == name)) required.Add(name);
            }
            o["additionalProperties"] = false;
        }
        return schema;
    }

    private static bool WrittenWhenNull(JsonPropertyInfo p) =>
        p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true).OfType<JsonIgnoreAttribute>()
            .Any(a => a.Condition == JsonIgnoreCondition.Never) == true;

    /// <summary>
    /// The JSON Schema of a contract type as its serialiser writes it: the one exporter setting for this file and for the
    /// web API's OpenAPI document (src/MyeloDx.Web/Api/ContractSchemas.cs), so the two cannot describe the same type
    /// differently. <paramref name="then"/> sees each node after it is closed.
    /// </summary>
    public static JsonNode Of(JsonTypeInfo type, Func<JsonSchemaExporterContext, JsonNode, JsonNode>? then = null) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = then is null ? Closed : (context, schema) => then(context, Closed(context, schema)),
        });

    public static string Generate()
    {
        var schema = Of(ContractJson.Indented.AssessmentDocument);
        // A serialisation edge: a JSON Schema is itself a JSON document, produced by JsonSchemaExporter as nodes.
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "MyeloDx assessment",
            ["description"] = "The JSON of `myelodx assess --format json`, POST /api/assess and the registry (generated from MyeloDx.Core.Contract.AssessmentDocument; do not edit by hand).",
        };
        // The exporter's output is the edge here: its keywords are copied after the header above.
        foreach (var (k, v) in schema.AsObject().ToList()) root[k] = v?.DeepClone();
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
