using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MyeloDx.Core.Errors;

namespace MyeloDx.Fhir;

/// <summary>FHIR R4 JSON in and out (Firely SDK), with parse failures turned into coded, located input errors.</summary>
public static class FhirJson
{
    private static readonly JsonSerializerOptions Writer = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).Pretty();
    private static readonly JsonSerializerOptions Reader = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Strict);

    public static string Serialize(Resource r) => JsonSerializer.Serialize(r, r.GetType(), Writer);

    /// <summary>
    /// Parses FHIR R4 JSON strictly. Content that R4 does not have (an R5 element, an unknown resource type) is refused
    /// with MDX-FH003 naming the place, never skipped silently. The message carries the element path, not its value.
    /// </summary>
    public static Resource Parse(string json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<Resource>(json, Reader) ?? throw new InputException("MDX-FH002", where, "the FHIR resource is empty");
        }
        catch (Exception e) when (Failure(e, where) is { } failure) { throw failure; }
    }

    /// <summary><see cref="Parse(string, string)"/> over UTF-8 bytes (what the string overload parses after transcoding it).</summary>
    public static Resource Parse(ReadOnlySpan<byte> utf8, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<Resource>(utf8, Reader) ?? throw new InputException("MDX-FH002", where, "the FHIR resource is empty");
        }
        catch (Exception e) when (Failure(e, where) is { } failure) { throw failure; }
    }

    /// <summary>The coded input error for a parse failure, or null for an exception that is not one (it then propagates).</summary>
    private static InputException? Failure(Exception ex, string where)
    {
        switch (ex)
        {
            case DeserializationFailedException e:
                // Structural problems (unknown elements, wrong JSON kinds) explain more than the value checks that follow them.
                var first = e.Exceptions.OrderBy(x => x.ErrorCode.StartsWith("JSON", StringComparison.Ordinal) ? 0 : 1).First();
                var loc = first is FhirJsonException fe && !string.IsNullOrEmpty(fe.InstancePath) ? fe.InstancePath : null;
                var hint = first.ErrorCode is "PVAL128" || first.Message.Contains("unknown element", StringComparison.OrdinalIgnoreCase) ? " (R5 or other non-R4 content?)" : "";
                var more = e.Exceptions.Count > 1 ? $" (+{e.Exceptions.Count - 1} more)" : "";
                return new InputException("MDX-FH003", loc is null ? where : $"{where} {loc}",
                    $"not valid FHIR R4: {Short(first.Message)} [{first.ErrorCode}]{hint}{more}");
            case JsonException e:
                return new InputException("MDX-FH002", $"{where} line {(e.LineNumber ?? 0) + 1}", "malformed FHIR JSON");
            case IndexOutOfRangeException or ArgumentException or InvalidOperationException or FormatException or InvalidCastException:
                // The FHIR parser itself fails on some malformed input (an empty property name, for one): still bad input.
                return new InputException("MDX-FH003", where, "not valid FHIR R4: the resource could not be read");
            default:
                return null;
        }
    }

    private static string Short(string s)
    {
        s = s.ReplaceLineEndings(" ");
        return s.Length > 200 ? s[..200] + "…" : s;
    }
}
