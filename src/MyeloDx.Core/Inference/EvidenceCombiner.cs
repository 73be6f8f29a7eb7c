using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Inference;

/// <summary>
/// Turns each piece of evidence's likelihoods (one per diagnosis) into the log-likelihoods the posterior adds, with
/// the robustness of knowledge/dependence.yaml: (1) a reading-error allowance, p' = (1 − e)·p + e·q with q the mean of p
/// over the diagnoses, because a stated finding may be a misreading that says nothing about the diagnosis; (2) a cap on
/// the log likelihood ratio between any two diagnoses that one variable can give; (3) dependence groups: m observed
/// findings of one group count with weight 1 / (1 + ρ(m − 1)) each, and the group's total is scaled down to its cap.
/// Steps (2) and (3) keep every diagnosis within a bounded factor of the best one, so no single phrase rules a diagnosis out.
/// Steps (1)–(2) are per row (<see cref="RowLogLikelihood"/>) and step (3) one factor per group (<see cref="GroupScale"/>),
/// so <see cref="EvidenceRows"/> can redo only the changed parts of a hypothetical case with the very same arithmetic.
/// </summary>
public static class EvidenceCombiner
{
    private const double Floor = 1e-9;

    /// <param name="likelihoods">Per row, P(evidence | diagnosis) (or a density) for each diagnosis.</param>
    /// <param name="ids">Per row, the variable or computed-evidence id (for the dependence groups).</param>
    /// <param name="exponents">Per row, a weight on the log-likelihood (uncertain findings count half).</param>
    public static double[][] LogLikelihoods(IReadOnlyList<IReadOnlyList<double>> likelihoods, IReadOnlyList<string> ids,
        IReadOnlyList<double> exponents, Robustness r)
    {
        var rows = new double[likelihoods.Count][];
        for (var k = 0; k < rows.Length; k++) rows[k] = RowLogLikelihood(likelihoods[k], exponents[k], r);
        foreach (var g in Enumerable.Range(0, rows.Length).GroupBy(k => r.GroupOf(ids[k])).Where(g => g.Key is not null))
        {
            var members = g.ToArray();
            var scale = GroupScale(members.Select(k => rows[k]).ToArray(), g.Key!.Rho, r.GroupCap);
            foreach (var k in members) for (var i = 0; i < rows[k].Length; i++) rows[k][i] *= scale;
        }
        return rows;
    }

    /// <summary>Steps (1) and (2) for one row: the reading-error allowance, the exponent and the per-variable cap.</summary>
    internal static double[] RowLogLikelihood(IReadOnlyList<double> lik, double exponent, Robustness r)
    {
        var mean = 0.0;
        for (var i = 0; i < lik.Count; i++) mean += lik[i];
        mean /= Math.Max(lik.Count, 1);
        var l = new double[lik.Count];
        for (var i = 0; i < l.Length; i++)
            l[i] = exponent * Math.Log(Math.Max((1 - r.ReadingError) * lik[i] + r.ReadingError * mean, Floor));
        Clamp(l, r.VariableCap);
        return l;
    }

    /// <summary>
    /// Step (3): the factor every member row of one group is multiplied by, from the members' rows of step (2) in case
    /// order. Scaling (rather than clamping) the group keeps each member's share, so the explanation still adds up.
    /// </summary>
    internal static double GroupScale(ReadOnlySpan<double[]> members, double rho, double groupCap)
    {
        var w = 1 / (1 + rho * (members.Length - 1));
        var n = members[0].Length;
        Span<double> sum = n <= 64 ? stackalloc double[n] : new double[n];
        sum.Clear();
        foreach (var row in members) for (var i = 0; i < n; i++) sum[i] += w * row[i];
        var range = n == 0 ? 0 : Max(sum) - Min(sum);
        var f = range > groupCap ? groupCap / range : 1;
        return w * f;
    }

    private static double Max(ReadOnlySpan<double> s) { var m = s[0]; foreach (var x in s) if (x > m) m = x; return m; }
    private static double Min(ReadOnlySpan<double> s) { var m = s[0]; foreach (var x in s) if (x < m) m = x; return m; }

    /// <summary>No diagnosis falls more than <paramref name="cap"/> below the best in log-likelihood.</summary>
    private static void Clamp(double[] l, double cap)
    {
        if (double.IsPositiveInfinity(cap) || l.Length == 0) return;
        var max = l.Max();
        for (var i = 0; i < l.Length; i++) l[i] = Math.Max(l[i], max - cap);
    }
}
