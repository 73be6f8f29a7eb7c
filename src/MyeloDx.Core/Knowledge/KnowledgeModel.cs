namespace MyeloDx.Core.Knowledge;

public sealed record Diagnosis(string Id, string Name, string Summary, int Index);

/// <summary>Where a number came from: a source id from sources.yaml, or an estimate with its reasoning.</summary>
public sealed record Provenance(string? SourceId, string? EstimateReason, string Origin)
{
    public bool IsEstimate => SourceId is null;
    public override string ToString() => SourceId ?? "estimate";
}

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
    /// <summary>Shape "normal": mean and SD. Shape "lognormal": median and geometric SD (> 1).</summary>
    public double Evaluate(double x)
    {
        switch (Shape)
        {
            case "normal":
                {
                    var z = (x - Center) / Spread;
                    return Math.Exp(-0.5 * z * z) / (Spread * Math.Sqrt(2 * Math.PI));
                }
            case "lognormal":
                {
                    if (x <= 0) x = 1e-3;
                    var s = Math.Log(Spread);
                    var z = (Math.Log(x) - Math.Log(Center)) / s;
                    return Math.Exp(-0.5 * z * z) / (x * s * Math.Sqrt(2 * Math.PI));
                }
            default:
                throw new InvalidOperationException($"unknown density shape {Shape}");
        }
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
        foreach (var s in States) if (s.Id == id) return s;
        return null;
    }
}

public sealed record PriorContext(string Id, string Description, IReadOnlyList<double> Probabilities, IReadOnlyList<Provenance> Provenance);

public sealed record KnowledgeDiagnostic(string Code, string File, int Line, string Message)
{
    public override string ToString() => $"{Code} {File}:{Line}: {Message}";
}
