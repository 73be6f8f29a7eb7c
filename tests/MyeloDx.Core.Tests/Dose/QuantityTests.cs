using MyeloDx.Core.Dose;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Tests.Dose;

public class QuantityTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Impossible_physical_doses_are_refused(double gy) =>
        Assert.Equal("MDX-DOSE002", Assert.Throws<InputException>(() => PhysicalDoseGy.From(gy)).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(101)]
    public void Impossible_fraction_counts_are_refused(int n) =>
        Assert.Equal("MDX-DOSE003", Assert.Throws<InputException>(() => FractionCount.From(n)).Code);

    [Fact]
    public void A_fractional_number_of_fractions_is_refused_not_rounded() =>
        Assert.Equal("MDX-DOSE003", Assert.Throws<InputException>(() => FractionCount.From(2.5)).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(51)]
    public void Impossible_alpha_beta_values_are_refused(double ab) =>
        Assert.Equal("MDX-DOSE004", Assert.Throws<InputException>(() => AlphaBetaGy.From(ab)).Code);

    [Fact]
    public void A_dose_per_fraction_above_30_Gy_is_refused() =>
        Assert.Equal("MDX-DOSE005", Assert.Throws<InputException>(() => Fractionation.Create(100, 2)).Code);

    [Fact]
    public void Refusals_name_where_the_value_came_from()
    {
        var e = Assert.Throws<InputException>(() => PhysicalDoseGy.From(400, "plan 1"));
        Assert.Equal("plan 1", e.Where);
        Assert.Contains("400", e.Message);
    }

    [Fact]
    public void Zero_dose_is_allowed_for_a_cord_outside_the_field() =>
        Assert.Equal(0, Fractionation.Create(0, 10).Eqd2(AlphaBetaGy.Cord).Value);
}
