namespace MyeloDx.Cli.Tests;

public class ReportCommandTests
{
    [Fact]
    public void Markdown_case_report_of_the_demo_has_every_section_and_the_leading_diagnosis()
    {
        var r = CliProcess.Run("report", "--format", "md");
        Assert.Equal(0, r.ExitCode);
        foreach (var s in new[] { "## FINAL DIAGNOSIS", "## THREE DIFFERENTIAL DIAGNOSES", "## INTRODUCTION", "## CASE", "## DISCUSSION", "## FIGURE", "## REFERENCES" })
            Assert.Contains(s, r.Out);
        Assert.Contains("Intramedullary spinal cord metastasis", r.Out);
        Assert.Contains("does not replace, clinical judgment", r.Out);
    }

    [Fact]
    public void Pdf_goes_to_the_file_given_with_o()
    {
        var path = Path.Combine(Path.GetDirectoryName(CliProcess.Temp("x", ""))!, "report.pdf");
        var r = CliProcess.Run("report", "--format", "pdf", "-o", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 5));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Pdf_without_o_is_written_to_a_redirected_stdout()
    {
        var r = CliProcess.Run("report", "--kind", "summary", "--format", "pdf"); // the test redirects stdout
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("%PDF-", r.Out);
    }

    [Fact]
    public void Summary_as_html_is_one_self_contained_page()
    {
        var r = CliProcess.Run("report", "--kind", "summary", "--format", "html");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", r.Out);
        Assert.Contains("Suggested next steps", r.Out);
    }

    [Fact]
    public void An_output_folder_that_does_not_exist_is_a_coded_error_before_any_work()
    {
        var r = CliProcess.Run("report", "-o", "/no/such/folder/report.md");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MDX-IN040", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var r = CliProcess.Run("report", "--format", "docx");
        Assert.Equal(2, r.ExitCode);
    }
}
