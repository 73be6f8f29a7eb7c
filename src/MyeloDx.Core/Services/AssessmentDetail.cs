namespace MyeloDx.Core.Services;

/// <summary>
/// The optional parts of an assessment document a caller asks for (the web API's <c>?include=</c>). The differential,
/// findings, computed evidence and notes are always there; a part not asked for is not computed at all, which matters
/// because next tests (value of information) are most of the cost of an assessment. <see cref="All"/> is the full
/// document, the same as without the parameter.
/// </summary>
[Flags]
public enum AssessmentDetail
{
    None = 0,
    /// <summary>Per diagnosis, the findings for and against it, and the unknowns that matter (the engine's explanation).</summary>
    Evidence = 1,
    Scores = 2,
    Radiotherapy = 4,
    /// <summary>First action, next tests, withheld tests, management and references (computed together, once).</summary>
    Decisions = 8,
    Sensitivity = 16,
    All = Evidence | Scores | Radiotherapy | Decisions | Sensitivity,
}

/// <summary>Reads <c>include=evidence,scores,...</c>.</summary>
public static class AssessmentDetails
{
    /// <summary>The names a caller may give, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["evidence", "scores", "radiotherapy", "decisions", "nextTests", "management", "sensitivity", "all"];

    /// <summary>Comma-separated names, case-insensitive; null (no parameter) is everything, an empty value nothing optional.</summary>
    public static bool TryParse(string? text, out AssessmentDetail detail, out string? unknown)
    {
        detail = AssessmentDetail.None;
        unknown = null;
        if (text is null) { detail = AssessmentDetail.All; return true; }
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            AssessmentDetail? part = raw.ToLowerInvariant() switch
            {
                "evidence" => AssessmentDetail.Evidence,
                "scores" => AssessmentDetail.Scores,
                "radiotherapy" => AssessmentDetail.Radiotherapy,
                // next tests and management come from one recommendation, so either name brings both
                "decisions" or "nexttests" or "management" => AssessmentDetail.Decisions,
                "sensitivity" => AssessmentDetail.Sensitivity,
                "all" => AssessmentDetail.All,
                _ => null,
            };
            if (part is null) { unknown = raw; return false; }
            detail |= part.Value;
        }
        return true;
    }
}
