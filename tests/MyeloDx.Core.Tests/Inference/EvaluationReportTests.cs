using MyeloDx.Core.Evaluation;

namespace MyeloDx.Core.Tests.Inference;

public class EvaluationReportTests
{
    private static readonly string[] Labels = ["a", "b", "c"];

    [Fact]
    public void Figures_match_a_hand_computation()
    {
        var cases = new[]
        {
            new EvaluatedCase("1", "a", [("a", 0.7), ("b", 0.2), ("c", 0.1)]),
            new EvaluatedCase("2", "b", [("a", 0.95), ("b", 0.04), ("c", 0.01)]),
            new EvaluatedCase("3", "c", [("a", 0.5), ("b", 0.3), ("c", 0.2)]),
            new EvaluatedCase("4", "c", null, "bad line"),
        };
        var r = EvaluationReport.Compute("ctx", Labels, cases);
        Assert.Equal(4, r.N);
        Assert.Equal(1, r.Errors);
        Assert.Equal(0.25, r.Top1, 9);
        Assert.Equal(0.75, r.Top3, 9);
        Assert.Equal((1 + 0.5 + 1.0 / 3) / 4, r.Mrr, 9);
        // Brier: (0.09+0.04+0.01) + (0.9025+0.9216+0.0001) + (0.25+0.09+0.64) + 2 for the failed line
        Assert.Equal((0.14 + 1.8242 + 0.98 + 2) / 4, r.Brier, 9);
        Assert.Equal((-Math.Log(0.7) - Math.Log(0.04) - Math.Log(0.2) - Math.Log(EvaluationReport.LogLossFloor)) / 4, r.LogLoss, 9);
        Assert.Equal(1, r.ConfidentWrong);
        Assert.Equal((1, 1), r.Recall["a"]);
        Assert.Equal((0, 2), r.Recall["c"]);
        Assert.Contains(("b", "a", 1), r.Confusions);
        // bins: 0.7 (hit), 0.95 (miss), 0.5 (miss) → ECE = (|1-0.7| + |0-0.95| + |0-0.5|) / 3
        Assert.Equal((0.3 + 0.95 + 0.5) / 3, r.ExpectedCalibrationError, 9);
    }

    [Fact]
    public void The_reliability_diagram_is_an_svg_with_one_bar_per_filled_bin()
    {
        var r = EvaluationReport.Compute("ctx", Labels,
            [new EvaluatedCase("1", "a", [("a", 0.7), ("b", 0.2), ("c", 0.1)]), new EvaluatedCase("2", "b", [("a", 0.35), ("b", 0.33), ("c", 0.32)])]);
        var svg = ReliabilityDiagram.Svg(r);
        Assert.StartsWith("<svg", svg);
        Assert.EndsWith("</svg>", svg);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, "<circle").Count);
        Assert.Contains("clinical judgment", svg);
    }
}
