namespace MyeloDx.Core.Inference;

/// <summary>A character span in the source text (0-based start, length).</summary>
public sealed record TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// One fact about the case, in the knowledge base's terms: a variable and its state (or its value when continuous).
/// <paramref name="Origin"/> says where it came from: a case field path ("imaging.compartment") or a text span.
/// An uncertain observation ("possible", "cannot exclude") counts with half the weight of a definite one.
/// </summary>
public sealed record Observation(
    string VariableId,
    string? State,
    double? Value,
    string Origin,
    bool Uncertain = false,
    TextSpan? Span = null,
    string? Detail = null);

/// <summary>
/// Evidence whose likelihoods are computed rather than tabulated (e.g. the cord dose and latency from the
/// radiotherapy arithmetic). Carries one likelihood per diagnosis, in knowledge-base diagnosis order.
/// </summary>
public sealed record ComputedEvidence(
    string Id,
    string Label,
    IReadOnlyList<double> Likelihood,
    string Explanation,
    string? SourceId,
    string Origin)
{
    /// <summary>
    /// Knowledge-base variables this evidence replaces (e.g. the categorical <c>cord_rt_exposure</c> when the cord dose
    /// was computed). The engine drops observations of these variables so the same fact is not counted twice.
    /// </summary>
    public IReadOnlyList<string> Supersedes { get; init; } = [];
}
