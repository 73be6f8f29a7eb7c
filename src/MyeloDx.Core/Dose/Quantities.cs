using System.Globalization;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Dose;

// One type per radiotherapy quantity, so that a BED can never be added to a physical dose and an EQD2 at
// alpha/beta 2 never to one at alpha/beta 10. Factories refuse impossible values with a coded InputException
// (codes in docs/dose.md); `where` names the field or plan the value came from.

/// <summary>
/// A physical dose in gray: a course total, or the dose a structure received over a course.
/// </summary>
/// <remarks>Range 0–150 Gy (no single course delivers more). Use <see cref="DosePerFractionGy"/> for one fraction,
/// <see cref="BedGy"/> or <see cref="Eqd2Gy"/> for biologically weighted doses. 0 is allowed (a structure outside the field).</remarks>
public readonly record struct PhysicalDoseGy
{
    public const double Max = 150;
    public double Value { get; }
    private PhysicalDoseGy(double value) => Value = value;

    public static PhysicalDoseGy From(double gy, string where = "dose")
    {
        if (double.IsNaN(gy) || double.IsInfinity(gy)) throw new InputException("MDX-DOSE002", where, "the dose is not a number");
        if (gy < 0) throw new InputException("MDX-DOSE002", where, $"a negative dose ({Fmt(gy)} Gy) is impossible");
        if (gy > Max) throw new InputException("MDX-DOSE002", where, $"{Fmt(gy)} Gy is impossible for one course (expected at most {Max:0} Gy)");
        return new PhysicalDoseGy(gy);
    }

    public static PhysicalDoseGy operator *(PhysicalDoseGy d, double factor) => From(d.Value * factor);
    public override string ToString() => Fmt(Value) + " Gy";
    /// <summary>Gray for display: up to 2 decimals, invariant culture.</summary>
    public static string Fmt(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>The physical dose of one fraction, in gray.</summary>
/// <remarks>Range above 0 to 30 Gy (the largest single fractions used clinically are about 24 Gy). Above 10 Gy the
/// linear-quadratic model is outside its well-validated range (see <see cref="LinearQuadratic.ValidatedMaxDosePerFractionGy"/>).</remarks>
public readonly record struct DosePerFractionGy
{
    public const double Max = 30;
    public double Value { get; }
    private DosePerFractionGy(double value) => Value = value;

    public static DosePerFractionGy From(double gy, string where = "dose per fraction")
    {
        if (double.IsNaN(gy) || double.IsInfinity(gy)) throw new InputException("MDX-DOSE002", where, "the dose per fraction is not a number");
        if (gy < 0) throw new InputException("MDX-DOSE002", where, $"a negative dose per fraction ({PhysicalDoseGy.Fmt(gy)} Gy) is impossible");
        if (gy > Max) throw new InputException("MDX-DOSE005", where, $"{PhysicalDoseGy.Fmt(gy)} Gy per fraction is impossible (expected at most {Max:0} Gy)");
        return new DosePerFractionGy(gy);
    }

    public override string ToString() => PhysicalDoseGy.Fmt(Value) + " Gy";
}

/// <summary>A number of fractions: a whole number from 1 to 100.</summary>
public readonly record struct FractionCount
{
    public const int Max = 100;
    public int Value { get; }
    private FractionCount(int value) => Value = value;

    public static FractionCount From(int n, string where = "fractions")
    {
        if (n < 1 || n > Max) throw new InputException("MDX-DOSE003", where, $"{n} fractions is impossible (expected 1-{Max})");
        return new FractionCount(n);
    }

    /// <summary>From a number that must be whole (e.g. parsed text): 2.5 fractions is refused, not rounded.</summary>
    public static FractionCount From(double n, string where = "fractions")
    {
        if (double.IsNaN(n) || double.IsInfinity(n)) throw new InputException("MDX-DOSE003", where, "the number of fractions is not a number");
        if (Math.Abs(n - Math.Round(n)) > 1e-9) throw new InputException("MDX-DOSE003", where, $"{PhysicalDoseGy.Fmt(n)} fractions is impossible (a whole number is needed)");
        if (n < 1 || n > Max) throw new InputException("MDX-DOSE003", where, $"{PhysicalDoseGy.Fmt(n)} fractions is impossible (expected 1-{Max})");
        return new FractionCount((int)Math.Round(n));
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The tissue's alpha/beta ratio in gray (2 for late cord injury, 10 for tumour by convention).</summary>
/// <remarks>Range above 0 to 50 Gy; values at or below 0 are refused rather than silently replaced.</remarks>
public readonly record struct AlphaBetaGy
{
    public const double Max = 50;
    public double Value { get; }
    private AlphaBetaGy(double value) => Value = value;

    public static AlphaBetaGy From(double gy, string where = "alpha/beta")
    {
        if (double.IsNaN(gy) || double.IsInfinity(gy) || gy <= 0 || gy > Max)
            throw new InputException("MDX-DOSE004", where, $"alpha/beta {(double.IsNaN(gy) ? "NaN" : PhysicalDoseGy.Fmt(gy))} Gy is impossible (expected above 0 and at most {Max:0} Gy)");
        return new AlphaBetaGy(gy);
    }

    /// <summary>Late-responding spinal cord (cervical and thoracic), as used by the reirradiation and SBRT literature.</summary>
    public static AlphaBetaGy Cord => new(2);
    /// <summary>Tumour and acute-responding tissue, by convention.</summary>
    public static AlphaBetaGy Tumour => new(10);

    public override string ToString() => PhysicalDoseGy.Fmt(Value) + " Gy";
}

/// <summary>Biologically effective dose, in Gy at a stated alpha/beta ("Gy2" when alpha/beta is 2).</summary>
/// <remarks>Only BEDs at the same alpha/beta can be added; adding two with different alpha/beta throws.</remarks>
public readonly record struct BedGy
{
    public const double Max = 100000;
    public double Value { get; }
    public AlphaBetaGy AlphaBeta { get; }
    private BedGy(double value, AlphaBetaGy ab) { Value = value; AlphaBeta = ab; }

    public static BedGy From(double gy, AlphaBetaGy alphaBeta, string where = "BED")
    {
        if (double.IsNaN(gy) || double.IsInfinity(gy) || gy < 0 || gy > Max)
            throw new InputException("MDX-DOSE006", where, $"BED {PhysicalDoseGy.Fmt(gy)} Gy is impossible");
        return new BedGy(gy, alphaBeta);
    }

    public Eqd2Gy ToEqd2() => Eqd2Gy.From(Value / (1 + 2 / AlphaBeta.Value), AlphaBeta);

    public static BedGy operator +(BedGy a, BedGy b)
    {
        if (a.AlphaBeta != b.AlphaBeta) throw new InvalidOperationException($"BEDs at alpha/beta {a.AlphaBeta} and {b.AlphaBeta} cannot be added");
        return From(a.Value + b.Value, a.AlphaBeta);
    }

    public static BedGy Zero(AlphaBetaGy ab) => new(0, ab);
    public override string ToString() => $"{PhysicalDoseGy.Fmt(Value)} Gy (BED, α/β {AlphaBeta})";
}

/// <summary>Equivalent dose in 2-Gy fractions, in Gy at a stated alpha/beta.</summary>
/// <remarks>Courses are summed in EQD2 of the same alpha/beta (never in physical Gy); adding two with different alpha/beta throws.</remarks>
public readonly record struct Eqd2Gy
{
    public const double Max = 50000;
    public double Value { get; }
    public AlphaBetaGy AlphaBeta { get; }
    private Eqd2Gy(double value, AlphaBetaGy ab) { Value = value; AlphaBeta = ab; }

    public static Eqd2Gy From(double gy, AlphaBetaGy alphaBeta, string where = "EQD2")
    {
        if (double.IsNaN(gy) || double.IsInfinity(gy) || gy < 0 || gy > Max)
            throw new InputException("MDX-DOSE006", where, $"EQD2 {PhysicalDoseGy.Fmt(gy)} Gy is impossible");
        return new Eqd2Gy(gy, alphaBeta);
    }

    public BedGy ToBed() => BedGy.From(Value * (1 + 2 / AlphaBeta.Value), AlphaBeta);

    public static Eqd2Gy operator +(Eqd2Gy a, Eqd2Gy b)
    {
        if (a.AlphaBeta != b.AlphaBeta) throw new InvalidOperationException($"EQD2s at alpha/beta {a.AlphaBeta} and {b.AlphaBeta} cannot be added");
        return From(a.Value + b.Value, a.AlphaBeta);
    }

    public static Eqd2Gy operator *(Eqd2Gy a, double factor) => From(a.Value * factor, a.AlphaBeta);

    public static Eqd2Gy Zero(AlphaBetaGy ab) => new(0, ab);
    public override string ToString() => $"{PhysicalDoseGy.Fmt(Value)} Gy (EQD2, α/β {AlphaBeta})";
}
