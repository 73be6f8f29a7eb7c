using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// The open branches of an expected-gain enumeration (<see cref="InformationGain"/>), flat and pooled: per branch its
/// mass and log₂ mass (and, when tempered, its posterior and log₂ posterior), one row each padded with zeros to whole
/// 4-lane vectors, and per branch three numbers computed in the loop that makes it: Σ mass, Σ mass·log₂ mass and the
/// leading diagnosis. The logarithms are carried (a child's is its parent's plus the result's), so a branch's entropy
/// is one logarithm: H = log₂ s − Σ q·log₂ q / s. Rows are multiplied lane by lane (exactly as one diagnosis at a
/// time); the sums run in four lanes, each in index order, joined as (0+1)+(2+3), on every machine (Vector256, or its
/// software form where it is not accelerated). That differs from one running sum only by rounding (relative 1e-15;
/// FastWhatIfEquivalenceTests: same ranking, gains within 1e-9 of the full re-assessment).
/// </summary>
internal sealed class BranchSet : IDisposable
{
    private const int Lanes = 4;
    private readonly int _nd;
    private readonly int _stride;
    private readonly double[] _mass;
    private readonly double[] _logMass;
    private readonly double[] _post;
    private readonly double[] _logPost;
    private readonly double[] _postSums;
    private readonly double[] _postDots;
    private bool _returned;

    public BranchSet(int nd, int capacity, bool tempered)
    {
        _nd = nd;
        _stride = Stride(nd);
        var pool = ArrayPool<double>.Shared;
        capacity = Math.Max(capacity, 1);
        Sums = pool.Rent(capacity);
        Dots = pool.Rent(capacity);
        Leader = ArrayPool<int>.Shared.Rent(capacity);
        _mass = pool.Rent(_stride * capacity); _logMass = pool.Rent(_stride * capacity);
        // untempered, the posterior is the mass: the same arrays and sums
        _post = tempered ? pool.Rent(_stride * capacity) : _mass;
        _logPost = tempered ? pool.Rent(_stride * capacity) : _logMass;
        _postSums = tempered ? pool.Rent(capacity) : Sums;
        _postDots = tempered ? pool.Rent(capacity) : Dots;
    }

    private bool Tempered => !ReferenceEquals(_post, _mass);

    /// <summary>Per branch, Σ mass: the probability of the branch's results.</summary>
    public double[] Sums { get; }

    /// <summary>Per branch, Σ mass·log₂ mass over the positive masses.</summary>
    private double[] Dots { get; }

    /// <summary>Per branch, the index of the largest posterior value (first of equals).</summary>
    public int[] Leader { get; }

    /// <summary>Row length: the diagnoses rounded up to whole vectors.</summary>
    public static int Stride(int nd) => (nd + Lanes - 1) / Lanes * Lanes;

