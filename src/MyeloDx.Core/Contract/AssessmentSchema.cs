using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace MyeloDx.Core.Contract;

/// <summary>
/// The JSON Schema of <see cref="AssessmentDocument"/>, generated from the types by <see cref="JsonSchemaExporter"/>
/// (so it cannot drift from the code); checked in as docs/assessment.schema.json and compared by a test.
/// </summary>
public static class AssessmentSchema
{
    public const string Id = "https://myelodx.example/schemas/assessment.schema.json";

    /// <summary>Every contract object is closed: a property the types do not declare is a schema error, not a silent extra.</summary>
    private static JsonNode Closed(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject o && o.ContainsKey("properties"))
            o["additionalProperties"] = false;
        return schema;
    }

    public static string Generate()
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(ContractJson.Indented.AssessmentDocument,
            new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Closed });
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
