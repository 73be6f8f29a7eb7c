using MyeloDx.Core.Evaluation;
using MyeloDx.Core.Inference;

namespace MyeloDx.Cli.Commands;

/// <summary>What `myelodx evaluate --format json` prints: the figures rounded to 4 places, recall per diagnosis, confusions, calibration.</summary>
internal sealed record EvaluationJson(
    string PriorContext, string Population, int N, int Errors,
    double Top1, double Top3, double Mrr, double Brier, double LogLoss, double ExpectedCalibrationError, int ConfidentWrong,
    IReadOnlyDictionary<string, RecallJson> Recall,
    IReadOnlyList<ConfusionJson> Confusions,
    IReadOnlyList<CalibrationBin> Calibration,
    string Caveat)
{
    public static EvaluationJson From(EvaluationReport r, string description) => new(
        r.PriorContext, description, r.N, r.Errors,
        R(r.Top1), R(r.Top3), R(r.Mrr), R(r.Brier), R(r.LogLoss), R(r.ExpectedCalibrationError), r.ConfidentWrong,
        r.Recall.ToDictionary(kv => kv.Key, kv => new RecallJson(kv.Value.Correct, kv.Value.Cases)),
        r.Confusions.Select(c => new ConfusionJson(c.Gold, c.Predicted, c.Count)).ToArray(),
        r.Bins.Select(b => b with { MeanConfidence = R(b.MeanConfidence), Accuracy = R(b.Accuracy) }).ToArray(),
        Assessment.Caveat);

    private static double R(double x) => Math.Round(x, 4);
}

internal sealed record RecallJson(int Correct, int Cases);

internal sealed record ConfusionJson(string Gold, string Predicted, int Count);
