using System.Globalization;
using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Dose;

/// <summary>One course as it bears on the affected cord.</summary>
public sealed record CourseCordDose(
    int Index,
    RadiotherapyCourse Course,
    CordPosition Position,
    /// <summary>The prescription as delivered (null when the total dose is not stated).</summary>
    Fractionation? Prescription,
    /// <summary>Set when the number of fractions was not stated and a usual schedule was assumed.</summary>
    string? FractionationAssumption,
    /// <summary>Share of the prescription (or of the stated cord maximum) taken to reach the affected levels.</summary>
    double DoseShare,
    Provenance? DoseShareProvenance,
    bool UsesStatedCordDose,
    /// <summary>
    /// Set when an SBRT or radiosurgery plan does not state the cord dose: the cord maximum is taken as this published
    /// limit, which such plans are designed to respect, rather than as the prescription to the target.
    /// </summary>
    SbrtLimit? AssumedCordLimit,
    /// <summary>The cord dose at the affected levels as a course (null when the dose is unknown).</summary>
    Fractionation? CordDose,
    Eqd2Gy? CordEqd2,
    BedGy? CordBed,
    IReadOnlyList<string> Warnings)
{
    public double? MonthsBeforeOnset => Course.MonthsBeforeOnset;
    public bool DoseKnown => CordEqd2 is not null;
    public bool Technique(params string[] t) => t.Contains(Course.Technique ?? "conventional");

    /// <summary>"course 1 (whole brain, 30 Gy in 10 fractions of 3 Gy)".</summary>
    public string Label
    {
        get
        {
            var what = Course.Target ?? Course.Levels ?? "site not stated";
            var plan = Prescription?.ToString() ?? (Course.TotalDoseGy is { } d ? $"{PhysicalDoseGy.Fmt(d)} Gy" : "dose not stated");
            return $"course {Index + 1} ({what}, {plan})";
        }
    }
}

/// <summary>The radiotherapy history as it bears on the affected cord: per course and cumulative, at one alpha/beta.</summary>
public sealed record CordDoseAnalysis(
    IReadOnlyList<CourseCordDose> Courses,
    IReadOnlyList<(int From, int To)> Lesion,
    string LesionDescription,
    AlphaBetaGy AlphaBeta,
    Provenance AlphaBetaProvenance)
{
    public bool AnyCourse => Courses.Count > 0;
    public bool AllGeometryKnown => Courses.All(c => c.Position.Relation != FieldRelation.Unknown);
    /// <summary>Courses whose field reached (or possibly reached) the affected levels.</summary>
    public IEnumerable<CourseCordDose> Reaching => Courses.Where(c => c.Position.Relation is FieldRelation.InField or FieldRelation.NearEdge or FieldRelation.Possible);

    /// <summary>True when every course that reached the cord did so only possibly (chest field without levels, lesion level unknown).</summary>
    public bool OnlyPossiblyReached => Reaching.Any() && Reaching.All(c => c.Position.Relation == FieldRelation.Possible);

    /// <summary>The closest any course came to the affected cord.</summary>
    public FieldRelation Closest => Courses.Count == 0 ? FieldRelation.Outside : Courses.Max(c => c.Position.Relation);

    /// <summary>Cumulative cord EQD2 at the affected levels over courses whose dose is known.</summary>
    public Eqd2Gy CumulativeEqd2
    {
        get
        {
            var s = Eqd2Gy.Zero(AlphaBeta);
            foreach (var c in Courses) if (c.CordEqd2 is { } e) s += e;
            return s;
        }
    }

    public BedGy CumulativeBed => CumulativeEqd2.ToBed();

    /// <summary>True when every course that reaches the cord has a known dose.</summary>
    public bool DoseComplete => Reaching.All(c => c.DoseKnown) && Courses.All(c => c.Position.Relation != FieldRelation.Unknown);

    /// <summary>Months between consecutive courses (earlier to later), when both are dated relative to onset.</summary>
    public IReadOnlyList<(CourseCordDose Earlier, CourseCordDose Later, double? Months)> Intervals
    {
        get
        {
            var ordered = Courses.OrderByDescending(c => c.MonthsBeforeOnset ?? double.MaxValue).ToArray();
            var list = new List<(CourseCordDose, CourseCordDose, double?)>();
            for (var i = 1; i < ordered.Length; i++)
            {
                double? m = ordered[i - 1].MonthsBeforeOnset is { } a && ordered[i].MonthsBeforeOnset is { } b ? a - b : null;
                list.Add((ordered[i - 1], ordered[i], m));
            }
            return list;
        }
    }

    /// <summary>The course whose timing matters for latency: the latest one that reached the affected cord, else none.</summary>
    public CourseCordDose? LatencyCourse =>
        Reaching.OrderBy(c => c.MonthsBeforeOnset ?? double.MaxValue).FirstOrDefault();
}

