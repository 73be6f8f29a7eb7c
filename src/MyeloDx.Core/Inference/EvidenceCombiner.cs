using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Inference;

/// <summary>
/// Turns each piece of evidence's likelihoods (one per diagnosis) into the log-likelihoods the posterior adds, with
/// the robustness of knowledge/dependence.yaml: (1) a reading-error allowance, p' = (1 − e)·p + e·q with q the mean of p
/// over the diagnoses, because a stated finding may be a misreading that says nothing about the diagnosis; (2) a cap on
/// the log likelihood ratio between any two diagnoses that one variable can give; (3) dependence groups: m observed
/// findings of one group count with weight 1 / (1 + ρ(m − 1)) each, and the group's total is scaled down to its cap.
/// Steps (2) and (3) keep every diagnosis within a bounded factor of the best one, so no single phrase rules a diagnosis out.
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
        for (var k = 0; k < rows.Length; k++)
        {
            var lik = likelihoods[k];
            var mean = 0.0;
            for (var i = 0; i < lik.Count; i++) mean += lik[i];
            mean /= Math.Max(lik.Count, 1);
            var l = new double[lik.Count];
            for (var i = 0; i < l.Length; i++)
                l[i] = exponents[k] * Math.Log(Math.Max((1 - r.ReadingError) * lik[i] + r.ReadingError * mean, Floor));
            Clamp(l, r.VariableCap);
            rows[k] = l;
        }
        foreach (var g in Enumerable.Range(0, rows.Length).GroupBy(k => r.GroupOf(ids[k])).Where(g => g.Key is not null))
        {
            var members = g.ToArray();
            var w = 1 / (1 + g.Key!.Rho * (members.Length - 1));
            var sum = new double[rows[members[0]].Length];
            foreach (var k in members) for (var i = 0; i < sum.Length; i++) sum[i] += w * rows[k][i];
            var range = sum.Length == 0 ? 0 : sum.Max() - sum.Min();
            // scaling (rather than clamping) the group keeps each member's share, so the explanation still adds up
            var f = range > r.GroupCap ? r.GroupCap / range : 1;
            foreach (var k in members) for (var i = 0; i < rows[k].Length; i++) rows[k][i] *= w * f;
        }
        return rows;
    }

    /// <summary>No diagnosis falls more than <paramref name="cap"/> below the best in log-likelihood.</summary>
    private static void Clamp(double[] l, double cap)
    {
        if (double.IsPositiveInfinity(cap) || l.Length == 0) return;
        var max = l.Max();
        for (var i = 0; i < l.Length; i++) l[i] = Math.Max(l[i], max - cap);
    }
}
