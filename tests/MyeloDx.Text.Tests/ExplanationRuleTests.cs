namespace MyeloDx.Text.Tests;

/// <summary>--explain-text and the web's highlighted note name the rule behind each reading (issue #12, item 10).</summary>
public sealed class ExplanationRuleTests
{
    private static Extraction.Mention Find(string text, string variable) =>
        TextFixture.Reader.Analyze(text).Mentions.First(m => m.Findings.Any(f => f.Variable == variable));

    [Fact]
    public void A_negated_finding_names_its_vocabulary_line_and_the_negation_that_fired()
    {
        var m = Find("Patient denies fever.", "fever");
        var rule = TextExplanation.Rule(m);
        Assert.Matches(@"^text/vocabulary\.yaml:\d+", rule);
        Assert.Contains("negated by 'denies' (context-rules.yaml:", rule);
        Assert.Equal("negated by 'denies'", TextExplanation.Why(m));
    }

    [Fact]
    public void A_hedged_finding_names_the_hedge_word_from_the_note()
    {
        var m = Find("Probable cord oedema at T4.", "cord_edema");
        Assert.Contains("uncertain by 'probable'", TextExplanation.Why(m));
    }

    [Fact]
    public void A_finding_on_a_comparison_line_is_shown_as_the_earlier_study_the_heading_names()
    {
        const string note = "Comparison: MRI of 12/08 showed an expansile cord lesion C2-C6.\nFindings: persistent faint T2 signal at C4.";
        var m = Find(note, "cord_expansion");
        Assert.Contains("historical by 'comparison'", TextExplanation.Why(m));
        Assert.Contains("comparison heading", TextExplanation.Rule(m));
        // the whole explanation renders (the heading's own word is the trigger's span)
        var analysis = TextFixture.Reader.Analyze(note);
        Assert.Contains(TextExplanation.Segments(analysis), g => g.Text.Contains("expansile", StringComparison.Ordinal));
        Assert.Contains("comparison", TextExplanation.Plain(analysis), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_plain_finding_has_no_modifier_reason()
    {
        var m = Find("Fever to 39 degrees.", "fever");
        Assert.Equal("", TextExplanation.Why(m));
        Assert.DoesNotContain("context-rules", TextExplanation.Rule(m));
    }

    [Fact]
    public void A_raised_word_near_a_finding_that_is_not_a_test_is_not_shown_as_its_modifier()
    {
        var m = Find("MRI: cord swelling with high T2 signal.", "cord_expansion");
        Assert.DoesNotContain("'high'", TextExplanation.Rule(m));
    }

    [Fact]
    public void A_result_read_against_the_tests_direction_names_the_word_that_decided_it()
    {
        var m = Find("Serum copper high.", "copper_low");
        Assert.Equal("copper_low=absent", Assert.Single(m.Findings).ToString());
        Assert.Contains("result read in the test's abnormal direction by 'high'", TextExplanation.Rule(m));
    }
}
