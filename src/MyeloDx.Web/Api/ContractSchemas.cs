using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using MyeloDx.Core.Contract;

namespace MyeloDx.Web.Api;

/// <summary>
/// The OpenAPI schemas of the Core contract types the API sends (<see cref="AssessmentDocument"/>,
/// <see cref="DoseDocument"/>, <see cref="KnowledgeSummary"/>). Left to itself the framework describes them through the
/// web's default JSON options, which are not the ones that write them: enums without their own converter as numbers,
/// every number as "number or string", and every constructor parameter as required even where a null is left out.
/// These schemas come from the exporter that writes docs/assessment.schema.json (<see cref="AssessmentSchema.Of"/>),
/// over the serialiser that writes the bodies (<see cref="ContractJson.Compact"/>), one component per named type under
/// the name the framework gives that type, so they replace the framework's descriptions instead of sitting beside them.
/// </summary>
internal static class ContractSchemas
{
    private const string Components = "#/components/schemas/";

    /// <summary>The contract types an endpoint writes as its whole body.</summary>
    private static IEnumerable<JsonTypeInfo> Sent =>
        [ContractJson.Compact.AssessmentDocument, ContractJson.Compact.DoseDocument, ContractJson.Compact.KnowledgeSummary];

    public static Task Apply(OpenApiDocument doc, OpenApiDocumentTransformerContext context, CancellationToken aborted)
    {
        doc.Components ??= new OpenApiComponents();
        doc.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = doc.Components.Schemas;
        var named = Named();
        // What the framework made for these types and names otherwise (a derived type as "ScoreDetailsMrcDetails")
        // would be left behind, referred to by nothing: found now, removed below.
        var framework = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in named.Keys)
            if (schemas.TryGetValue(name, out var made)) References(made, schemas, framework);
        var reader = new OpenApiJsonReader();
        foreach (var (name, node) in named)
        {
            // The exporter's JSON Schema read as OpenAPI 3.1 (whose schemas are JSON Schema 2020-12): a serialisation edge.
            var schema = reader.ReadFragment<OpenApiSchema>(node, OpenApiSpecVersion.OpenApi3_1, doc, out var diagnostic);
            if (schema is null || diagnostic.Errors.Count > 0)
                throw new InvalidOperationException($"the OpenAPI schema of {name} does not read: {string.Join("; ", diagnostic.Errors.Select(e => e.Message))}");
            schemas[name] = schema;
        }
        var stale = framework.Where(n => !named.ContainsKey(n)).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, schema) in schemas)
            if (!stale.Contains(name)) References(schema, schemas, used);
        foreach (var name in stale.Where(n => !used.Contains(n))) schemas.Remove(name);
        return Task.CompletedTask;
    }

    /// <summary>The component names <paramref name="schema"/> refers to, directly or through the components it names.</summary>
    private static void References(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components, ISet<string> into)
    {
        switch (schema)
        {
            case null: return;
            case OpenApiSchemaReference r:
                if (r.Reference.Id is { } id && into.Add(id) && components.TryGetValue(id, out var target)) References(target, components, into);
                return;
        }
        foreach (var p in schema.Properties?.Values ?? []) References(p, components, into);
        References(schema.Items, components, into);
        References(schema.AdditionalProperties, components, into);
        References(schema.Not, components, into);
        foreach (var s in (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])) References(s, components, into);
        foreach (var s in schema.Discriminator?.Mapping?.Values ?? []) References(s, components, into);
    }

    /// <summary>Every named type (object or enum) reachable from the sent types, each referring to the others by name.</summary>
    internal static SortedDictionary<string, JsonObject> Named()
    {
        var named = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var type in Sent)
        {
            // The exporter refers to a type it has already written by a JSON pointer into the schema being written. Those
            // places move into components here, so a pointer is answered with what was made at the place it points to.
            var made = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            AssessmentSchema.Of(type, (ctx, node) =>
            {
                var result = Component(ctx, node, named, made);
                made[Pointer(ctx.Path)] = result;
                return result;
            });
        }
        return named;
    }

    private static JsonNode Component(JsonSchemaExporterContext ctx, JsonNode node, IDictionary<string, JsonObject> named, IReadOnlyDictionary<string, JsonNode> made)
    {
        if (node is not JsonObject o) return node;
        var name = OpenApiOptions.CreateDefaultSchemaReferenceId(ctx.TypeInfo);
        if (o["$ref"] is JsonValue r && r.GetValue<string>() is var pointer && !pointer.StartsWith(Components, StringComparison.Ordinal))
        {
            if (made.TryGetValue(pointer, out var earlier)) return earlier.DeepClone();
            // Not made yet: the place being written, a type inside itself (NumberCountsEntry's per-diagnosis counts).
            return Recursive(ctx, name) ?? throw new InvalidOperationException($"the contract schema refers to {pointer}, which names no type");
        }
        if (name is null) return node;

        var nullable = WithoutNull(o);
        // What belongs to the property, not to the type, stays where the type is used.
        var atUse = new JsonObject();
        foreach (var key in new[] { "default", "description" })
            if (o.Remove(key, out var value)) atUse[key] = value;
        // The exporter leaves the type of an enum implicit; the contract's enums are all written as strings.
        if (o["enum"] is JsonArray values && !o.ContainsKey("type") && values.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
            o.Insert(0, "type", "string");
        if (!named.TryGetValue(name, out var existing)) named[name] = o;
        else if (!JsonNode.DeepEquals(existing, o))
            throw new InvalidOperationException($"two contract types are both named {name} in the OpenAPI document");

        var reference = Reference(name, nullable);
        foreach (var (key, value) in atUse.ToList())
        {
            atUse.Remove(key);
            reference[key] = value;
        }
        return reference;
    }

    /// <summary>A named type, or a list or map of one, written again inside itself: a reference by name.</summary>
    private static JsonObject? Recursive(JsonSchemaExporterContext ctx, string? name)
    {
        var nullable = ctx.PropertyInfo is { IsGetNullable: true };
        if (name is not null) return Reference(name, nullable);
        if (ctx.TypeInfo.ElementType is not { } element ||
            OpenApiOptions.CreateDefaultSchemaReferenceId(ctx.TypeInfo.Options.GetTypeInfo(element)) is not { } elementName)
            return null;
        var (type, keyword) = ctx.TypeInfo.Kind == JsonTypeInfoKind.Dictionary ? ("object", "additionalProperties") : ("array", "items");
        return new JsonObject
        {
            ["type"] = nullable ? new JsonArray(type, "null") : type,
            [keyword] = Reference(elementName, false),
        };
    }

    private static JsonObject Reference(string name, bool nullable)
    {
        var reference = new JsonObject { ["$ref"] = Components + name };
        return nullable ? new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, reference) } : reference;
    }

    /// <summary>Takes "null" out of the node's type or enum (the component describes the type; null belongs to the use).</summary>
    private static bool WithoutNull(JsonObject o)
    {
        var nullable = false;
        if (o["type"] is JsonArray types && types.FirstOrDefault(t => t?.GetValue<string>() == "null") is { } nullType)
        {
            types.Remove(nullType);
            nullable = true;
            if (types.Count == 1) o["type"] = types[0]!.GetValue<string>();
        }
        if (o["enum"] is JsonArray values && values.Any(v => v is null))
        {
            foreach (var n in values.Where(v => v is null).ToList()) values.Remove(n);
            nullable = true;
        }
        return nullable;
    }

    private static string Pointer(ReadOnlySpan<string> path)
    {
        var pointer = "#";
        foreach (var segment in path) pointer += "/" + segment;
        return pointer;
    }
}
