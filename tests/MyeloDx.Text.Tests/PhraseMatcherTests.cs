using System.Text.Json;
using MyeloDx.Text.Matching;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Text.Tests;

/// <summary>
/// The phrase matcher walks a compiled form of its trie (arrays instead of a dictionary per node). It must find
/// exactly what the plain dictionary trie found, in the same order (the order reaches the reader through sorts that
/// keep ties as they come): <see cref="ReferenceMatcher"/> below is that plain trie, kept here as the yardstick.
/// </summary>
public sealed class PhraseMatcherTests
{
    // phrases that use every element kind, gap stops and the sentence-final "." next to one another
    private static readonly string[] Synthetic =
    [
        "enhanc* ... lesion", "enhanc*", "=lesion", "lesion", "cord ...2 lesion", "no ... fever", "level .", "sensory level .",
        "(t2|stir) ...5 (hyperintens*|signal)", "compress* ...3 cord", "cord compression", "back pain", "pain", "neg*",
        "mri ... normal", "normal", "\\? myelitis", "b12", "aqp4 ... positive", "positive", "30 gy", "gy", "level : none .",
    ];

    [Fact]
    public void The_compiled_trie_finds_what_the_dictionary_trie_found_in_the_same_order()
    {
        var root = TextFixture.RepoRoot();
        var rules = TextFixture.Reader.Rules;
        var phrases = VocabularyPhrases(root).Concat(Synthetic).ToList();
        var texts = Texts(Path.Combine(root, "tests", "TestData", "dev-text.jsonl"))
            .Concat(Texts(Path.Combine(root, "tests", "TestData", "text-gold", "gold.jsonl")))
            .Concat(Synthetic.Select(s => s.Replace("...", "the old").Replace("*", "ing") + ", no marked fever. Level"))
            .ToList();
        foreach (var stemmed in new[] { true, false })
        {
            var compileTokenizer = new Tokenizer(rules.Misspellings);
            var ids = new WordIds();
            var stems = stemmed ? new StemIds(rules.Words.Unstemmed) : null;
            var matcher = new PhraseMatcher(ids, stems);
            var reference = new ReferenceMatcher(ids, stems);
            var payload = 0;
            void AddAll(IEnumerable<string> ps)
            {
                foreach (var p in ps)
                {
                    foreach (var seq in PhrasePattern.Compile(p, compileTokenizer)) { matcher.Add(seq, payload); reference.Add(seq, payload); }
                    payload++;
                }
            }
            AddAll(phrases.Take(phrases.Count / 2));
            matcher.StopGapsAt(["no", "not", "negative"]);
            reference.StopGapsAt(["no", "not", "negative"]);
            var tokenizer = new Tokenizer(rules.Misspellings, ids.Freeze(), stems?.Freeze(ids.Words));
            // a first search compiles the trie; phrases added after it must be found too
            matcher.FindAll(tokenizer.Tokenize(texts[0]), 0, 0, []);
            AddAll(phrases.Skip(phrases.Count / 2));
            tokenizer = new Tokenizer(rules.Misspellings, ids.Freeze(), stems?.Freeze(ids.Words));
            var compared = 0;
            foreach (var text in texts)
            {
                var tokens = tokenizer.Tokenize(text);
                // whole texts and inner ranges (a sentence's bounds cut phrases short)
                foreach (var (from, to) in new[] { (0, tokens.Count), (tokens.Count / 3, 2 * tokens.Count / 3) })
                {
                    var got = new List<PhraseMatch>(); var want = new List<PhraseMatch>();
                    matcher.FindAll(tokens, from, to, got);
                    reference.FindAll(tokens, from, to, want);
                    Assert.Equal(want, got);
                    compared += want.Count;
                }
            }
            Assert.True(compared > 1000, $"only {compared} matches compared");
        }
    }

