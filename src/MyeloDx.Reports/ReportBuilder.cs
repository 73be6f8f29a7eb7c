using MyeloDx.Reports.Building;

namespace MyeloDx.Reports;

/// <summary>
/// Builds reports from an assessment. The report's time comes from the injected <see cref="TimeProvider"/>
/// (tests pass a fixed one). Thread-safe: holds nothing but the clock.
/// </summary>
public sealed class ReportBuilder(TimeProvider time)
{
    public ReportDocument Build(ReportKind kind, ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Assessment.Differential.Count == 0) throw new ArgumentException("the assessment has no differential", nameof(input));
        var now = time.GetUtcNow();
        return kind switch
        {
            ReportKind.CaseReport => new CaseReportBuilder(input).Build(now),
            ReportKind.ClinicianSummary => new SummaryBuilder(input).Build(now),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown report kind"),
        };
    }

    /// <summary>The section titles a case report always has, in order (the seed's structure).</summary>
    public static IReadOnlyList<string> CaseReportSections { get; } =
    [
        CaseReportBuilder.FinalDiagnosis, CaseReportBuilder.Differentials, CaseReportBuilder.Introduction, CaseReportBuilder.CaseSection,
        CaseReportBuilder.Discussion, CaseReportBuilder.Figure, CaseReportBuilder.References,
    ];

    /// <summary>The section titles a clinician summary always has, in order.</summary>
    public static IReadOnlyList<string> SummarySections { get; } =
        [SummaryBuilder.RedFlags, SummaryBuilder.DifferentialTitle, SummaryBuilder.KeyEvidence, SummaryBuilder.NextSteps];
}
