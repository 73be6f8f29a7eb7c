using System.Text.Json.Serialization;
using MyeloDx.Core.Dose;

namespace MyeloDx.Core.Contract;

/// <summary>
/// What the radiotherapy history implies for the affected cord: per-course geometry and dose, cumulative cord EQD2,
/// the cited risk rules and the latency. Only <see cref="Status"/> and <see cref="Evidence"/> when no course reached
/// the analysis (none recorded, never irradiated).
/// </summary>
public sealed record RadiotherapySection
{
    public required string Status { get; init; }
    public string? Lesion { get; init; }
    public double? AlphaBetaGy { get; init; }
    public string? AlphaBetaSource { get; init; }
    public IReadOnlyList<RadiotherapyCourseEntry>? Courses { get; init; }
    public CumulativeDoseEntry? Cumulative { get; init; }
    public IReadOnlyList<CourseIntervalEntry>? Intervals { get; init; }
    public IReadOnlyList<RiskRuleEntry>? Risk { get; init; }
    public LatencyEntry? Latency { get; init; }
    /// <summary>Whether the cord dose entered the differential as computed evidence.</summary>
    public string? Evidence { get; init; }
}

/// <summary>One course: where its field lay against the affected cord, and the cord dose it gave there.</summary>
public sealed record RadiotherapyCourseEntry
{
    public required int Index { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Target { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Levels { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Field { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? FieldCordLevels { get; init; }
    public required FieldRelation Relation { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public int? DistanceSegments { get; init; }
    public required bool Stated { get; init; }
    public required string Reason { get; init; }
    public PlanEntry? Prescription { get; init; }
    public string? FractionationAssumption { get; init; }
    public double? CordDoseShare { get; init; }
    public string? CordDoseShareSource { get; init; }
    public required bool UsesStatedCordDose { get; init; }
    public double? CordDoseGy { get; init; }
    public double? CordDosePerFractionGy { get; init; }
    public double? CordEqd2Gy { get; init; }
    public double? CordBedGy { get; init; }
    public double? MonthsBeforeOnset { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
}

/// <summary>A prescription with its BED and EQD2 at α/β 2 (cord) and 10 Gy (tumour); also the dose command's course.</summary>
public sealed record PlanEntry
{
    public string? Plan { get; init; }
    public required double PhysicalDoseGy { get; init; }
    public required int Fractions { get; init; }
    public required double DosePerFractionGy { get; init; }
    public required IReadOnlyList<AlphaBetaDoseEntry> AtAlphaBeta { get; init; }
}

public sealed record AlphaBetaDoseEntry(double AlphaBetaGy, double BedGy, double Eqd2Gy);

/// <summary>Courses added in EQD2 at one α/β; physical doses are never added.</summary>
public sealed record CumulativeDoseEntry(double CordEqd2Gy, double CordBedGy, bool Complete, string Note);

public sealed record CourseIntervalEntry(int Earlier, int Later, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Months);

/// <summary>One named, cited rule applied to the cord dose, with its verdict and the figures behind it.</summary>
public sealed record RiskRuleEntry(
    string Rule,
    RiskVerdict Verdict,
    string Summary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source,
    IReadOnlyDictionary<string, double> Figures);

public sealed record LatencyEntry(int Course, double Months, LatencyModelEvaluator.Setting Setting, double PercentileOfDelayedForm, string Summary);
