namespace MyeloDx.Text.Matching;

/// <summary>A phrase found in the text: payload id and token range [Start, End) in the token list.</summary>
internal readonly record struct PhraseMatch(int Payload, int Start, int End, int GapStart = -1, int GapEnd = -1)
{
    public int Length => End - Start;

    /// <summary>True when token i is one the phrase matched (not a word skipped by a "..." gap).</summary>
    public bool Core(int i) => i >= Start && i < End && !(i >= GapStart && i < GapEnd);

    /// <summary>True when every token of [from, to) lies in the phrase's "..." gap (true for an empty range).</summary>
    public bool OnlyGap(int from, int to)
    {
        for (var q = from; q < to; q++)
            if (!(q >= Start && q < End && !Core(q))) return false;
        return true;
    }
}

/// <summary>
/// A trie over compiled phrases, built once and read-only afterwards (thread-safe). Matching walks the trie from
/// every token of a sentence; each step is a dictionary look-up (plus a short list of prefixes and bounded gaps),
/// so the cost is linear in the text length for a fixed rule set. No regular expressions are involved.
/// </summary>
/// <summary>Numbers every word the rules use, so matching compares integers, not strings. Filled while the rules load, frozen after.</summary>
internal sealed class WordIds
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    public int Get(string word)
    {
        if (!_ids.TryGetValue(word, out var id)) _ids[word] = id = _ids.Count;
        return id;
    }
    public IEnumerable<string> Words => _ids.Keys;
    public System.Collections.Frozen.FrozenDictionary<string, int> Freeze() => System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(_ids, StringComparer.Ordinal);
}

internal sealed class PhraseMatcher
{
    private sealed class Node
    {
        public Dictionary<int, Node>? Exact;
        public Dictionary<int, Node>? ByStem;
        public List<(string Prefix, Node Next)>? Prefixes;
        public List<(int Max, Node Next)>? Gaps;
        public List<int>? Accepts;
    }

    private readonly Node _root = new();
    private readonly WordIds _ids;
    private readonly StemIds? _stems;
    public int PhraseCount { get; private set; }
    private HashSet<int>? _gapStops;

    /// <summary>
    /// Words a "..." gap never skips (negations such as "no", "negative"): "cytology negative for malignancy" must not
    /// match "cytology ... malignant", because the word in the gap reverses what the phrase says. Set while loading.
    /// </summary>
    public void StopGapsAt(IEnumerable<string> words)
    {
        _gapStops = [];
        foreach (var w in words) _gapStops.Add(_ids.Get(w));
    }

    /// <param name="ids">The word numbering shared by every matcher of a rule set (the tokenizer numbers text words the same way).</param>
    /// <param name="stems">When given, words match by stem (any inflection or derivation), not by exact form.</param>
    public PhraseMatcher(WordIds ids, StemIds? stems = null) { _ids = ids; _stems = stems; _periodId = ids.Get("."); }

    // a phrase ending in "." also matches at the end of a sentence without one ("Sensory level: none" on its own line)
    private readonly int _periodId;

    public void Add(Element[] phrase, int payload)
    {
        var n = _root;
        foreach (var e in phrase)
        {
            switch (e.Kind)
            {
                case ElementKind.Word or ElementKind.ExactWord:
                    var wid = _ids.Get(e.Text);
                    var byStem = _stems is not null && e.Kind == ElementKind.Word;
                    var dict = byStem ? n.ByStem ??= [] : n.Exact ??= [];
                    if (byStem) wid = _stems!.Get(e.Text);
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
        PhraseCount++;
    }

    /// <summary>Every match that starts and ends inside tokens [from, to).</summary>
    public void FindAll(IReadOnlyList<Token> tokens, int from, int to, List<PhraseMatch> output)
    {
        // over a span of the token list: the walk reads tokens many times, and each read through IReadOnlyList was an
        // interface call copying a 40-byte token
        ReadOnlySpan<Token> span = tokens is List<Token> list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : [.. tokens];
        FindAll(span, from, to, output);
    }

    private void FindAll(ReadOnlySpan<Token> tokens, int from, int to, List<PhraseMatch> output)
    {
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Kind == TokenKind.Punct && !tokens[i].Hard) continue;
            Walk(_root, tokens, i, i, to, output, 0, -1, -1);
        }
    }

