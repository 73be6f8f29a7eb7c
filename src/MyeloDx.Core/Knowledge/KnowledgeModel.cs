using System.Runtime.CompilerServices;

namespace MyeloDx.Core.Knowledge;

public sealed record Diagnosis(string Id, string Name, string Summary, int Index);

/// <summary>Where a number came from: a source id from sources.yaml, or an estimate with its reasoning.</summary>
public sealed record Provenance(string? SourceId, string? EstimateReason, string Origin)
{
    /// <summary>
    /// A source's figure carried to another diagnosis or population (a row default filling the diagnoses the source did
    /// not study, or a subgroup's figure used for the whole): the source is kept for the reviewer, but the number is an
    /// estimate, because the carrying is an assumption no one measured.
    /// </summary>
    public bool Carried { get; init; }
    public bool IsEstimate => SourceId is null || Carried;
    /// <summary>How the number was computed from the source's figures (e.g. a complement or a ratio); null when read directly.</summary>
    public string? Derivation { get; init; }
    public ProvenanceKind Kind => IsEstimate ? ProvenanceKind.Estimate : Derivation is null ? ProvenanceKind.Sourced : ProvenanceKind.Derived;
    /// <summary>The source as running text cites it ("Kirkpatrick et al. 2010"); set by loaders that know the citation.</summary>
    public string? InText { get; init; }
    /// <summary>For sentences shown to a clinician: the author-year citation, else the source key, else "estimate".</summary>
    public string Cite => Carried ? "estimate from " + (InText ?? SourceId) : InText ?? SourceId ?? "estimate";
    public override string ToString() => Carried ? "estimate from " + SourceId : SourceId ?? "estimate";
}

/// <summary>Sourced: a figure read in the cited source. Derived: computed from a cited source's figures. Estimate: everything else.</summary>
public enum ProvenanceKind { Sourced, Derived, Estimate }

public sealed record Source(string Id, string Citation, string? Pmid, string? Doi, string? Url, string? Read)
{
    public string Link => Pmid is not null ? $"PMID {Pmid}" : Doi is not null ? $"doi:{Doi}" : Url ?? "";
}

public enum VariableKind { Categorical, Binary, Continuous }

/// <summary>One value a variable can take, with P(value | diagnosis) for every diagnosis.</summary>
public sealed record VariableState(string Id, string Label, IReadOnlyList<double> Likelihood, IReadOnlyList<Provenance> Provenance)
{
    /// <summary>
    /// A coarser observation covering several states (e.g. "enhancing, pattern not stated" = every enhancing
    /// pattern). Its likelihood is the sum of its members'; it is not a separate finding.
    /// </summary>
    public IReadOnlyList<string>? Members { get; init; }
    public bool IsGroup => Members is not null;
}

/// <summary>A density for a continuous variable under one diagnosis.</summary>
public sealed record Density(string Shape, double Center, double Spread, Provenance Provenance)
{
    /// <summary>
    /// With a value, the Gaussian kernel (on x, or on log x for a lognormal) becomes a Student-t with these degrees of
    /// freedom and the same scale: a case far from the published centre loses plausibility polynomially, not
    /// exponentially, so one atypical measurement cannot rule a diagnosis out.
    /// </summary>
    public double? TailDegreesOfFreedom
    {
        get => _nu;
        init
        {
            _nu = value;
            // the Student-t constant depends on the degrees of freedom only: computed once here, not per evaluation
            // (two log-gammas per diagnosis per continuous finding were 6% of a batch line's engine time)
            _logC = value is { } nu ? SpecialFunctions.LogGamma((nu + 1) / 2) - SpecialFunctions.LogGamma(nu / 2) - 0.5 * Math.Log(nu * Math.PI) : 0;
        }
    }

    private readonly double? _nu;
    private readonly double _logC;

    // log of the median and of the geometric SD, taken once per density (at knowledge load, and again by a `with`
    // that changes them) instead of per evaluation: two logs per diagnosis per continuous finding of every case
    private readonly double _logCenter = Math.Log(Center);
    private readonly double _logSpread = Math.Log(Spread);

    public double Center
    {
        get;
        init { field = value; _logCenter = Math.Log(value); }
    } = Center;

    public double Spread
    {
        get;
        init { field = value; _logSpread = Math.Log(value); }
    } = Spread;

    /// <summary>Shape "normal": mean and SD. Shape "lognormal": median and geometric SD (> 1).</summary>
    // optimised at the first call: without a loop it ran as tier-0 code for a whole batch on one core (the runtime
    // waits ten times longer there before promoting methods), once per diagnosis per continuous finding
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Evaluate(double x)
    {
        switch (Shape)
        {
            case "normal":
                return Kernel((x - Center) / Spread) / Spread;
            case "lognormal":
                {
                    if (x <= 0) x = 1e-3;
                    var s = _logSpread;
                    return Kernel((Math.Log(x) - _logCenter) / s) / (x * s);
                }
            default:
                throw new InvalidOperationException($"unknown density shape {Shape}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Kernel(double z)
    {
        if (TailDegreesOfFreedom is not { } nu) return Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        return Math.Exp(_logC - (nu + 1) / 2 * Math.Log(1 + z * z / nu));
    }
}

/// <summary>
/// One question the case can answer (compartment, tempo, rim sign, age...). Its states are mutually exclusive,
/// so one fact stated twice is still counted once.
/// </summary>
public sealed record Variable(
    string Id,
    string Name,
    string Group,
    VariableKind Kind,
    IReadOnlyList<VariableState> States,
    IReadOnlyList<Density>? Densities,
    string? Unit,
    string Origin)
{
    public VariableState? State(string id)
    {
        // by index, not foreach: an interface enumerator per lookup, several lookups per finding per case (issue 17)
        for (var i = 0; i < States.Count; i++)
            if (States[i].Id == id) return States[i];
        return null;
    }
}

public sealed record PriorContext(string Id, string Description, IReadOnlyList<double> Probabilities, IReadOnlyList<Provenance> Provenance);

public sealed record KnowledgeDiagnostic(string Code, string File, int Line, string Message)
{
    public override string ToString() => $"{Code} {File}:{Line}: {Message}";
}
