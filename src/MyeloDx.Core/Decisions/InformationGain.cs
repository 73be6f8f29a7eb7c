using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// The expected entropy reduction of a test over the joint results of its factors (see
/// <see cref="ValueOfInformation.ExpectedGain"/> for the method). The cost is the test that reveals many findings at
/// once (the neuraxis MRI: up to 25 factors, 600 open branches refined at every factor), so:
/// <list type="bullet">
/// <item>branches live in two flat pooled sets sized once per call (<see cref="BranchSet"/>), swapped per factor;</item>
/// <item>a branch's mass sum, Σ q·log₂ q and leading diagnosis are computed when it is made, four diagnoses per vector
/// operation, so its entropy (H = log₂ s − Σ q·log₂ q / s) costs one logarithm;</item>
/// <item>the branches to refine are the <c>budget</c> heaviest (mass × entropy, ties by branch order), found by a
/// selection of the cut weight instead of a sort: the same set as a stable sort's head. The refined branches keep
/// their branch order and the others are added to the expectation in branch order; a different order of the same
/// positive terms changes the sums only by rounding (FastWhatIfEquivalenceTests: same ranking, gains within 1e-9).</item>
/// </list>
/// </summary>
internal static class InformationGain
{
    /// <param name="evidenceWeight">Below 1, branch posteriors use the likelihoods raised to it (tempered) and branch weights the plain ones.</param>
    public static (double Gain, double PLeaderChanges, bool Exact) Expected(double[] p, IReadOnlyList<GainFactor> factors, int leader,
        int maxJoint, double evidenceWeight, double negligibleMass)
    {
        var tempered = evidenceWeight < 1;
        var h = ValueOfInformation.EntropyBits(p);
        var ordered = Ordered(p, factors, h);
        var capacity = Capacity(ordered, maxJoint);
        var cur = new BranchSet(p.Length, capacity, tempered);
        var next = new BranchSet(p.Length, capacity, tempered);
        var order = ArrayPool<int>.Shared.Rent(capacity);
        var weights = ArrayPool<double>.Shared.Rent(capacity);
        var scratch = ArrayPool<double>.Shared.Rent(capacity);
        var acc = new Accumulator(leader);
        var exact = true;
        try
        {
            cur.SetRoot(p);
            order[0] = 0;
            var count = 1;
            foreach (var f in ordered)
            {
                var results = f.Results;
                var budget = Math.Max(1, maxJoint / results);
                if (count > budget)
                {
                    // refine the branches where most uncertainty remains; keep the others as they are (a coarser partition)
                    exact = false;
                    count = Refine(cur, order, count, budget, weights, scratch, acc);
                }
                var (liks, logs) = (f.Rows, f.LogRows);
                var (pow, wlogs) = tempered ? f.Tempered(evidenceWeight) : (null, null);
                var n = 0;
                for (var j = 0; j < count; j++)
                {
                    var k = order[j];
                    if (cur.Sums[k] < negligibleMass) { acc.Add(cur, k); continue; }
                    for (var r = 0; r < results; r++)
                        next.Child(n++, cur, k, liks[r], logs[r], pow?[r], wlogs?[r]);
                }
                (cur, next) = (next, cur);
                for (var j = 0; j < n; j++) order[j] = j;
                count = n;
            }
            cur.Weights(order, count, weights);
            for (var j = 0; j < count; j++) acc.Add(cur, order[j], weights[j]);
        }
        finally
        {
            cur.Dispose();
            next.Dispose();
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<double>.Shared.Return(weights);
            ArrayPool<double>.Shared.Return(scratch);
        }
        // Tempering is not Bayesian, so the tempered difference can in principle dip below zero; it is reported as 0 then.
        var gain = h - acc.Expected;
        return (tempered ? Math.Max(0, gain) : Math.Abs(gain) < 1e-12 ? 0 : gain, acc.Change, exact);
    }

    /// <summary>
    /// Keeps the <paramref name="budget"/> heaviest of the <paramref name="count"/> open branches in <paramref name="order"/>
    /// (in branch order) and adds the others to the expectation; returns the number kept. Ties at the cut go to the
    /// earlier branch, as in a stable descending sort.
    /// </summary>
    private static int Refine(BranchSet b, int[] order, int count, int budget, double[] weights, double[] scratch, Accumulator acc)
    {
        // a branch's weight is its term of the expectation (mass × entropy), so a finished branch reuses it
        b.Weights(order, count, weights);
        weights.AsSpan(0, count).CopyTo(scratch);
        var cut = KthLargest(scratch.AsSpan(0, count), budget - 1);
        var ties = budget;
        for (var j = 0; j < count; j++) if (weights[j] > cut) ties--;
        var kept = 0;
        for (var j = 0; j < count; j++)
        {
            var w = weights[j];
            var k = order[j];
            if (w > cut || (w == cut && ties > 0))
            {
                if (w == cut) ties--;
                order[kept++] = k;
            }
            else acc.Add(b, k, w);
        }
        return kept;
    }

