using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Cases;

/// <summary>
/// The case JSON form, source-generated (no reflection): camelCase, a null field left out, unknown fields refused (never
/// ignored), comments and trailing commas accepted in files written by hand, indented when written.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    MaxDepth = 32)]
[JsonSerializable(typeof(Case))]
internal sealed partial class CaseJsonContext : JsonSerializerContext;

/// <summary>Reads and writes the case JSON form (camelCase; unknown fields are refused, never ignored).</summary>
public static class CaseJson
{
    /// <summary>The options of <see cref="CaseJsonContext"/>, for readers that bind a case from a JSON tree.</summary>
    public static JsonSerializerOptions Options => CaseJsonContext.Default.Options;

    public static Case Parse(string json, string where = "case")
    {
        try
        {
            var c = JsonSerializer.Deserialize(json, CaseJsonContext.Default.Case)
                ?? throw new InputException("MDX-IN002", where, "the case is empty (null)");
            CaseValidator.Validate(c, where);
            return c;
        }
        catch (JsonException e)
        {
            throw Translate(e, where);
        }
    }

    public static Case FromElement(JsonElement element, string where = "case")
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InputException("MDX-IN002", where, "the case must be a JSON object");
        try
        {
            var c = element.Deserialize(CaseJsonContext.Default.Case) ?? throw new InputException("MDX-IN002", where, "the case is empty");
            CaseValidator.Validate(c, where);
            return c;
        }
        catch (JsonException e)
        {
            throw Translate(e, where);
        }
    }

    /// <summary>
    /// Binds the case at the reader's current token (a start of object) straight from the input bytes, for a caller
    /// that has already checked that normalisation (<see cref="InputNormalizer"/>) would leave every string of it
    /// unchanged (the batch fast path, issue 17: no JSON tree, no string, no second parse per line). Stricter than
    /// <see cref="FromElement"/>: a key given twice throws here instead of the later one winning, because the tree
    /// path refuses such a case with its own message; a caller that catches falls back to that path for the message.
    /// </summary>
    public static Case FromReader(ref Utf8JsonReader reader, string where)
    {
        // The hand-written binder first (the serializer was a quarter of a batch line); whatever it is unsure of is read
        // again from the same position by the serializer, so results and coded errors are the serializer's.
        var start = reader;
        bool bound;
        Case? c;
        // malformed JSON too: the serializer's exception carries the path and position the message is built from
        try { bound = CaseReader.TryRead(ref reader, out c); }
        catch (JsonException) { bound = false; c = null; }
        if (!bound)
        {
            reader = start;
            c = JsonSerializer.Deserialize(ref reader, StrictCase);
        }
        if (c is null) throw new InputException("MDX-IN002", where, "the case is empty");
        CaseValidator.Validate(c, where);
        return c;
    }

    // The context's options with duplicate keys refused; built once (read-only after), shared by every thread.
    private static readonly JsonTypeInfo<Case> StrictCase = (JsonTypeInfo<Case>)new JsonSerializerOptions(CaseJsonContext.Default.Options)
    {
        AllowDuplicateProperties = false,
    }.GetTypeInfo(typeof(Case));

    public static string Write(Case c) => JsonSerializer.Serialize(c, CaseJsonContext.Default.Case);

    private static InputException Translate(JsonException e, string where)
    {
        var path = e.Path is { Length: > 0 } p ? where + p.TrimStart('$') : where;
        var line = e.LineNumber is { } ln ? $" (line {ln + 1})" : "";
        // Keep the message short and free of the value itself where possible.
        var what = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "unknown field"
            : e.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "wrong type of value"
                : "malformed JSON";
        return new InputException("MDX-IN001", path + line, what);
    }
}
