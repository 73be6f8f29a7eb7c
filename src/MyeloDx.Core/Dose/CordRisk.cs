using System.Text.Json.Serialization;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Inference;

namespace MyeloDx.Core.Dose;

/// <summary>A risk rule's verdict; the JSON names are part of the assessment contract.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskVerdict>))]
public enum RiskVerdict
{
    /// <summary>A figure, not a pass/fail rule (e.g. an estimated risk).</summary>
    [JsonStringEnumMemberName("estimate")] Estimate,
    /// <summary>Within the published limit.</summary>
    [JsonStringEnumMemberName("within")] Within,
    /// <summary>Beyond the published limit.</summary>
    [JsonStringEnumMemberName("exceeds")] Exceeds,
    /// <summary>The rule needs something the case does not state (an interval, a dose).</summary>
    [JsonStringEnumMemberName("cannot_assess")] CannotAssess,
}

/// <summary>One named, cited rule applied to the cord dose, with its verdict and the numbers behind it.</summary>
public sealed record RiskCheck(string Rule, RiskVerdict Verdict, string Summary, string? SourceId, IReadOnlyDictionary<string, double> Figures);

/// <summary>
/// Myelopathy risk and published limits for the cord dose: the conventional dose-response (QUANTEC/Schultheiss),
/// SBRT point-maximum limits by number of fractions (Sahgal 2013, QUANTEC), and the reirradiation rules (Nieder,
/// Sahgal/HyTEC) with the step recovery model (Doi 2021). Each rule gives its own verdict; they are not merged
/// into one safe/unsafe answer.
/// </summary>
public sealed class CordRisk(RadiotherapyKnowledge k)
{
    public IReadOnlyList<RiskCheck> Assess(CordDoseAnalysis a)
    {
        var checks = new List<RiskCheck>();
        var dosed = a.Courses.Where(c => c.CordDose is not null).ToArray();
        if (dosed.Length > 0) checks.Add(Conventional(dosed));
        foreach (var c in a.Reaching.Where(c => c.Technique("sbrt", "srs") && c.CordDose is { Fractions.Value: <= 5 }))
            checks.AddRange(Sbrt(c));
        var reaching = a.Reaching.ToArray();
        if (reaching.Length >= 2) checks.AddRange(Reirradiation(a, reaching));
        return checks;
    }

    /// <summary>Estimated risk with conventional fractionation at the cumulative cord dose, expressed at the fit's alpha/beta.</summary>
    public RiskCheck Conventional(IReadOnlyList<CourseCordDose> dosed) => Conventional(dosed.Select(c => c.CordDose!).ToArray());

    /// <summary>Estimated risk if these courses were the cord dose (used by the dose command for bare plans).</summary>
    public RiskCheck Conventional(IReadOnlyList<Fractionation> courses)
    {
        var dr = k.Conventional;
        var ab = AlphaBetaGy.From(dr.AlphaBeta.Value);
        var eqd2 = LinearQuadratic.Sum(courses, ab).Value;
        var risk = dr.Risk(eqd2);
        var hypo = courses.Any(c => c.DosePerFraction.Value > 3.5);
        var dosed = courses;
        var summary = $"estimated myelopathy risk at a cumulative cord EQD2 of {F(eqd2)} Gy (α/β {PhysicalDoseGy.Fmt(ab.Value)}, whole cord): {ProbabilityText.Risk(risk)} " +
                      $"(log-logistic fit, TD50 {F(dr.Td50.Value)} Gy, 5% at {F(dr.Td5.Value)} Gy; {dr.Td50.Cite})" +
                      (hypo ? "; derived from conventional fractionation, so only indicative for large fractions" : "") +
                      (dosed.Count > 1 ? "; courses simply added, without recovery between them" : "");
        return new RiskCheck("conventional_dose_response", RiskVerdict.Estimate, summary, dr.Td50.Provenance.SourceId,
            new Dictionary<string, double> { ["cordEqd2Gy"] = R(eqd2), ["alphaBetaGy"] = ab.Value, ["risk"] = Math.Round(risk, 6) });
    }

