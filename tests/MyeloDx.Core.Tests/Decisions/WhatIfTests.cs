using MyeloDx.Core.Decisions;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;

namespace MyeloDx.Core.Tests.Decisions;

public sealed class WhatIfTests
{
    private static Assessment Assess(IReadOnlyList<Observation> obs, string? context = null) =>
        DecisionFixtures.Engine.Assess(obs, DecisionFixtures.Demo.Computed, context);

    private static string ValueText(Observation o) =>
        o.Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : (o.Uncertain ? "possible_" : "") + o.State;

    [Fact]
    public void Setting_each_known_finding_to_the_value_it_already_has_changes_nothing()
    {
        var demo = DecisionFixtures.Demo;
        var before = Assess(demo.Observations);
        Assert.NotEmpty(demo.Observations);
        foreach (var o in demo.Observations)
        {
            var edit = WhatIf.Parse($"{o.VariableId}={ValueText(o)}", DecisionFixtures.Kb);
            var after = Assess(WhatIf.Apply(demo.Observations, [edit]));
            var c = WhatIf.Compare(before, after, [edit]);
            Assert.False(c.LeaderChanged);
            Assert.All(c.Changes, d => Assert.Equal(d.Before, d.After, 12));
            Assert.All(c.Changes, d => Assert.Equal(d.RankBefore, d.RankAfter));
        }
    }

    [Fact]
    public void Setting_a_decisive_finding_changes_the_leader_and_says_so()
    {
        var demo = DecisionFixtures.Demo;
        var edits = WhatIf.ParseAll(["csf_cytology=positive", "enhancement_pattern=pial"], DecisionFixtures.Kb);
        var before = Assess(demo.Observations);
        var after = Assess(WhatIf.Apply(demo.Observations, edits));
        var c = WhatIf.Compare(before, after, edits);
        Assert.True(c.LeaderChanged);
        Assert.Equal("leptomeningeal_metastasis", c.LeadingAfter);
        Assert.True(c.Changes.Single(d => d.Id == "leptomeningeal_metastasis").Delta > 0);
    }

    [Fact]
    public void Unknown_removes_the_finding_as_if_it_had_never_been_stated()
    {
        var demo = DecisionFixtures.Demo;
        var edit = WhatIf.Parse("compartment=unknown", DecisionFixtures.Kb);
        var edited = WhatIf.Apply(demo.Observations, [edit]);
        Assert.DoesNotContain(edited, o => o.VariableId == "compartment");
        var without = Assess(demo.Observations.Where(o => o.VariableId != "compartment").ToArray());
        Assert.Equal(without.Differential.Select(d => d.Probability), Assess(edited).Differential.Select(d => d.Probability));
    }

    [Fact]
    public void A_replaced_finding_keeps_its_place_and_possible_marks_it_uncertain()
    {
        var demo = DecisionFixtures.Demo;
        var index = demo.Observations.ToList().FindIndex(o => o.VariableId == "compartment");
        var edited = WhatIf.Apply(demo.Observations, [WhatIf.Parse("compartment=possible_leptomeningeal", DecisionFixtures.Kb)]);
        Assert.Equal(demo.Observations.Count, edited.Count);
        Assert.Equal("compartment", edited[index].VariableId);
        Assert.Equal("leptomeningeal", edited[index].State);
        Assert.True(edited[index].Uncertain);
    }

    [Fact]
    public void A_prior_context_changes_the_population_and_the_comparison_shows_it()
    {
        var demo = DecisionFixtures.Demo;
        var before = Assess(demo.Observations);
        var after = Assess(demo.Observations, "cancer_clinic");
        var c = WhatIf.Compare(before, after, []);
        Assert.True(c.Anything);
        Assert.Equal("case_reports", c.ContextBefore);
        Assert.Equal("cancer_clinic", c.ContextAfter);
        Assert.True(c.Changes.Single(d => d.Id == "epidural_cord_compression").Delta > 0);
    }

    [Theory]
    [InlineData("csf_cytology", "MDX-WI001")]
    [InlineData("=positive", "MDX-WI001")]
    [InlineData("csf_cytolgy=positive", "MDX-WI002")]
    [InlineData("csf_cytology=maybe", "MDX-WI003")]
    [InlineData("age_years=old", "MDX-WI003")]
    [InlineData("age_years=NaN", "MDX-WI003")]
    public void A_bad_edit_is_refused_with_a_code_naming_it(string text, string code)
    {
        var e = Assert.Throws<InputException>(() => WhatIf.Parse(text, DecisionFixtures.Kb));
        Assert.Equal(code, e.Code);
        Assert.Contains(text, e.Where);
    }

    [Fact]
    public void The_same_finding_set_twice_to_different_values_is_refused()
    {
        var e = Assert.Throws<InputException>(() => WhatIf.ParseAll(["csf_cytology=positive", "csf_cytology=negative_single"], DecisionFixtures.Kb));
        Assert.Equal("MDX-WI004", e.Code);
        Assert.Single(WhatIf.ParseAll(["csf_cytology=positive", "csf_cytology=positive"], DecisionFixtures.Kb));
    }

    [Fact]
    public void A_number_sets_a_continuous_finding()
    {
        var edit = WhatIf.Parse("age_years=70", DecisionFixtures.Kb);
        Assert.Equal(70, edit.Value);
        var edited = WhatIf.Apply(DecisionFixtures.Demo.Observations, [edit]);
        Assert.Equal(70, edited.Single(o => o.VariableId == "age_years").Value);
    }
}
