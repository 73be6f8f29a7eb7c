using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Dose;

/// <summary>A number from radiotherapy.yaml with where it came from.</summary>
public sealed record SourcedValue(double Value, Provenance Provenance, string? Note = null)
{
    public string Cite => Provenance.Cite;
}

/// <summary>A density over a positive quantity (months, Gy): lognormal (median, geometric SD) or exponential (mean).</summary>
public sealed record PositiveDensity(string Shape, double Center, double Spread, Provenance Provenance, string? Note = null)
{
    public double Evaluate(double x)
    {
        if (x <= 0) x = 1e-3;
        switch (Shape)
        {
            case "lognormal":
                {
                    var s = Math.Log(Spread);
                    var z = (Math.Log(x) - Math.Log(Center)) / s;
                    return Math.Exp(-0.5 * z * z) / (x * s * Math.Sqrt(2 * Math.PI));
                }
            case "exponential":
                return Math.Exp(-x / Center) / Center;
            default:
                throw new InvalidOperationException($"unknown density shape {Shape}");
        }
    }
}

public sealed record SbrtLimit(int Fractions, double PointMaxGy, string Risk, Provenance Provenance);

public sealed record RecoveryStep(double AfterMonths, double Fraction, Provenance Provenance);

public sealed record DistanceFraction(int Segments, double Fraction, Provenance Provenance);

public sealed record AssumedSchedule(string Technique, double TotalGy, int Fractions, Provenance Provenance);

public sealed record TechniqueDosePerFraction(string Technique, double Gy, Provenance Provenance);

public sealed record NiederRule(SourcedValue CumulativeBed, SourcedValue CourseBed, SourcedValue IntervalMonths, SourcedValue NoCasesBelowBed);

public sealed record SahgalRule(SourcedValue SbrtCourseEqd2, SourcedValue CumulativeEqd2, SourcedValue SbrtShare, SourcedValue IntervalMonths);

public sealed record DoseResponse(SourcedValue Td50, SourcedValue Td5, SourcedValue AlphaBeta, IReadOnlyList<(double Eqd2, double RiskBelow, Provenance Provenance)> Anchors)
{
    /// <summary>Log-logistic slope fixed by the 5% point: (TD50/TD5)^k = 19.</summary>
    public double Slope => Math.Log(19) / Math.Log(Td50.Value / Td5.Value);

    /// <summary>Probability of myelopathy at a full-cord EQD2 (at this model's alpha/beta).</summary>
    public double Risk(double eqd2Gy) => eqd2Gy <= 0 ? 0 : 1 / (1 + Math.Pow(Td50.Value / eqd2Gy, Slope));
}

public sealed record LatencyModel(
    PositiveDensity EarlyTransient,
    SourcedValue EarlyTransientWeight,
    PositiveDensity DelayedSingleCourse,
    PositiveDensity DelayedReirradiation,
    PositiveDensity DelayedRadiosurgery,
    PositiveDensity LateTail,
    SourcedValue LateTailWeight,
    PositiveDensity Background);

public sealed record EvidenceModel(
    string ExposureVariable,
    SourcedValue AlphaBeta,
    SourcedValue MeaningfulCordEqd2,
    PositiveDensity InFieldBackgroundDose,
    PositiveDensity OutsideFieldDose,
    /// <summary>Geometric SD (as a log) of the true cord dose around the reported one: hot spots, reporting error.</summary>
    SourcedValue DoseUncertainty,
    SourcedValue ConcurrentChemotherapyFactor,
    SourcedValue CheckpointAfterRadiotherapyFactor,
    SourcedValue ConcurrentWindowMonths);

public sealed record GeometryModel(
    IReadOnlyList<DistanceFraction> DoseFractionByDistance,
    SourcedValue RemoteFieldFraction,
    SourcedValue StatedOutsideFraction,
    SourcedValue NearEdgeSegments)
{
    /// <summary>Fraction of the prescription at a distance (segments beyond the field edge); steps between table rows.</summary>
    public (double Fraction, Provenance Provenance) FractionAt(int segments)
    {
        DistanceFraction? best = null;
        foreach (var r in DoseFractionByDistance)
            if (r.Segments <= segments && (best is null || r.Segments > best.Segments)) best = r;
        best ??= DoseFractionByDistance[0];
        return (best.Fraction, best.Provenance);
    }
}

/// <summary>Everything radiotherapy.yaml holds, validated and immutable.</summary>
public sealed record RadiotherapyKnowledge(
    string Version,
    SourcedValue CordAlphaBeta,
    SourcedValue LumbarCordAlphaBeta,
    SourcedValue QuantecAlphaBeta,
    SourcedValue TumourAlphaBeta,
    SourcedValue ValidatedMaxDosePerFraction,
    DoseResponse Conventional,
    IReadOnlyList<SbrtLimit> SbrtLimits,
    NiederRule Nieder,
    SahgalRule Sahgal,
    IReadOnlyList<RecoveryStep> Recovery,
    GeometryModel Geometry,
    IReadOnlyList<AssumedSchedule> Schedules,
    IReadOnlyList<TechniqueDosePerFraction> DefaultDosePerFraction,
    LatencyModel Latency,
    EvidenceModel Evidence)
{
    /// <summary>Fraction of an earlier course's cord dose assumed recovered after an interval (step model).</summary>
    public (double Fraction, Provenance? Provenance) RecoveredAfter(double months)
    {
        RecoveryStep? best = null;
        foreach (var s in Recovery)
            if (months >= s.AfterMonths && (best is null || s.AfterMonths > best.AfterMonths)) best = s;
        return best is null ? (0, null) : (best.Fraction, best.Provenance);
    }
}
