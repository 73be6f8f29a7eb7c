using MyeloDx.Text.Matching;
using Xunit;

namespace MyeloDx.Text.Tests;

/// <summary>
/// "Copper: low." says what "copper low" says: a phrase reads on across a colon between a short label and a short
/// value, and never across a colon that opens a longer text or follows a long one.
/// </summary>
public sealed class LabelColonMatchingTests
{
    private static bool Matches(string phrase, string text)
    {
        var ids = new WordIds();
        var compiler = new Tokenizer(new Dictionary<string, string>());
        var matcher = new PhraseMatcher(ids);
        foreach (var elements in PhrasePattern.Compile(phrase, compiler)) matcher.Add(elements, 1);
        var tokens = new Tokenizer(new Dictionary<string, string>(), ids.Freeze()).Tokenize(text);
        var found = new List<PhraseMatch>();
        matcher.FindAll(tokens, 0, tokens.Count, found);
        return found.Count > 0;
    }

    [Theory]
    [InlineData("Copper: low.")]
    [InlineData("Serum copper: very low")]
    [InlineData("Bloods normal. Copper: low; B12 pending.")]
    [InlineData("Labs - copper: low, zinc high.")]
    public void A_short_label_and_a_short_value_read_across_their_colon(string text) =>
        Assert.True(Matches("copper (very)? low", text));

    [Theory]
    [InlineData("Copper: the level from the outside laboratory was low.")]
    [InlineData("The patient was seen by the team regarding copper: low.")]
    [InlineData("Copper:")]
    [InlineData(": low copper")]
    public void A_colon_that_opens_or_ends_a_longer_text_is_not_read_across(string text) =>
        Assert.False(Matches("copper (very)? low", text));

    [Fact]
    public void A_phrase_with_a_gap_reads_across_the_colon_too() =>
        Assert.True(Matches("mcv ...3 high", "MCV: high."));
}
