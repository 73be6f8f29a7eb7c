using System.Buffers;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// The open branches of an expected-gain enumeration (<see cref="InformationGain"/>), flat and pooled: per branch its
/// mass and log₂ mass (and, when tempered, its posterior and log₂ posterior), one diagnosis-length row each, and per
/// branch three numbers computed in the loop that makes it: Σ mass, Σ mass·log₂ mass and the leading diagnosis. The
/// logarithms are carried (a child's is its parent's plus the result's), so a branch's entropy is one logarithm:
/// H = log₂ s − Σ q·log₂ q / s, equal to the direct form up to rounding (relative 1e-15). Sums run in index order,
/// as Enumerable.Sum does, so they are the sums of the list-of-arrays version this replaced.
/// </summary>
internal sealed class BranchSet : IDisposable
{
    private readonly int _nd;
    private readonly double[] _mass;
    private readonly double[] _logMass;
    private readonly double[] _post;
    private readonly double[] _logPost;
    private readonly double[] _dots;
    private readonly double[] _postSums;
    private readonly double[] _postDots;
    private bool _returned;

    public BranchSet(int nd, int capacity, bool tempered)
    {
        _nd = nd;
        var pool = ArrayPool<double>.Shared;
        capacity = Math.Max(capacity, 1);
        Sums = pool.Rent(capacity);
        _dots = pool.Rent(capacity);
        Leader = ArrayPool<int>.Shared.Rent(capacity);
        _mass = pool.Rent(nd * capacity); _logMass = pool.Rent(nd * capacity);
        // untempered, the posterior is the mass: the same arrays and sums
        _post = tempered ? pool.Rent(nd * capacity) : _mass;
        _logPost = tempered ? pool.Rent(nd * capacity) : _logMass;
        _postSums = tempered ? pool.Rent(capacity) : Sums;
        _postDots = tempered ? pool.Rent(capacity) : _dots;
    }

    private bool Tempered => !ReferenceEquals(_post, _mass);

    /// <summary>Per branch, Σ mass: the probability of the branch's results.</summary>
    public double[] Sums { get; }

    /// <summary>Per branch, the index of the largest posterior value (first of equals).</summary>
    public int[] Leader { get; }

    /// <summary>Branch 0 is the current posterior.</summary>
    public void SetRoot(double[] p)
    {
        var lp = _logMass.AsSpan(0, _nd);
        for (var i = 0; i < _nd; i++) lp[i] = Math.Log2(p[i]);
        p.CopyTo(_mass, 0);
        Stats(p, lp, out Sums[0], out _dots[0], out Leader[0]);
        if (!Tempered) return;
        p.CopyTo(_post, 0); lp.CopyTo(_logPost);
        _postSums[0] = Sums[0]; _postDots[0] = _dots[0];
    }

    /// <summary>
    /// Branch <paramref name="n"/> := branch <paramref name="k"/> of <paramref name="parent"/> with one more result
    /// (its likelihoods <paramref name="l"/> and log₂ <paramref name="ll"/>; tempered, also the raised likelihoods and
    /// weighted logarithms), with its sums and leader.
    /// </summary>
    public void Child(int n, BranchSet parent, int k, double[] l, double[] ll, double[]? pow, double[]? wll)
    {
        // unchecked: index arithmetic in the innermost loop of the enumeration; the bounds are those of the rented rows
        unchecked
        {
            var nd = _nd;
            var q = parent._mass.AsSpan(k * nd, nd); var lq = parent._logMass.AsSpan(k * nd, nd);
            var c = _mass.AsSpan(n * nd, nd); var lc = _logMass.AsSpan(n * nd, nd);
            double sum = 0, dot = 0, best = double.NegativeInfinity;
            var lead = 0;
            for (var i = 0; i < nd; i++)
            {
                var ci = q[i] * l[i];
                var li = lq[i] + ll[i];
                c[i] = ci; lc[i] = li;
                sum += ci;
                if (ci > 0) dot += ci * li;
                if (ci > best) { best = ci; lead = i; }
            }
            Sums[n] = sum; _dots[n] = dot;
            if (pow is null || wll is null) { Leader[n] = lead; return; }
            var qp = parent._post.AsSpan(k * nd, nd); var lqp = parent._logPost.AsSpan(k * nd, nd);
            var cp = _post.AsSpan(n * nd, nd); var lcp = _logPost.AsSpan(n * nd, nd);
            for (var i = 0; i < nd; i++) { cp[i] = qp[i] * pow[i]; lcp[i] = lqp[i] + wll[i]; }
            Stats(cp, lcp, out _postSums[n], out _postDots[n], out Leader[n]);
        }
    }

    /// <summary>Branch k's posterior entropy in bits.</summary>
    public double Entropy(int k)
    {
        var s = _postSums[k];
        if (s <= 0) return NormalisedEntropyBits(_post.AsSpan(k * _nd, _nd));
        return Math.Max(0, Math.Log2(s) - _postDots[k] / s);
    }

    private static void Stats(ReadOnlySpan<double> q, ReadOnlySpan<double> lq, out double sum, out double dot, out int lead)
    {
        sum = 0; dot = 0; lead = 0;
        var best = double.NegativeInfinity;
        for (var i = 0; i < q.Length; i++)
        {
            sum += q[i];
            if (q[i] > 0) dot += q[i] * lq[i];
            if (q[i] > best) { best = q[i]; lead = i; }
        }
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
        pool.Return(_mass); pool.Return(_logMass); pool.Return(Sums); pool.Return(_dots);
        ArrayPool<int>.Shared.Return(Leader);
        if (!Tempered) return;
        pool.Return(_post); pool.Return(_logPost); pool.Return(_postSums); pool.Return(_postDots);
    }
}
