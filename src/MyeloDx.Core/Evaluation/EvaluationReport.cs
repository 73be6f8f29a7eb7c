namespace MyeloDx.Core.Evaluation;

/// <summary>One labelled case's outcome: the gold label and the program's differential (null when it failed).</summary>
public sealed record EvaluatedCase(string Id, string Gold, IReadOnlyList<(string Id, double Probability)>? Differential, string? Error = null);

/// <summary>One bin of the reliability diagram: cases whose leading probability fell in [Low, High).</summary>
public sealed record CalibrationBin(double Low, double High, int Count, double MeanConfidence, double Accuracy);

/// <summary>
/// The figures a site needs before trusting the program on its own patients: top-1/top-3, mean reciprocal rank,
/// multi-class Brier score (sum over every label of (p − y)², as ../shared/eval/score computes it), log-loss,
/// per-diagnosis recall, confusions, expected calibration error and the reliability bins.
/// </summary>
public sealed record EvaluationReport(
    string PriorContext,
    int N,
    int Errors,
    double Top1,
    double Top3,
    double Mrr,
    double Brier,
    double LogLoss,
    double ExpectedCalibrationError,
    int ConfidentWrong,
    IReadOnlyList<CalibrationBin> Bins,
    IReadOnlyDictionary<string, (int Correct, int Cases)> Recall,
    IReadOnlyList<(string Gold, string Predicted, int Count)> Confusions,
    IReadOnlyList<EvaluatedCase> Misses)
{
    /// <summary>Probabilities below this count as this for the log-loss (a zero would make it infinite).</summary>
    public const double LogLossFloor = 1e-6;
    /// <summary>A wrong leading diagnosis given at least this probability counts as a confident error.</summary>
    public const double ConfidentThreshold = 0.9;

    public static EvaluationReport Compute(string priorContext, IReadOnlyList<string> labels, IReadOnlyList<EvaluatedCase> cases, int bins = 10)
    {
        var n = cases.Count;
        int top1 = 0, top3 = 0, errors = 0, confidentWrong = 0;
        double mrr = 0, brier = 0, logLoss = 0;
        var recall = labels.ToDictionary(l => l, _ => (Correct: 0, Cases: 0), StringComparer.Ordinal);
        var confusion = new Dictionary<(string, string), int>();
        var misses = new List<EvaluatedCase>();
        var binCount = new int[bins]; var binConf = new double[bins]; var binHit = new int[bins];
        foreach (var c in cases)
        {
            recall.TryGetValue(c.Gold, out var r);
            r.Cases++;
            if (c.Differential is not { Count: > 0 } d)
            {
                errors++; brier += 2; logLoss += -Math.Log(LogLossFloor); misses.Add(c);
                recall[c.Gold] = r;
                continue;
            }
            var rank = -1;
            for (var i = 0; i < d.Count; i++) if (d[i].Id == c.Gold) { rank = i; break; }
            var hit = rank == 0;
            if (hit) { top1++; r.Correct++; }
            else
            {
                misses.Add(c);
                confusion[(c.Gold, d[0].Id)] = confusion.GetValueOrDefault((c.Gold, d[0].Id)) + 1;
                if (d[0].Probability >= ConfidentThreshold) confidentWrong++;
            }
            recall[c.Gold] = r;
            if (rank is >= 0 and < 3) top3++;
            if (rank >= 0) mrr += 1.0 / (rank + 1);
            var probs = d.ToDictionary(x => x.Id, x => x.Probability, StringComparer.Ordinal);
            foreach (var l in labels)
            {
                var y = l == c.Gold ? 1.0 : 0.0;
                var p = probs.GetValueOrDefault(l);
                brier += (p - y) * (p - y);
            }
            logLoss += -Math.Log(Math.Max(probs.GetValueOrDefault(c.Gold), LogLossFloor));
            var conf = d[0].Probability;
            var b = Math.Min(bins - 1, (int)(conf * bins));
            binCount[b]++; binConf[b] += conf; if (hit) binHit[b]++;
        }
        var answered = n - errors;
        var calibration = Enumerable.Range(0, bins).Select(b => new CalibrationBin((double)b / bins, (double)(b + 1) / bins, binCount[b],
            binCount[b] == 0 ? 0 : binConf[b] / binCount[b], binCount[b] == 0 ? 0 : (double)binHit[b] / binCount[b])).ToArray();
        var ece = answered == 0 ? 0 : calibration.Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / answered;
        double Per(double x) => n == 0 ? 0 : x / n;
        return new EvaluationReport(priorContext, n, errors, Per(top1), Per(top3), Per(mrr), Per(brier), Per(logLoss), ece, confidentWrong,
            calibration, recall.Where(kv => kv.Value.Cases > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            confusion.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
                .Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)).ToArray(),
            misses);
    }

    /// <summary>The figure line in the format of ../shared/eval/score.</summary>
    public string FigureLine() => FormattableString.Invariant(
        $"top1={Top1:0.000} top3={Top3:0.000} mrr={Mrr:0.000} brier={Brier:0.000} logloss={LogLoss:0.000} ece={ExpectedCalibrationError:0.000} confident_wrong={ConfidentWrong} n={N} errors={Errors}");
}
