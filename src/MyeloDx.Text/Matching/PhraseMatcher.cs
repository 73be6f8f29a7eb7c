namespace MyeloDx.Text.Matching;

/// <summary>A phrase found in the text: payload id and token range [Start, End) in the token list.</summary>
internal readonly record struct PhraseMatch(int Payload, int Start, int End, int GapStart = -1, int GapEnd = -1)
{
    public int Length => End - Start;

    /// <summary>True when token i is one the phrase matched (not a word skipped by a "..." gap).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
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
/// every token of a sentence; each step is a look-up by word or stem id (plus a short list of prefixes and bounded gaps),
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
        _compiled = null;
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
        _compiled = null;
    }

    /// <summary>Every match that starts and ends inside tokens [from, to).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // twice per sentence, no loop: see Token.Hard
    public void FindAll(IReadOnlyList<Token> tokens, int from, int to, List<PhraseMatch> output)
    {
        // over a span of the token list: the walk reads tokens many times, and each read through IReadOnlyList was an
        // interface call copying a 40-byte token
        ReadOnlySpan<Token> span = tokens is List<Token> list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : [.. tokens];
        FindAll(span, from, to, output);
    }

    private void FindAll(ReadOnlySpan<Token> tokens, int from, int to, List<PhraseMatch> output)
    {
        var c = Compiled();
        var w = new Walker(c, tokens, to, output);
        // the root has no accepts and no gaps (a phrase is never empty and never starts with a gap), so a walk from it is
        // its step alone; the general walk stays for a root that ever has either
        var plainRoot = c.Nodes[0].NAccepts == 0 && c.Nodes[0].NGaps == 0;
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Kind == TokenKind.Punct && !tokens[i].Hard) continue;
            if (plainRoot) w.StepRoot(i);
            else w.Walk(0, i, i, 0, -1, -1);
        }
    }

    // The trie as it is walked: built from the nodes on first use after the last change (loading adds phrases, then only
    // reads). The profile (2026-12-07, 20,000 notes on one core) had a quarter of a note's time in the walk and a third of
    // that in Dictionary look-ups: the term trie has about 116,000 nodes, each with up to two dictionaries, so a look-up
    // chased node -> dictionary -> buckets -> entries. Here a node is one struct in an array and its children are sorted
    // (word or stem id, node) pairs in one shared array; the root, which every token starts from, is indexed directly
    // by id. The walk visits children in the same order as before, so the matches come out in the same order.
    private volatile CompiledTrie? _compiled;

    private CompiledTrie Compiled() => _compiled ?? (_compiled = CompiledTrie.From(_root, _gapStops, _periodId));

    private sealed class CompiledTrie
    {
        public struct Shape
        {
            public int Edges, NExact, NStem, Prefixes, NPrefixes, Gaps, NGaps, Accepts, NAccepts;
        }

        public Shape[] Nodes = [];
        public (int Key, int Next)[] Edges = [];
        public string[] PrefixText = [];
        public int[] PrefixNext = [];
        public int[] GapMax = [];
        public int[] GapNext = [];
        public int[] Accepts = [];
        // the root's exact and stem children by id (-1: none)
        public int[] RootExact = [], RootStem = [];
        // the root's prefixes by the first character of a word (ASCII; 128: any other), each list in the prefixes' order:
        // every token is tried at the root, and most words share their first letter with none of its prefixes
        public int[] RootPrefixFrom = [], RootPrefixes = [];
        // word ids a gap never skips, by id
        public bool[] GapStop = [];
        public int PeriodId;

        public static CompiledTrie From(Node root, HashSet<int>? gapStops, int periodId)
        {
            // number the nodes breadth-first, then fill each node's slices: every token of a note starts a walk at the root's
            // children and nearly all walks end one or two words later, so the first levels (their shapes and their edges)
            // are what the walk reads most; breadth-first they lie together in memory instead of one per subtree. The
            // numbering changes nothing the walk visits or the order it visits it in.
            var order = new List<Node>();
            var index = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
            var queue = new Queue<Node>();
            index[root] = 0; order.Add(root); queue.Enqueue(root);
            while (queue.Count > 0)
            {
                var n = queue.Dequeue();
                if (n.Exact is { } ex) foreach (var (_, nx) in ex.OrderBy(e => e.Key)) Number(nx);
                if (n.ByStem is { } bs) foreach (var (_, nx) in bs.OrderBy(e => e.Key)) Number(nx);
                if (n.Prefixes is { } pre) foreach (var (_, nx) in pre) Number(nx);
                if (n.Gaps is { } gaps) foreach (var (_, nx) in gaps) Number(nx);
            }
            void Number(Node nx)
            {
                if (index.ContainsKey(nx)) return;
                index[nx] = order.Count; order.Add(nx); queue.Enqueue(nx);
            }
            var c = new CompiledTrie { Nodes = new Shape[order.Count], PeriodId = periodId };
            var edges = new List<(int, int)>(); var prefixText = new List<string>(); var prefixNext = new List<int>();
            var gapMax = new List<int>(); var gapNext = new List<int>(); var accepts = new List<int>();
            for (var i = 0; i < order.Count; i++)
            {
                var n = order[i];
                ref var sh = ref c.Nodes[i];
                sh.Edges = edges.Count;
                if (n.Exact is { } ex) { foreach (var (k, nx) in ex.OrderBy(e => e.Key)) edges.Add((k, index[nx])); sh.NExact = ex.Count; }
                if (n.ByStem is { } bs) { foreach (var (k, nx) in bs.OrderBy(e => e.Key)) edges.Add((k, index[nx])); sh.NStem = bs.Count; }
                sh.Prefixes = prefixText.Count;
                if (n.Prefixes is { } pre) { foreach (var (p, nx) in pre) { prefixText.Add(p); prefixNext.Add(index[nx]); } sh.NPrefixes = pre.Count; }
                sh.Gaps = gapMax.Count;
                if (n.Gaps is { } gaps) { foreach (var (m, nx) in gaps) { gapMax.Add(m); gapNext.Add(index[nx]); } sh.NGaps = gaps.Count; }
                sh.Accepts = accepts.Count;
                if (n.Accepts is { } acc) { accepts.AddRange(acc); sh.NAccepts = acc.Count; }
            }
            c.Edges = [.. edges]; c.PrefixText = [.. prefixText]; c.PrefixNext = [.. prefixNext];
            c.GapMax = [.. gapMax]; c.GapNext = [.. gapNext]; c.Accepts = [.. accepts];
            c.RootExact = Dense(root.Exact, index); c.RootStem = Dense(root.ByStem, index);
            ref readonly var r = ref c.Nodes[0];
            c.RootPrefixFrom = new int[130];
            var byFirst = new List<int>();
            for (var ch = 0; ch <= 128; ch++)
            {
                c.RootPrefixFrom[ch] = byFirst.Count;
                for (var q = r.Prefixes; q < r.Prefixes + r.NPrefixes; q++)
                    if (ch == 128 || c.PrefixText[q].Length == 0 || c.PrefixText[q][0] == ch) byFirst.Add(q);
            }
            c.RootPrefixFrom[129] = byFirst.Count;
            c.RootPrefixes = [.. byFirst];
            if (gapStops is { Count: > 0 })
            {
                c.GapStop = new bool[gapStops.Max() + 1];
                foreach (var id in gapStops) if (id >= 0) c.GapStop[id] = true;
            }
            return c;
        }

        private static int[] Dense(Dictionary<int, Node>? children, Dictionary<Node, int> index)
        {
            if (children is null || children.Count == 0) return [];
            var a = new int[children.Keys.Max() + 1];
            Array.Fill(a, -1);
            foreach (var (k, nx) in children) if (k >= 0) a[k] = index[nx];
            return a;
        }

        /// <summary>The child of node n reached by word id (stem: false) or stem id (stem: true); -1 when none.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int Child(int n, int key, bool stem)
        {
            if (n == 0)
            {
                var dense = stem ? RootStem : RootExact;
                return (uint)key < (uint)dense.Length ? dense[key] : -1;
            }
            ref readonly var sh = ref Nodes[n];
            int lo = stem ? sh.Edges + sh.NExact : sh.Edges, count = stem ? sh.NStem : sh.NExact;
            if (count <= 8)
            {
                for (var e = lo; e < lo + count; e++)
                {
                    var k = Edges[e].Key;
                    if (k == key) return Edges[e].Next;
                    if (k > key) return -1;
                }
                return -1;
            }
            int a = lo, b = lo + count - 1;
            while (a <= b)
            {
                var mid = (a + b) >>> 1;
                var k = Edges[mid].Key;
                if (k == key) return Edges[mid].Next;
                if (k < key) a = mid + 1; else b = mid - 1;
            }
            return -1;
        }
    }

    /// <summary>Longest label before a colon and longest value after it, in words, for a "label: value" item.</summary>
    public const int LabelColonMaxLabelWords = 4, LabelColonMaxValueWords = 3;

    /// <summary>
    /// True when the colon at <paramref name="colon"/> joins a short label to a short value inside one clause: at most
    /// <see cref="LabelColonMaxLabelWords"/> words back to the previous hard punctuation (or the text's start) and
    /// one to <see cref="LabelColonMaxValueWords"/> words up to the next (or the span's end).
    /// </summary>
    internal static bool IsLabelColon(ReadOnlySpan<Token> tokens, int colon, int to)
    {
        var label = 0;
        for (var q = colon - 1; q >= 0 && !tokens[q].Hard; q--)
            if (tokens[q].Kind != TokenKind.Punct && ++label > LabelColonMaxLabelWords) return false;
        var value = 0;
        for (var q = colon + 1; q < to && !tokens[q].Hard; q++)
            if (tokens[q].Kind != TokenKind.Punct && ++value > LabelColonMaxValueWords) return false;
        return label > 0 && value > 0;
    }

    /// <summary>One sentence's walk over the compiled trie (the same steps, in the same order, as the node walk it replaced).</summary>
    private readonly ref struct Walker(CompiledTrie trie, ReadOnlySpan<Token> tokens, int end, List<PhraseMatch> found)
    {
        private readonly CompiledTrie c = trie;
        private readonly ReadOnlySpan<Token> _tokens = tokens;
        private readonly int to = end;
        private readonly List<PhraseMatch> output = found;

        public void Walk(int n, int start, int pos, int depth, int gs, int ge, bool accept = true)
        {
            ref readonly var sh = ref c.Nodes[n];
            if (accept)
                for (var a = sh.Accepts; a < sh.Accepts + sh.NAccepts; a++) output.Add(new PhraseMatch(c.Accepts[a], start, pos, gs, ge));
            if (depth > 64) return;
            var tokens = _tokens;
            // skip soft punctuation (brackets, %, quotes) between words
            while (pos < to && tokens[pos].Kind == TokenKind.Punct && !tokens[pos].Hard) pos++;
            if (pos >= to)
            {
                // a phrase ending in "." also matches at the end of a sentence without one
                if (accept && pos > start && sh.NExact > 0 && c.Child(n, c.PeriodId, stem: false) is var stop and >= 0)
                {
                    ref readonly var es = ref c.Nodes[stop];
                    for (var a = es.Accepts; a < es.Accepts + es.NAccepts; a++) output.Add(new PhraseMatch(c.Accepts[a], start, pos, gs, ge));
                }
                return;
            }
            Step(n, in sh, start, pos, depth, gs, ge);
            // "Copper: low.", "Cord: expanded.", "CSF protein: raised": a short label, a colon and a short value say what
            // "copper low" says, so a phrase may read on across that colon (never across a colon that opens a longer text)
            if (pos > start && tokens[pos].Kind == TokenKind.Punct && tokens[pos].Text == ":" && IsLabelColon(tokens, pos, to))
                Walk(n, start, pos + 1, depth + 1, gs, ge, accept: false);
            if (sh.NGaps > 0)
            {
                for (var g = sh.Gaps; g < sh.Gaps + sh.NGaps; g++)
                {
                    int max = c.GapMax[g], nx = c.GapNext[g];
                    // skip 0..max words (and any commas between them); the element after the gap must match next
                    WalkNoAccept(nx, start, pos, depth + 1, gs, ge);
                    var p = pos; var skipped = 0;
                    while (skipped < max && p < to)
                    {
                        ref readonly var tk = ref tokens[p];
                        if (tk.Hard && tk.Text != ",") break; // gaps skip commas (lists) but never . ; : ? !
                        if (tk.Id >= 0 && tk.Id < c.GapStop.Length && c.GapStop[tk.Id]) break;
                        p++;
                        if (tk.Kind != TokenKind.Punct) skipped++;
                        WalkNoAccept(nx, start, p, depth + 1, pos, p);
                    }
                }
            }
        }

        // after a gap, the next element must match before anything is accepted (a phrase never ends with a gap)
        private void WalkNoAccept(int n, int start, int pos, int depth, int gs, int ge)
        {
            var tokens = _tokens;
            while (pos < to && tokens[pos].Kind == TokenKind.Punct && !tokens[pos].Hard) pos++;
            if (pos >= to) return;
            Step(n, in c.Nodes[n], start, pos, depth, gs, ge);
        }

        /// <summary>The walk from the root at token i: <see cref="Step"/> at the root, with its prefixes tried by first letter.</summary>
        public void StepRoot(int i)
        {
            ref readonly var t = ref _tokens[i];
            if (t.Id >= 0 && (uint)t.Id < (uint)c.RootExact.Length && c.RootExact[t.Id] is var next and >= 0) Walk(next, i, i + 1, 1, -1, -1);
            if (t.StemId >= 0 && (uint)t.StemId < (uint)c.RootStem.Length && c.RootStem[t.StemId] is var sn and >= 0) Walk(sn, i, i + 1, 1, -1, -1);
            if (t.Kind != TokenKind.Punct)
            {
                var text = t.Text;
                var first = text.Length > 0 ? Math.Min((int)text[0], 128) : 128;
                for (var k = c.RootPrefixFrom[first]; k < c.RootPrefixFrom[first + 1]; k++)
                {
                    var p = c.RootPrefixes[k];
                    if (text.StartsWith(c.PrefixText[p], StringComparison.Ordinal)) Walk(c.PrefixNext[p], i, i + 1, 1, -1, -1);
                }
            }
        }

        // the exact word, then the stem, then each prefix, as the node walk tried them
        private void Step(int n, in CompiledTrie.Shape sh, int start, int pos, int depth, int gs, int ge)
        {
            ref readonly var t = ref _tokens[pos];
            if (t.Id >= 0 && sh.NExact > 0 && c.Child(n, t.Id, stem: false) is var next and >= 0) Walk(next, start, pos + 1, depth + 1, gs, ge);
            if (t.StemId >= 0 && sh.NStem > 0 && c.Child(n, t.StemId, stem: true) is var sn and >= 0) Walk(sn, start, pos + 1, depth + 1, gs, ge);
            if (sh.NPrefixes > 0 && t.Kind != TokenKind.Punct)
            {
                var text = t.Text;
                for (var p = sh.Prefixes; p < sh.Prefixes + sh.NPrefixes; p++)
                {
                    var prefix = c.PrefixText[p];
                    // the first letter rules most prefixes out without a call (same answer as StartsWith alone)
                    if (prefix.Length > 0 && (text.Length < prefix.Length || text[0] != prefix[0])) continue;
                    if (text.StartsWith(prefix, StringComparison.Ordinal)) Walk(c.PrefixNext[p], start, pos + 1, depth + 1, gs, ge);
                }
            }
        }
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

    // candidates sorted on the stack up to this many (24 bytes each with their priority); a sentence rarely has more
    private const int StackMatches = 256;

    // the comparisons are methods compiled optimised at first call: as lambdas they ran unoptimised (a call per property
    // read) for the first seconds of a batch on one core, at every comparison of every sentence's sort (perf, 2026-12-07)
    private static readonly Comparison<PhraseMatch> ByPosition = ComparePosition;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int ComparePosition(PhraseMatch a, PhraseMatch b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Payload.CompareTo(b.Payload);

    /// <summary>The longest non-clashing matches of <paramref name="candidates"/>, appended to <paramref name="taken"/> in position order.</summary>
    private static void Select(ReadOnlySpan<PhraseMatch> candidates, Func<PhraseMatch, int>? priority, List<PhraseMatch> taken)
    {
        var from = taken.Count;
        if (candidates.Length <= 1) { taken.AddRange(candidates); return; }
        // each candidate's priority worked out once beside it, not twice per comparison through the delegate; the sort
        // sees the same comparisons in the same order, so it leaves the candidates in the same order (ties included)
        Span<Ranked> sorted = candidates.Length <= StackMatches ? stackalloc Ranked[candidates.Length] : new Ranked[candidates.Length];
        {
            for (var i = 0; i < candidates.Length; i++) sorted[i] = new Ranked(candidates[i], priority is null ? 0 : priority(candidates[i]));
            sorted.Sort(ByLengthPriorityPosition);
            foreach (var r in sorted)
            {
                var m = r.Match;
                var clash = false;
                for (var k = from; k < taken.Count; k++)
                    if (Clash(m, taken[k])) { clash = true; break; }
                if (!clash) taken.Add(m);
            }
        }
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(taken)[from..].Sort(ByPosition);
    }

    private readonly record struct Ranked(PhraseMatch Match, int Priority);

    // longest first, then the higher priority (all 0 without one), then leftmost, then the earliest payload
    private static readonly Comparison<Ranked> ByLengthPriorityPosition = CompareLengthPriorityPosition;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int CompareLengthPriorityPosition(Ranked x, Ranked y)
    {
        var c = y.Match.Length.CompareTo(x.Match.Length);
        if (c != 0) return c;
        if ((c = y.Priority.CompareTo(x.Priority)) != 0) return c;
        return x.Match.Start != y.Match.Start ? x.Match.Start.CompareTo(y.Match.Start) : x.Match.Payload.CompareTo(y.Match.Payload);
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