    [Fact]
    public void Longest_non_overlapping_selects_as_the_plain_version_did()
    {
        var root = TextFixture.RepoRoot();
        var rules = TextFixture.Reader.Rules;
        var texts = Texts(Path.Combine(root, "tests", "TestData", "dev-text.jsonl"))
            .Concat(Texts(Path.Combine(root, "tests", "TestData", "text-gold", "gold.jsonl")));
        Func<PhraseMatch, int>[] priorities = [m => (int)(rules.Terms[m.Payload].Weight * 10), m => m.Payload % 3];
        Func<int, string?>[] groups = [p => rules.Terms[p].FreeGroup, p => p % 5 == 0 ? "g" + p % 3 : null];
        var compared = 0;
        foreach (var text in texts)
        {
            var tokens = rules.Tokenizer.Tokenize(text);
            // whole notes (long candidate lists, the sort's larger paths and the heap buffers) and halves
            foreach (var (from, to) in new[] { (0, tokens.Count), (0, tokens.Count / 2) })
            {
                var all = new List<PhraseMatch>();
                rules.TermMatcher.FindAll(tokens, from, to, all);
                rules.ContextMatcher.FindAll(tokens, from, to, all);
                Assert.Equal(ReferenceLongest(all, null, null), PhraseMatcher.LongestNonOverlapping(all));
                for (var k = 0; k < priorities.Length; k++)
                {
                    Assert.Equal(ReferenceLongest(all, priorities[k], null), PhraseMatcher.LongestNonOverlapping(all, priorities[k]));
                    Assert.Equal(ReferenceLongest(all, priorities[k], groups[k]), PhraseMatcher.LongestNonOverlapping(all, priorities[k], groups[k]));
                }
                compared += all.Count;
            }
        }
        Assert.True(compared > 10_000, $"only {compared} candidates compared");
    }

    /// <summary>The selection as it was: sorted with the priority asked through the delegate at each comparison.</summary>
    private static List<PhraseMatch> ReferenceLongest(List<PhraseMatch> all, Func<PhraseMatch, int>? priority, Func<int, string?>? freeGroup)
    {
        if (all.Count <= 1) return [.. all];
        var taken = new List<PhraseMatch>();
        if (freeGroup is null) { Select(all, taken); return taken; }
        Select([.. all.Where(m => freeGroup(m.Payload) is null)], taken);
        var free = all.Where(m => freeGroup(m.Payload) is not null).ToList();
        foreach (var key in free.Select(m => freeGroup(m.Payload)).Distinct())
            Select([.. free.Where(m => freeGroup(m.Payload) == key)], taken);
        taken.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Payload.CompareTo(b.Payload));
        return taken;

