using MyeloDx.Core.Dose;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Tests.Dose;

public class PlanParserTests
{
    [Theory]
    [InlineData("30 Gy/10", 30, 10)]
    [InlineData("30 Gy in 10 fractions", 30, 10)]
    [InlineData("30Gy/10#", 30, 10)]
    [InlineData("30 Gy/10 fx", 30, 10)]
    [InlineData("3 Gy x 10", 30, 10)]
    [InlineData("3 Gy × 10 fractions", 30, 10)]
    [InlineData("10 x 3 Gy", 30, 10)]
    [InlineData("8 Gy single fraction", 8, 1)]
    [InlineData("8 Gy in a single fraction", 8, 1)]
    [InlineData("8 Gy x 1", 8, 1)]
    [InlineData("3000 cGy/10", 30, 10)]
    [InlineData("1.8 Gy/fx to 50.4 Gy", 50.4, 28)]
    [InlineData("20 Gy(RBE)/5", 20, 5)]
    [InlineData("37,5 Gy/15", 37.5, 15)]
    public void Written_plans_are_read(string text, double total, int n)
    {
        var f = PlanParser.Parse(text);
        Assert.Equal(total, f.Total.Value, 6);
        Assert.Equal(n, f.Fractions.Value);
    }

    [Theory]
    [InlineData("400 Gy/0", "MDX-DOSE002")]
    [InlineData("30 Gy/0", "MDX-DOSE003")]
    [InlineData("-30 Gy/10", "MDX-DOSE002")]
    [InlineData("3 Gy x -10", "MDX-DOSE003")]
    [InlineData("30 Gy/2.5", "MDX-DOSE003")]
    [InlineData("0 Gy/5", "MDX-DOSE002")]
    [InlineData("abc", "MDX-DOSE001")]
    [InlineData("thirty Gy in ten", "MDX-DOSE001")]
    [InlineData("30/10", "MDX-DOSE001")]
    [InlineData("", "MDX-DOSE001")]
    [InlineData("60 Gy/1", "MDX-DOSE005")]
    public void Impossible_or_unreadable_plans_are_refused_with_a_code(string text, string code) =>
        Assert.Equal(code, Assert.Throws<InputException>(() => PlanParser.Parse(text)).Code);
}
