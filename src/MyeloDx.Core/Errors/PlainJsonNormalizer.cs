using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MyeloDx.Core.Errors;

/// <summary>
/// The common case of <see cref="InputNormalizer.Json"/> in one streaming pass: a reader over the text straight into a
/// writer, with no JSON tree and no second copy of every string (a CDS Hooks prefetch of 30-100 KB built a tree of
/// thousands of nodes per request, about a tenth of the server's CPU for that call). It gives the same text as the
/// tree did, and gives up (null) on anything where the two could differ, so the caller then runs the tree as before:
/// an escape or a surrogate that the tree's escape repair would change, a property name that normalisation would change (two
/// names could then become one), a name twice in one object, and any error (malformed, too deep, a string too long),
/// whose coded message the tree's path produces.
/// Why the output is the same: the tree wrote every object member in order with its normalised name, every string
/// normalised through the same writer settings, numbers as their source text (a parsed element writes its raw
/// token), and literals as themselves; comments were skipped and trailing commas allowed on both paths.
/// </summary>
internal static class PlainJsonNormalizer
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = InputNormalizer.MaxJsonDepth,
    };

    // The tree's ToJsonString(Compact) writes through a writer with these settings.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = true, MaxDepth = InputNormalizer.MaxJsonDepth,
    };

    /// <summary>The normalised text, or null when the tree must decide (see the type's remarks).</summary>
    public static string? TryNormalize(string json, string where) =>
        TryNormalizeUtf8(json, where) is { } utf8 ? Encoding.UTF8.GetString(utf8.Span) : null;

    /// <summary>The normalised text as the UTF-8 the writer made (valid UTF-8, so the same text as <see cref="TryNormalize"/>), or null.</summary>
    public static ReadOnlyMemory<byte>? TryNormalizeUtf8(string json, string where)
    {
        // Escapes are common (a serialiser's default writes \u0027 for an apostrophe and \u00E9 for é); only text the
        // tree's escape repair would change goes to the tree.
        if ((json.Contains("\\u", StringComparison.OrdinalIgnoreCase) || HasSurrogate(json))
            && !string.Equals(InputNormalizer.RepairEscapes(json), json, StringComparison.Ordinal)) return null;
        var max = Encoding.UTF8.GetMaxByteCount(json.Length);
        var input = ArrayPool<byte>.Shared.Rent(max);
        var output = new ArrayBufferWriter<byte>(Math.Max(256, json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, input);
            if (!Copy(input.AsSpan(0, length), output, where)) return null;
            return output.WrittenMemory;
        }
        catch (JsonException) { return null; }
        catch (InputException) { return null; }
        catch (ArgumentException) { return null; }
        catch (InvalidOperationException) { return null; }
        finally { ArrayPool<byte>.Shared.Return(input); }
    }

    private static bool HasSurrogate(string s)
    {
        foreach (var c in s) if (char.IsSurrogate(c)) return true;
        return false;
    }

    private static bool Copy(ReadOnlySpan<byte> utf8, ArrayBufferWriter<byte> output, string where)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        // the names already seen in each open object, to give a repeated name to the tree (which refuses it)
        var names = new List<HashSet<string>>();
        var depth = 0;
        var any = false;
        while (reader.Read())
        {
            any = true;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (names.Count <= depth) names.Add(new HashSet<string>(StringComparer.Ordinal));
                    else names[depth].Clear();
                    depth++;
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    depth--;
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    // an array takes a level too, so that an object inside it gets its own set of names
                    if (names.Count <= depth) names.Add(new HashSet<string>(StringComparer.Ordinal));
                    depth++;
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    depth--;
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    if (!ReferenceEquals(InputNormalizer.Text(name, where), name)) return false;
                    if (!names[depth - 1].Add(name)) return false;
                    writer.WritePropertyName(name);
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(InputNormalizer.Text(reader.GetString()!, where));
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                    writer.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    writer.WriteBooleanValue(false);
                    break;
                case JsonTokenType.Null:
                    writer.WriteNullValue();
                    break;
                default:
                    return false;
            }
        }
        // an empty or comment-only text is malformed JSON: the tree's path says so
        if (!any || depth != 0) return false;
        writer.Flush();
        return true;
    }
}
