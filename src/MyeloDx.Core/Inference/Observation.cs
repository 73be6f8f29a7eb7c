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
    /// Evidence whose label and explanation are worded on first read. The radiotherapy sentences were about a tenth of
    /// a structured batch line, and batch prints only the differential (issue 17). The wording must only format what
    /// is already computed, so that building it later cannot change or fail the assessment.
    /// </summary>
    public ComputedEvidence(string id, Func<(string Label, string Explanation)> wording, IReadOnlyList<double> likelihood, string? sourceId, string origin)
        : this(id, "", likelihood, "", sourceId, origin)
        => _wording = new(wording, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<(string Label, string Explanation)>? _wording;
    private readonly string _label = Label;
    private readonly string _explanation = Explanation;

    public string Label
    {
        get => _wording is null ? _label : _wording.Value.Label;
        init
        {
            // `with { Label = ... }` on lazily worded evidence: the explanation keeps its wording
            if (_wording is { } w) { _explanation = w.Value.Explanation; _wording = null; }
            _label = value;
        }
    }

    public string Explanation
    {
        get => _wording is null ? _explanation : _wording.Value.Explanation;
        init
        {
            if (_wording is { } w) { _label = w.Value.Label; _wording = null; }
            _explanation = value;
        }
    }

    /// <summary>Equal when the values are (as before the lazy wording): not on how or whether the wording was built.</summary>
    public bool Equals(ComputedEvidence? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (Id == other.Id && Label == other.Label && EqualityComparer<IReadOnlyList<double>>.Default.Equals(Likelihood, other.Likelihood)
             && Explanation == other.Explanation && SourceId == other.SourceId && Origin == other.Origin
             && EqualityComparer<IReadOnlyList<string>>.Default.Equals(Supersedes, other.Supersedes)));

    public override int GetHashCode() => HashCode.Combine(Id, Label, Likelihood, Explanation, SourceId, Origin, Supersedes);

    /// <summary>
    /// Knowledge-base variables this evidence replaces (e.g. the categorical <c>cord_rt_exposure</c> when the cord dose
    /// was computed). The engine drops observations of these variables so the same fact is not counted twice.
    /// </summary>
    public IReadOnlyList<string> Supersedes { get; init; } = [];
}