    /// <summary>De novo SBRT limits for the number of fractions, applied to the cord dose at the affected levels.</summary>
    public IEnumerable<RiskCheck> Sbrt(CourseCordDose c)
    {
        var cord = c.CordDose!;
        foreach (var limit in k.SbrtLimits.Where(l => l.Fractions == cord.Fractions.Value))
        {
            if (c.AssumedCordLimit is { } assumed)
            {
                // the cord dose was not stated and was taken as a limit: checking it against a limit would only echo the assumption
                yield return new RiskCheck($"sbrt_limit_{limit.Provenance.SourceId}", RiskVerdict.CannotAssess,
                    $"{c.Label}: the cord dose is not stated, so the {PhysicalDoseGy.Fmt(limit.PointMaxGy)} Gy point-maximum limit for " +
                    $"{limit.Fractions} fraction(s) ({limit.Risk}; {limit.Provenance.Cite}) cannot be checked; the cord maximum was taken as " +
                    $"{PhysicalDoseGy.Fmt(assumed.PointMaxGy)} Gy ({assumed.Provenance.Cite}); ask for the plan's cord dose",
                    limit.Provenance.SourceId,
                    new Dictionary<string, double> { ["limitGy"] = limit.PointMaxGy, ["fractions"] = limit.Fractions });
                continue;
            }
            var within = cord.Total.Value <= limit.PointMaxGy + 1e-9;
            var what = c.UsesStatedCordDose ? "stated cord maximum" : "cord dose (taken as the prescription)";
            yield return new RiskCheck($"sbrt_limit_{limit.Provenance.SourceId}", within ? RiskVerdict.Within : RiskVerdict.Exceeds,
                $"{c.Label}: {what} {cord.Total} in {cord.Fractions.Value} fraction(s) is {(within ? "within" : "above")} the " +
                $"{PhysicalDoseGy.Fmt(limit.PointMaxGy)} Gy point-maximum limit for {limit.Fractions} fraction(s) ({limit.Risk}; {limit.Provenance.Cite})",
                limit.Provenance.SourceId,
                new Dictionary<string, double> { ["cordDoseGy"] = R(cord.Total.Value), ["limitGy"] = limit.PointMaxGy, ["fractions"] = limit.Fractions });
        }
    }

