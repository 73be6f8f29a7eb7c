using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MyeloDx.Core.Contract;

/// <summary>
/// The one serialiser of the contract types (source-generated: no reflection, the same names everywhere). camelCase,
/// a null optional property is left out; properties that are written even when null say so on the property.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AssessmentDocument))]
[JsonSerializable(typeof(BatchLine))]
[JsonSerializable(typeof(RadiotherapySection))]
[JsonSerializable(typeof(PlanEntry))]
[JsonSerializable(typeof(KnowledgeSummary))]
[JsonSerializable(typeof(DoseDocument))]
public sealed partial class AssessmentJsonContext : JsonSerializerContext;

/// <summary>Writes contract documents: indented and readable for people (CLI), compact for machines (batch, API, registry).</summary>
public static class ContractJson
{
    /// <summary>Indented, with non-ASCII text (α/β, ≈, quotes) written as itself: the CLI's --format json.</summary>
    public static readonly AssessmentJsonContext Indented = new(new JsonSerializerOptions(AssessmentJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The compact options, for the few JSON trees that are not contract types (web API envelopes).</summary>
    public static JsonSerializerOptions CompactOptions => AssessmentJsonContext.Default.Options;

    /// <summary>One line with the default (HTML-safe) escaping: batch lines, the web API, the registry.</summary>
    public static AssessmentJsonContext Compact => AssessmentJsonContext.Default;

    public static string Write(AssessmentDocument d, bool indented = false) =>
        JsonSerializer.Serialize(d, (indented ? Indented : Compact).AssessmentDocument);
}