    /// <summary>A row padded with zeros to <see cref="Stride"/>.</summary>
    public static double[] Pad(double[] row)
    {
        var padded = new double[Stride(row.Length)];
        row.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>Branch 0 is the current posterior.</summary>
    public void SetRoot(double[] p)
    {
        var q = _mass.AsSpan(0, _stride); var lq = _logMass.AsSpan(0, _stride);
        q.Clear(); lq.Clear();
        p.CopyTo(q);
        for (var i = 0; i < _nd; i++) lq[i] = Math.Log2(p[i]);
        Stats(q, lq, out Sums[0], out Dots[0], out Leader[0]);
        if (!Tempered) return;
        q.CopyTo(_post); lq.CopyTo(_logPost);
        _postSums[0] = Sums[0]; _postDots[0] = Dots[0];
    }

    /// <summary>
    /// Branch <paramref name="n"/> := branch <paramref name="k"/> of <paramref name="parent"/> with one more result
    /// (its padded likelihoods <paramref name="l"/> and log₂ <paramref name="ll"/>; tempered, also the raised
    /// likelihoods and weighted logarithms), with its sums and leader.
    /// </summary>
    public void Child(int n, BranchSet parent, int k, double[] l, double[] ll, double[]? pow, double[]? wll)
    {
        // unchecked: index arithmetic of the innermost loop of the enumeration; every row is whole vectors inside its set
        unchecked
        {
            var s = _stride;
            if (l.Length != s || ll.Length != s || (pow is not null && pow.Length != s) || (wll is not null && wll.Length != s))
                throw new ArgumentException("likelihood rows must be padded to the branch stride");
            Extend(parent._mass.AsSpan(k * s, s), l, parent._logMass.AsSpan(k * s, s), ll, _mass.AsSpan(n * s, s), _logMass.AsSpan(n * s, s),
                out Sums[n], out Dots[n], out Leader[n]);
            if (pow is null || wll is null) return;
            Extend(parent._post.AsSpan(k * s, s), pow, parent._logPost.AsSpan(k * s, s), wll, _post.AsSpan(n * s, s), _logPost.AsSpan(n * s, s),
                out _postSums[n], out _postDots[n], out Leader[n]);
        }
    }

    /// <summary>Branch k's posterior entropy in bits.</summary>
    public double Entropy(int k)
    {
        var s = _postSums[k];
        return s <= 0 ? NormalisedEntropyBits(_post.AsSpan(k * _stride, _nd)) : Math.Max(0, Math.Log2(s) - _postDots[k] / s);
    }

    /// <summary>weights[j] = mass × entropy of branch order[j] (0 without mass): its term of the expectation.</summary>
    public void Weights(int[] order, int count, double[] weights)
    {
        var j = 0;
        for (; j < count; j++)
        {
            var m = Sums[order[j]];
            weights[j] = m <= 0 ? 0 : m * Entropy(order[j]);
        }
    }

    /// <summary>
    /// q := parent × l and lq := parent's log + ll, lane by lane, with <see cref="Stats"/> of the new row taken in the
    /// same pass (issue 17, round 13: three passes over the row were most of a child's cost). Every lane sees the
    /// operations <see cref="Stats"/> would apply, in the same order, so the sums and the leader are the same bits.
    /// The leader is found in the same pass too (round 16): each lane keeps its largest value and the first index where
    /// it occurs (updated only on a strictly larger value), and the leader is the smallest such index among the lanes
    /// holding the row's largest value, which is the first index of that value: what <see cref="FirstOf"/> finds. A row
    /// whose sum is not finite (a NaN or an infinity in it) takes the two-pass way as before.
    /// </summary>
    private static void Extend(ReadOnlySpan<double> pq, ReadOnlySpan<double> l, ReadOnlySpan<double> plq, ReadOnlySpan<double> ll,
        Span<double> q, Span<double> lq, out double sum, out double dot, out int lead)
    {
        ref var rpq = ref MemoryMarshal.GetReference(pq); ref var rl = ref MemoryMarshal.GetReference(l);
        ref var rplq = ref MemoryMarshal.GetReference(plq); ref var rll = ref MemoryMarshal.GetReference(ll);
        ref var rq = ref MemoryMarshal.GetReference(q); ref var rlq = ref MemoryMarshal.GetReference(lq);
        var n = (nuint)q.Length;
        var vs = Vector256<double>.Zero; var vd = Vector256<double>.Zero; var vtop = Vector256.Create(double.NegativeInfinity);
        var vat = Vector256<long>.Zero; var index = Vector256.Create(0L, 1L, 2L, 3L); var step = Vector256.Create((long)Lanes);
        for (nuint i = 0; i < n; i += Lanes)
        {
            var x = Vector256.LoadUnsafe(ref rpq, i) * Vector256.LoadUnsafe(ref rl, i);
            var lx = Vector256.LoadUnsafe(ref rplq, i) + Vector256.LoadUnsafe(ref rll, i);
            x.StoreUnsafe(ref rq, i);
            lx.StoreUnsafe(ref rlq, i);
            vs += x;
            // a zero mass adds nothing (its logarithm may be −∞)
            vd += Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero), x * lx, Vector256<double>.Zero);
            var above = Vector256.GreaterThan(x, vtop);
            vtop = Vector256.ConditionalSelect(above, x, vtop);
            vat = Vector256.ConditionalSelect(above.AsInt64(), index, vat);
            index += step;
        }
        sum = (vs.GetElement(0) + vs.GetElement(1)) + (vs.GetElement(2) + vs.GetElement(3));
        dot = (vd.GetElement(0) + vd.GetElement(1)) + (vd.GetElement(2) + vd.GetElement(3));
        if (!double.IsFinite(sum))
        {
            lead = FirstOf(q, MaxOf(q));
            return;
        }
        var top = Math.Max(Math.Max(vtop.GetElement(0), vtop.GetElement(1)), Math.Max(vtop.GetElement(2), vtop.GetElement(3)));
        var at = long.MaxValue;
        for (var lane = 0; lane < Lanes; lane++)
            if (vtop.GetElement(lane) == top) at = Math.Min(at, vat.GetElement(lane));
        lead = (int)at;
    }

    /// <summary>The largest value of a padded row, reduced as <see cref="Stats"/> reduces it.</summary>
    private static double MaxOf(ReadOnlySpan<double> q)
    {
        ref var rq = ref MemoryMarshal.GetReference(q);
        var vmax = Vector256.Create(double.NegativeInfinity);
        for (nuint i = 0; i < (nuint)q.Length; i += Lanes) vmax = Vector256.Max(vmax, Vector256.LoadUnsafe(ref rq, i));
        return Math.Max(Math.Max(vmax.GetElement(0), vmax.GetElement(1)), Math.Max(vmax.GetElement(2), vmax.GetElement(3)));
    }

    /// <summary>The first index of <paramref name="max"/> in a padded row (0 when absent, as when every value is NaN).</summary>
    private static int FirstOf(ReadOnlySpan<double> q, double max)
    {
        ref var rq = ref MemoryMarshal.GetReference(q);
        var top = Vector256.Create(max);
        for (nuint i = 0; i < (nuint)q.Length; i += Lanes)
        {
            var bits = Vector256.Equals(Vector256.LoadUnsafe(ref rq, i), top).ExtractMostSignificantBits();
            if (bits != 0) return (int)i + BitOperations.TrailingZeroCount(bits);
        }
        return 0;
    }

    /// <summary>Σ q, Σ q·log₂ q over q &gt; 0, and the first index of the largest q, over one padded row.</summary>
    private static void Stats(ReadOnlySpan<double> q, ReadOnlySpan<double> lq, out double sum, out double dot, out int lead)
    {
        ref var rq = ref MemoryMarshal.GetReference(q); ref var rl = ref MemoryMarshal.GetReference(lq);
        var n = (nuint)q.Length;
        var vs = Vector256<double>.Zero; var vd = Vector256<double>.Zero; var vmax = Vector256.Create(double.NegativeInfinity);
        for (nuint i = 0; i < n; i += Lanes)
        {
            var x = Vector256.LoadUnsafe(ref rq, i);
            vs += x;
            // a zero mass adds nothing (its logarithm may be −∞)
            vd += Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero), x * Vector256.LoadUnsafe(ref rl, i), Vector256<double>.Zero);
            vmax = Vector256.Max(vmax, x);
        }
        sum = (vs.GetElement(0) + vs.GetElement(1)) + (vs.GetElement(2) + vs.GetElement(3));
        dot = (vd.GetElement(0) + vd.GetElement(1)) + (vd.GetElement(2) + vd.GetElement(3));
        lead = FirstOf(q, Math.Max(Math.Max(vmax.GetElement(0), vmax.GetElement(1)), Math.Max(vmax.GetElement(2), vmax.GetElement(3))));
    }

    /// <summary>Σ in index order (as Enumerable.Sum does for doubles).</summary>
    public static double Sum(ReadOnlySpan<double> q)
    {
        var s = 0.0;
        foreach (var x in q) s += x;
        return s;
    }

    /// <summary>Entropy in bits of q / Σq (of q itself when Σq ≤ 0).</summary>
    public static double NormalisedEntropyBits(ReadOnlySpan<double> q)
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

    public void Dispose()
    {
        if (_returned) return;
        _returned = true;
        var pool = ArrayPool<double>.Shared;
        pool.Return(_mass); pool.Return(_logMass); pool.Return(Sums); pool.Return(Dots);
        ArrayPool<int>.Shared.Return(Leader);
        if (!Tempered) return;
        pool.Return(_post); pool.Return(_logPost); pool.Return(_postSums); pool.Return(_postDots);
    }
}