    public IEnumerable<RiskCheck> Reirradiation(CordDoseAnalysis a, IReadOnlyList<CourseCordDose> reaching)
    {
        var ab2 = AlphaBetaGy.From(k.CordAlphaBeta.Value);
        var unknownDose = reaching.Where(c => c.CordDose is null).ToArray();
        var intervals = a.Intervals.Where(i => reaching.Contains(i.Earlier) && reaching.Contains(i.Later)).ToArray();
        double? minInterval = intervals.Length == 0 || intervals.Any(i => i.Months is null) ? null : intervals.Min(i => i.Months!.Value);
        if (unknownDose.Length > 0)
        {
            yield return new RiskCheck("reirradiation", RiskVerdict.CannotAssess,
                $"reirradiation rules cannot be applied: the cord dose of {string.Join(", ", unknownDose.Select(c => c.Label))} is not known", null,
                new Dictionary<string, double>());
            yield break;
        }
        var beds = reaching.Select(c => c.CordDose!.Bed(ab2).Value).ToArray();
        var cumBed = beds.Sum();
        var maxBed = beds.Max();
        var n = k.Nieder;
        var figures = new Dictionary<string, double> { ["cumulativeBedGy2"] = R(cumBed), ["maxCourseBedGy2"] = R(maxBed) };
        if (minInterval is { } mi) figures["shortestIntervalMonths"] = R(mi);
        var fails = new List<string>();
        if (cumBed > n.CumulativeBed.Value) fails.Add($"cumulative BED {F(cumBed)} Gy2 > {F(n.CumulativeBed.Value)}");
        if (maxBed > n.CourseBed.Value) fails.Add($"a course of {F(maxBed)} Gy2 > {F(n.CourseBed.Value)}");
        if (minInterval is { } m && m < n.IntervalMonths.Value) fails.Add($"interval {F(m)} months < {F(n.IntervalMonths.Value)}");
        var verdict = fails.Count > 0 ? RiskVerdict.Exceeds : minInterval is null ? RiskVerdict.CannotAssess : RiskVerdict.Within;
        var text = verdict switch
        {
            RiskVerdict.Exceeds => $"Nieder reirradiation conditions not met: {string.Join("; ", fails)} ({n.CumulativeBed.Cite})",
            RiskVerdict.CannotAssess => $"Nieder reirradiation conditions: cumulative BED {F(cumBed)} Gy2 and largest course {F(maxBed)} Gy2 are within the limits, but the interval between courses is not stated ({n.CumulativeBed.Cite})",
            _ => $"Nieder reirradiation conditions met (cumulative BED {F(cumBed)} ≤ {F(n.CumulativeBed.Value)} Gy2, each course ≤ {F(n.CourseBed.Value)} Gy2, interval ≥ {F(n.IntervalMonths.Value)} months): risk appears small" +
                 (cumBed <= n.NoCasesBelowBed.Value ? $"; no myelopathy has been reported at or below {F(n.NoCasesBelowBed.Value)} Gy2" : "") + $" ({n.CumulativeBed.Cite})",
        };
        yield return new RiskCheck("reirradiation_nieder", verdict, text, n.CumulativeBed.Provenance.SourceId, figures);

        var last = reaching.OrderBy(c => c.MonthsBeforeOnset ?? double.MaxValue).First();
        if (last.Technique("sbrt", "srs"))
        {
            var s = k.Sahgal;
            var sbrtEqd2 = last.CordDose!.Eqd2(ab2).Value;
            var cum = reaching.Sum(c => c.CordDose!.Eqd2(ab2).Value);
            var share = cum > 0 ? sbrtEqd2 / cum : 0;
            var sf = new List<string>();
            if (sbrtEqd2 > s.SbrtCourseEqd2.Value) sf.Add($"SBRT course EQD2 {F(sbrtEqd2)} Gy > {F(s.SbrtCourseEqd2.Value)}");
            if (cum > s.CumulativeEqd2.Value) sf.Add($"cumulative EQD2 {F(cum)} Gy > {F(s.CumulativeEqd2.Value)}");
            if (share > s.SbrtShare.Value) sf.Add($"SBRT share {share:0.00} > {s.SbrtShare.Value:0.##}");
            double? lastInterval = intervals.FirstOrDefault(i => i.Later == last).Months;
            if (lastInterval is { } li && li < s.IntervalMonths.Value) sf.Add($"interval {F(li)} months < {F(s.IntervalMonths.Value)}");
            var v = sf.Count > 0 ? RiskVerdict.Exceeds : lastInterval is null ? RiskVerdict.CannotAssess : RiskVerdict.Within;
            var st = v switch
            {
                RiskVerdict.Exceeds => $"SBRT reirradiation limits not met: {string.Join("; ", sf)} ({s.CumulativeEqd2.Cite}, {s.SbrtShare.Cite})",
                RiskVerdict.CannotAssess => $"SBRT reirradiation limits: doses within (SBRT {F(sbrtEqd2)} Gy, cumulative {F(cum)} Gy EQD2, share {share:0.00}) but the interval is not stated",
                _ => $"SBRT reirradiation limits met: SBRT {F(sbrtEqd2)} ≤ {F(s.SbrtCourseEqd2.Value)} Gy, cumulative {F(cum)} ≤ {F(s.CumulativeEqd2.Value)} Gy EQD2, share {share:0.00} ≤ {s.SbrtShare.Value:0.##}, interval ≥ {F(s.IntervalMonths.Value)} months ({s.CumulativeEqd2.Cite})",
            };
            yield return new RiskCheck("reirradiation_sahgal", v, st, s.CumulativeEqd2.Provenance.SourceId,
                new Dictionary<string, double> { ["sbrtEqd2Gy"] = R(sbrtEqd2), ["cumulativeEqd2Gy"] = R(cum), ["sbrtShare"] = Math.Round(share, 3) });
        }

        // step recovery of the earlier courses, counted up to the latest course
        if (last.MonthsBeforeOnset is { } lastM && reaching.All(c => c.MonthsBeforeOnset is not null))
        {
            double effective = 0; Provenance? prov = null;
            foreach (var c in reaching)
            {
                var e = c.CordDose!.Eqd2(ab2).Value;
                if (ReferenceEquals(c, last)) { effective += e; continue; }
                var (rec, p) = k.RecoveredAfter(c.MonthsBeforeOnset!.Value - lastM);
                prov ??= p;
                effective += e * (1 - rec);
            }
            var plain = reaching.Sum(c => c.CordDose!.Eqd2(ab2).Value);
            yield return new RiskCheck("recovery_step_model", RiskVerdict.Estimate,
                $"with partial recovery of earlier courses ({string.Join(", ", k.Recovery.Select(r => $"{F(r.Fraction * 100)}% after {F(r.AfterMonths)} months"))}; {prov?.Cite ?? k.Recovery.FirstOrDefault()?.Provenance.Cite}) the effective cumulative cord EQD2 is {F(effective)} Gy instead of {F(plain)} Gy",
                prov?.SourceId ?? k.Recovery.FirstOrDefault()?.Provenance.SourceId,
                new Dictionary<string, double> { ["effectiveCumulativeEqd2Gy"] = R(effective), ["plainCumulativeEqd2Gy"] = R(plain) });
        }
    }

    internal static string F(double x) => x.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
    private static double R(double x) => Math.Round(x, 2);
}
