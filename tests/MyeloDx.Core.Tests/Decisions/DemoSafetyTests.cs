using MyeloDx.Core.Decisions;

namespace MyeloDx.Core.Tests.Decisions;

/// <summary>The built-in demo case: the lumbar puncture is safe in order and caveats, and no open cord biopsy is offered.</summary>
public sealed class DemoSafetyTests
{
    private static Recommendations Demo() =>
        DecisionFixtures.Support.Recommend(DecisionFixtures.Demo, DecisionFixtures.Service.Assess(DecisionFixtures.Demo));

    [Fact]
    public void The_lumbar_puncture_comes_after_the_MRI_and_carries_the_brain_imaging_precondition()
    {
        var r = Demo();
        var ids = r.Tests.Select(t => t.Test.Id).ToList();
        Assert.Contains("mri_neuraxis_gadolinium", ids);
        foreach (var csf in r.Tests.Where(t => t.Test.Procedure == "lumbar_puncture"))
        {
            Assert.True(ids.IndexOf(csf.Test.Id) > ids.IndexOf("mri_neuraxis_gadolinium"), $"{csf.Test.Id} is ranked ahead of the MRI");
            Assert.Contains(csf.After, n => n.Text.Contains("brain imaging", StringComparison.Ordinal) && n.Text.Contains("mass effect", StringComparison.Ordinal));
            Assert.Contains(csf.After, n => n.Text.Contains("platelet", StringComparison.Ordinal));
            Assert.Contains(csf.After, n => n.Text.Contains("anticoagulant", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void No_open_cord_biopsy_is_proposed_and_the_reason_is_given()
    {
        var r = Demo();
        Assert.DoesNotContain(r.Tests, t => t.RouteId == "open_cord" || t.Name.Contains("Open biopsy", StringComparison.Ordinal));
        var w = Assert.Single(r.Withheld, w => w.TestId == "lesion_biopsy");
        Assert.Contains("known metastatic cancer", w.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_citation_of_the_demo_answer_resolves_to_a_numbered_reference()
    {
        var r = Demo();
        var cited = r.Tests.SelectMany(t => t.Citations).Concat(r.Withheld.Select(w => w.Provenance))
            .Concat(r.Plan.Diagnoses.SelectMany(d => d.Treatment.Concat(d.Prognosis).Concat(d.Scores)).Select(i => i.Provenance))
            .Where(p => p.SourceId is not null).ToList();
        Assert.NotEmpty(cited);
        foreach (var p in cited) Assert.Matches(@"^\[\d+\]$", r.Cite(p));
        Assert.Equal(Enumerable.Range(1, r.References.Count), r.References.Select(x => x.Number));
    }
}
