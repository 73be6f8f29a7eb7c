using System.Buffers;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// The expected entropy reduction of a test over the joint results of its factors (see
/// <see cref="ValueOfInformation.ExpectedGain"/> for the method). Branches live in flat pooled buffers, one row of
/// diagnosis-length numbers per branch, and each finished branch is added to the expectation when it finishes, in the
/// order the branches finish, so the sums are the same as those of the list-of-arrays version this replaced.
/// </summary>
internal static class InformationGain
{
    /// <param name="evidenceWeight">Below 1, branch posteriors use the likelihoods raised to it (tempered) and branch weights the plain ones.</param>
    public static (double Gain, double PLeaderChanges, bool Exact) Expected(double[] p, IReadOnlyList<TestFactor> factors, int leader,
        int maxJoint, double evidenceWeight, double negligibleMass)
    {
        var tempered = evidenceWeight < 1;
        var nd = p.Length;
        var h = ValueOfInformation.EntropyBits(p);
        var pool = ArrayPool<double>.Shared;
        // mass: P(branch's results | diagnosis)·p; post: the engine's unnormalised posterior (the same buffer when not tempered)
        var mass = pool.Rent(nd);
        var post = tempered ? pool.Rent(nd) : mass;
        p.CopyTo(mass, 0);
        if (tempered) p.CopyTo(post, 0);
        var count = 1;
        var acc = new Accumulator(leader);
        var exact = true;
        try
        {
            foreach (var f in Ordered(p, factors, h))
            {
                var results = f.Results.Count;
                var budget = Math.Max(1, maxJoint / results);
                if (count > budget)
                {
                    // refine the branches where most uncertainty remains; keep the others as they are (a coarser partition)
                    exact = false;
                    var weights = ArrayPool<double>.Shared.Rent(count);
                    var idx = ArrayPool<int>.Shared.Rent(count);
                    for (var k = 0; k < count; k++)
                    {
                        idx[k] = k;
                        var m = Sum(mass.AsSpan(k * nd, nd));
                        weights[k] = m <= 0 ? 0 : m * NormalisedEntropyBits(post.AsSpan(k * nd, nd));
                    }
                    // descending weight, ties in branch order: what a stable sort gives
                    idx.AsSpan(0, count).Sort(new ByWeight(weights));
                    // a branch's weight is its term of the expectation (mass × entropy), so a finished branch reuses it
                    for (var j = budget; j < count; j++) acc.Add(mass.AsSpan(idx[j] * nd, nd), post.AsSpan(idx[j] * nd, nd), weights[idx[j]]);
                    var keptMass = pool.Rent(budget * nd);
                    var keptPost = tempered ? pool.Rent(budget * nd) : keptMass;
                    for (var j = 0; j < budget; j++)
                    {
                        mass.AsSpan(idx[j] * nd, nd).CopyTo(keptMass.AsSpan(j * nd, nd));
                        if (tempered) post.AsSpan(idx[j] * nd, nd).CopyTo(keptPost.AsSpan(j * nd, nd));
                    }
                    ArrayPool<double>.Shared.Return(weights);
                    ArrayPool<int>.Shared.Return(idx);
                    Return(pool, mass, post);
                    (mass, post, count) = (keptMass, keptPost, budget);
                }
                var liks = Likelihoods(f);
                var nextMass = pool.Rent(count * results * nd);
                var nextPost = tempered ? pool.Rent(count * results * nd) : nextMass;
                var n = 0;
                for (var k = 0; k < count; k++)
                {
                    var q = mass.AsSpan(k * nd, nd);
                    var qp = post.AsSpan(k * nd, nd);
                    if (Sum(q) < negligibleMass) { acc.Add(q, qp); continue; }
                    foreach (var l in liks)
                    {
                        var c = nextMass.AsSpan(n * nd, nd);
                        for (var i = 0; i < nd; i++) c[i] = q[i] * l[i];
                        if (tempered)
                        {
                            var cp = nextPost.AsSpan(n * nd, nd);
                            for (var i = 0; i < nd; i++) cp[i] = qp[i] * Math.Pow(l[i], evidenceWeight);
                        }
                        n++;
                    }
                }
                Return(pool, mass, post);
                (mass, post, count) = (nextMass, nextPost, n);
            }
            for (var k = 0; k < count; k++) acc.Add(mass.AsSpan(k * nd, nd), post.AsSpan(k * nd, nd));
        }
        finally
        {
            Return(pool, mass, post);
        }
        // Tempering is not Bayesian, so the tempered difference can in principle dip below zero; it is reported as 0 then.
        var gain = h - acc.Expected;
        return (tempered ? Math.Max(0, gain) : Math.Abs(gain) < 1e-12 ? 0 : gain, acc.Change, exact);
    }

