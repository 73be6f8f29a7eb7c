using System.Text.Json.Serialization;

namespace MyeloDx.Core.Contract;

/// <summary>Every clinical score the case allows (MRC, Frankel, ASIA, ECOG/KPS, Breast GPA), in display order.</summary>
public sealed record ScoresSection(ScoreEntry Mrc, ScoreEntry Frankel, ScoreEntry Asia, ScoreEntry PerformanceStatus, ScoreEntry BreastGpa);

/// <summary>One score: its value (null when nothing could be computed), a plain summary, what is missing, its sources.</summary>
public sealed record ScoreEntry(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Value,
    string Summary,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Sources,
    ScoreDetails? Details = null);

/// <summary>
/// The numbers behind a score. The derived types are written as themselves without a type marker: which score a
/// details object belongs to is told by the key it sits under.
/// </summary>
[JsonDerivedType(typeof(MrcDetails))]
[JsonDerivedType(typeof(PerformanceStatusDetails))]
[JsonDerivedType(typeof(BreastGpaDetails))]
public abstract record ScoreDetails;

public sealed record MrcDetails(IReadOnlyList<LimbGrade> Limbs, double Sum, int Maximum) : ScoreDetails;

public sealed record LimbGrade(string Limb, double Grade, string Meaning);

/// <summary>ECOG and KPS as stated, and the other scale by the conventional and empirical mappings.</summary>
public sealed record PerformanceStatusDetails : ScoreDetails
{
    public string UsedMapping { get; init; } = "conventional";
    public int? Ecog { get; init; }
    public int? Kps { get; init; }
    public bool? Consistent { get; init; }
    public string? KpsConventional { get; init; }
    public string? KpsEmpirical { get; init; }
    public int? EcogConventional { get; init; }
    public int? EcogEmpirical { get; init; }
}

/// <summary>The inputs of the Breast GPA and the range of index and median survival they allow.</summary>
public sealed record BreastGpaDetails : ScoreDetails
{
    /// <summary>A value ("70") or a range ("60-70") when only ECOG was stated.</summary>
    public string? Kps { get; init; }
    public string? KpsFrom { get; init; }
    public required string Subtype { get; init; }
    public double? AgeYears { get; init; }
    public required double GpaLow { get; init; }
    public required double GpaHigh { get; init; }
    public required double MedianSurvivalMonthsLow { get; init; }
    public required double MedianSurvivalMonthsHigh { get; init; }
}
