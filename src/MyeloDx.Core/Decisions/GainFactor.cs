namespace MyeloDx.Core.Decisions;

/// <summary>
/// One factor of a test compiled for the expected-gain enumeration: per result, its likelihoods and their base-2
/// logarithms, also as rows padded with zeros to whole <see cref="BranchSet"/> vectors. The same for every case, so
/// <see cref="ValueOfInformation"/> compiles each finding and each test's own results once at load.
/// </summary>
internal sealed class GainFactor
{
    public GainFactor(TestFactor factor)
    {
        Factor = factor;
        Liks = new double[factor.Results.Count][];
        Rows = new double[Liks.Length][];
        LogRows = new double[Liks.Length][];
        for (var r = 0; r < Liks.Length; r++)
        {
            Liks[r] = [.. factor.Results[r].Likelihood];
            Rows[r] = BranchSet.Pad(Liks[r]);
            // a padding lane stays 0 (not log 0 = −∞): its mass is 0 and it adds nothing to any sum
            LogRows[r] = BranchSet.Pad(Liks[r].Select(Math.Log2).ToArray());
        }
    }

    public TestFactor Factor { get; }

    /// <summary>Per result, P(result | diagnosis) in knowledge-base order.</summary>
    public double[][] Liks { get; }

    /// <summary>Per result, the likelihoods padded with zeros to whole vectors.</summary>
    public double[][] Rows { get; }

    /// <summary>Per result, log₂ of the likelihoods (−∞ where one is 0), padded with zeros.</summary>
    public double[][] LogRows { get; }

    public int Results => Liks.Length;

    /// <summary>
    /// Per result, the likelihoods raised to the evidence weight and the weight times their logarithm (the engine's
    /// tempered update), padded like <see cref="Rows"/>.
    /// </summary>
    public (double[][] Pow, double[][] WeightedLogs) Tempered(double weight)
    {
        var pow = new double[Liks.Length][];
        var wlogs = new double[Liks.Length][];
        for (var r = 0; r < pow.Length; r++)
        {
            pow[r] = BranchSet.Pad(Liks[r].Select(l => Math.Pow(l, weight)).ToArray());
            wlogs[r] = BranchSet.Pad(Liks[r].Select(l => weight * Math.Log2(l)).ToArray());
        }
        return (pow, wlogs);
    }
}
