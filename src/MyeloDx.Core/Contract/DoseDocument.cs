using System.Text.Json.Serialization;

namespace MyeloDx.Core.Contract;

/// <summary>
/// What `myelodx dose --format json` and POST /api/dose return: each course's BED/EQD2 at α/β 2, 10 and the chosen one,
/// the cumulative figures, the cord references and the warnings. Sources may be null (written as null: an estimate).
/// </summary>
public sealed record DoseDocument
{
    public required double AlphaBetaGy { get; init; }
    public required IReadOnlyList<DoseCourseEntry> Courses { get; init; }
    public required DoseCumulativeEntry Cumulative { get; init; }
    public required DoseAtAlphaBeta Chosen { get; init; }
    public required SpinalCordDoseEntry IfSpinalCordDose { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required string Caveat { get; init; }
}

/// <summary>One course as typed, its physical figures and its BED/EQD2 at each α/β.</summary>
public sealed record DoseCourseEntry
{
    public required string Plan { get; init; }
    public required double PhysicalDoseGy { get; init; }
    public required int Fractions { get; init; }
    public required double DosePerFractionGy { get; init; }
    public required IReadOnlyList<DoseAtAlphaBeta> AtAlphaBeta { get; init; }
    /// <summary>The SBRT point-maximum limits for this number of fractions; absent when the knowledge has none.</summary>
    public IReadOnlyList<CordPointLimitEntry>? IfCordPointMaximum { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
}

public sealed record DoseAtAlphaBeta(double AlphaBetaGy, double BedGy, double Eqd2Gy);

public sealed record CordPointLimitEntry
{
    public required double LimitGy { get; init; }
    public required string Risk { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Source { get; init; }
    public required string Citation { get; init; }
    public required bool Within { get; init; }
}

public sealed record DoseCumulativeEntry
{
    public required int Courses { get; init; }
    public required double PhysicalDoseGy { get; init; }
    public required string PhysicalDoseNote { get; init; }
    public required IReadOnlyList<DoseAtAlphaBeta> AtAlphaBeta { get; init; }
}

public sealed record SpinalCordDoseEntry
{
    public required string ConventionalRisk { get; init; }
    public required double RiskFraction { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Source { get; init; }
    public required string Note { get; init; }
}
