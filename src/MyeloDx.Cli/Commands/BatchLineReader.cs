using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// The batch line's fast path (issue 17): one pass of a <see cref="Utf8JsonReader"/> over the line's bytes, the case
/// bound straight from them, for the lines on which the general path (normalise into a JSON tree, write the case back
/// out as text, parse that again) provably gives the same result. Whatever is not such a line, or fails in any way,
/// returns false and is read by the general path, which therefore still writes every error message.
/// </summary>
internal static class BatchLineReader
{
    /// <summary>What a fast-read line holds: its id as given (a string or number), and a case or a text.</summary>
    internal readonly record struct Line(JsonElement? Id, Case? Case, string? Text);

    private static readonly JsonReaderOptions Options = new()
    {
        // as InputNormalizer.ParseJson reads every body
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = InputNormalizer.MaxJsonDepth,
    };

    /// <summary>
    /// Reads the line when normalisation cannot change it: no <c>\u</c> escape and no surrogate (so the escape repair is
    /// a no-op), keys exactly <c>id</c>, <c>case</c>, <c>text</c>, each at most once, an id that is a number or a
    /// string normalisation leaves alone, and for a case a line of printable ASCII without any escape (so no string of
    /// the case can change). A text is normalised here as the tree would have normalised it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per line, no loop: see BatchCommand.One
    public static bool TryRead(string line, string where, out Line read)
    {
        read = default;
        // ordinal, not OrdinalIgnoreCase: the case-insensitive search was 3% of a structured line's time
        if (line.Contains("\\u", StringComparison.Ordinal) || line.Contains("\\U", StringComparison.Ordinal) || HasSurrogate(line)) return false;
        var max = Encoding.UTF8.GetMaxByteCount(line.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = Encoding.UTF8.GetBytes(line, rented);
            return TryRead(rented.AsSpan(0, length), PlainWithoutEscapes(line), where, out read);
        }
        // Anything unexpected (malformed JSON, an unknown or repeated field, a failed validation): the general path
        // reads the line again and reports it in its own words.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            read = default;
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> bytes, bool plain, string where, out Line read)
    {
        read = default;
        var reader = new Utf8JsonReader(bytes, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        JsonElement? id = null;
        Case? c = null;
        string? text = null;
        bool seenId = false, seenCase = false, seenText = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                if (seenId) return false;
                seenId = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    var s = reader.GetString()!;
                    if (!ReferenceEquals(InputNormalizer.Text(s, where), s)) return false;
                }
                else if (reader.TokenType != JsonTokenType.Number) return false;
                id = JsonElement.ParseValue(ref reader);
            }
            else if (reader.ValueTextEquals("case"u8))
            {
                if (seenCase || !plain) return false;
                seenCase = true;
                reader.Read();
                // null, a FHIR Bundle or anything not an object: the general path decides what it is
                if (reader.TokenType != JsonTokenType.StartObject) return false;
                c = CaseJson.FromReader(ref reader, where + " case");
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                if (seenText) return false;
                seenText = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) text = InputNormalizer.Text(reader.GetString()!, where);
                else reader.Skip();
            }
            else return false;
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
        if (c is null && text is null) return false;
        read = new Line(id, c, c is null ? text : null);
        return true;
    }

    /// <summary>Printable ASCII and no backslash: no string in the line can be changed by normalisation.</summary>
    // span searches (vectorised) rather than a char loop: a loop ran as unoptimised code for most of a short batch
    private static bool PlainWithoutEscapes(string s) =>
        s.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0 && !s.Contains('\\');

    private static bool HasSurrogate(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
}
