using System.Text.Json;
using MyeloDx.Text.Matching;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Text.Tests;

/// <summary>
/// No vocabulary phrase may exist only because one dev vignette used it: every phrase that matches exactly one dev
/// case (tests/TestData/dev-text.jsonl) and nothing in the sentence gold set (tests/TestData/text-gold/gold.jsonl)
/// must be listed with a reason in tests/MyeloDx.Text.Tests/Specs/single-case-phrases.yaml (a general clinical expression the gold
/// set lacks), or be deleted.
/// </summary>
public class SingleCasePhraseTests
{
    [Fact]
    public void Phrases_that_match_one_dev_case_and_no_gold_sentence_are_justified()
    {
        var root = TextFixture.RepoRoot();
        var phrases = TextFixture.VocabularyPhrases(root);

        // one matcher over every phrase, payload = phrase index; the same spelling table and stems as the reader
        var rules = TextFixture.Reader.Rules;
        var compileTokenizer = new Tokenizer(rules.Misspellings);
        var ids = new WordIds(); var stems = new StemIds(rules.Words.Unstemmed);
        var matcher = new PhraseMatcher(ids, stems);
        for (var i = 0; i < phrases.Count; i++)
            foreach (var seqn in PhrasePattern.Compile(phrases[i], compileTokenizer)) matcher.Add(seqn, i);
        var tokenizer = new Tokenizer(rules.Misspellings, ids.Freeze(), stems.Freeze(ids.Words));

        HashSet<int> Matched(string text)
        {
            var toks = tokenizer.Tokenize(text);
            var found = new List<PhraseMatch>();
            matcher.FindAll(toks, 0, toks.Count, found);
            return found.Select(f => f.Payload).ToHashSet();
        }
        IEnumerable<string> Texts(string file) => File.ReadLines(file).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!);

        var devCount = new int[phrases.Count];
        foreach (var t in Texts(Path.Combine(root, "tests", "TestData", "dev-text.jsonl")))
            foreach (var p in Matched(t)) devCount[p]++;
        var inGold = new HashSet<int>();
        foreach (var t in Texts(Path.Combine(root, "tests", "TestData", "text-gold", "gold.jsonl"))) inGold.UnionWith(Matched(t));

        var justified = new HashSet<string>(StringComparer.Ordinal);
        var jfile = Path.Combine(root, "tests", "MyeloDx.Text.Tests", "Specs", "single-case-phrases.yaml");
        if (File.Exists(jfile))
        {
            var jy = new YamlStream();
            jy.Load(new StringReader(File.ReadAllText(jfile)));
            if (jy.Documents.Count > 0 && jy.Documents[0].RootNode is YamlMappingNode jm
                && jm.Children.TryGetValue(new YamlScalarNode("phrases"), out var list) && list is YamlSequenceNode js)
                foreach (var e in js.OfType<YamlMappingNode>())
                    if (e.Children.TryGetValue(new YamlScalarNode("phrase"), out var ph) && e.Children.TryGetValue(new YamlScalarNode("reason"), out var why)
                        && ((YamlScalarNode)why).Value is { Length: > 10 })
                        justified.Add(((YamlScalarNode)ph).Value!);
        }
        var offenders = Enumerable.Range(0, phrases.Count)
            .Where(i => devCount[i] == 1 && !inGold.Contains(i) && !justified.Contains(phrases[i]))
            .Select(i => phrases[i]).Distinct().ToList();
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} phrase(s) match exactly one dev case and no gold sentence; justify them in tests/MyeloDx.Text.Tests/Specs/single-case-phrases.yaml or delete them:\n  "
            + string.Join("\n  ", offenders));
    }
}
