using System.Text.Json.Nodes;
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

    public JsonObject ToJson()
    {
        var o = new JsonObject { ["status"] = Status };
        if (Analysis is not { } a) return o;
        o["lesion"] = a.LesionDescription;
        o["alphaBetaGy"] = a.AlphaBeta.Value;
        o["alphaBetaSource"] = a.AlphaBetaProvenance.SourceId ?? "estimate";
        var courses = new JsonArray();
        foreach (var c in a.Courses)
        {
            var j = new JsonObject
            {
                ["index"] = c.Index,
                ["target"] = c.Course.Target,
                ["levels"] = c.Course.Levels,
                ["field"] = c.Position.Field?.ShortName,
                ["fieldCordLevels"] = c.Position.Field is { ReachesCord: true } f ? f.Levels : null,
                ["relation"] = Relation(c.Position.Relation),
                ["distanceSegments"] = c.Position.DistanceSegments,
                ["stated"] = c.Position.Stated,
                ["reason"] = c.Position.Reason,
            };
            if (c.Prescription is { } p) j["prescription"] = Plan(p);
            if (c.FractionationAssumption is { } fa) j["fractionationAssumption"] = fa;
            if (!double.IsNaN(c.DoseShare))
            {
                j["cordDoseShare"] = Math.Round(c.DoseShare, 4);
                j["cordDoseShareSource"] = c.DoseShareProvenance?.SourceId ?? "estimate";
            }
            j["usesStatedCordDose"] = c.UsesStatedCordDose;
            if (c.CordDose is { } cd)
            {
                j["cordDoseGy"] = R(cd.Total.Value);
                j["cordDosePerFractionGy"] = R(cd.DosePerFraction.Value);
            }
            if (c.CordEqd2 is { } e) j["cordEqd2Gy"] = R(e.Value);
            if (c.CordBed is { } b) j["cordBedGy"] = R(b.Value);
            if (c.MonthsBeforeOnset is { } m) j["monthsBeforeOnset"] = m;
            j["warnings"] = Strings(c.Warnings);
            courses.Add(j);
        }
        o["courses"] = courses;
        o["cumulative"] = new JsonObject
        {
            ["cordEqd2Gy"] = R(a.CumulativeEqd2.Value),
            ["cordBedGy"] = R(a.CumulativeBed.Value),
            ["complete"] = a.DoseComplete,
            ["note"] = "courses added in EQD2 at one alpha/beta; physical doses are never added",
        };
        o["intervals"] = new JsonArray(a.Intervals.Select(i => (JsonNode)new JsonObject
        {
            ["earlier"] = i.Earlier.Index, ["later"] = i.Later.Index, ["months"] = i.Months,
        }).ToArray());
        o["risk"] = new JsonArray(Risks.Select(r => (JsonNode)new JsonObject
        {
            ["rule"] = r.Rule,
            ["verdict"] = r.Verdict switch { RiskVerdict.Within => "within", RiskVerdict.Exceeds => "exceeds", RiskVerdict.CannotAssess => "cannot_assess", _ => "estimate" },
            ["summary"] = r.Summary,
            ["source"] = r.SourceId,
            ["figures"] = new JsonObject(r.Figures.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))),
        }).ToArray());
        if (Latency is { } l)
            o["latency"] = new JsonObject
            {
                ["course"] = l.Course.Index,
                ["months"] = l.Months,
                ["setting"] = l.Setting switch { LatencyModelEvaluator.Setting.Reirradiation => "reirradiation", LatencyModelEvaluator.Setting.Radiosurgery => "radiosurgery", _ => "single_course" },
                ["percentileOfDelayedForm"] = Math.Round(l.Percentile, 3),
                ["summary"] = l.Summary,
            };
        return o;
    }

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

    public static JsonObject Plan(Fractionation p)
    {
        var o = new JsonObject
        {
            ["physicalDoseGy"] = R(p.Total.Value),
            ["fractions"] = p.Fractions.Value,
            ["dosePerFractionGy"] = R(p.DosePerFraction.Value),
        };
        var arr = new JsonArray();
        foreach (var ab in new[] { 2.0, 10.0 })
        {
            var a = AlphaBetaGy.From(ab);
            arr.Add(new JsonObject { ["alphaBetaGy"] = ab, ["bedGy"] = R(p.Bed(a).Value), ["eqd2Gy"] = R(p.Eqd2(a).Value) });
        }
        o["atAlphaBeta"] = arr;
        return o;
    }

    private static JsonArray Strings(IEnumerable<string> s) => new(s.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray());
    private static double R(double x) => Math.Round(x, 2);
    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

/// <summary>Adds the "radiotherapy" section (cord geometry, dose, risk rules, latency) to the machine-readable assessment.</summary>
public sealed class RadiotherapyAugmenter(Func<RadiotherapyKnowledge> load) : IAssessmentAugmenter
{
    private readonly Lazy<RadiotherapyKnowledge> _k = new(load, LazyThreadSafetyMode.ExecutionAndPublication);

    public void Augment(CaseInput input, Assessment assessment, JsonObject json)
    {
        var o = RadiotherapyReport.Build(input.Case, _k.Value).ToJson();
        o["evidence"] = assessment.Computed.Any(c => c.Id == RadiotherapyEvidenceProvider.CordDoseId)
            ? "the cord dose and latency entered the differential as computed evidence (computedEvidence), replacing the categorical radiotherapy findings"
            : "the cord dose could not be computed; any radiotherapy findings counted as categories";
        json["radiotherapy"] = o;
    }
}
