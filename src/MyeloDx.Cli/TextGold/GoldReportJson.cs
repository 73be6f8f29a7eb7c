namespace MyeloDx.Cli.TextGold;

/// <summary>What `myelodx evaluate-text --format json` prints: figures rounded to 4 places, groups and variables by name.</summary>
internal sealed record GoldReportJson(
    string Half, int Examples, PrfJson Overall,
    IReadOnlyDictionary<string, PrfJson> Groups, IReadOnlyDictionary<string, PrfJson> Variables,
    AccuracyJson Negation, AccuracyJson NegatedFound, AccuracyJson Uncertainty, AccuracyJson Historical,
    int MissCount, IReadOnlyList<GoldMiss> Misses)
{
    public static GoldReportJson From(GoldReport r, string half, int maxMisses) => new(
        half, r.Examples, PrfJson.From(r.Overall),
        ByName(r.Groups), ByName(r.Variables),
        AccuracyJson.From(r.Negation), AccuracyJson.From(r.NegatedFound), AccuracyJson.From(r.Uncertainty), AccuracyJson.From(r.Historical),
        r.Misses.Count, r.Misses.Take(maxMisses).ToArray());

    // Ordinal order, so two runs print the same file.
    private static Dictionary<string, PrfJson> ByName(IReadOnlyDictionary<string, PrfCount> counts) =>
        counts.OrderBy(x => x.Key, StringComparer.Ordinal).ToDictionary(x => x.Key, x => PrfJson.From(x.Value));
}

internal sealed record PrfJson(double Precision, double Recall, double F1, int Tp, int Fp, int Fn)
{
    public static PrfJson From(PrfCount c) =>
        new(Math.Round(c.Precision, 4), Math.Round(c.Recall, 4), Math.Round(c.F1, 4), c.TruePositive, c.FalsePositive, c.FalseNegative);
}

internal sealed record AccuracyJson(double Accuracy, int Correct, int Total)
{
    public static AccuracyJson From(Accuracy a) => new(Math.Round(a.Value, 4), a.Correct, a.Total);
}
