using MyeloDx.Reports.Writers;

namespace MyeloDx.Reports.Tests;

/// <summary>
/// The Markdown and HTML of both report kinds, from a fixed fictional knowledge base, case and clock, compared with
/// checked-in files in golden/. After an intended change: tests/approve-golden.sh, then review the diff.
/// </summary>
public sealed class GoldenTests
{
    [Fact]
    public void Case_report_markdown_matches_golden() =>
        Golden.Matches("case-report.md", MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden())));

    [Fact]
    public void Case_report_html_matches_golden() =>
        Golden.Matches("case-report.html", HtmlWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden())));

    [Fact]
    public void Summary_markdown_matches_golden() =>
        Golden.Matches("summary.md", MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.ClinicianSummary, Fixture.Golden())));

    [Fact]
    public void Summary_html_matches_golden() =>
        Golden.Matches("summary.html", HtmlWriter.Write(Fixture.Builder.Build(ReportKind.ClinicianSummary, Fixture.Golden())));

    [Fact]
    public void Emergency_summary_markdown_matches_golden() =>
        Golden.Matches("summary-emergency.md", MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.ClinicianSummary, Fixture.Epidural())));

    [Fact]
    public void Same_input_and_clock_give_the_same_bytes()
    {
        var a = HtmlWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden()));
        var b = HtmlWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden()));
        Assert.Equal(a, b);
    }
}
