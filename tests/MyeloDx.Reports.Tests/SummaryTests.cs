using MyeloDx.Reports.Writers;

namespace MyeloDx.Reports.Tests;

public sealed class SummaryTests
{
    [Fact]
    public void Summary_has_its_sections_in_order()
    {
        var doc = Fixture.Builder.Build(ReportKind.ClinicianSummary, Fixture.Demo());
        Assert.Equal(ReportBuilder.SummarySections, doc.Sections.Take(ReportBuilder.SummarySections.Count).ToArray());
    }

    [Fact]
    public void Epidural_compression_is_announced_before_anything_else()
    {
        var input = Fixture.Epidural();
        Assert.Equal("epidural_cord_compression", input.Assessment.Leading.Id);
        var doc = Fixture.Builder.Build(ReportKind.ClinicianSummary, input);
        var first = Assert.IsType<NoticeBlock>(doc.Blocks[0]);
        Assert.Equal(NoticeKind.Emergency, first.Kind);
        Assert.StartsWith("EMERGENCY", first.Title);
        var md = MarkdownWriter.Write(doc);
        Assert.True(md.IndexOf("EMERGENCY", StringComparison.Ordinal) < md.IndexOf("## Differential diagnosis", StringComparison.Ordinal));
        Assert.Contains("Sphincter dysfunction", md);
        Assert.Contains("Cannot walk", md);
    }

    [Fact]
    public void An_emergency_the_management_section_acts_on_is_raised_even_at_low_probability()
    {
        var input = Fixture.Golden();
        var epidural = input.Assessment.Get("epidural_cord_compression")!;
        Assert.True(epidural.Probability < 0.1);
        Assert.DoesNotContain(Fixture.Builder.Build(ReportKind.ClinicianSummary, input).Blocks, b => b is NoticeBlock { Kind: NoticeKind.Emergency });
        var m = input.Document.Management!;
        var urgent = new MyeloDx.Core.Contract.ManagementItemEntry { Diagnosis = "epidural_cord_compression", Text = "Urgent whole-spine MRI", Level = "B", Citation = "" };
        input = input with { Document = input.Document with { Management = m with { Urgent = [.. m.Urgent!, urgent] } } };
        var doc = Fixture.Builder.Build(ReportKind.ClinicianSummary, input);
        Assert.Equal(NoticeKind.Emergency, Assert.IsType<NoticeBlock>(doc.Blocks[0]).Kind);
    }

    [Theory]
    [InlineData(0.0003, false)]
    [InlineData(0.009, false)]
    [InlineData(0.03, true)]
    public void Epidural_compression_in_the_top_three_is_an_emergency_only_from_one_percent(double probability, bool emergency)
    {
        var input = Fixture.Demo();
        var ranked = input.Assessment.Differential.Where(d => d.Id != "epidural_cord_compression").ToList();
        var epidural = input.Assessment.Get("epidural_cord_compression")! with { Probability = probability };
        ranked.Insert(2, epidural);
        input = input with { Assessment = input.Assessment with { Differential = ranked } };
        var blocks = Fixture.Builder.Build(ReportKind.ClinicianSummary, input).Blocks;
        Assert.Equal(emergency, blocks.Any(b => b is NoticeBlock { Kind: NoticeKind.Emergency }));
    }

    [Fact]
    public void Without_red_flags_the_summary_says_so_and_names_what_is_unrecorded()
    {
        var doc = Fixture.Builder.Build(ReportKind.ClinicianSummary, Fixture.Demo());
        Assert.DoesNotContain(doc.Blocks, b => b is NoticeBlock { Kind: NoticeKind.Emergency });
        var md = MarkdownWriter.Write(doc);
        var flags = CaseReportTests.Between(md, "## Red flags", "## Differential diagnosis");
        Assert.Contains("None among the recorded findings", flags);
        Assert.Contains("ability to walk", flags);
    }

    [Fact]
    public void Next_steps_come_from_the_next_tests_section_when_present_else_from_what_is_unknown()
    {
        var with = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.ClinicianSummary, Fixture.Golden(withSections: true)));
        var steps = CaseReportTests.Between(with, "## Suggested next steps", "## References");
        Assert.Contains("Contrast MRI of the whole neuraxis", steps);
        Assert.Contains("expected information gain 0.62 bits, chance the leader changes 12%", steps);
        Assert.DoesNotContain("Serum vitamin B12", steps); // nothing to gain: not worth a line
        Assert.True(steps.IndexOf("Urgent", StringComparison.Ordinal) < steps.IndexOf("Contrast MRI", StringComparison.Ordinal));

        // without a next-tests section: the unknown findings that would move the leader most
        var input = Fixture.Input("golden-case.json", Fixture.GoldenObservations.Where(o => o.VariableId != "fever").ToArray(), withSections: false);
        Assert.Contains(input.Assessment.Unknowns, u => u.VariableId == "fever");
        var md = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.ClinicianSummary, input));
        var unknownSteps = CaseReportTests.Between(md, "## Suggested next steps", "## References");
        Assert.Contains("**Fever:** not recorded; if present, it would give a likelihood ratio of", unknownSteps);
    }

    [Fact]
    public void Differential_table_shows_the_top_five_and_the_rest_together()
    {
        var input = Fixture.Demo();
        var doc = Fixture.Builder.Build(ReportKind.ClinicianSummary, input);
        var table = doc.Blocks.OfType<TableBlock>().First();
        Assert.Equal(6, table.Rows.Count);
        Assert.Equal(input.Assessment.Differential.Take(5).Select(d => d.Name), table.Rows.Take(5).Select(r => r[1]));
        Assert.Equal("10 others together", table.Rows[5][1]);
    }
}
