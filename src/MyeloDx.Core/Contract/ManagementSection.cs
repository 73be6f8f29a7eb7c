using System.Text.Json.Serialization;
using MyeloDx.Core.Decisions;

namespace MyeloDx.Core.Contract;

/// <summary>
/// The management plan: urgent actions, per-diagnosis treatment, prognosis and scores, and general measures. When the
/// decision knowledge is missing or of another version, only <see cref="Note"/> says why.
/// </summary>
public sealed record ManagementSection
{
    public IReadOnlyList<ManagementItemEntry>? Urgent { get; init; }
    public IReadOnlyList<DiagnosisManagementEntry>? Diagnoses { get; init; }
    public IReadOnlyList<ManagementItemEntry>? General { get; init; }
    public string? Note { get; init; }
}

public sealed record DiagnosisManagementEntry(
    string Id,
    string Name,
    double Probability,
    Urgency Urgency,
    bool UrgentActionsShown,
    IReadOnlyList<ManagementItemEntry> Treatment,
    IReadOnlyList<ManagementItemEntry> Prognosis,
    IReadOnlyList<ManagementItemEntry> Scores);

/// <summary>
/// One management statement with its level of evidence and citation number. Urgent actions also carry the diagnosis
/// that triggered them, its probability and urgency.
/// </summary>
public sealed record ManagementItemEntry
{
    public string? Diagnosis { get; init; }
    public double? Probability { get; init; }
    public Urgency? Urgency { get; init; }
    public required string Text { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Source { get; init; }
    public string? Reference { get; init; }
    public bool? Estimate { get; init; }
    public string? Reason { get; init; }
    public required string Level { get; init; }
    public required string Citation { get; init; }
}
