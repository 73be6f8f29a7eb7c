using System.Collections.Frozen;
using MyeloDx.Core.Knowledge;
using MyeloDx.Text.Matching;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Text.Rules;

/// <summary>
/// Reads knowledge/text/word-lists.yaml strictly: a mapping <c>lists:</c> of name → { use, words }, every list the
/// reader requires present, no unknown list, each word a single token. Words go through the same spelling folding and
/// misspelling table as the text, so they compare with tokens directly.
/// </summary>
internal static class WordListsLoader
{
    public const string File = "text/word-lists.yaml";

    public static WordLists? Read(IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string> misspellings, List<KnowledgeDiagnostic> d)
    {
        if (!files.TryGetValue(File, out var text)) { d.Add(new("MDX-TX001", File, 0, "required text-rule file is missing")); return null; }
        var root = KnowledgeYaml.ParseMapping(text, File, "MDX-TX", d);
        if (root is null) return null;
        var before = d.Count;
        foreach (var k in root.Children.Keys)
            if ((k as YamlScalarNode)?.Value is not ("version" or "note" or "lists"))
                d.Add(new("MDX-TX002", File, (int)k.Start.Line, $"unknown key '{(k as YamlScalarNode)?.Value}' (allowed: version, note, lists)"));
        if (!root.Children.TryGetValue(new YamlScalarNode("lists"), out var listsNode) || listsNode is not YamlMappingNode lists)
        {
            d.Add(new("MDX-TX003", File, (int)root.Start.Line, "missing 'lists' (a mapping of list name to its use and words)"));
            return null;
        }
        var read = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var (k, v) in lists.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            var line = (int)k.Start.Line;
            if (!WordLists.Required.ContainsKey(name)) { d.Add(new("MDX-TX002", File, line, $"unknown word list '{name}' (known: {string.Join(", ", WordLists.Required.Keys.Order())})")); continue; }
            if (read.ContainsKey(name)) { d.Add(new("MDX-TX009", File, line, $"word list '{name}' is listed twice")); continue; }
            if (v is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode("words"), out var wn) || wn is not YamlSequenceNode ws || ws.Children.Count == 0)
            { d.Add(new("MDX-TX003", File, line, $"word list '{name}' needs 'words': a non-empty list")); continue; }
            foreach (var key in m.Children.Keys)
                if ((key as YamlScalarNode)?.Value is not ("use" or "words"))
                    d.Add(new("MDX-TX002", File, (int)key.Start.Line, $"unknown key '{(key as YamlScalarNode)?.Value}' (allowed: use, words)"));
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var w in ws.Children)
            {
                var word = (w as YamlScalarNode)?.Value?.Trim().ToLowerInvariant();
                if (string.IsNullOrEmpty(word) || word.Any(char.IsWhiteSpace)) { d.Add(new("MDX-TX002", File, (int)w.Start.Line, $"a word of '{name}' must be one token")); continue; }
                var canonical = Spelling.Canonical(word);
                set.Add(misspellings.TryGetValue(canonical, out var fixedWord) ? fixedWord : canonical);
            }
            read[name] = set.ToFrozenSet(StringComparer.Ordinal);
        }
        foreach (var name in WordLists.Required.Keys.Order())
            if (!read.ContainsKey(name)) d.Add(new("MDX-TX003", File, (int)lists.Start.Line, $"missing word list '{name}': {WordLists.Required[name]}"));
        return d.Count > before ? null : new WordLists(read.ToFrozenDictionary(StringComparer.Ordinal), File);
    }
}
