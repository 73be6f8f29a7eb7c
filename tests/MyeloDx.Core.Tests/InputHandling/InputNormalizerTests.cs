using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Tests.InputHandling;

public class InputNormalizerTests
{
    // Fragments that stress escape repair: backslashes, escapes, astral characters (surrogate pairs), lone halves.
    private static readonly string[] Pieces =
    [
        "\\", "\\\\", "\\u", "\\ud83d", "\\ude00", "\\ud83d\\ude00", "\\u00", "\ud83d\ude00", "\ud83d", "\ude00",
        "\"", "{", "}", "[", "]", ":", ",", "a", "1", "\uff3c", "\uff55", "text", " ",
    ];

    private static Gen<string> Mixed() =>
        Gen.Elements(Pieces).ListOf().Resize(24).Select(parts => string.Concat(parts));

    [Fact]
    public void A_backslash_before_an_astral_character_is_a_coded_error_not_a_crash()
    {
        var body = "\\\ud83d\ude00";
        var e = Assert.Throws<InputException>(() => InputNormalizer.ParseJson(body, "body"));
        Assert.Equal("MDX-IN001", e.Code);
    }

    [Fact]
    public void Repaired_text_is_always_valid_UTF16()
    {
        Prop.ForAll(Mixed().ToArbitrary(), s =>
        {
            var repaired = InputNormalizer.RepairEscapes(s);
            for (var i = 0; i < repaired.Length; i++)
            {
                if (char.IsHighSurrogate(repaired[i]) && i + 1 < repaired.Length && char.IsLowSurrogate(repaired[i + 1])) { i++; continue; }
                if (char.IsSurrogate(repaired[i])) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parsing_any_text_as_JSON_either_succeeds_or_gives_a_coded_error()
    {
        Prop.ForAll(Mixed().ToArbitrary(), s =>
        {
            try { _ = InputNormalizer.ParseJson(s, "body"); }
            catch (InputException) { }
            // Round-trip through UTF-8 as an HTTP body would be, and through the text normaliser first (the web path).
            var body = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(InputNormalizer.Text(s)));
            try { _ = InputNormalizer.ParseJson(body, "body"); }
            catch (InputException) { }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_valid_escaped_pair_survives_repair()
    {
        var node = InputNormalizer.ParseJson("{\"text\": \"smile \\ud83d\\ude00\"}", "body");
        Assert.Equal("smile \ud83d\ude00", node!["text"]!.GetValue<string>());
    }
}