    /// <summary>
    /// The k-th largest value (0-based) of <paramref name="a"/>, which is reordered. Only the value is used (as the
    /// cut of <see cref="Refine"/>), and without NaN that value is the same whichever way it is found, so the
    /// partitions are branch-free (issue 17, round 16: the branchy three-way quickselect, kept for rows with a NaN,
    /// mispredicted on about every other element and was a fifth of the expected gain).
    /// </summary>
    internal static double KthLargest(Span<double> a, int k)
    {
        if (HasNaN(a)) return KthLargestThreeWay(a, k);
        ref var r = ref MemoryMarshal.GetReference(a);
        var lo = 0; var hi = a.Length - 1;
        while (hi - lo >= SmallSelect)
        {
            var pivot = Median(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            // [lo, gt) above the pivot, the rest not; each element is swapped into place unconditionally
            var gt = lo;
            for (var i = lo; i <= hi; i++)
            {
                var v = Unsafe.Add(ref r, i);
                Unsafe.Add(ref r, i) = Unsafe.Add(ref r, gt);
                Unsafe.Add(ref r, gt) = v;
                gt += v > pivot ? 1 : 0;
            }
            if (k < gt) { hi = gt - 1; continue; }
            // [gt, eq) equal to the pivot (it is one of them, so the range shrinks), [eq, hi] below it
            var eq = gt;
            for (var i = gt; i <= hi; i++)
            {
                var v = Unsafe.Add(ref r, i);
                Unsafe.Add(ref r, i) = Unsafe.Add(ref r, eq);
                Unsafe.Add(ref r, eq) = v;
                eq += v == pivot ? 1 : 0;
            }
            if (k < eq) return pivot;
            lo = eq;
        }
        // a few left: insertion sort, largest first
        for (var i = lo + 1; i <= hi; i++)
        {
            var v = a[i];
            var j = i - 1;
            while (j >= lo && a[j] < v) { a[j + 1] = a[j]; j--; }
            a[j + 1] = v;
        }
        return a[k];
    }

    /// <summary>Below this many values <see cref="KthLargest"/> sorts instead of partitioning.</summary>
    private const int SmallSelect = 16;

    private static bool HasNaN(ReadOnlySpan<double> a)
    {
        ref var r = ref MemoryMarshal.GetReference(a);
        var i = 0;
        // NaN is the one value not equal to itself
        for (; i + 4 <= a.Length; i += 4)
        {
            var v = Vector256.LoadUnsafe(ref r, (nuint)i);
            if (!Vector256.EqualsAll(v, v)) return true;
        }
        for (; i < a.Length; i++) if (double.IsNaN(a[i])) return true;
        return false;
    }

    /// <summary>The k-th largest value (0-based) of <paramref name="a"/>, which is reordered: a three-way quickselect.</summary>
    internal static double KthLargestThreeWay(Span<double> a, int k)
    {
        var lo = 0; var hi = a.Length - 1;
        while (true)
        {
            if (lo >= hi) return a[k];
            var pivot = Median(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            // [lo, lt) above the pivot, [lt, gt] equal to it, (gt, hi] below it
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                if (a[i] > pivot) { (a[lt], a[i]) = (a[i], a[lt]); lt++; i++; }
                else if (a[i] < pivot) { (a[i], a[gt]) = (a[gt], a[i]); gt--; }
                else i++;
            }
            if (k < lt) hi = lt - 1;
            else if (k > gt) lo = gt + 1;
            else return pivot;
        }
    }

    private static double Median(double a, double b, double c) =>
        a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);

    /// <summary>The most branches any factor can open: the size of each branch set.</summary>
    private static int Capacity(IReadOnlyList<GainFactor> ordered, int maxJoint)
    {
        long count = 1, capacity = 1;
        foreach (var f in ordered)
        {
            var budget = Math.Max(1, maxJoint / Math.Max(f.Results, 1));
            if (count > budget) count = budget;
            count *= f.Results;
            capacity = Math.Max(capacity, count);
        }
        return (int)capacity;
    }

    /// <summary>Factors most informative first (alone), ties in catalogue order.</summary>
    private static IReadOnlyList<GainFactor> Ordered(double[] p, IReadOnlyList<GainFactor> factors, double h)
    {
        if (factors.Count <= 1) return factors;
        var gains = new double[factors.Count];
        var idx = new int[factors.Count];
        for (var k = 0; k < gains.Length; k++) { gains[k] = SingleGain(p, factors[k], h); idx[k] = k; }
        Array.Sort(idx, (a, b) => gains[b].CompareTo(gains[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var ordered = new GainFactor[idx.Length];
        for (var k = 0; k < idx.Length; k++) ordered[k] = factors[idx[k]];
        return ordered;
    }

    private static double SingleGain(double[] p, GainFactor f, double h)
    {
        Span<double> c = p.Length <= 64 ? stackalloc double[p.Length] : new double[p.Length];
        double expected = 0;
        foreach (var l in f.Liks)
        {
            for (var i = 0; i < p.Length; i++) c[i] = p[i] * l[i];
            var m = BranchSet.Sum(c);
            if (m > 0) expected += m * BranchSet.NormalisedEntropyBits(c);
        }
        return h - expected;
    }

    /// <summary>The expected posterior entropy and the probability that the leader changes, over the finished branches.</summary>
    private sealed class Accumulator(int leader)
    {
        public double Expected { get; private set; }
        public double Change { get; private set; }

        public void Add(BranchSet b, int k, double? term = null)
        {
            var m = b.Sums[k];
            if (m <= 0) return;
            Expected += term ?? m * b.Entropy(k);
            if (b.Leader[k] != leader) Change += m;
        }
    }
}
