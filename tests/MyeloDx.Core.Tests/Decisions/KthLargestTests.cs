using MyeloDx.Core.Decisions;

namespace MyeloDx.Core.Tests.Decisions;

/// <summary>
/// The branch-free selection of the expected gain's cut must give the value the three-way quickselect gave (issue 17,
/// round 16): the cut decides which branches are refined, so any other value would change the gains.
/// </summary>
public sealed class KthLargestTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(600)]
    [InlineData(1201)]
    public void Gives_the_value_of_the_three_way_quickselect(int length)
    {
        var random = new Random(length);
        for (var round = 0; round < 200; round++)
        {
            // few distinct values in some rounds (ties at the cut), zeros of both signs, spread values in others
            var distinct = round % 3 == 0 ? 3 : round % 3 == 1 ? 40 : int.MaxValue;
            var values = new double[length];
            for (var i = 0; i < length; i++)
                values[i] = distinct == int.MaxValue ? random.NextDouble() * Math.Pow(10, -random.Next(12))
                    : random.Next(distinct) switch { 0 => 0.0, 1 => -0.0, var v => v / 7.0 };
            var k = random.Next(length);
            var expected = InformationGain.KthLargestThreeWay(values.ToArray(), k);
            var sorted = values.OrderByDescending(x => x).ToArray();
            Assert.Equal(sorted[k], expected);
            Assert.Equal(expected, InformationGain.KthLargest(values.ToArray(), k));
        }
    }

    [Fact]
    public void A_row_with_NaN_keeps_the_three_way_quickselect()
    {
        var values = new[] { 0.5, double.NaN, 0.25, 0.75, 0.1, double.NaN, 0.3, 0.2, 0.9, 0.05, 0.6, 0.4, 0.35, 0.15, 0.45, 0.55, 0.65, 0.7 };
        for (var k = 0; k < values.Length; k++)
        {
            var expected = InformationGain.KthLargestThreeWay(values.ToArray(), k);
            var actual = InformationGain.KthLargest(values.ToArray(), k);
            Assert.True(expected.Equals(actual), $"k={k}: {expected} vs {actual}");
        }
    }
}
