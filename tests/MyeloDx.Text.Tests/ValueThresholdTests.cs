using FsCheck.Xunit;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Tests;

/// <summary>A test written with its value ("Temp 38.6", "MCV 109"): the threshold and the plausible range decide.</summary>
public sealed class ValueThresholdTests
{
    private static (TextRules? Rules, IReadOnlyList<MyeloDx.Core.Knowledge.KnowledgeDiagnostic> D) Load(string term) =>
        TextRulesLoader.FromTexts(new Dictionary<string, string>
        {
            [TextRulesLoader.VocabularyFile] = "version: \"t\"\nterms:\n" + term,
            [TextRulesLoader.ContextFile] = "version: \"t\"\ncategories:\n  NEGATED_EXISTENCE: negated\nrules:\n  - {literal: \"no\", category: NEGATED_EXISTENCE, direction: forward}\n",
            [TextRulesLoader.SectionsFile] = "version: \"t\"\nsections:\n  - category: imaging\n    topic: imaging\n    headers: [\"mri\"]\n",
            [WordListsLoader.File] = File.ReadAllText(Path.Combine(TextFixture.KnowledgeFolder(), WordListsLoader.File)),
        }, TextFixture.Knowledge);

    [Property]
    public bool A_value_is_abnormal_exactly_from_the_threshold_inside_the_plausible_range(double value)
    {
        var fever = new ValueThreshold(38.0, AbnormalWhenBelow: false, PlausibleMin: 30, PlausibleMax: 45);
        var got = fever.Abnormal(value);
        if (double.IsNaN(value) || value < 30 || value > 45) return got is null;
        return got == value >= 38.0;
    }

    [Property]
    public bool A_low_threshold_marks_values_at_or_below_it(double value)
    {
        var b12 = new ValueThreshold(200, AbnormalWhenBelow: true, PlausibleMin: 20, PlausibleMax: 5000);
        var got = b12.Abnormal(value);
        if (double.IsNaN(value) || value < 20 || value > 5000) return got is null;
        return got == value <= 200;
    }

    [Fact]
    public void A_threshold_on_a_term_that_is_not_a_test_name_is_refused_with_its_line()
    {
        var (rules, d) = Load("  - finding: fever=present\n    abnormal_above: 38\n    plausible: [30, 45]\n    phrases: [\"temp\"]\n");
        Assert.Null(rules);
        Assert.Contains(d, x => x.Code == "MDX-TX008" && x.Message.Contains("needs_result") && x.Line > 1);
    }

    [Fact]
    public void A_plausible_range_that_does_not_surround_the_threshold_is_refused()
    {
        var (rules, d) = Load("  - finding: fever=present\n    needs_result: true\n    abnormal_above: 38\n    plausible: [39, 45]\n    phrases: [\"temp\"]\n");
        Assert.Null(rules);
        Assert.Contains(d, x => x.Code == "MDX-TX008" && x.Message.Contains("plausible"));
    }

    [Fact]
    public void An_abnormal_direction_that_contradicts_the_threshold_is_refused()
    {
        var (rules, d) = Load("  - finding: fever=present\n    needs_result: true\n    abnormal: low\n    abnormal_above: 38\n    plausible: [30, 45]\n    phrases: [\"temp\"]\n");
        Assert.Null(rules);
        Assert.Contains(d, x => x.Code == "MDX-TX008" && x.Message.Contains("direction"));
    }

    [Theory]
    [InlineData("  - finding: fever=present\n    abnormal: high\n    phrases: [\"temp\"]\n", "needs_result")]
    [InlineData("  - finding: fever=present\n    needs_result: true\n    abnormal: down\n    phrases: [\"temp\"]\n", "high or low")]
    public void An_abnormal_direction_off_a_test_name_or_not_high_or_low_is_refused(string term, string says)
    {
        var (rules, d) = Load(term);
        Assert.Null(rules);
        Assert.Contains(d, x => x.Code == "MDX-TX008" && x.Message.Contains(says) && x.Line > 1);
    }

    [Theory]
    [InlineData("  - finding: fever=present\n    needs_result: true\n    abnormal: low\n    phrases: [\"temp\"]\n", AbnormalDirection.Low)]
    [InlineData("  - finding: fever=present\n    needs_result: true\n    abnormal_below: 36\n    plausible: [30, 45]\n    phrases: [\"temp\"]\n", AbnormalDirection.Low)]
    [InlineData("  - finding: fever=present\n    needs_result: true\n    abnormal_above: 38\n    plausible: [30, 45]\n    phrases: [\"temp\"]\n", AbnormalDirection.High)]
    [InlineData("  - finding: fever=present\n    needs_result: true\n    phrases: [\"temp\"]\n", AbnormalDirection.Unstated)]
    public void A_test_names_abnormal_direction_comes_from_its_option_or_its_threshold(string term, AbnormalDirection expected)
    {
        var (rules, d) = Load(term);
        Assert.True(rules is not null, string.Join("; ", d.Select(x => x.Message)));
        Assert.Equal(expected, Assert.Single(rules.Terms).AbnormalDirection);
    }

    [Theory]
    [InlineData("Temp 38.4 on admission.", "fever=present")]
    [InlineData("Temperature was 37.2 today.", "fever=absent")]
    [InlineData("Temp 101.3 F.", "")]
    [InlineData("Temp, pulse and BP recorded; 38.9 later.", "")]
    public void The_value_right_after_the_name_decides_and_nothing_else(string text, string expected)
    {
        Assert.Equal(expected, string.Join("; ", TextFixture.Stated(text)));
    }
}