        void Select(List<PhraseMatch> candidates, List<PhraseMatch> into)
        {
            var from = into.Count;
            if (candidates.Count <= 1) { into.AddRange(candidates); return; }
            var sorted = candidates.ToArray();
            sorted.AsSpan().Sort((x, y) =>
            {
                var c = y.Length.CompareTo(x.Length);
                if (c != 0) return c;
                if (priority is not null && (c = priority(y).CompareTo(priority(x))) != 0) return c;
                return x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Payload.CompareTo(y.Payload);
            });
            foreach (var m in sorted)
                if (!into.Skip(from).Any(t => Clash(m, t))) into.Add(m);
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(into)[from..].Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Payload.CompareTo(b.Payload));
        }

        static bool Clash(PhraseMatch m, PhraseMatch t)
        {
            if (!(m.Start < t.End && t.Start < m.End)) return false;
            if (m.Start == t.Start && m.End == t.End && m.Payload != t.Payload) return false;
            for (var i = Math.Max(m.Start, t.Start); i < Math.Min(m.End, t.End); i++)
                if (m.Core(i) && t.Core(i)) return true;
            return false;
        }
    }

    private static List<string> VocabularyPhrases(string root) => TextFixture.VocabularyPhrases(root);

    private static IEnumerable<string> Texts(string file) => File.ReadLines(file).Where(l => l.Trim().Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!);

    /// <summary>The matcher as it was before its trie was compiled: a dictionary per node, walked recursively.</summary>
    private sealed class ReferenceMatcher(WordIds ids, StemIds? stems)
    {
        private sealed class Node
        {
            public Dictionary<int, Node>? Exact, ByStem;
            public List<(string Prefix, Node Next)>? Prefixes;
            public List<(int Max, Node Next)>? Gaps;
            public List<int>? Accepts;
        }

        private readonly Node _root = new();
        private readonly int _periodId = ids.Get(".");
        private HashSet<int>? _gapStops;

        public void StopGapsAt(IEnumerable<string> words) => _gapStops = [.. words.Select(ids.Get)];

        public void Add(Element[] phrase, int payload)
        {
            var n = _root;
            foreach (var e in phrase)
            {
                switch (e.Kind)
                {
                    case ElementKind.Word or ElementKind.ExactWord:
                        var byStem = stems is not null && e.Kind == ElementKind.Word;
                        var wid = ids.Get(e.Text);
                        if (byStem) wid = stems!.Get(e.Text);
                        var dict = byStem ? n.ByStem ??= [] : n.Exact ??= [];
                        if (!dict.TryGetValue(wid, out var nx)) dict[wid] = nx = new Node();
                        n = nx; break;
                    case ElementKind.Prefix:
                        n.Prefixes ??= [];
                        var pi = n.Prefixes.FindIndex(p => p.Prefix == e.Text);
                        if (pi < 0) { n.Prefixes.Add((e.Text, new Node())); pi = n.Prefixes.Count - 1; }
                        n = n.Prefixes[pi].Next; break;
                    case ElementKind.Gap:
                        n.Gaps ??= [];
                        var gi = n.Gaps.FindIndex(g => g.Max == e.Max);
                        if (gi < 0) { n.Gaps.Add((e.Max, new Node())); gi = n.Gaps.Count - 1; }
                        n = n.Gaps[gi].Next; break;
                }
            }
            n.Accepts ??= [];
            if (!n.Accepts.Contains(payload)) n.Accepts.Add(payload);
        }

        public void FindAll(List<Token> tokens, int from, int to, List<PhraseMatch> output)
        {
            for (var i = from; i < to; i++)
            {
                if (tokens[i].Kind == TokenKind.Punct && !tokens[i].Hard) continue;
                Walk(_root, tokens, i, i, to, output, 0, -1, -1);
            }
        }

        private void Walk(Node n, List<Token> tokens, int start, int pos, int to, List<PhraseMatch> output, int depth, int gs, int ge, bool accept = true)
        {
            if (accept && n.Accepts is { } acc)
                foreach (var p in acc) output.Add(new PhraseMatch(p, start, pos, gs, ge));
            if (depth > 64) return;
            while (pos < to && tokens[pos].Kind == TokenKind.Punct && !tokens[pos].Hard) pos++;
            if (pos >= to)
            {
                if (accept && pos > start && n.Exact is { } atEnd && atEnd.TryGetValue(_periodId, out var endNode) && endNode.Accepts is { } endAccepts)
                    foreach (var p in endAccepts) output.Add(new PhraseMatch(p, start, pos, gs, ge));
                return;
            }
            Step(n, tokens, start, pos, to, output, depth, gs, ge);
            // the label colon ("Copper: low."), as the node walk read it
            if (pos > start && tokens[pos].Kind == TokenKind.Punct && tokens[pos].Text == ":"
                && PhraseMatcher.IsLabelColon(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens), pos, to))
                Walk(n, tokens, start, pos + 1, to, output, depth + 1, gs, ge, accept: false);
            if (n.Gaps is { } gaps)
            {
                foreach (var (max, nx) in gaps)
                {
                    WalkNoAccept(nx, tokens, start, pos, to, output, depth + 1, gs, ge);
                    var p = pos; var skipped = 0;
                    while (skipped < max && p < to)
                    {
                        var tk = tokens[p];
                        if (tk.Hard && tk.Text != ",") break;
                        if (tk.Id >= 0 && _gapStops is { } stops && stops.Contains(tk.Id)) break;
                        p++;
                        if (tk.Kind != TokenKind.Punct) skipped++;
                        WalkNoAccept(nx, tokens, start, p, to, output, depth + 1, pos, p);
                    }
                }
            }
        }

        private void WalkNoAccept(Node n, List<Token> tokens, int start, int pos, int to, List<PhraseMatch> output, int depth, int gs, int ge)
        {
            while (pos < to && tokens[pos].Kind == TokenKind.Punct && !tokens[pos].Hard) pos++;
            if (pos >= to) return;
            Step(n, tokens, start, pos, to, output, depth, gs, ge);
        }

        private void Step(Node n, List<Token> tokens, int start, int pos, int to, List<PhraseMatch> output, int depth, int gs, int ge)
        {
            var t = tokens[pos];
            if (t.Id >= 0 && n.Exact is { } ex && ex.TryGetValue(t.Id, out var next)) Walk(next, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
            if (t.StemId >= 0 && n.ByStem is { } bs && bs.TryGetValue(t.StemId, out var sn)) Walk(sn, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
            if (n.Prefixes is { } pre && t.Kind != TokenKind.Punct)
                foreach (var (prefix, nx) in pre)
                    if (t.Text.StartsWith(prefix, StringComparison.Ordinal)) Walk(nx, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
        }
    }
}
