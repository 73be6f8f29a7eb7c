using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Dose;

/// <summary>
/// A course as delivered: total physical dose in a number of equal fractions.
/// Build it with <see cref="Create"/> so that the dose per fraction is checked as well.
/// </summary>
public sealed record Fractionation
{
    public PhysicalDoseGy Total { get; }
    public FractionCount Fractions { get; }
    public DosePerFractionGy DosePerFraction { get; }

    private Fractionation(PhysicalDoseGy total, FractionCount n, DosePerFractionGy d)
    {
        Total = total; Fractions = n; DosePerFraction = d;
    }

    public static Fractionation Create(PhysicalDoseGy total, FractionCount fractions, string where = "plan")
    {
        var d = DosePerFractionGy.From(total.Value / fractions.Value, where);
        return new Fractionation(total, fractions, d);
    }

    public static Fractionation Create(double totalGy, int fractions, string where = "plan") =>
        Create(PhysicalDoseGy.From(totalGy, where), FractionCount.From(fractions, where), where);

    /// <summary>The same number of fractions, each scaled (e.g. the part of the prescription the cord receives).</summary>
    public Fractionation Scaled(double factor) => Create(Total * factor, Fractions);

    public BedGy Bed(AlphaBetaGy ab) => LinearQuadratic.Bed(this, ab);
    public Eqd2Gy Eqd2(AlphaBetaGy ab) => LinearQuadratic.Eqd2(this, ab);

    /// <summary>True when the dose per fraction lies beyond the range where the LQ model is well validated.</summary>
    public bool OutsideValidatedRange => DosePerFraction.Value > LinearQuadratic.ValidatedMaxDosePerFractionGy;

    public override string ToString() => Fractions.Value == 1
        ? $"{Total} in 1 fraction"
        : $"{Total} in {Fractions.Value} fractions of {DosePerFraction}";
}

/// <summary>
/// Linear-quadratic arithmetic. BED = D·(1 + d/(α/β)); EQD2 = BED / (1 + 2/(α/β)) = D·(d + α/β)/(2 + α/β).
/// Courses are added in BED or EQD2 of the same α/β, never in physical gray.
/// </summary>
public static class LinearQuadratic
{
    /// <summary>
    /// Dose per fraction (Gy) up to which the LQ model is reasonably well validated (Brenner 2008: about 10 Gy,
    /// reasonable to about 18 Gy). The knowledge file restates it with its source; this constant is the built-in default.
    /// </summary>
    public const double ValidatedMaxDosePerFractionGy = 10;

    public static BedGy Bed(Fractionation f, AlphaBetaGy ab)
    {
        Guard(ab);
        return BedGy.From(f.Total.Value * (1 + f.DosePerFraction.Value / ab.Value), ab);
    }

    public static Eqd2Gy Eqd2(Fractionation f, AlphaBetaGy ab)
    {
        Guard(ab);
        return Eqd2Gy.From(f.Total.Value * (f.DosePerFraction.Value + ab.Value) / (2 + ab.Value), ab);
    }

    /// <summary>Sum of courses in EQD2 at one α/β.</summary>
    public static Eqd2Gy Sum(IEnumerable<Fractionation> courses, AlphaBetaGy ab)
    {
        var total = Eqd2Gy.Zero(ab);
        foreach (var c in courses) total += c.Eqd2(ab);
        return total;
    }

    /// <summary>Isoeffective total dose in fractions of <paramref name="newDosePerFraction"/>: D2 = D1·(α/β + d1)/(α/β + d2).</summary>
    public static double IsoeffectiveTotalGy(Fractionation f, double newDosePerFraction, AlphaBetaGy ab)
    {
        Guard(ab);
        if (newDosePerFraction <= 0 || double.IsNaN(newDosePerFraction)) throw new InputException("MDX-DOSE002", "dose per fraction", "the new dose per fraction must be above 0");
        return f.Total.Value * (ab.Value + f.DosePerFraction.Value) / (ab.Value + newDosePerFraction);
    }

    /// <summary>
    /// Largest dose per fraction that keeps n fractions within a BED budget: solves (n/(α/β))·d² + n·d − B = 0.
    /// Returns 0 when the budget is used up.
    /// </summary>
    public static double MaxDosePerFraction(BedGy budget, FractionCount n, AlphaBetaGy ab)
    {
        Guard(ab);
        if (budget.AlphaBeta != ab) throw new InvalidOperationException("the budget's alpha/beta differs from the one asked for");
        if (budget.Value <= 0) return 0;
        double a = n.Value / ab.Value, b = n.Value, c = -budget.Value;
        return (-b + Math.Sqrt(b * b - 4 * a * c)) / (2 * a);
    }

    private static void Guard(AlphaBetaGy ab)
    {
        if (ab.Value <= 0) throw new InputException("MDX-DOSE004", "alpha/beta", "alpha/beta must be above 0");
    }
}
