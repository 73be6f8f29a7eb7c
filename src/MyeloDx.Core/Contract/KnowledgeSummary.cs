using System.Text.Json.Serialization;

namespace MyeloDx.Core.Contract;

/// <summary>The machine-readable overview of a knowledge base (CLI `knowledge --format json`, web GET /api/knowledge).</summary>
public sealed record KnowledgeSummary
{
    public required string Version { get; init; }
    public required IReadOnlyList<DiagnosisName> Diagnoses { get; init; }
    public required int VariableCount { get; init; }
    public required int FindingCount { get; init; }
    public required int UnsourcedCount { get; init; }
    public required int EstimateCount { get; init; }
    public required int SourceCount { get; init; }
    public required IReadOnlyList<string> PriorContexts { get; init; }
    public required IReadOnlyList<PriorContextEntry> PriorContextDetails { get; init; }
    public required string DefaultContext { get; init; }
    public required NumberCountsEntry Numbers { get; init; }
    public required IReadOnlyList<InfluentialNumberEntry> Influential { get; init; }
    /// <summary>The CLI adds the counts of the other knowledge files it validated.</summary>
    public int? TestCount { get; init; }
    public int? ManagementCount { get; init; }
    public int? TextTermCount { get; init; }
    public int? ContextRuleCount { get; init; }
    public IReadOnlyList<string>? OtherFilesValid { get; init; }
    /// <summary>The web API adds the source list.</summary>
    public IReadOnlyList<SourceEntry>? Sources { get; init; }
}

public sealed record DiagnosisName(string Id, string Name);

public sealed record PriorContextEntry(string Id, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Description, IReadOnlyList<string> Sources);

/// <summary>Provenance of the numbers: sourced, derived from a source's figures, or estimate; overall and per diagnosis.</summary>
public sealed record NumberCountsEntry(int Total, int Sourced, int Derived, int Estimate, double SourcedShare)
{
    public IReadOnlyDictionary<string, NumberCountsEntry>? PerDiagnosis { get; init; }
}

public sealed record InfluentialNumberEntry(
    string Diagnosis,
    string Variable,
    string State,
    double Probability,
    double LikelihoodRatio,
    string Provenance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source,
    string Where);

public sealed record SourceEntry(
    string Id,
    string Citation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Pmid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Doi,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Url);
