using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Tests.InputHandling;

/// <summary>
/// The streaming normalisation must give exactly the text the JSON tree gives, or the same coded error: on every JSON
/// document and JSON line in the repository's test data and samples, and on random mutations of them.
/// </summary>
public class PlainJsonNormalizerTests
{
    private static IEnumerable<string> Documents()
    {
        var root = TestPaths.RepoRoot;
        foreach (var dir in new[] { "tests/TestData", "samples", "tests/MyeloDx.Web.Tests", "tests/MyeloDx.Fhir.Tests", "tests/MyeloDx.Cli.Tests" })
        {
            var full = Path.Combine(root, dir);
            if (!Directory.Exists(full)) continue;
            foreach (var f in Directory.EnumerateFiles(full, "*.json", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")))
                yield return File.ReadAllText(f);
            foreach (var f in Directory.EnumerateFiles(full, "*.jsonl", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")).Take(20))
                foreach (var line in File.ReadLines(f).Where(l => l.Trim().Length > 0).Take(200))
                    yield return line;
        }
    }

    private static string Outcome(Func<string> f)
    {
        try { return "ok:" + f(); }
        catch (InputException e) { return $"error:{e.Code}:{e.Message}"; }
    }

    private static void Same(string json)
    {
        var tree = Outcome(() => InputNormalizer.TreeJson(json, "body"));
        var fast = PlainJsonNormalizer.TryNormalize(json, "body");
        if (fast is not null) Assert.Equal(tree, "ok:" + fast);
        Assert.Equal(tree, Outcome(() => InputNormalizer.Json(json, "body")));
    }

    [Fact]
    public void Every_test_document_normalises_to_the_trees_text()
    {
        var n = 0;
        var fast = 0;
        foreach (var d in Documents())
        {
            Same(d);
            n++;
            if (PlainJsonNormalizer.TryNormalize(d, "body") is not null) fast++;
        }
        Assert.True(n > 100, $"only {n} documents found");
        // most real bodies take the streaming path; otherwise this test would prove little
        Assert.True(fast > n / 2, $"{fast} of {n} took the streaming path");
    }

    private static readonly string[] Inserts =
    [
        " ", "\n", "/* c */", "// c\n", ",", ",,", "{", "}", "[", "]", "\"", "\\", "\\n", "\\\"", "\\/", "\\t", "\\u0041",
        "\\ud800", "\ud83d\ude00", "\ud800", "é", "\uff21", "\u0661", "\u0000", "\u0007", "\u2028", "<", ">", "&", "+", "'",
        "1e400", "-0", "1.0", "0x1", "true", "null", "NaN", "\"a\":1,", "\"a\":1,\"a\":2", "\"x\":{\"y\":[1,{\"y\":2}]},",
    ];

    [Fact]
    public void Random_mutations_give_the_same_text_or_the_same_error()
    {
        var docs = Documents().Where(d => d.Length < 20_000).Take(300).ToArray();
        var rng = new Random(17);
        for (var i = 0; i < 6000; i++)
        {
            var d = docs[rng.Next(docs.Length)];
            var at = rng.Next(d.Length + 1);
            var mutated = rng.Next(3) switch
            {
                0 => d.Insert(at, Inserts[rng.Next(Inserts.Length)]),
                1 => d.Remove(at, Math.Min(rng.Next(1, 4), d.Length - at)),
                _ => d[..at],
            };
            Same(mutated);
        }
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":{\"b\":1},\"c\":{\"b\":2}}")]
    [InlineData("[{\"a\":1},{\"a\":1}]")]
    [InlineData("{\"a\":[{\"a\":1}],\"b\":1}")]
    [InlineData("{\"\uff41\":1,\"a\":2}")]
    [InlineData("{\"a\":\"\uff21\u0661 x\",\"n\":[1e400,-0,1.50,2E+3]}")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("  /* only a comment */ ")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":\"<b>&'+\\\"\\\\\\/\\n\"}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    [InlineData("{\"a\":\"it\\u0027s \\u00e9 \\ud83d\\ude00 \\u003Cb\\u003E\",\"\\u0062\":1}")]
    [InlineData("{\"a\":\"\\u0000 \\ud800 x\"}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    public void Edge_documents_give_the_same_text_or_the_same_error(string json) => Same(json);

    [Fact]
    public void Escapes_the_repair_leaves_alone_take_the_streaming_path()
    {
        // as a serialiser's default encoder writes a CDS Hooks request: apostrophes, accents and emoji escaped
        const string json = "{\"note\":\"it\\u0027s \\u00e9 \\ud83d\\ude00\",\"n\":1}";
        Assert.NotNull(PlainJsonNormalizer.TryNormalize(json, "body"));
        Same(json);
    }
}
