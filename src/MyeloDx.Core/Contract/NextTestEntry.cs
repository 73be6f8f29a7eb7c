using System.Text.Json.Serialization;

namespace MyeloDx.Core.Contract;

/// <summary>
/// One test in the order every surface shows it: its expected information gain, the results that would change the
/// ranking, its preconditions ("after …") and citations (numbers into <see cref="AssessmentDocument.References"/>).
/// </summary>
public sealed record NextTestEntry
{
    public required string Id { get; init; }
    /// <summary>The test, or the biopsy route chosen for this case.</summary>
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required double ExpectedInformationGainBits { get; init; }
    public required double ProbabilityLeaderChanges { get; init; }
    /// <summary>An invasiveness id from knowledge/tests.yaml (open set: the knowledge names them).</summary>
    public required string Invasiveness { get; init; }
    public required int InvasivenessLevel { get; init; }
    public required double ValueScore { get; init; }
    public required string Cost { get; init; }
    public required double TurnaroundDays { get; init; }
    public required IReadOnlyList<string> Reveals { get; init; }
    public required bool Exact { get; init; }
    public required IReadOnlyList<TestResultEntry> ResultsThatChangeRanking { get; init; }
    public required IReadOnlyList<TestResultEntry> KeyResults { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Source { get; init; }
    public required bool Estimate { get; init; }
    public string? Note { get; init; }
    public required int Rank { get; init; }
    public string? Route { get; init; }
    public required IReadOnlyList<AfterEntry> After { get; init; }
    public required IReadOnlyList<string> Citations { get; init; }
}

/// <summary>What one result of a test would do to the differential.</summary>
public sealed record TestResultEntry(
    string Finding,
    string Value,
    string Label,
    double Probability,
    string LeadingAfter,
    double LeadingAfterProbability,
    bool ChangesLeader,
    bool ChangesTopThree,
    IReadOnlyList<ProbabilityMove> Moves);

/// <summary>A diagnosis whose probability a result would move by at least half a point.</summary>
public sealed record ProbabilityMove(string Id, double From, double To);

/// <summary>Something to know or do before a test, with its evidence.</summary>
public sealed record AfterEntry(
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Test,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source,
    string Citation);

/// <summary>A test held back for this patient, with the reason a clinician would give.</summary>
public sealed record WithheldTestEntry(
    string Id,
    string Name,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source,
    string Citation);

/// <summary>One numbered entry of the answer's reference list.</summary>
public sealed record ReferenceEntry(
    int Number,
    string Source,
    string Citation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Link);

/// <summary>The urgent first line: what to do within hours, for which diagnoses, on what evidence.</summary>
public sealed record FirstActionEntry(string Text, IReadOnlyList<string> Diagnoses, IReadOnlyList<string> Citations);
