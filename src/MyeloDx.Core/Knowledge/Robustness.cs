namespace MyeloDx.Core.Knowledge;

/// <summary>
/// How the engine keeps one misread phrase, or several findings that describe one thing, from deciding a case
/// (knowledge/dependence.yaml; the arithmetic is in Inference/EvidenceCombiner.cs, the reasoning in docs/inference.md).
/// </summary>
/// <param name="ReadingError">e in p' = (1 - e)·p + e·q: the chance that a stated finding is a misreading, q its average rate over the diagnoses.</param>
/// <param name="VariableCap">Largest |log likelihood ratio| between any two diagnoses that one variable may contribute.</param>
/// <param name="GroupCap">Largest |log likelihood ratio| between any two diagnoses that one group of related findings may contribute.</param>
/// <param name="Groups">Variable (or computed evidence) id → its dependence group.</param>
/// <param name="TailDegreesOfFreedom">Student-t degrees of freedom for numeric densities (null = Gaussian tails).</param>
public sealed record Robustness(
    double ReadingError,
    double VariableCap,
    double GroupCap,
    IReadOnlyDictionary<string, DependenceGroup> Groups,
    double? TailDegreesOfFreedom,
    IReadOnlyList<Provenance> Provenance)
{
    /// <summary>Plain naive Bayes: no allowance, no caps, no groups, Gaussian tails.</summary>
    public static Robustness None { get; } = new(0, double.PositiveInfinity, double.PositiveInfinity,
        new Dictionary<string, DependenceGroup>(), null, []);

    public DependenceGroup? GroupOf(string id) => Groups.TryGetValue(id, out var g) ? g : null;

    /// <summary>Findings read in the light of another finding (variable id → how), e.g. sex given the primary cancer.</summary>
    public IReadOnlyDictionary<string, ConditionedFinding> Conditioned { get; init; } = new Dictionary<string, ConditionedFinding>();
}

/// <summary>
/// Findings that describe one thing (the imaging of one lesion, one fact stated in several ways). With m of them observed
/// each counts with weight 1 / (1 + ρ(m − 1)): the design effect of m equally correlated items, so ρ = 1 counts the group
/// as one finding and ρ = 0 as independent ones.
/// </summary>
public sealed record DependenceGroup(string Id, string Label, double Rho, IReadOnlyList<string> Members);
