using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MyeloDx.Cli.Commands;
using MyeloDx.Cli.TextGold;

namespace MyeloDx.Cli;

/// <summary>
/// The serialiser of the CLI's own outputs (evaluate, evaluate-text, context): source-generated, camelCase, the same
/// options as the contract's <see cref="MyeloDx.Core.Contract.AssessmentJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvaluationJson))]
[JsonSerializable(typeof(GoldReportJson))]
[JsonSerializable(typeof(ContextLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>The CLI's two ways of writing its outputs.</summary>
internal static class CliJson
{
    /// <summary>Indented, non-ASCII written as itself: what --format json prints for people.</summary>
    public static readonly CliJsonContext Indented = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>One line, default (HTML-safe) escaping: JSON-lines outputs.</summary>
    public static CliJsonContext Compact => CliJsonContext.Default;
}
