using MyeloDx.Core.Inference;

namespace MyeloDx.Core.Tests.Inference;

public class ProbabilityTextTests
{
    [Theory]
    [InlineData(0.999, ">99%")]
    [InlineData(0.995, ">99%")]
    [InlineData(0.994, "99%")]
    [InlineData(0.42, "42%")]
    [InlineData(0.053, "5%")]
    [InlineData(0.0053, "0.5%")]
    [InlineData(0.0009, "<0.1%")]
    [InlineData(0.0, "<0.1%")]
    public void A_probability_reads_as_whole_percent_with_one_decimal_below_one_percent_and_never_0_or_100(double p, string expected) =>
        Assert.Equal(expected, ProbabilityText.Percent(p));

    [Theory]
    [InlineData(0.2, "20%")]
    [InlineData(0.0512, "5.1%")]
    [InlineData(0.0042, "0.42%")]
    [InlineData(0.00042, "0.042%")]
    [InlineData(0.000001, "<0.001%")]
    public void A_harm_risk_keeps_its_small_figures(double p, string expected) =>
        Assert.Equal(expected, ProbabilityText.Risk(p));

    [Theory]
    [InlineData(0.4213, "0.42")]
    [InlineData(0.0351, "0.035")]
    public void A_card_probability_is_a_short_decimal(double p, string expected) =>
        Assert.Equal(expected, ProbabilityText.Decimal(p));

    [Theory]
    [InlineData(0.99, "is very likely")]
    [InlineData(0.9, "is very likely")]
    [InlineData(0.75, "is likely")]
    [InlineData(0.45, "is possible")]
    [InlineData(0.08, "cannot be excluded")]
    public void A_time_critical_cause_is_named_in_words_that_match_its_probability(double p, string expected)
    {
        Assert.Equal(expected, ProbabilityText.Verbal(p));
    }
}
