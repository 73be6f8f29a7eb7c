using System.Collections;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// A test's <see cref="TestValue.Results"/>, worked out the first time they are read. Ranking needs only the expected
/// gains; the per-result effects (one posterior per possible result) are read only for the tests a document lists
/// (<see cref="DecisionsJson.Test"/>), and not at all by the CDS Hooks cards, yet computing them for every test was
/// about a fifth of <see cref="ValueOfInformation.Rank"/> (issue 17, round 13). The effects are the same whenever they
/// are computed: each depends only on the case's baseline, which nothing changes after ranking.
/// </summary>
internal sealed class LazyResultEffects(Func<IReadOnlyList<ResultEffect>> compute, object gate) : IReadOnlyList<ResultEffect>
{
    private IReadOnlyList<ResultEffect>? _value;

    /// <summary>
    /// The effects; <paramref name="gate"/> is shared by every test of one ranking, because they all compute through
    /// the one baseline, whose scratch buffers are not thread-safe.
    /// </summary>
    private IReadOnlyList<ResultEffect> Value
    {
        get
        {
            if (Volatile.Read(ref _value) is { } v) return v;
            lock (gate)
            {
                _value ??= compute();
                return _value;
            }
        }
    }

    public ResultEffect this[int index] => Value[index];

    public int Count => Value.Count;

    public IEnumerator<ResultEffect> GetEnumerator() => Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
