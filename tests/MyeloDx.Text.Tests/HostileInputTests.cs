using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MyeloDx.Core.Errors;

namespace MyeloDx.Text.Tests;

/// <summary>Bad, huge or strange text gets a clear coded error or a graceful "nothing recognised", never a crash or a hang.</summary>
public sealed class HostileInputTests
{
    private static InputException Refused(string text) => Assert.Throws<InputException>(() => TextFixture.Reader.Read(text));

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    [InlineData("....;;;,,,")]
    public void Empty_text_is_refused_with_MDX_TX010(string text) => Assert.Equal("MDX-TX010", Refused(text).Code);

    [Theory]
    [InlineData("Une femme de 60 ans présente une faiblesse des jambes depuis trois semaines. L'IRM montre une lésion.")]
    [InlineData("Eine 60-jährige Frau hat seit drei Wochen eine Schwäche beider Beine. Das MRT zeigt eine Läsion.")]
    [InlineData("一名60岁女性双腿无力三周。磁共振显示脊髓内病变。")]
    [InlineData("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.")]
    public void Text_in_another_language_is_reported_as_nothing_recognised(string text) => Assert.Equal("MDX-TX010", Refused(text).Code);

    [Fact]
    public void A_50_megabyte_text_is_refused_at_once_with_MDX_TX011()
    {
        var huge = new string('a', 50 * 1024 * 1024);
        Assert.Equal("MDX-TX011", Refused(huge).Code);
    }

    [Fact]
    public void Binary_bytes_do_not_crash_the_reader()
    {
        var rnd = new Random(7);
        var bytes = new byte[200_000];
        rnd.NextBytes(bytes);
        var text = Encoding.Latin1.GetString(bytes);
        var a = TextFixture.Reader.Analyze(text); // no exception
        Assert.All(a.Mentions, m => Assert.InRange(m.Span.End, 0, text.Length));
    }

    [Theory]
    [InlineData("no fever and ")]
    [InlineData("intramedullary lesion at T12-L1 with no enhancement, ")]
    [InlineData("(((( not not possible ")]
    [InlineData("30 Gy x 10 fractions 3/5 ")]
    public void A_100000_character_line_is_read_without_failing(string unit)
    {
        var sb = new StringBuilder();
        while (sb.Length < 100_000) sb.Append(unit);
        var text = "A 60-year-old man. " + sb;
        // Speed is measured by bench/ (text-throughput.sh, Stages), not by a timed unit test.
        var a = TextFixture.Reader.Analyze(text);
        Assert.NotNull(a.Case);
    }

    [Property(MaxTest = 300)]
    public bool Any_text_is_read_or_refused_with_a_coded_error(NonNull<string> s)
    {
        try
        {
            var input = TextFixture.Reader.Read(s.Get);
            return input.Observations.All(o => o.Span is null || o.Span.Start >= 0 && o.Span.End <= s.Get.Length);
        }
        catch (InputException e)
        {
            return e.Code.StartsWith("MDX-TX", StringComparison.Ordinal);
        }
    }

    [Property(MaxTest = 200)]
    public bool Clinical_words_in_random_order_never_break_the_reader(PositiveInt seed)
    {
        string[] words = ["no", "not", "possible", "intramedullary", "T12", "-", "L1", "30", "Gy", "in", "10", "fractions", "(", ")", "cord", "enhancement",
            "months", "after", "radiotherapy", ".", ",", ";", ":", "\n", "MRI", "CSF", "cytology", "negative", "mother", "history", "of", "2/5", "x", "mm", "C5", "to", "T2"];
        var rnd = new Random(seed.Get);
        var text = string.Join(" ", Enumerable.Range(0, 60).Select(_ => words[rnd.Next(words.Length)]));
        try { TextFixture.Reader.Read(text); return true; }
        catch (InputException e) { return e.Code == "MDX-TX010"; }
    }
}