    private void Walk(Node n, ReadOnlySpan<Token> tokens, int start, int pos, int to, List<PhraseMatch> output, int depth, int gs, int ge, bool accept = true)
    {
        if (accept && n.Accepts is { } acc)
            foreach (var p in acc) output.Add(new PhraseMatch(p, start, pos, gs, ge));
        if (depth > 64) return;
        // skip soft punctuation (brackets, %, quotes) between words
        while (pos < to && tokens[pos].Kind == TokenKind.Punct && !tokens[pos].Hard) pos++;
        if (pos >= to)
        {
            if (accept && pos > start && n.Exact is { } atEnd && atEnd.TryGetValue(_periodId, out var endNode) && endNode.Accepts is { } endAccepts)
                foreach (var p in endAccepts) output.Add(new PhraseMatch(p, start, pos, gs, ge));
            return;
        }
        ref readonly var t = ref tokens[pos];
        if (t.Id >= 0 && n.Exact is { } ex && ex.TryGetValue(t.Id, out var next)) Walk(next, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
        if (t.StemId >= 0 && n.ByStem is { } bs && bs.TryGetValue(t.StemId, out var sn)) Walk(sn, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
        if (n.Prefixes is { } pre && t.Kind != TokenKind.Punct)
            foreach (var (prefix, nx) in pre)
                if (t.Text.StartsWith(prefix, StringComparison.Ordinal)) Walk(nx, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
        // "Copper: low.", "Cord: expanded.", "CSF protein: raised": a short label, a colon and a short value say what
        // "copper low" says, so a phrase may read on across that colon (never across a colon that opens a longer text)
        if (pos > start && t.Kind == TokenKind.Punct && t.Text == ":" && IsLabelColon(tokens, pos, to))
            Walk(n, tokens, start, pos + 1, to, output, depth + 1, gs, ge, accept: false);
        if (n.Gaps is { } gaps)
        {
            foreach (var (max, nx) in gaps)
            {
                // skip 0..max words (and any commas between them); the element after the gap must match next
                WalkNoAccept(nx, tokens, start, pos, to, output, depth + 1, gs, ge);
                var p = pos; var skipped = 0;
                while (skipped < max && p < to)
                {
                    ref readonly var tk = ref tokens[p];
                    if (tk.Hard && tk.Text != ",") break; // gaps skip commas (lists) but never . ; : ? !
                    if (tk.Id >= 0 && _gapStops is { } stops && stops.Contains(tk.Id)) break;
                    p++;
                    if (tk.Kind != TokenKind.Punct) skipped++;
                    WalkNoAccept(nx, tokens, start, p, to, output, depth + 1, pos, p);
                }
            }
        }
    }

    /// <summary>Longest label before a colon and longest value after it, in words, for a "label: value" item.</summary>
    public const int LabelColonMaxLabelWords = 4, LabelColonMaxValueWords = 3;

    /// <summary>
    /// True when the colon at <paramref name="colon"/> joins a short label to a short value inside one clause: at most
    /// <see cref="LabelColonMaxLabelWords"/> words back to the previous hard punctuation (or the text's start) and
    /// one to <see cref="LabelColonMaxValueWords"/> words up to the next (or the span's end).
    /// </summary>
    private static bool IsLabelColon(ReadOnlySpan<Token> tokens, int colon, int to)
    {
        var label = 0;
        for (var q = colon - 1; q >= 0 && !tokens[q].Hard; q--)
            if (tokens[q].Kind != TokenKind.Punct && ++label > LabelColonMaxLabelWords) return false;
        var value = 0;
        for (var q = colon + 1; q < to && !tokens[q].Hard; q++)
            if (tokens[q].Kind != TokenKind.Punct && ++value > LabelColonMaxValueWords) return false;
        return label > 0 && value > 0;
    }

    // after a gap, the next element must match before anything is accepted (a phrase never ends with a gap)
    private void WalkNoAccept(Node n, ReadOnlySpan<Token> tokens, int start, int pos, int to, List<PhraseMatch> output, int depth, int gs, int ge)
    {
        while (pos < to && tokens[pos].Kind == TokenKind.Punct && !tokens[pos].Hard) pos++;
        if (pos >= to) return;
        ref readonly var t = ref tokens[pos];
        if (t.Id >= 0 && n.Exact is { } ex && ex.TryGetValue(t.Id, out var next)) Walk(next, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
        if (t.StemId >= 0 && n.ByStem is { } bs && bs.TryGetValue(t.StemId, out var sn)) Walk(sn, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
        if (n.Prefixes is { } pre && t.Kind != TokenKind.Punct)
            foreach (var (prefix, nx) in pre)
                if (t.Text.StartsWith(prefix, StringComparison.Ordinal)) Walk(nx, tokens, start, pos + 1, to, output, depth + 1, gs, ge);
    }

    /// <summary>Longest matches first, then leftmost, then the earliest payload; overlapping shorter matches are dropped.</summary>
    /// <remarks>Called once per sentence for terms and for modifiers: the candidates are sorted and grouped in buffers
    /// on the stack (the profile showed the per-sentence list copies, and then the shared array pool's Rent), and each
    /// selection is sorted exactly as the list version sorted it, so the same candidates give the same result in the
    /// same order.</remarks>
    public static List<PhraseMatch> LongestNonOverlapping(List<PhraseMatch> all, Func<PhraseMatch, int>? priority = null, Func<int, string?>? freeGroup = null)
    {
        if (all.Count <= 1) return [.. all];
        var input = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all);
        var taken = new List<PhraseMatch>(Math.Min(all.Count, 32));
        if (freeGroup is null) { Select(input, priority, taken); return taken; }
        // phrases marked free neither suppress nor are suppressed by other phrases ("several ovoid T2 lesions" and
        // "lesions in the cervical cord"); they compete only with phrases of their own group
        Span<PhraseMatch> buffer = all.Count <= StackMatches / 2 ? stackalloc PhraseMatch[all.Count * 2] : new PhraseMatch[all.Count * 2];
        {
            int nFixed = 0, nFree = 0;
            var fixedPart = buffer[..all.Count]; var freePart = buffer.Slice(all.Count, all.Count);
            foreach (var m in input) if (freeGroup(m.Payload) is null) fixedPart[nFixed++] = m; else freePart[nFree++] = m;
            Select(fixedPart[..nFixed], priority, taken);
            // the free groups in order of first appearance, each in input order; a group is gathered in the (now unused)
            // fixed part of the buffer
            var done = new bool[nFree];
            for (var i = 0; i < nFree; i++)
            {
                if (done[i]) continue;
                var key = freeGroup(freePart[i].Payload);
                var n = 0;
                for (var j = i; j < nFree; j++)
                    if (!done[j] && string.Equals(freeGroup(freePart[j].Payload), key, StringComparison.Ordinal)) { fixedPart[n++] = freePart[j]; done[j] = true; }
                Select(fixedPart[..n], priority, taken);
            }
        }
        taken.Sort(ByPosition);
        return taken;
    }

    // candidates sorted on the stack up to this many (20 bytes each); a sentence rarely has more
    private const int StackMatches = 256;

    private static readonly Comparison<PhraseMatch> ByPosition = (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Payload.CompareTo(b.Payload);

    /// <summary>The longest non-clashing matches of <paramref name="candidates"/>, appended to <paramref name="taken"/> in position order.</summary>
    private static void Select(ReadOnlySpan<PhraseMatch> candidates, Func<PhraseMatch, int>? priority, List<PhraseMatch> taken)
    {
        var from = taken.Count;
        if (candidates.Length <= 1) { taken.AddRange(candidates); return; }
        Span<PhraseMatch> sorted = candidates.Length <= StackMatches ? stackalloc PhraseMatch[candidates.Length] : new PhraseMatch[candidates.Length];
        {
            candidates.CopyTo(sorted);
            sorted.Sort((x, y) =>
            {
                var c = y.Length.CompareTo(x.Length);
                if (c != 0) return c;
                if (priority is not null && (c = priority(y).CompareTo(priority(x))) != 0) return c;
                return x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Payload.CompareTo(y.Payload);
            });
            foreach (var m in sorted)
            {
                var clash = false;
                for (var k = from; k < taken.Count; k++)
                    if (Clash(m, taken[k])) { clash = true; break; }
                if (!clash) taken.Add(m);
            }
        }
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(taken)[from..].Sort(ByPosition);
    }

    /// <summary>
    /// Two matches clash when they share a matched token. Words skipped by a gap are free for other phrases
    /// ("multiple [intradural extramedullary] nodules"); two phrases over exactly the same words both stand.
    /// </summary>
    private static bool Clash(PhraseMatch m, PhraseMatch t)
    {
        if (!(m.Start < t.End && t.Start < m.End)) return false;
        if (m.Start == t.Start && m.End == t.End && m.Payload != t.Payload) return false;
        for (var i = Math.Max(m.Start, t.Start); i < Math.Min(m.End, t.End); i++)
            if (m.Core(i) && t.Core(i)) return true;
        return false;
    }
}