/// <summary>
/// Estimates the cord dose at the affected levels for each course: where the field lay (<see cref="CordGeometry"/>),
/// the share of the prescription that reaches those levels (from the knowledge file), the stated cord maximum when the
/// plan gives one, and the usual schedule when only the total is known. All assumptions are written into the result.
/// </summary>
public sealed class CordDoseModel(RadiotherapyKnowledge k)
{
    public RadiotherapyKnowledge Knowledge => k;

    public CordDoseAnalysis Analyze(Case c, AlphaBetaGy? alphaBeta = null)
    {
        var ab = alphaBeta ?? AlphaBetaGy.From(k.CordAlphaBeta.Value);
        var abProv = alphaBeta is null ? k.CordAlphaBeta.Provenance : new Provenance(null, "chosen by the user", "input");
        var lesion = SpinalLevels.Ranges(c.Imaging?.Levels);
        var courses = c.Treatments?.Radiotherapy ?? [];
        var list = new List<CourseCordDose>(courses.Count);
        for (var i = 0; i < courses.Count; i++) list.Add(Course(i, courses[i], lesion, ab));
        return new CordDoseAnalysis(list, lesion, DescribeLesion(c.Imaging?.Levels, lesion), ab, abProv);
    }

    public CourseCordDose Course(int index, RadiotherapyCourse rt, IReadOnlyList<(int From, int To)> lesion, AlphaBetaGy ab)
    {
        var where = $"treatments.radiotherapy[{index}]";
        var position = CordGeometry.Locate(rt, lesion, (int)k.Geometry.NearEdgeSegments.Value);
        var warnings = new List<string>();
        Fractionation? prescription = null; string? assumption = null;
        if (rt.TotalDoseGy is { } total)
        {
            if (rt.Fractions is { } n) prescription = Fractionation.Create(total, n, where);
            else (prescription, assumption) = Assume(total, rt.Technique, where);
            if (prescription.OutsideValidatedRange)
                warnings.Add($"{prescription.DosePerFraction} per fraction is beyond the linear-quadratic model's validated range (about {PhysicalDoseGy.Fmt(k.ValidatedMaxDosePerFraction.Value)} Gy, {k.ValidatedMaxDosePerFraction.Cite}); BED and EQD2 are less reliable");
        }

        // share of the prescription reaching the affected levels
        double share; Provenance? shareProv;
        switch (position.Relation)
        {
            case FieldRelation.InField or FieldRelation.Possible:
                (share, shareProv) = k.Geometry.FractionAt(0);
                break;
            case FieldRelation.NearEdge:
                (share, shareProv) = k.Geometry.FractionAt(position.DistanceSegments ?? 1);
                break;
            case FieldRelation.Outside when position.Field is { ReachesCord: false }:
                (share, shareProv) = (k.Geometry.RemoteFieldFraction.Value, k.Geometry.RemoteFieldFraction.Provenance);
                break;
            case FieldRelation.Outside when position.DistanceSegments is { } dist:
                (share, shareProv) = k.Geometry.FractionAt(dist);
                break;
            case FieldRelation.Outside:
                (share, shareProv) = (k.Geometry.StatedOutsideFraction.Value, k.Geometry.StatedOutsideFraction.Provenance);
                break;
            default:
                (share, shareProv) = (double.NaN, null);
                break;
        }

        Fractionation? cord = null;
        var statedCord = rt.CordMaxDoseGy is not null;
        SbrtLimit? assumedLimit = null;
        if (!double.IsNaN(share))
        {
            var basis = rt.CordMaxDoseGy ?? prescription?.Total.Value;
            // A stereotactic plan aims a high dose at the vertebra while holding the cord below a published limit: when the
            // cord dose is not stated, the prescription would overstate it several-fold (27 Gy in 3 to the vertebra is not
            // 27 Gy to the cord), so the cord maximum is taken at the highest published limit for that number of
            // fractions. That keeps the risk conservative (the limit allows up to 5%) without inventing an overdose.
            if (!statedCord && rt.Technique is "sbrt" or "srs" && position.Relation is FieldRelation.InField or FieldRelation.Possible
                && prescription is { } p && PlanningLimit(p.Fractions.Value) is { } limit && limit.PointMaxGy < p.Total.Value)
            {
                assumedLimit = limit;
                basis = limit.PointMaxGy;
                var full = p.Eqd2(ab);
                warnings.Add($"the plan does not state the cord dose: the cord maximum is taken as the published limit for {limit.Fractions} fraction(s), " +
                             $"{PhysicalDoseGy.Fmt(limit.PointMaxGy)} Gy ({limit.Provenance.Cite}), which stereotactic plans are designed to respect; " +
                             $"had the cord received the full prescription its EQD2 would be {F(full.Value)} Gy");
            }
            var n = prescription?.Fractions ?? (rt.Fractions is { } f ? FractionCount.From(f, where + ".fractions") : (FractionCount?)null);
            if (basis is { } b && n is { } count)
                cord = Fractionation.Create(PhysicalDoseGy.From(b * share, where + ".cordMaxDoseGy"), count, where);
            else if (basis is not null && rt.CordMaxDoseGy is not null && rt.TotalDoseGy is null)
                warnings.Add("the cord dose is stated but not the number of fractions; EQD2 cannot be computed");
            if (position.Relation is FieldRelation.InField or FieldRelation.Possible && !statedCord && assumedLimit is null && cord is not null)
                warnings.Add("the cord dose at the affected levels is taken as the prescription (worst case); the plan does not state it");
            if (position.Relation == FieldRelation.Possible)
                warnings.Add("the cord was only possibly in this field; its dose counts as if it were, with half weight in the differential");
        }
        var eqd2 = cord?.Eqd2(ab);
        var bed = cord?.Bed(ab);
        return new CourseCordDose(index, rt, position, prescription, assumption, share, shareProv, statedCord, assumedLimit, cord, eqd2, bed, warnings);
    }

