using System.Text.RegularExpressions;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Reports.Writers;

namespace MyeloDx.Reports.Tests;

public sealed class CaseReportTests
{
    [Fact]
    public void Demo_case_report_has_the_seed_sections_in_order()
    {
        var doc = Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Demo());
        Assert.Equal(ReportBuilder.CaseReportSections, doc.Sections.ToArray());
    }

    [Fact]
    public void Final_diagnosis_states_the_leading_diagnosis_with_its_probability()
    {
        var input = Fixture.Demo();
        var md = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, input));
        var section = Between(md, "## FINAL DIAGNOSIS", "## THREE DIFFERENTIAL DIAGNOSES");
        var lead = input.Assessment.Leading;
        Assert.Contains(lead.Name, section);
        Assert.Matches(@"posterior probability of (>99|\d+(\.\d)?)%", section);
        Assert.Contains("not a confirmed diagnosis", section);
    }

    [Fact]
    public void Three_differentials_are_ranks_two_to_four_each_with_a_reason()
    {
        var input = Fixture.Golden();
        var doc = Fixture.Builder.Build(ReportKind.CaseReport, input);
        var idx = doc.Blocks.ToList().FindIndex(b => b is HeadingBlock { Text: "THREE DIFFERENTIAL DIAGNOSES" });
        var list = Assert.IsType<ListBlock>(doc.Blocks[idx + 1]);
        Assert.True(list.Numbered);
        Assert.Equal(input.Assessment.Differential.Skip(1).Take(3).Select(d => d.Name), list.Items.Select(i => i.Lead![..i.Lead!.LastIndexOf(" (", StringComparison.Ordinal)]));
        Assert.All(list.Items, i => Assert.Contains("less probable than", i.Text));
    }

    [Fact]
    public void Case_story_keeps_unknowns_unknown()
    {
        var c = new Case { Patient = new Patient { AgeYears = 70 }, Imaging = new Imaging { Compartment = "intramedullary" } };
        var md = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Demo(c)));
        var story = Between(md, "## CASE", "## DISCUSSION");
        Assert.Contains("a 70-year-old person", story);
        Assert.Contains("Not recorded in the case data", story);
        Assert.Contains("cerebrospinal fluid analysis", story);
        Assert.DoesNotContain("Cerebrospinal fluid showed", story);
        Assert.DoesNotContain("she", story, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("preserved", story);
    }

    [Fact]
    public void Case_story_tells_the_recorded_facts_in_words()
    {
        var md = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden()));
        var story = Between(md, "## CASE", "## DISCUSSION");
        Assert.Contains("52-year-old woman", story);
        Assert.Contains("20 Gy in 5 fractions of 4 Gy", story);
        Assert.Contains("sensory level at T10", story);
        Assert.Contains("letrozole", story);
        Assert.Contains("11 × 6 × 6 mm", story);
    }

    [Fact]
    public void Every_cited_number_has_a_reference_and_every_reference_is_cited()
    {
        var doc = Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden());
        var md = MarkdownWriter.Write(doc);
        var body = md[..md.IndexOf("## REFERENCES", StringComparison.Ordinal)];
        var cited = Regex.Matches(body, @"\[(\d+(?:, \d+)*)\]").SelectMany(m => m.Groups[1].Value.Split(", ")).Select(int.Parse).Distinct().Order().ToArray();
        Assert.Equal(Enumerable.Range(1, doc.References.Count), cited);
        Assert.DoesNotContain(doc.References, r => r.SourceId == "SrcUnused");
        Assert.All(doc.References, r => Assert.True(Fixture.TestKnowledge.Sources.ContainsKey(r.SourceId)));
    }

    [Fact]
    public void References_are_numbered_in_order_of_first_citation()
    {
        var doc = Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden());
        var md = MarkdownWriter.Write(doc);
        var body = md[..md.IndexOf("## REFERENCES", StringComparison.Ordinal)];
        var firsts = Regex.Matches(body, @"\[(\d+)[\],]").Select(m => int.Parse(m.Groups[1].Value)).Distinct().ToArray();
        Assert.Equal(firsts.Order(), firsts);
    }

    [Fact]
    public void Augmenter_sections_appear_in_the_discussion_when_present()
    {
        var with = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden(withSections: true)));
        var discussion = Between(with, "## DISCUSSION", "## FIGURE");
        Assert.Contains("### Radiotherapy", discussion);
        Assert.Contains("20 Gy in 5 fractions of 4 Gy: EQD2 30 Gy (BED 60 Gy) at α/β 2 Gy", discussion);
        Assert.Contains("cord EQD2 at the affected level ≈ 0.1 Gy", discussion);
        Assert.Contains("### Clinical scores", discussion);
        Assert.Contains("**Frankel grade:** D: useful motor function.", discussion);
        Assert.Contains("### Next tests", discussion);
        Assert.Contains("| Contrast MRI of the whole neuraxis [", discussion);
        Assert.Contains("leptomeningeal metastasis 8% → 60%", discussion);
        Assert.Contains("Serum vitamin B12: no expected change", discussion);
        Assert.Contains("Corticosteroids while treatment is planned.", discussion);
        Assert.Contains("Surgery in selected cases. (estimate: no trial)", discussion);
        Assert.Contains("### How robust the ranking is", discussion);
        Assert.Contains("without it, leptomeningeal metastasis would lead", discussion);
        Assert.Contains("### Remaining uncertainty", discussion);
        Assert.Contains("### What if", discussion); // a section in a shape the records do not know still appears
        Assert.Contains("- **Changed:** none", discussion);
        Assert.DoesNotContain("holds no management or prognosis notes", discussion);

        var without = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Golden(withSections: false)));
        var d2 = Between(without, "## DISCUSSION", "## FIGURE");
        Assert.DoesNotContain("### Clinical scores", d2);
        Assert.Contains("holds no management or prognosis notes", d2);
        Assert.Contains("20 Gy in 5 fractions", d2); // radiotherapy facts from the case when no arithmetic section exists
    }

    [Fact]
    public void A_known_section_in_an_unexpected_shape_is_still_shown()
    {
        var input = Fixture.Golden(withSections: false, change: json =>
        {
            json["radiotherapy"] = new System.Text.Json.Nodes.JsonObject { ["summary"] = "a new shape of the arithmetic" };
            json["nextTests"] = new System.Text.Json.Nodes.JsonArray("MRI", "CSF");
        });
        Assert.Equal(["radiotherapy", "nextTests"], input.Unbound.Select(u => u.Key));
        var md = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, input));
        Assert.Contains("**Summary:** a new shape of the arithmetic", md);
        Assert.Contains("- MRI", md);
    }

    [Fact]
    public void Figure_charts_every_diagnosis_and_highlights_the_leader()
    {
        var input = Fixture.Golden();
        var doc = Fixture.Builder.Build(ReportKind.CaseReport, input);
        var chart = Assert.Single(doc.Blocks.OfType<ChartBlock>());
        Assert.Equal(input.Assessment.Differential.Select(d => d.Name), chart.Bars.Select(b => b.Label));
        Assert.Equal(input.Assessment.Differential.Select(d => d.Probability), chart.Bars.Select(b => b.Value));
        Assert.True(chart.Bars[0].Highlight);
        Assert.Single(chart.Bars, b => b.Highlight);
    }

    [Fact]
    public void Report_time_comes_from_the_injected_clock()
    {
        var doc = new ReportBuilder(new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 0, TimeSpan.FromHours(2)))).Build(ReportKind.CaseReport, Fixture.Golden());
        Assert.Contains("2031-05-06 05:08 UTC", doc.Byline);
        Assert.Equal(new DateTimeOffset(2031, 5, 6, 5, 8, 0, TimeSpan.Zero), doc.GeneratedAt);
    }

    [Fact]
    public void Must_not_miss_diagnoses_are_discussed_even_when_ranked_low()
    {
        var input = Fixture.Demo();
        var md = MarkdownWriter.Write(Fixture.Builder.Build(ReportKind.CaseReport, input));
        var rank = input.Assessment.Differential.ToList().FindIndex(d => d.Id == "epidural_cord_compression") + 1;
        // "low" by probability: under the clinic population compression keeps a high prior, so its rank can stay near
        // the top of a list whose tail is all near zero
        Assert.True(input.Assessment.Get("epidural_cord_compression")!.Probability < 0.01, "the demo case should not rank epidural compression high");
        Assert.Contains($"Metastatic epidural spinal cord compression ranks #{rank}", md);
    }

    [Fact]
    public void An_assessment_without_a_differential_is_refused()
    {
        var input = Fixture.Golden();
        var empty = input with { Assessment = input.Assessment with { Differential = [] } };
        Assert.Throws<ArgumentException>(() => Fixture.Builder.Build(ReportKind.CaseReport, empty));
    }

    internal static string Between(string s, string from, string to)
    {
        var a = s.IndexOf(from, StringComparison.Ordinal);
        var b = s.IndexOf(to, a + 1, StringComparison.Ordinal);
        Assert.True(a >= 0 && b > a, $"'{from}' … '{to}' not found in order");
        return s[a..b];
    }
}
