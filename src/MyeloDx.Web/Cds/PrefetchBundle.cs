using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MyeloDx.Web.Cds;

/// <summary>
/// The prefetch resources re-wrapped as one FHIR Bundle for the importer, written straight from the request's elements
/// with references to resources outside the prefetch made absolute. The same text as
/// <see cref="PrefetchReader.TreeBundle"/>, which built a JSON tree over every resource to rewrite a few references (a
/// tree node per value, walked and then serialised: several percent of a CDS call's CPU). Same because the tree wrote
/// with the same default writer: each member in order under its (unescaped) name, untouched values as their elements
/// write themselves, a rewritten reference as a string in the place of the old one.
/// </summary>
internal static class PrefetchBundle
{
    public static string Write(IReadOnlyList<JsonElement> resources, IReadOnlyList<string?> urls, HashSet<string> present, string server) =>
        Encoding.UTF8.GetString(WriteUtf8(resources, urls, present, server).Span);

    /// <summary><see cref="Write"/> as the UTF-8 the writer makes, for the importer's UTF-8 entry (no UTF-16 copy).</summary>
    /// <param name="sizeHint">Bytes to start with (the request's JSON size): the Bundle is about as large, so the buffer
    /// does not grow and copy itself several times.</param>
    public static ReadOnlyMemory<byte> WriteUtf8(IReadOnlyList<JsonElement> resources, IReadOnlyList<string?> urls, HashSet<string> present, string server, int sizeHint = 16 * 1024)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(1024, sizeHint));
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteStartObject();
            w.WriteString("resourceType", "Bundle");
            w.WriteString("type", "collection");
            w.WriteStartArray("entry");
            for (var i = 0; i < resources.Count; i++)
            {
                w.WriteStartObject();
                if (urls[i] is { } url) w.WriteString("fullUrl", url);
                w.WritePropertyName("resource");
                Value(w, resources[i], present, server);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return output.WrittenMemory;
    }

    private static void Value(Utf8JsonWriter w, JsonElement e, HashSet<string> present, string server)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject())
                {
                    w.WritePropertyName(p.Name);
                    if (p.Value.ValueKind == JsonValueKind.String && p.NameEquals("reference") && p.Value.GetString() is { } s
                        && PrefetchReader.PointsOutside(s, present))
                        w.WriteStringValue($"{server}/{s}");
                    else Value(w, p.Value, present, server);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray()) Value(w, item, present, server);
                w.WriteEndArray();
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }
}
