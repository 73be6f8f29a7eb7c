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
        catch (DeserializationFailedException e)
        {
            var first = e.Exceptions.FirstOrDefault();
            var loc = first is FhirJsonException fe && !string.IsNullOrEmpty(fe.InstancePath) ? fe.InstancePath : null;
            var code = first?.ErrorCode ?? "?";
            var hint = code is "JSON116" or "JSON114" or "JSON108" ? " (R5 or other non-R4 content?)" : "";
            throw new InputException("MDX-FH003", loc is null ? where : $"{where} {loc}",
                $"not valid FHIR R4: {Describe(code)} [{code}]{hint}");
        }
        catch (JsonException e)
        {
            throw new InputException("MDX-FH002", $"{where} line {(e.LineNumber ?? 0) + 1}", "malformed FHIR JSON");
        }
    }

    private static string Describe(string code) => code switch
    {
        "JSON116" => "unknown element",
        "JSON114" => "unknown resource type",
        "JSON108" => "unknown element",
        "JSON109" => "an element has the wrong kind of value",
        "JSON110" => "a value has the wrong type",
        "PVAL105" => "a primitive value is not valid",
        _ => "the content does not match the R4 model",
    };
}
