using MyeloDx.Core.Contract;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Dose;

/// <summary>
/// What the radiotherapy history implies for the affected cord, for display: per-course geometry and dose, cumulative
/// cord EQD2, the cited risk rules and the latency. Shared by the JSON assessment, the CLI and the reports.
/// </summary>
public sealed record RadiotherapyReport(
    string Status,
    CordDoseAnalysis? Analysis,
    IReadOnlyList<RiskCheck> Risks,
    (CourseCordDose Course, double Months, LatencyModelEvaluator.Setting Setting, double Percentile, string Summary)? Latency)
{
    /// <summary>The report for an assessed input: a note that never mentions radiotherapy is silent, not a statement
    /// that the patient was never irradiated, and the report says so.</summary>
    public static RadiotherapyReport Build(CaseInput input, RadiotherapyKnowledge k) =>
        input.Kind == "text" && input.Case.Treatments?.Radiotherapy is { Count: 0 }
            && input.Observations.Any(o => o.VariableId == "cord_rt_exposure" && o.Uncertain && o.Span is null)
            ? new RadiotherapyReport("no radiotherapy mentioned in the note (unknown: counted only as weak evidence against radiation myelopathy)", null, [], null)
            : Build(input.Case, k);

    public static RadiotherapyReport Build(Case c, RadiotherapyKnowledge k)
    {
        var courses = c.Treatments?.Radiotherapy;
        if (courses is null) return new RadiotherapyReport("no radiotherapy recorded (unknown)", null, [], null);
        if (courses.Count == 0) return new RadiotherapyReport("never irradiated", null, [], null);
        var a = new CordDoseModel(k).Analyze(c);
        var risks = new CordRisk(k).Assess(a);
        (CourseCordDose, double, LatencyModelEvaluator.Setting, double, string)? latency = null;
        if (a.LatencyCourse is { MonthsBeforeOnset: { } t } lc)
        {
            var ev = new LatencyModelEvaluator(k);
            var setting = LatencyModelEvaluator.SettingOf(a, lc, k.Evidence.MeaningfulCordEqd2.Value);
            latency = (lc, t, setting, ev.Percentile(t, setting), ev.Describe(t, setting));
        }
        var status = a.Closest switch
        {
            FieldRelation.InField => "the affected cord lay inside a radiotherapy field",
            FieldRelation.NearEdge => "the affected cord lay near the edge of a radiotherapy field",
            FieldRelation.Possible => "the affected cord possibly lay inside a radiotherapy field (the report does not say enough to be sure)",
            FieldRelation.Outside => "the affected cord lay outside every radiotherapy field",
            _ => "whether the affected cord lay in a field cannot be told",
        };
        return new RadiotherapyReport(status, a, risks, latency);
    }

    public RadiotherapySection ToSection()
    {
        if (Analysis is not { } a) return new RadiotherapySection { Status = Status };
        return new RadiotherapySection
        {
            Status = Status,
            Lesion = a.LesionDescription,
            AlphaBetaGy = a.AlphaBeta.Value,
            AlphaBetaSource = a.AlphaBetaProvenance.SourceId ?? "estimate",
            Courses = a.Courses.Select(Course).ToArray(),
            Cumulative = new CumulativeDoseEntry(R(a.CumulativeEqd2.Value), R(a.CumulativeBed.Value), a.DoseComplete,
                "courses added in EQD2 at one alpha/beta; physical doses are never added"),
            Intervals = a.Intervals.Select(i => new CourseIntervalEntry(i.Earlier.Index, i.Later.Index, i.Months)).ToArray(),
            Risk = Risks.Select(r => new RiskRuleEntry(r.Rule, r.Verdict, r.Summary, r.SourceId, r.Figures)).ToArray(),
            Latency = Latency is { } l ? new LatencyEntry(l.Course.Index, l.Months, l.Setting, Math.Round(l.Percentile, 3), l.Summary) : null,
        };
    }

    private static RadiotherapyCourseEntry Course(CourseCordDose c) => new()
    {
        Index = c.Index,
        Target = c.Course.Target,
        Levels = c.Course.Levels,
        Field = c.Position.Field?.ShortName,
        FieldCordLevels = c.Position.Field is { ReachesCord: true } f ? f.Levels : null,
        Relation = c.Position.Relation,
        DistanceSegments = c.Position.DistanceSegments,
        Stated = c.Position.Stated,
        Reason = c.Position.Reason,
        Prescription = c.Prescription is { } p ? Plan(p) : null,
        FractionationAssumption = c.FractionationAssumption,
        CordDoseShare = double.IsNaN(c.DoseShare) ? null : Math.Round(c.DoseShare, 4),
        CordDoseShareSource = double.IsNaN(c.DoseShare) ? null : c.DoseShareProvenance?.SourceId ?? "estimate",
        UsesStatedCordDose = c.UsesStatedCordDose,
        CordDoseGy = c.CordDose is { } cd ? R(cd.Total.Value) : null,
        CordDosePerFractionGy = c.CordDose is { } cdf ? R(cdf.DosePerFraction.Value) : null,
        CordEqd2Gy = c.CordEqd2 is { } e ? R(e.Value) : null,
        CordBedGy = c.CordBed is { } b ? R(b.Value) : null,
        MonthsBeforeOnset = c.MonthsBeforeOnset,
        Warnings = c.Warnings,
    };

    /// <summary>Readable lines (no markup): a heading line then one line per fact.</summary>
    public IEnumerable<string> Lines()
    {
        if (Analysis is not { } a) { yield return Cap(Status) + "."; yield break; }
        yield return $"Cord dose at {a.LesionDescription}, α/β {PhysicalDoseGy.Fmt(a.AlphaBeta.Value)} Gy ({a.AlphaBetaProvenance.Cite}): {Status}.";
        foreach (var c in a.Courses)
        {
            var s = $"{Cap(c.Label)}: {Relation(c.Position.Relation).Replace('_', ' ')} — {c.Position.Reason}";
            if (c.FractionationAssumption is { } fa) s += $"; {fa}";
            if (c.CordEqd2 is { } e) s += $"; cord EQD2 {(e.Value < 0.5 ? "≈ 0" : CordDoseModel.F(e.Value))} Gy";
            if (c.MonthsBeforeOnset is { } m) s += $"; {CordDoseModel.F(m)} months before onset";
            yield return s + ".";
            foreach (var w in c.Warnings) yield return $"  note: {w}.";
        }
        if (a.Courses.Count > 1)
            yield return $"Cumulative cord EQD2 {CordDoseModel.F(a.CumulativeEqd2.Value)} Gy (BED {CordDoseModel.F(a.CumulativeBed.Value)} Gy{PhysicalDoseGy.Fmt(a.AlphaBeta.Value)})" +
                         (a.DoseComplete ? "." : "; some doses are not stated, so this is a lower bound.");
        foreach (var r in Risks) yield return Cap(r.Summary) + ".";
        if (Latency is { } l) yield return $"Latency: {CordDoseModel.F(l.Months)} months after {l.Course.Label}: {l.Summary}.";
    }

    public static string Relation(FieldRelation r) => r switch
    {
        FieldRelation.InField => "in_field",
        FieldRelation.NearEdge => "near_edge",
        FieldRelation.Possible => "possibly_in_field",
        FieldRelation.Outside => "outside",
        _ => "unknown",
    };

    /// <summary>A prescription with BED and EQD2 at α/β 2 Gy (cord) and 10 Gy (tumour).</summary>
    public static PlanEntry Plan(Fractionation p, string? plan = null) => new()
    {
        Plan = plan,
        PhysicalDoseGy = R(p.Total.Value),
        Fractions = p.Fractions.Value,
        DosePerFractionGy = R(p.DosePerFraction.Value),
        AtAlphaBeta = new[] { 2.0, 10.0 }.Select(ab => new AlphaBetaDoseEntry(ab, R(p.Bed(AlphaBetaGy.From(ab)).Value), R(p.Eqd2(AlphaBetaGy.From(ab)).Value))).ToArray(),
    };

    private static double R(double x) => Math.Round(x, 2);
    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

/// <summary>Adds the "radiotherapy" section (cord geometry, dose, risk rules, latency) to the machine-readable assessment.</summary>
public sealed class RadiotherapyAugmenter(Func<RadiotherapyKnowledge> load) : IAssessmentAugmenter
{
    private readonly Lazy<RadiotherapyKnowledge> _k = new(load, LazyThreadSafetyMode.ExecutionAndPublication);

    public AssessmentDocument Augment(CaseInput input, Assessment assessment, AssessmentDocument document) => document with
    {
        Radiotherapy = RadiotherapyReport.Build(input, _k.Value).ToSection() with
        {
            Evidence = assessment.Computed.Any(c => c.Id == RadiotherapyEvidenceProvider.CordDoseId)
                ? "the cord dose and latency entered the differential as computed evidence (computedEvidence), replacing the categorical radiotherapy findings"
                : "the cord dose could not be computed; any radiotherapy findings counted as categories",
        },
    };
}
