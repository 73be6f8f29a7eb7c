using System.Text.Json;
using System.Text.Json.Serialization;

namespace MyeloDx.Cli.Commands;

/// <summary>One output line of `myelodx context`: the id as given (null when absent), then the modifiers or the error.</summary>
internal sealed record ContextLine(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonElement? Id,
    bool? Negated = null, bool? Uncertain = null, bool? Historical = null, bool? Hypothetical = null,
    string? Experiencer = null, IReadOnlyList<string>? Triggers = null)
{
    public string? Error { get; init; }
}
