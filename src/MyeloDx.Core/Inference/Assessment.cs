using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Inference;

/// <summary>How much one finding moved one diagnosis: natural-log likelihood ratio against the other diagnoses.</summary>
public sealed record Contribution(
    string VariableId,
    string Finding,
    string? State,
    double LogLikelihoodRatio,
    string? SourceId,
    bool Estimate,
    string Origin,
    TextSpan? Span,
    string? Detail)
{
    public double LikelihoodRatio => Math.Exp(LogLikelihoodRatio);
    public Contract.EvidenceDirection Direction => LogLikelihoodRatio >= 0 ? Contract.EvidenceDirection.Supports : Contract.EvidenceDirection.Opposes;
}

public sealed record RankedDiagnosis(
    string Id,
    string Name,
    double Probability,
    double Prior,
    IReadOnlyList<Contribution> Supporting,
    IReadOnlyList<Contribution> Opposing);

/// <summary>An unobserved variable that would move the leading diagnosis if known.</summary>
public sealed record UnknownThatMatters(string VariableId, string Name, string MostTellingState, double LogLikelihoodRatio);

public sealed record Assessment(
    string KnowledgeVersion,
    string PriorContext,
    IReadOnlyList<RankedDiagnosis> Differential,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<ComputedEvidence> Computed,
    IReadOnlyList<string> Notes,
    IReadOnlyList<UnknownThatMatters> Unknowns)
{
    public const string Caveat =
        "MyeloDx supports, and does not replace, clinical judgment: every probability here is an estimate from published evidence and stated assumptions.";

    public RankedDiagnosis Leading => Differential[0];
    public RankedDiagnosis? Get(string id) => Differential.FirstOrDefault(d => d.Id == id);
}
