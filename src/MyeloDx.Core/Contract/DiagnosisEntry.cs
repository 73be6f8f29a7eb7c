using System.Text.Json.Serialization;

namespace MyeloDx.Core.Contract;

/// <summary>One diagnosis of the differential with the findings that moved it most.</summary>
public sealed record DiagnosisEntry(
    string Id,
    double Probability,
    string Name,
    double Prior,
    IReadOnlyList<EvidenceItem> Supporting,
    IReadOnlyList<EvidenceItem> Opposing);

/// <summary>Whether a finding raised or lowered a diagnosis.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceDirection>))]
public enum EvidenceDirection
{
    [JsonStringEnumMemberName("supports")] Supports,
    [JsonStringEnumMemberName("opposes")] Opposes,
}

/// <summary>How much one finding moved one diagnosis, with its source (null: an estimate) and where it was read.</summary>
public sealed record EvidenceItem(
    string Finding,
    string Label,
    double LogLikelihoodRatio,
    double LikelihoodRatio,
    EvidenceDirection Direction,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source,
    bool Estimate,
    string Origin,
    SpanEntry? Span = null,
    string? Detail = null);

/// <summary>One observation the engine used: a state (value) or a number, where it came from and the text it was read in.</summary>
public sealed record FindingEntry(
    string Finding,
    string Origin,
    string? Value = null,
    double? Number = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Uncertain = false,
    SpanEntry? Span = null,
    string? Detail = null);

/// <summary>Evidence computed from the case (e.g. cord dose and latency) rather than observed.</summary>
public sealed record ComputedEvidenceEntry(
    string Id,
    string Label,
    string Explanation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source,
    string Origin);

/// <summary>An unobserved finding that would move the leading diagnosis if known.</summary>
public sealed record UnknownEntry(string Finding, string Name, string MostTellingValue, double LogLikelihoodRatio);

/// <summary>The one line of the batch command (and the evaluation harness): id and the differential, or id and an error.</summary>
public sealed record BatchLine(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] System.Text.Json.JsonElement? Id,
    IReadOnlyList<ProbabilityEntry>? Differential = null,
    string? Error = null);

/// <summary>A diagnosis id with its probability (the compact differential of batch and FHIR).</summary>
public sealed record ProbabilityEntry(string Id, double Probability);
