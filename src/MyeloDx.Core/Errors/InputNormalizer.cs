using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyeloDx.Core.Errors;

/// <summary>
/// The one normalisation step every entry point (CLI files, batch lines, REST bodies, CDS Hooks, FHIR) applies
/// before text reaches a reader or the registry: lone UTF-16 surrogates become U+FFFD, NUL and other control
/// characters (kept: tab, line feed, carriage return) become spaces, compatibility forms are folded by NFKC
/// (full-width letters and digits) and every other decimal digit (Arabic-Indic, Devanagari...) becomes its ASCII
/// digit, so the reader and the dose parser see one alphabet of numbers. What is still invalid afterwards (bad JSON,
/// too deep, too long) is a coded <see cref="InputException"/>.
/// </summary>
public static class InputNormalizer
{
    /// <summary>Deepest JSON accepted (a case is about 5 levels deep; FHIR Bundles about 10).</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Longest single string accepted (the text reader's own limit is 2,000,000 characters).</summary>
    public const int MaxChars = 2_000_000;

    /// <summary>Normalises free text. Never throws for content; throws MDX-IN012 only when the text is too long.</summary>
    public static string Text(string s, string where = "text")
    {
        if (s.Length > MaxChars) throw new InputException("MDX-IN012", where, $"the text has {s.Length:N0} characters; the limit is {MaxChars:N0}");
        if (IsPlain(s)) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[++i]); continue; }
                sb.Append('\uFFFD');
            }
            else if (char.IsLowSurrogate(c)) sb.Append('\uFFFD');
            else if (c is '\t' or '\n' or '\r') sb.Append(c);
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF') sb.Append(' ');
            else sb.Append(c);
        }
        // The build runs with InvariantGlobalization (no ICU), where String.Normalize leaves non-ASCII text as it is;
        // so the compatibility forms that occur in typed and pasted notes are folded here, as NFKC would fold them.
        return AsciiDigits(Compatibility.Fold(sb.ToString()));
    }

    /// <summary>True when the text is printable ASCII (plus tab and new lines): nothing to do, the common case.</summary>
    private static bool IsPlain(string s)
    {
        foreach (var c in s)
            if (c > '~' || (c < ' ' && c is not ('\t' or '\n' or '\r'))) return false;
        return true;
    }

    /// <summary>Every Unicode decimal digit (category Nd) to 0-9; NFKC leaves Arabic-Indic and Devanagari digits alone.</summary>
    private static string AsciiDigits(string t)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c > '\u007F' && char.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber)
            {
                sb ??= new StringBuilder(t, 0, i, t.Length);
                sb.Append((char)('0' + (int)char.GetNumericValue(c)));
            }
            else sb?.Append(c);
        }
        return sb?.ToString() ?? t;
    }

    /// <summary>
    /// Parses JSON text into a tree whose every string and property name is normalised like <see cref="Text"/>.
    /// A lone surrogate escape (<c>"\ud800"</c>) is not an error here (it becomes U+FFFD); malformed JSON is MDX-IN001,
    /// a document deeper than <see cref="MaxJsonDepth"/> is MDX-IN014.
    /// Why a JSON tree and not a type: this runs before anyone knows what the body is (a case, a FHIR Bundle, a CDS
    /// Hooks request, a batch line), and property names must be normalised too (a full-width key would otherwise be an
    /// unknown field), so no record can bind it yet. The tree lives only between this call and the reader that binds
    /// it to its own type at once; it is never passed on as a contract between rooms.
    /// </summary>
    public static JsonNode? ParseJson(string json, string where)
    {
        var safe = RepairEscapes(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(safe, new JsonNodeOptions { PropertyNameCaseInsensitive = false },
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxJsonDepth });
        }
        // only the depth limit; a truncated document ("expected depth to be zero at the end") is malformed JSON
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException("MDX-IN014", where, $"the JSON is nested more than {MaxJsonDepth} levels deep");
        }
        catch (JsonException e)
        {
            throw new InputException("MDX-IN001", $"{where} line {(e.LineNumber ?? 0) + 1}", "malformed JSON");
        }
        // System.Text.Json refuses invalid UTF-16 with an ArgumentException; RepairEscapes should leave none, but a
        // body that still carries one is bad input, not an internal error.
        catch (ArgumentException)
        {
            throw new InputException("MDX-IN001", where, "malformed JSON: the text is not valid Unicode");
        }
        // The tree is built lazily: a key given twice in one object surfaces only while walking it.
        try { return Clean(node, where); }
        catch (ArgumentException) { throw new InputException("MDX-IN001", where, "malformed JSON: the same key twice in one object"); }
    }

    /// <summary>Normalised JSON text (see <see cref="ParseJson"/>), for readers that take a string.</summary>
    public static string Json(string json, string where) =>
        PlainJsonNormalizer.TryNormalize(json, where) ?? TreeJson(json, where);

    /// <summary>
    /// <see cref="Json"/> as UTF-8 bytes, for a reader that parses UTF-8 itself (a JSON parser given a string transcodes
    /// it to these bytes first): the streaming pass's own output, without the UTF-16 copy and the transcoding back.
    /// </summary>
    public static ReadOnlyMemory<byte> JsonUtf8(string json, string where) =>
        PlainJsonNormalizer.TryNormalizeUtf8(json, where) ?? Encoding.UTF8.GetBytes(TreeJson(json, where));

    /// <summary>The normalisation through a tree: what <see cref="Json"/> falls back on, and what it must equal.</summary>
    internal static string TreeJson(string json, string where) =>
        ParseJson(json, where)?.ToJsonString(Compact) ?? "null";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonNode? Clean(JsonNode? n, string where)
    {
        switch (n)
        {
            case JsonObject o:
                // A serialisation edge: untrusted input of any shape is cleaned before any type binds it.
                var copy = new JsonObject();
                foreach (var (k, v) in o.ToList())
                {
                    o.Remove(k);
                    var key = Text(k, where);
                    // Two keys that normalise to one (e.g. full-width and ASCII): the later wins, as in JSON itself.
                    copy[key] = Clean(v, where);
                }
                return copy;
            case JsonArray a:
                var items = a.ToList();
                a.Clear();
                var arr = new JsonArray();
                foreach (var i in items) arr.Add(Clean(i, where));
                return arr;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(Text(v.GetValue<string>(), where));
            default:
                return n;
        }
    }

    /// <summary>
    /// Rewrites <c>\uXXXX</c> escapes that System.Text.Json would refuse later (a lone surrogate) or that no store
    /// can keep (NUL and other controls), so that reading a string value never throws. Escaped backslashes are
    /// consumed in pairs, so <c>"\\ud800"</c> (a backslash and text) is left alone.
    /// </summary>
    internal static string RepairEscapes(string json)
    {
        if (json.IndexOf("\\u", StringComparison.OrdinalIgnoreCase) < 0 && !HasSurrogate(json)) return json;
        var sb = new StringBuilder(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1])) { sb.Append(c).Append(json[++i]); continue; }
            if (char.IsSurrogate(c)) { sb.Append('\uFFFD'); continue; }
            if (c != '\\' || i + 1 >= json.Length) { sb.Append(c); continue; }
            var next = json[i + 1];
            if (next != 'u' || !Hex(json, i + 2, out var code))
            {
                // A backslash before an astral character must not take half of its surrogate pair with it: the loop
                // would then see a lone low surrogate and the pair would be broken into invalid UTF-16.
                sb.Append(c);
                if (!char.IsSurrogate(next)) { sb.Append(next); i++; }
                continue;
            }
            if (code is >= 0xD800 and <= 0xDBFF && i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u'
                && Hex(json, i + 8, out var low) && low is >= 0xDC00 and <= 0xDFFF)
            {
                sb.Append(json, i, 12);
                i += 11;
                continue;
            }
            if (code is >= 0xD800 and <= 0xDFFF) sb.Append("\\uFFFD");
            else if (code < 0x20 && code is not (0x09 or 0x0A or 0x0D)) sb.Append(' ');
            else sb.Append(json, i, 6);
            i += 5;
        }
        return sb.ToString();
    }

    private static bool HasSurrogate(string s)
    {
        foreach (var c in s) if (char.IsSurrogate(c)) return true;
        return false;
    }

    private static bool Hex(string s, int at, out int value)
    {
        value = 0;
        if (at + 4 > s.Length) return false;
        return int.TryParse(s.AsSpan(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