    /// <summary>The factor's results' likelihoods as arrays (the knowledge holds them as arrays; a copy otherwise).</summary>
    private static double[][] Likelihoods(TestFactor f)
    {
        var liks = new double[f.Results.Count][];
        for (var k = 0; k < liks.Length; k++) liks[k] = f.Results[k].Likelihood as double[] ?? f.Results[k].Likelihood.ToArray();
        return liks;
    }

    /// <summary>Factors most informative first (alone), ties in catalogue order.</summary>
    private static IReadOnlyList<TestFactor> Ordered(double[] p, IReadOnlyList<TestFactor> factors, double h)
    {
        if (factors.Count <= 1) return factors;
        var gains = new double[factors.Count];
        var idx = new int[factors.Count];
        for (var k = 0; k < gains.Length; k++) { gains[k] = SingleGain(p, factors[k], h); idx[k] = k; }
        Array.Sort(idx, (a, b) => gains[b].CompareTo(gains[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var ordered = new TestFactor[idx.Length];
        for (var k = 0; k < idx.Length; k++) ordered[k] = factors[idx[k]];
        return ordered;
    }

    private static double SingleGain(double[] p, TestFactor f, double h)
    {
        Span<double> c = p.Length <= 64 ? stackalloc double[p.Length] : new double[p.Length];
        double expected = 0;
        foreach (var r in f.Results)
        {
            for (var i = 0; i < p.Length; i++) c[i] = p[i] * r.Likelihood[i];
            var m = Sum(c);
            if (m > 0) expected += m * NormalisedEntropyBits(c);
        }
        return h - expected;
    }

    /// <summary>Σ in index order (as Enumerable.Sum does for doubles).</summary>
    private static double Sum(ReadOnlySpan<double> q)
    {
        var s = 0.0;
        foreach (var x in q) s += x;
        return s;
    }

    /// <summary>Entropy in bits of q / Σq (of q itself when Σq ≤ 0).</summary>
    private static double NormalisedEntropyBits(ReadOnlySpan<double> q)
    {
        var s = Sum(q);
        double h = 0;
        foreach (var y in q)
        {
            var x = s <= 0 ? y : y / s;
            if (x > 0) h -= x * Math.Log2(x);
        }
        return h;
    }

    /// <summary>Descending weight, ties by branch index (so the order is what a stable sort gives).</summary>
    private readonly struct ByWeight(double[] weights) : IComparer<int>
    {
        public int Compare(int a, int b) => weights[b].CompareTo(weights[a]) is var c && c != 0 ? c : a.CompareTo(b);
    }

    private static void Return(ArrayPool<double> pool, double[] mass, double[] post)
    {
        pool.Return(mass);
        if (!ReferenceEquals(post, mass)) pool.Return(post);
    }

    /// <summary>The expected posterior entropy and the probability that the leader changes, over the finished branches.</summary>
    private sealed class Accumulator(int leader)
    {
        public double Expected { get; private set; }
        public double Change { get; private set; }

        public void Add(ReadOnlySpan<double> mass, ReadOnlySpan<double> post, double? term = null)
        {
            var m = Sum(mass);
            if (m <= 0) return;
            Expected += term ?? m * NormalisedEntropyBits(post);
            if (ArgMax(post) != leader) Change += m;
        }

        private static int ArgMax(ReadOnlySpan<double> q)
        {
            var best = 0;
            for (var i = 1; i < q.Length; i++) if (q[i] > q[best]) best = i;
            return best;
        }
    }
}
