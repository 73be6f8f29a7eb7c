using FsCheck;
using FsCheck.Xunit;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Tests.Dose;

public class LinearQuadraticTests
{
    private const double Tol = 0.01;

    // Worked examples recomputed in the reference notes (text-and-dose §2.8): total, fractions, BED/EQD2 at α/β 2 and 10.
    [Theory]
    [InlineData(30, 10, 75.00, 37.50, 39.00, 32.50)]
    [InlineData(20, 5, 60.00, 30.00, 28.00, 23.33)]
    [InlineData(8, 1, 40.00, 20.00, 14.40, 12.00)]
    [InlineData(24, 3, 120.00, 60.00, 43.20, 36.00)]
    [InlineData(50, 25, 100.00, 50.00, 60.00, 50.00)]
    [InlineData(45, 25, 85.50, 42.75, 53.10, 44.25)]
    [InlineData(39, 13, 97.50, 48.75, 50.70, 42.25)]
    [InlineData(25, 5, 87.50, 43.75, 37.50, 31.25)]
    [InlineData(16, 1, 144.00, 72.00, 41.60, 34.67)]
    public void Worked_examples_give_the_published_BED_and_EQD2(double total, int n, double bed2, double eqd2_2, double bed10, double eqd2_10)
    {
        var f = Fractionation.Create(total, n);
        Assert.Equal(bed2, f.Bed(AlphaBetaGy.Cord).Value, Tol);
        Assert.Equal(eqd2_2, f.Eqd2(AlphaBetaGy.Cord).Value, Tol);
        Assert.Equal(bed10, f.Bed(AlphaBetaGy.Tumour).Value, Tol);
        Assert.Equal(eqd2_10, f.Eqd2(AlphaBetaGy.Tumour).Value, Tol);
    }

    [Theory]
    [InlineData(0.87, 133.45, 40.45)]
    [InlineData(4, 52.50, 35.00)]
    public void Thirty_Gy_in_ten_at_other_alpha_beta_values(double ab, double bed, double eqd2)
    {
        var f = Fractionation.Create(30, 10);
        Assert.Equal(bed, f.Bed(AlphaBetaGy.From(ab)).Value, Tol);
        Assert.Equal(eqd2, f.Eqd2(AlphaBetaGy.From(ab)).Value, Tol);
    }

    [Fact]
    public void Courses_add_in_EQD2_of_the_same_alpha_beta()
    {
        // Reirradiation scenario A: 30 Gy/10 then a cord maximum of 14 Gy in 3 → 121.67 Gy2 (60.83 Gy EQD2).
        var sum = LinearQuadratic.Sum([Fractionation.Create(30, 10), Fractionation.Create(14, 3)], AlphaBetaGy.Cord);
        Assert.Equal(60.83, sum.Value, Tol);
        Assert.Equal(121.67, sum.ToBed().Value, Tol);
    }

    [Fact]
    public void Adding_EQD2s_at_different_alpha_beta_is_refused()
    {
        var a = Fractionation.Create(30, 10).Eqd2(AlphaBetaGy.Cord);
        var b = Fractionation.Create(30, 10).Eqd2(AlphaBetaGy.Tumour);
        Assert.Throws<InvalidOperationException>(() => a + b);
        Assert.Throws<InvalidOperationException>(() => a.ToBed() + b.ToBed());
    }

    [Fact]
    public void Reverse_solve_finds_the_largest_dose_per_fraction_within_a_budget()
    {
        // After 30 Gy/10 (75 Gy2), 60.5 Gy2 remain under Nieder's 135.5 Gy2: 10.05 Gy × 1, 5.43 Gy × 3, 4.02 Gy × 5.
        var budget = BedGy.From(135.5 - 75, AlphaBetaGy.Cord);
        Assert.Equal(10.05, LinearQuadratic.MaxDosePerFraction(budget, FractionCount.From(1), AlphaBetaGy.Cord), Tol);
        Assert.Equal(5.43, LinearQuadratic.MaxDosePerFraction(budget, FractionCount.From(3), AlphaBetaGy.Cord), Tol);
        Assert.Equal(4.02, LinearQuadratic.MaxDosePerFraction(budget, FractionCount.From(5), AlphaBetaGy.Cord), Tol);
    }

    [Fact]
    public void Isoeffective_dose_converts_between_fraction_sizes()
    {
        // 30 Gy in 3 Gy fractions is isoeffective with 37.5 Gy in 2 Gy fractions at α/β 2 (the EQD2).
        Assert.Equal(37.5, LinearQuadratic.IsoeffectiveTotalGy(Fractionation.Create(30, 10), 2, AlphaBetaGy.Cord), Tol);
    }

    [Fact]
    public void Doses_per_fraction_above_ten_gray_are_flagged_as_outside_the_validated_range()
    {
        Assert.False(Fractionation.Create(30, 3).OutsideValidatedRange);
        Assert.True(Fractionation.Create(24, 1).OutsideValidatedRange);
    }

    // ---- properties ----

    private static AlphaBetaGy Ab(int tenths) => AlphaBetaGy.From(0.5 + tenths % 200 / 10.0);

    [Property]
    public bool EQD2_of_2_Gy_fractions_equals_the_physical_dose(PositiveInt fractions, PositiveInt abTenths)
    {
        var n = 1 + fractions.Get % 75;
        var f = Fractionation.Create(2.0 * n, n);
        return Math.Abs(f.Eqd2(Ab(abTenths.Get)).Value - 2.0 * n) < 1e-9;
    }

    [Property]
    public bool EQD2_rises_with_total_dose_at_a_fixed_dose_per_fraction(PositiveInt fractions, PositiveInt dTenths, PositiveInt abTenths)
    {
        var n = 1 + fractions.Get % 49;
        var d = 0.5 + dTenths.Get % 25 / 10.0; // 0.5-2.9 Gy
        var ab = Ab(abTenths.Get);
        return Fractionation.Create(d * (n + 1), n + 1).Eqd2(ab).Value > Fractionation.Create(d * n, n).Eqd2(ab).Value;
    }

    [Property]
    public bool EQD2_rises_with_dose_per_fraction_at_a_fixed_total(PositiveInt totalTenths, PositiveInt fractions, PositiveInt abTenths)
    {
        var total = 5 + totalTenths.Get % 600 / 10.0; // 5-65 Gy
        var n = 2 + fractions.Get % 30;               // fewer fractions → larger dose per fraction
        var ab = Ab(abTenths.Get);
        if (total / (n - 1) > DosePerFractionGy.Max) return true;
        return Fractionation.Create(total, n - 1).Eqd2(ab).Value > Fractionation.Create(total, n).Eqd2(ab).Value;
    }

    [Property]
    public bool A_lower_alpha_beta_gives_a_higher_EQD2_above_2_Gy_per_fraction(PositiveInt dTenths, PositiveInt fractions)
    {
        var d = 2.1 + dTenths.Get % 100 / 10.0;
        var n = 1 + fractions.Get % 10;
        if (d * n > PhysicalDoseGy.Max) return true;
        var f = Fractionation.Create(d * n, n);
        return f.Eqd2(AlphaBetaGy.From(2)).Value > f.Eqd2(AlphaBetaGy.From(10)).Value;
    }
}