    /// <summary>The most permissive published point-maximum limit for this number of fractions, or null when none is listed.</summary>
    private SbrtLimit? PlanningLimit(int fractions)
    {
        SbrtLimit? best = null;
        foreach (var l in k.SbrtLimits)
            if (l.Fractions == fractions && (best is null || l.PointMaxGy > best.PointMaxGy)) best = l;
        return best;
    }

    /// <summary>The usual schedule for a total when the number of fractions is not stated.</summary>
    public (Fractionation, string) Assume(double totalGy, string? technique, string where)
    {
        var tech = technique ?? "conventional";
        var listed = k.Schedules.FirstOrDefault(s => s.Technique == tech && Math.Abs(s.TotalGy - totalGy) < 0.01);
        if (listed is not null)
        {
            var f = Fractionation.Create(totalGy, listed.Fractions, where);
            return (f, $"fractions not stated: assumed {f}, the usual {tech} schedule for this total ({listed.Provenance.Cite})");
        }
        var d = k.DefaultDosePerFraction.FirstOrDefault(x => x.Technique == tech) ?? k.DefaultDosePerFraction.First(x => x.Technique == "conventional");
        var n = Math.Clamp((int)Math.Round(totalGy / d.Gy), 1, FractionCount.Max);
        var g = Fractionation.Create(totalGy, n, where);
        return (g, $"fractions not stated: assumed {g} (about {PhysicalDoseGy.Fmt(d.Gy)} Gy per fraction, usual for {tech} treatment; estimate)");
    }

    /// <summary>"the conus (T12-L1)", "T4-T6", or "the affected cord (level not stated)".</summary>
    public static string DescribeLesion(string? text, IReadOnlyList<(int From, int To)> lesion)
    {
        if (lesion.Count == 0) return "the affected cord (level not stated)";
        var from = lesion.Min(l => l.From); var to = lesion.Max(l => l.To);
        var levels = from == to ? SpinalLevels.Name(from) : $"{SpinalLevels.Name(from)}-{SpinalLevels.Name(to)}";
        var lower = (text ?? "").ToLowerInvariant();
        if (lower.Contains("conus") || lower.Contains("conal")) return $"the conus ({levels})";
        if (lower.Contains("cauda")) return $"the cauda equina ({levels})";
        return levels;
    }

    internal static string F(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);
}
