using System.Xml.Linq;
using MyeloDx.Core.Inference;
using MyeloDx.Reports.Writers;

namespace MyeloDx.Reports.Tests;

public sealed class WriterTests
{
    public static TheoryData<ReportKind> Kinds => new() { ReportKind.CaseReport, ReportKind.ClinicianSummary };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_format_carries_the_clinical_judgment_caveat(ReportKind kind)
    {
        var doc = Fixture.Builder.Build(kind, Fixture.Demo());
        Assert.Contains(Assessment.Caveat, MarkdownWriter.Write(doc));
        Assert.Contains(Assessment.Caveat, HtmlWriter.Write(doc));
        var pdfText = PdfTests.Text(PdfWriter.Write(doc));
        Assert.Contains("supports, and does not replace, clinical judgment", pdfText);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Html_is_well_formed_and_self_contained(ReportKind kind)
    {
        var html = HtmlWriter.Write(Fixture.Builder.Build(kind, Fixture.Golden()));
        Assert.StartsWith("<!DOCTYPE html>", html);
        var x = XDocument.Parse(html["<!DOCTYPE html>".Length..]); // XHTML-compatible markup parses as XML
        Assert.Equal("html", x.Root!.Name.LocalName);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void Html_draws_the_probability_chart_as_svg_with_one_bar_per_diagnosis()
    {
        var input = Fixture.Golden();
        var html = HtmlWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, input));
        var x = XDocument.Parse(html["<!DOCTYPE html>".Length..]);
        XNamespace svg = "http://www.w3.org/2000/svg";
        var rects = x.Descendants(svg + "rect").ToList();
        Assert.Equal(input.Assessment.Differential.Count, rects.Count);
        var widths = rects.Select(r => double.Parse(r.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(widths.OrderByDescending(w => w), widths); // ranked order: bars never grow down the list
    }

    [Fact]
    public void Text_from_the_case_is_escaped_in_html_and_markdown()
    {
        var doc = Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden());
        var html = HtmlWriter.Write(doc);
        Assert.Contains("&lt;check escaping&gt;", html);
        Assert.DoesNotContain("<check escaping>", html);
        var md = MarkdownWriter.Write(doc);
        Assert.Contains(@"\*not\* a real patient &lt;check escaping>", md);
    }

    [Theory]
    [InlineData("a_b", "a_b")]
    [InlineData("_lead", @"\_lead")]
    [InlineData("2*3", @"2\*3")]
    [InlineData("<b>", "&lt;b>")]
    [InlineData("<0.1%", "<0.1%")]
    public void Markdown_escapes_only_what_would_become_markup(string text, string expected) =>
        Assert.Equal(expected, MarkdownWriter.Esc(text));

    [Fact]
    public void Markdown_bar_is_proportional_and_never_hides_a_visible_probability()
    {
        Assert.Equal(30, MarkdownWriter.Bar(1).Length);
        Assert.Equal(15, MarkdownWriter.Bar(0.5).Count(c => c == '█'));
        Assert.Contains('▏', MarkdownWriter.Bar(0.005));
        Assert.DoesNotContain('█', MarkdownWriter.Bar(0.0001));
    }
}
