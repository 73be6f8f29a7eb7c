namespace MyeloDx.Core.Knowledge;

/// <summary>
/// A finding whose meaning changes once another finding is known (knowledge/dependence.yaml, <c>conditioned</c>).
/// Given the primary cancer, a patient's sex says nothing more about the diagnoses that arise from that cancer or its
/// treatment (a woman with breast cancer is a woman whether the cord lesion is a metastasis or radiation injury); for
/// diagnoses independent of the cancer, the diagnosis's own sex ratio still counts, combined with the primary's.
/// Multiplying the sex ratio of intramedullary metastasis (mostly women, because breast cancer is common among them) by
/// the breast-cancer likelihood would count the same fact twice.
/// </summary>
/// <param name="VariableId">The finding whose likelihood is replaced (e.g. sex).</param>
/// <param name="GivenVariableId">The finding it is conditioned on (e.g. primary_cancer).</param>
/// <param name="Label">Words for the explanation ("given the primary cancer").</param>
/// <param name="ArisingFromGiven">Per diagnosis (knowledge-base order): true when the diagnosis arises from the given finding's
/// condition (the cancer or its treatment), so that its distribution of the finding is the given condition's own.</param>
/// <param name="PopulationShare">Share of each state of the finding in the population both are drawn from (state order of the variable).</param>
/// <param name="SharesByGivenState">Given-state id → share of each state of the finding among people with it.</param>
public sealed record ConditionedFinding(
    string VariableId,
    string GivenVariableId,
    string Label,
    IReadOnlyList<bool> ArisingFromGiven,
    IReadOnlyList<double> PopulationShare,
    IReadOnlyDictionary<string, ConditionalShares> SharesByGivenState,
    IReadOnlyList<Provenance> Provenance);

/// <summary>Share of each state of a finding among people with one value of the given finding, with its provenance.</summary>
public sealed record ConditionalShares(IReadOnlyList<double> Share, Provenance Provenance);
