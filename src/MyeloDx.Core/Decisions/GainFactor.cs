namespace MyeloDx.Core.Decisions;

/// <summary>
/// One factor of a test compiled for the expected-gain enumeration: per result, its likelihoods as an array and their
/// base-2 logarithms. The same for every case, so <see cref="ValueOfInformation"/> compiles each finding and each
/// test's own results once at load instead of once per case and test.
/// </summary>
internal sealed class GainFactor
{
    public GainFactor(TestFactor factor)
    {
        Factor = factor;
        Liks = new double[factor.Results.Count][];
        LogLiks = new double[Liks.Length][];
        for (var r = 0; r < Liks.Length; r++)
        {
            Liks[r] = [.. factor.Results[r].Likelihood];
            LogLiks[r] = new double[Liks[r].Length];
            for (var i = 0; i < Liks[r].Length; i++) LogLiks[r][i] = Math.Log2(Liks[r][i]);
        }
    }

    public TestFactor Factor { get; }

    /// <summary>Per result, P(result | diagnosis) in knowledge-base order.</summary>
    public double[][] Liks { get; }

    /// <summary>Per result, log₂ of <see cref="Liks"/> (−∞ where the likelihood is 0).</summary>
    public double[][] LogLiks { get; }

    public int Results => Liks.Length;

    /// <summary>Per result, the likelihoods raised to the evidence weight (the engine's tempered update).</summary>
    public double[][] Tempered(double weight)
    {
        var rows = new double[Liks.Length][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new double[Liks[r].Length];
            for (var i = 0; i < rows[r].Length; i++) rows[r][i] = Math.Pow(Liks[r][i], weight);
        }
        return rows;
    }
}
