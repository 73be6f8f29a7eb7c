using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MyeloDx.Core.Contract;

/// <summary>A top-level section of a stored assessment that the current records cannot bind, kept as read.</summary>
public sealed record UnboundSection(string Key, JsonElement Value);

/// <summary>
/// The one reader of an assessment JSON written earlier (a saved case's stored document, a printed file): the typed
/// <see cref="AssessmentDocument"/>, bound once here through the source-generated context, and whatever did not bind.
/// Why anything may not bind: a document stored by an earlier (or later) build can carry a section the current
/// records do not know, or a section in another shape. A clinician must not lose it silently, so such a section is
/// kept as read (<see cref="Unbound"/>) for the renderers' one small generic fallback; everything else is typed.
/// A section binds only when every member it carries is known (a member the records lack would otherwise vanish).
/// </summary>
public sealed record StoredAssessment(AssessmentDocument Document, IReadOnlyList<UnboundSection> Unbound)
{
    private static readonly JsonSerializerOptions Reading = new(AssessmentJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new ScoreDetailsReader() },
    };

    private static JsonTypeInfo<AssessmentDocument> DocumentInfo => (JsonTypeInfo<AssessmentDocument>)Reading.GetTypeInfo(typeof(AssessmentDocument));

    /// <summary>Binds <paramref name="json"/>; throws <see cref="JsonException"/> when its core (leading, differential...) does not bind.</summary>
    public static StoredAssessment Read(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("an assessment is a JSON object");
        var members = DocumentInfo.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        // The usual case, a document this build wrote: bound in one pass.
        if (root.EnumerateObject().All(p => members.ContainsKey(p.Name)))
        {
            try { return new StoredAssessment(Bind(root), []); }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException) { /* some section does not bind: sort them below */ }
        }
        var unbound = new List<UnboundSection>();
        var bound = new List<JsonProperty>();
        foreach (var p in root.EnumerateObject())
        {
            // A required member (leading, differential...) is the core: if it does not bind, nothing can be shown typed.
            if (members.TryGetValue(p.Name, out var m) && (m.IsRequired || Binds(p.Value, m.PropertyType))) bound.Add(p);
            else unbound.Add(new UnboundSection(p.Name, p.Value.Clone()));
        }
        using var rest = JsonDocument.Parse(Only(bound));
        return new StoredAssessment(Bind(rest.RootElement), unbound);
    }

    private static AssessmentDocument Bind(JsonElement e) =>
        JsonSerializer.Deserialize(e, DocumentInfo) ?? throw new JsonException("an assessment cannot be null");

    private static bool Binds(JsonElement value, Type type)
    {
        try
        {
            JsonSerializer.Deserialize(value, Reading.GetTypeInfo(type));
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The document's bound members only, as one JSON object to bind in one pass.</summary>
    private static byte[] Only(IEnumerable<JsonProperty> bound)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var p in bound) p.WriteTo(w);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
