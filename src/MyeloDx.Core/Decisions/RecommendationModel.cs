using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>Something to know or do before a test ("after the spinal MRI has been read"), with its evidence.</summary>
public sealed record ConditionNote(string Text, Provenance Provenance, string? AfterTest);

/// <summary>One test in the order every output shows it.</summary>
/// <param name="Name">The test, or the biopsy route chosen for this case.</param>
/// <param name="After">Unmet preconditions: the test is shown "after" these and never ranked ahead of a listed test they name.</param>
/// <param name="Citations">The evidence behind the test and its preconditions (source or estimate), in display order.</param>
public sealed record RecommendedTest(
    int Rank,
    TestValue Value,
    string Name,
    InvasivenessLevel Invasiveness,
    string? RouteId,
    IReadOnlyList<ConditionNote> After,
    IReadOnlyList<Provenance> Citations,
    string? Note)
{
    public DiagnosticTest Test => Value.Test;
}

/// <summary>A test held back for this patient, with the reason a clinician would give.</summary>
public sealed record WithheldTest(string TestId, string Name, string Reason, Provenance Provenance);

/// <summary>What to do within hours when a time-critical cause is plausible; the first line of every output.</summary>
public sealed record UrgentFirstLine(string Text, IReadOnlyList<string> DiagnosisIds, IReadOnlyList<ManagementItem> Items);

/// <summary>A numbered reference (Vancouver style, in order of first citation).</summary>
public sealed record Reference(int Number, string SourceId, string Citation, string? Link)
{
    /// <summary>The numbered entry for a source: its citation (with the DOI when the citation lacks it) and a link.</summary>
    public static Reference Of(int number, Source s)
    {
        var link = s.Pmid is { } pmid ? "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/" : s.Doi is { } doi ? "https://doi.org/" + doi : s.Url;
        var text = s.Citation.Trim();
        if (s.Doi is { } d && !text.Contains(d, StringComparison.OrdinalIgnoreCase)) text += $" doi:{d}.";
        return new Reference(number, s.Id, text, link);
    }
}

/// <summary>The single decision answer for one assessment: every surface renders this, in this order.</summary>
public sealed record Recommendations(
    UrgentFirstLine? FirstLine,
    IReadOnlyList<RecommendedTest> Tests,
    IReadOnlyList<WithheldTest> Withheld,
    ManagementPlan Plan,
    double EntropyBits,
    IReadOnlyList<Reference> References)
{
    /// <summary>"[3]" for a cited source, or "estimate: reason" — the same text on every surface.</summary>
    public string Cite(Provenance p)
    {
        if (p.SourceId is { } id && References.FirstOrDefault(r => r.SourceId == id) is { } r) return $"[{r.Number}]";
        return p.IsEstimate ? "estimate: " + p.EstimateReason : "";
    }
}
