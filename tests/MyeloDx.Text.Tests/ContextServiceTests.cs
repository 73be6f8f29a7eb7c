using MyeloDx.Text.Context;

namespace MyeloDx.Text.Tests;

/// <summary>The ConText engine on arbitrary targets (sentences written for these tests, not taken from any case).</summary>
public class ContextServiceTests
{
    private static readonly ContextService Service = new(TextFixture.Reader.Rules);

    private static ContextResult Classify(string text, string target) =>
        Service.Classify(text, target) ?? throw new Xunit.Sdk.XunitException($"target '{target}' not found");

    [Theory]
    [InlineData("No chest pain at rest.", "chest pain")]
    [InlineData("He denied any numbness in the feet.", "numbness")]
    [InlineData("CT abdomen: negative for free fluid.", "free fluid")]
    [InlineData("Pulmonary embolism was ruled out on CTPA.", "pulmonary embolism")]
    [InlineData("THE PATIENT HAS NO HISTORY OF SEIZURES.", "seizures")]
    [InlineData("Urine culture showed no growth and no evidence of pyelonephritis.", "pyelonephritis")]
    public void Negations_are_found(string text, string target) => Assert.True(Classify(text, target).Negated);

    [Theory]
    [InlineData("The rash is itchy and spreading.", "rash")]
    [InlineData("No fever, but a productive cough for three days.", "productive cough")]
    [InlineData("Patient unable to walk since Monday.", "walk")]
    public void Affirmed_findings_are_not_negated(string text, string target)
    {
        var r = Classify(text, target);
        Assert.False(r.Negated);
        Assert.False(r.Uncertain);
    }

    [Fact]
    public void Doubt_history_plans_and_relatives_are_told_apart()
    {
        Assert.True(Classify("Findings may represent early osteomyelitis.", "osteomyelitis").Uncertain);
        Assert.True(Classify("Past history of gastric ulcer, treated in 2015.", "gastric ulcer").Historical);
        Assert.True(Classify("Plan: repeat echo to exclude endocarditis.", "endocarditis").Hypothetical);
        var fam = Classify("His father died of a stroke at 60.", "stroke");
        Assert.True(fam.OtherExperiencer);
        Assert.False(fam.Negated);
    }

    [Fact]
    public void The_target_is_found_across_case_and_white_space_and_around_tags()
    {
        var r = Classify("Seen with [**Name**] .\nNO   ANKLE\n  SWELLING noted.", "ankle swelling");
        Assert.True(r.Negated);
        Assert.Contains("NO", r.Triggers);
        // punctuation or a tag between the target's words: matched by words
        Assert.NotNull(Service.Classify("left-sided facial droop", "left sided facial droop"));
        Assert.Null(Service.Classify("no fever", "cough"));
    }

    [Theory]
    [InlineData("Fever\u0000 absent\u202e.", "fever")]
    [InlineData("\ud800 no cough \udfff", "cough")]
    public void Odd_characters_do_not_break_it(string text, string target) => Assert.True(Classify(text, target).Negated);
}
