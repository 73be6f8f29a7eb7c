using System.Buffers;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// The expected entropy reduction of a test over the joint results of its factors (see
/// <see cref="ValueOfInformation.ExpectedGain"/> for the method). Branches live in flat pooled buffers, one row of
/// diagnosis-length numbers per branch, and each finished branch is added to the expectation when it finishes, in the
/// order the branches finish, as the list-of-arrays version this replaced did; entropies come from carried logarithms
/// (<see cref="Branches"/>), equal to the direct ones up to rounding (FastWhatIfEquivalenceTests: gains within 1e-9).
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
        var lp = new double[nd];
        for (var i = 0; i < nd; i++) lp[i] = Math.Log2(p[i]);
        var b = new Branches(nd, 1, tempered);
        p.CopyTo(b.Mass, 0); lp.CopyTo(b.LogMass, 0);
        if (tempered) { p.CopyTo(b.Post, 0); lp.CopyTo(b.LogPost, 0); }
        b.Sums[0] = Sum(p);
        var count = 1;
        // the open branches in their order (after a refinement, by weight), as indices into b: no copying
        var order = ArrayPool<int>.Shared.Rent(Math.Max(maxJoint, 1));
        order[0] = 0;
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
                    for (var j = 0; j < count; j++)
                    {
                        var k = order[j];
                        idx[j] = k;
                        var m = b.Sums[k];
                        weights[k] = m <= 0 ? 0 : m * b.Entropy(k);
                    }
                    // descending weight, ties in branch order: what a stable sort gives (branch order = index order here)
                    idx.AsSpan(0, count).Sort(new ByWeight(weights));
                    // a branch's weight is its term of the expectation (mass × entropy), so a finished branch reuses it
                    for (var j = budget; j < count; j++) acc.Add(b, idx[j], weights[idx[j]]);
                    idx.AsSpan(0, budget).CopyTo(order);
                    ArrayPool<double>.Shared.Return(weights);
                    ArrayPool<int>.Shared.Return(idx);
                    count = budget;
                }
                var (liks, logLiks) = Likelihoods(f);
                var next = new Branches(nd, count * results, tempered);
                var n = 0;
                for (var j = 0; j < count; j++)
                {
                    var k = order[j];
                    var q = b.M(k); var lq = b.LM(k);
                    if (b.Sums[k] < negligibleMass) { acc.Add(b, k); continue; }
                    for (var r = 0; r < liks.Length; r++)
                    {
                        var l = liks[r]; var ll = logLiks[r];
                        var c = next.M(n); var lc = next.LM(n);
                        // the child's mass summed as it is made, in index order (the same sum Sum() would give)
                        var sum = 0.0;
                        for (var i = 0; i < nd; i++) { c[i] = q[i] * l[i]; lc[i] = lq[i] + ll[i]; sum += c[i]; }
                        next.Sums[n] = sum;
                        if (tempered)
                        {
                            var qp = b.P(k); var lqp = b.LP(k);
                            var cp = next.P(n); var lcp = next.LP(n);
                            for (var i = 0; i < nd; i++) { cp[i] = qp[i] * Math.Pow(l[i], evidenceWeight); lcp[i] = lqp[i] + evidenceWeight * ll[i]; }
                        }
                        n++;
                    }
                }
                b.Dispose();
                if (order.Length < n) { ArrayPool<int>.Shared.Return(order); order = ArrayPool<int>.Shared.Rent(n); }
                for (var j = 0; j < n; j++) order[j] = j;
                (b, count) = (next, n);
            }
            for (var j = 0; j < count; j++) acc.Add(b, order[j]);
        }
        finally
        {
            b.Dispose();
            ArrayPool<int>.Shared.Return(order);
        }
        // Tempering is not Bayesian, so the tempered difference can in principle dip below zero; it is reported as 0 then.
        var gain = h - acc.Expected;
        return (tempered ? Math.Max(0, gain) : Math.Abs(gain) < 1e-12 ? 0 : gain, acc.Change, exact);
    }

    /// <summary>
    /// The open branches, flat and pooled: per branch its mass and log₂ mass (and, when tempered, its posterior and log₂
    /// posterior). The logarithms are carried along (a child's is its parent's plus the result's) so that a branch's
    /// entropy needs one logarithm, not one per diagnosis: enumerating the joint results of a test that reveals many
    /// findings is dominated by those entropies.
    /// </summary>
    private sealed class Branches : IDisposable
    {
        private readonly int _nd;
        public double[] Mass { get; }
        public double[] LogMass { get; }
        public double[] Post { get; }
        public double[] LogPost { get; }
        /// <summary>Per branch, Σ mass (computed once, when the branch is made).</summary>
        public double[] Sums { get; }

        public Branches(int nd, int count, bool tempered)
        {
            _nd = nd;
            var pool = ArrayPool<double>.Shared;
            Sums = pool.Rent(Math.Max(count, 1));
            Mass = pool.Rent(nd * count); LogMass = pool.Rent(nd * count);
            Post = tempered ? pool.Rent(nd * count) : Mass;
            LogPost = tempered ? pool.Rent(nd * count) : LogMass;
        }

        public Span<double> M(int k) => Mass.AsSpan(k * _nd, _nd);
        public Span<double> LM(int k) => LogMass.AsSpan(k * _nd, _nd);
        public Span<double> P(int k) => Post.AsSpan(k * _nd, _nd);
        public Span<double> LP(int k) => LogPost.AsSpan(k * _nd, _nd);

        /// <summary>Branch k's posterior entropy in bits (its mass's sum reused when the posterior is the mass).</summary>
        public double Entropy(int k) => ReferenceEquals(Post, Mass)
            ? NormalisedEntropyBits(M(k), LM(k), Sums[k])
            : NormalisedEntropyBits(P(k), LP(k), Sum(P(k)));

        private bool _returned;

        public void Dispose()
        {
            if (_returned) return;
            _returned = true;
            var pool = ArrayPool<double>.Shared;
            pool.Return(Mass); pool.Return(LogMass); pool.Return(Sums);
            if (!ReferenceEquals(Post, Mass)) { pool.Return(Post); pool.Return(LogPost); }
        }
    }

    /// <summary>The factor's results' likelihoods as arrays, and their base-2 logarithms.</summary>
    private static (double[][] Liks, double[][] LogLiks) Likelihoods(TestFactor f)
    {
        var liks = new double[f.Results.Count][];
        var logs = new double[liks.Length][];
        for (var k = 0; k < liks.Length; k++)
        {
            liks[k] = f.Results[k].Likelihood as double[] ?? f.Results[k].Likelihood.ToArray();
            logs[k] = new double[liks[k].Length];
            for (var i = 0; i < liks[k].Length; i++) logs[k][i] = Math.Log2(liks[k][i]);
        }
        return (liks, logs);
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

    /// <summary>
    /// The same from q and log₂ q: H = log₂ s − Σ q·log₂ q / s. Equal to the direct form up to rounding (relative 1e-15),
    /// with one logarithm instead of one per diagnosis.
    /// </summary>
    private static double NormalisedEntropyBits(ReadOnlySpan<double> q, ReadOnlySpan<double> logQ, double s)
    {
        if (s <= 0) return NormalisedEntropyBits(q);
        double t = 0;
        for (var i = 0; i < q.Length; i++) if (q[i] > 0) t += q[i] * logQ[i];
        return Math.Max(0, Math.Log2(s) - t / s);
    }

    /// <summary>Descending weight, ties by branch index (so the order is what a stable sort gives).</summary>
    private readonly struct ByWeight(double[] weights) : IComparer<int>
    {
        public int Compare(int a, int b) => weights[b].CompareTo(weights[a]) is var c && c != 0 ? c : a.CompareTo(b);
    }


    /// <summary>The expected posterior entropy and the probability that the leader changes, over the finished branches.</summary>
    private sealed class Accumulator(int leader)
    {
        public double Expected { get; private set; }
        public double Change { get; private set; }

        public void Add(Branches b, int k, double? term = null)
        {
            var m = b.Sums[k];
            if (m <= 0) return;
            Expected += term ?? m * b.Entropy(k);
            if (ArgMax(b.P(k)) != leader) Change += m;
        }

        private static int ArgMax(ReadOnlySpan<double> q)
        {
            var best = 0;
            for (var i = 1; i < q.Length; i++) if (q[i] > q[best]) best = i;
            return best;
        }
    }
}
