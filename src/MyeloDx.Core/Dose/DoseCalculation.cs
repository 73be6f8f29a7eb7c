using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;

namespace MyeloDx.Core.Dose;

/// <summary>
/// The radiotherapy calculator behind `myelodx dose` and POST /api/dose: parses the plans (errors name
/// <paramref name="where"/>), then BED/EQD2 per course and summed as courses in EQD2 of one α/β, with the cord references.
/// </summary>
public static class DoseCalculation
{
    /// <summary>Plans such as "30 Gy/10"; throws InputException (MDX-DOSEnnn) for a plan or α/β it cannot read.</summary>
    public static DoseDocument Calculate(IReadOnlyList<string> plans, double? alphaBeta, RadiotherapyKnowledge k, Func<int, string> where, string alphaBetaWhere)
    {
        var chosen = AlphaBetaGy.From(alphaBeta ?? 2, alphaBetaWhere);
        var courses = plans.Select((t, i) => PlanParser.Parse(t, where(i))).ToArray();
        return Compute(plans, courses, chosen, k);
    }

    public static DoseDocument Compute(IReadOnlyList<string> texts, IReadOnlyList<Fractionation> courses, AlphaBetaGy chosen, RadiotherapyKnowledge k)
    {
        var abs = new List<AlphaBetaGy> { AlphaBetaGy.From(2), AlphaBetaGy.From(10) };
        if (!abs.Contains(chosen)) abs.Add(chosen);
        var warnings = new List<string>();
        var entries = new List<DoseCourseEntry>();
        for (var i = 0; i < courses.Count; i++)
        {
            var c = courses[i];
            var cw = new List<string>();
            if (c.DosePerFraction.Value > k.ValidatedMaxDosePerFraction.Value)
                cw.Add($"{c.DosePerFraction} per fraction is beyond the linear-quadratic model's validated range (about {PhysicalDoseGy.Fmt(k.ValidatedMaxDosePerFraction.Value)} Gy; {k.ValidatedMaxDosePerFraction.Cite})");
            var limits = k.SbrtLimits.Where(l => l.Fractions == c.Fractions.Value).ToArray();
            entries.Add(new DoseCourseEntry
            {
                Plan = texts[i],
                PhysicalDoseGy = R(c.Total.Value),
                Fractions = c.Fractions.Value,
                DosePerFractionGy = R(c.DosePerFraction.Value),
                AtAlphaBeta = At(abs, ab => (c.Bed(ab).Value, c.Eqd2(ab).Value)),
                IfCordPointMaximum = limits.Length == 0 ? null : limits.Select(l => new CordPointLimitEntry
                {
                    LimitGy = l.PointMaxGy, Risk = l.Risk, Source = l.Provenance.SourceId, Citation = l.Provenance.Cite,
                    Within = c.Total.Value <= l.PointMaxGy + 1e-9,
                }).ToArray(),
                Warnings = cw,
            });
            warnings.AddRange(cw.Select(w => $"plan {i + 1}: {w}"));
        }
        if (courses.Select(c => c.DosePerFraction.Value).Distinct().Count() > 1)
            warnings.Add("the courses use different fraction sizes: their physical doses are not additive; compare and sum them in EQD2 or BED");
        var conventional = new CordRisk(k).Conventional(courses);
        return new DoseDocument
        {
            AlphaBetaGy = chosen.Value,
            Courses = entries,
            Cumulative = new DoseCumulativeEntry
            {
                Courses = courses.Count,
                PhysicalDoseGy = R(courses.Sum(c => c.Total.Value)),
                PhysicalDoseNote = "arithmetic sum for reference only; courses add in EQD2 or BED at one alpha/beta",
                AtAlphaBeta = At(abs, ab => (courses.Sum(c => c.Bed(ab).Value), LinearQuadratic.Sum(courses, ab).Value)),
            },
            Chosen = new DoseAtAlphaBeta(chosen.Value, R(courses.Sum(c => c.Bed(chosen).Value)), R(LinearQuadratic.Sum(courses, chosen).Value)),
            IfSpinalCordDose = new SpinalCordDoseEntry
            {
                ConventionalRisk = conventional.Summary,
                RiskFraction = conventional.Figures["risk"],
                Source = conventional.SourceId,
                Note = "only if the cord received these doses (the cord dose is not the prescription unless the cord was inside the field)",
            },
            Warnings = warnings,
            Caveat = Assessment.Caveat,
        };
    }

    private static DoseAtAlphaBeta[] At(IEnumerable<AlphaBetaGy> abs, Func<AlphaBetaGy, (double Bed, double Eqd2)> f) =>
        abs.Select(ab =>
        {
            var (bed, eqd2) = f(ab);
            return new DoseAtAlphaBeta(ab.Value, R(bed), R(eqd2));
        }).ToArray();

    private static double R(double x) => Math.Round(x, 2);
}
