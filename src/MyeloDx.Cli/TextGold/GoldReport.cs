namespace MyeloDx.Cli.TextGold;

/// <summary>True positives, false positives and false negatives, with the usual ratios.</summary>
internal sealed record PrfCount(int TruePositive, int FalsePositive, int FalseNegative)
{
    public static readonly PrfCount Zero = new(0, 0, 0);
    public double Precision => TruePositive + FalsePositive == 0 ? 1 : (double)TruePositive / (TruePositive + FalsePositive);
    public double Recall => TruePositive + FalseNegative == 0 ? 1 : (double)TruePositive / (TruePositive + FalseNegative);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public static PrfCount operator +(PrfCount a, PrfCount b) => new(a.TruePositive + b.TruePositive, a.FalsePositive + b.FalsePositive, a.FalseNegative + b.FalseNegative);
}

/// <summary>A share of judgements that came out right.</summary>
internal sealed record Accuracy(int Correct, int Total)
{
    public static readonly Accuracy Zero = new(0, 0);
    public double Value => Total == 0 ? 1 : (double)Correct / Total;
    public static Accuracy operator +(Accuracy a, Accuracy b) => new(a.Correct + b.Correct, a.Total + b.Total);
    public static Accuracy Of(bool ok) => new(ok ? 1 : 0, 1);
}

/// <summary>One disagreement between the gold set and the reader.</summary>
internal sealed record GoldMiss(string Id, string Variable, string Kind, string Gold, string Read, string Text);

internal sealed record GoldReport(
    int Examples,
    PrfCount Overall,
    IReadOnlyDictionary<string, PrfCount> Groups,
    IReadOnlyDictionary<string, PrfCount> Variables,
    Accuracy Negation,
    Accuracy NegatedFound,
    Accuracy Uncertainty,
    Accuracy Historical,
    IReadOnlyList<GoldMiss> Misses);
