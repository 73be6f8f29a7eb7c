namespace MyeloDx.Text.Matching;

internal enum TokenKind : byte { Word, Number, Punct }

/// <summary>
/// One token of the text: its character span in the original text, its canonical lower-case form (see
/// <see cref="Spelling"/>), its kind, and the separator that joins it to the previous token ('-', '/', '+', or '\0'
/// when there is only white space or nothing between them).
/// </summary>
internal readonly record struct Token(int Start, int Length, string Text, TokenKind Kind, char Joiner, bool NewlineBefore, bool Upper, int Id = -1, int StemId = -1, bool AllCapitals = false)
{
    public int End => Start + Length;
    /// <summary>Hard punctuation ends phrases and gaps (.,;:?!).</summary>
    // one length and one character compared (the walk, the segmenter and the extractors ask this at nearly every token;
    // it compared the text with six strings in turn), and always inlined: the phrase walk, compiled optimised at first
    // call, called it instead, and so ran unoptimised code for the first seconds of a batch (perf, 2026-12-07)
    public bool Hard
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => Kind == TokenKind.Punct && Text is ['.' or ',' or ';' or ':' or '?' or '!'];
    }
    /// <summary>Number as written ("2.25", "30").</summary>
    public double? Value => Kind == TokenKind.Number && double.TryParse(Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}

/// <summary>
/// Splits text into tokens in one linear pass. Letters and digits form words; a run of digits (with one decimal
/// point) is a number; "30Gy" splits into "30" "gy" while "T12", "B12" and "AQP4" stay whole; hyphens and slashes
/// are not tokens but are remembered as the joiner of the next token; brackets, quotes and other symbols are
/// dropped. Output offsets always refer to the original text.
/// </summary>
internal sealed class Tokenizer
{
    private readonly IReadOnlyDictionary<string, string> misspellings;
    private readonly IReadOnlyDictionary<string, int>? wordIds;
    private readonly StemTable? stems;

    public Tokenizer(IReadOnlyDictionary<string, string> misspellings, IReadOnlyDictionary<string, int>? wordIds = null, StemTable? stems = null,
        IReadOnlySet<string>? resultsAfterDash = null)
    {
        this.misspellings = misspellings; this.wordIds = wordIds; this.stems = stems; this.resultsAfterDash = resultsAfterDash;
    }

    // words that, right after a dash set off by spaces, make it a label's result ("Lhermitte's - negative", "Babinski -
    // upgoing"), not a break between statements
    private readonly IReadOnlySet<string>? resultsAfterDash;

    /// <summary>Most distinct words remembered (about 10 MB at most); after that, new words are worked out each time.</summary>
    public const int MaxCachedWords = 50_000;

    // A word as written (lower-cased) always gives the same canonical form, word id and stem id, so each is worked out
    // once per reader: the profile showed spelling folding, look-ups and above all the Snowball stemmer per token.
    // Looked up by span, so a known word costs no string. Bounded, so memory stays flat on any stream of notes.
    private readonly WordCache _words = new();

    // ASCII punctuation by character: its string, word id and stem id are the same every time, so they are worked out on
    // first sight (a new one-character string and three look-ups per full stop or comma before). An entry is immutable and
    // published whole, so a reader on another thread sees a complete entry or none (and then works it out itself).
    private sealed record PunctIds(string Text, int Id, int StemId);
    private readonly PunctIds?[] _punct = new PunctIds?[128];

    public static bool IsLetter(char c) => char.IsLetter(c);

    public List<Token> Tokenize(string text)
    {
        var list = new List<Token>(Math.Min(text.Length / 4 + 8, 1 << 20));
        var i = 0; var n = text.Length;
        var joiner = '\0'; var newline = false;
        var layoutKnown = false; var boxesBefore = true; // the current line's checkbox layout, once its first box is seen
        var barsOnLine = 0; // table bars between cells seen on the current line
        Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer? stemmer = null; // one per call: the stemmer is not thread-safe
        while (i < n)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { if (c == '\n' || c == '\r') { newline = true; layoutKnown = false; barsOnLine = 0; } i++; continue; }
            // a list bullet at the start of a line ("- no fever", "* back pain", "• retention")
            if (newline && c is '-' or '*' or '•' or '·' or '–') { joiner = '•'; i++; continue; }
            if (char.IsLetter(c))
            {
                var s = i;
                // letters, then (unless the word is just "x") digits glued to them: T12, B12, AQP4; stop at "x" + digit
                while (i < n && char.IsLetter(text[i])) i++;
                var letters = i - s;
                // "+ve" and "-ve" are ward shorthand for positive and negative ("Hoffmann +ve", "OCB -ve")
                if (letters == 2 && s > 0 && text[s - 1] is '+' or '-' && (text[s] is 'v' or 'V') && (text[s + 1] is 'e' or 'E')
                    && (i >= n || !char.IsLetterOrDigit(text[i])) && (s < 2 || !char.IsLetterOrDigit(text[s - 2])))
                {
                    if (text[s - 1] == '+' && list.Count > 0 && list[^1].Kind == TokenKind.Punct && list[^1].Start == s - 1) list.RemoveAt(list.Count - 1);
                    AddWord(list, s - 1, text[s - 1] == '+' ? "positive" : "negative", ref joiner, ref newline, ref stemmer);
                    continue;
                }
                if (i < n && char.IsDigit(text[i]) && !(letters == 1 && (text[s] == 'x' || text[s] == 'X')))
                    while (i < n && char.IsLetterOrDigit(text[i])) i++;
                Add(list, text, s, i - s, TokenKind.Word, ref joiner, ref newline, ref stemmer);
                continue;
            }
            if (char.IsDigit(c))
            {
                var s = i;
                while (i < n && char.IsDigit(text[i])) i++;
                if (i + 1 < n && (text[i] == '.' || text[i] == ',') && char.IsDigit(text[i + 1]) && (text[i] == '.' || !(i + 3 < n && char.IsDigit(text[i + 3]))))
                {
                    i++;
                    while (i < n && char.IsDigit(text[i])) i++;
                }
                Add(list, text, s, i - s, TokenKind.Number, ref joiner, ref newline, ref stemmer);
                continue;
            }
            // form checkboxes: "ROS: [ ] fever [x] back pain", "Fever [ ]  Headache [x]", "☐ fever ☑ back pain". An empty box
            // records nothing (unknown, not absent); a ticked one ends the empty box's reach. Whether the boxes stand before
            // or after their labels is told by the first box on the line: at the line's start or after a colon or comma,
            // before ("unchecked" governs what follows); after a word, after ("unticked" governs what precedes)
            if (CheckBox(text, i, out var ticked, out var width))
            {
                if (!layoutKnown) boxesBefore = AtItemStart(list, newline) || list[^1].Text == "(";
                layoutKnown = true;
                AddWord(list, i, ticked ? "checked" : boxesBefore ? "unchecked" : "unticked", ref joiner, ref newline, ref stemmer);
                i += width;
                continue;
            }
            // ward arrows: "↑ tone", "↓ power LL", "2/52 back pain → now unable to walk"
            if (c is '↑' or '↓' or '→')
            {
                AddWord(list, i, c switch { '↑' => "increased", '↓' => "reduced", _ => "then" }, ref joiner, ref newline, ref stemmer);
                i++;
                continue;
            }
            // review-of-systems marks: "(-) fever, (+) back pain", and in square brackets "[-] fevers [+] back pain"; before
            // a word "(-)" denies it ("no"), after one it is that item's result ("Babinski (-)": negative); "(+)" is
            // positive either way
            if (c is '(' or '[' && i + 2 < n && text[i + 1] is '-' or '–' or '+' && text[i + 2] == (c == '(' ? ')' : ']'))
            {
                var minus = text[i + 1] != '+';
                var prefix = AtItemStart(list, newline);
                AddWord(list, i, minus ? (prefix ? "no" : "negative") : "positive", ref joiner, ref newline, ref stemmer);
                i += 3;
                continue;
            }
            switch (c)
            {
                // a dash set off by spaces between words ("? leptomeningeal disease - subtle pial enhancement") or an em
                // dash separates two statements as a semicolon does, so it ends modifier scopes and phrases
                case '-' or '–' or '—' when SeparatesStatements(text, i, list):
                    Add(list, text, i, 1, TokenKind.Punct, ref joiner, ref newline, ref stemmer); break;
                case '-' or '–' or '—' or '‑' or '−': joiner = '-'; break;
                case '/': joiner = '/'; break;
                // a '+' glued to the end of a word is ward shorthand for "positive" ("gad+", "AQP4+", "ER+/PR+")
                case '+' when i > 0 && char.IsLetterOrDigit(text[i - 1]) && (i + 1 >= n || !char.IsLetterOrDigit(text[i + 1])):
                    AddWord(list, i, "positive", ref joiner, ref newline, ref stemmer); break;
                case '+': joiner = '+'; Add(list, text, i, 1, TokenKind.Punct, ref joiner, ref newline, ref stemmer); break;
                // a table typed with bars ("| Checkpoint inhibitor | Never |"): a bar between cells joins a label to its
                // value as a colon does, the bar that closes the row ends it as a full stop; the one that opens it is nothing
                // (the later bars between cells part the row's other columns, a date or a comment, as a semicolon does:
                // "| Checkpoint inhibitor | Never | - |" reads "Checkpoint inhibitor: Never; -.")
                case '|' when !newline && !OnlySpaceBefore(text, i):
                    AddPunctAs(list, i, RestOfLineBlank(text, i + 1) ? "." : barsOnLine++ == 0 ? ":" : ";", ref joiner, ref newline, ref stemmer); break;
                case '|': barsOnLine = 0; break;
                case '.' or ',' or ';' or ':' or '?' or '!' or '(' or ')' or '[' or ']' or '%' or '<' or '>' or '=' or '×' or '#' or '≥' or '≤':
                    Add(list, text, i, 1, TokenKind.Punct, ref joiner, ref newline, ref stemmer); break;
                default: break; // quotes, symbols: dropped
            }
            i++;
        }
        return list;
    }

    // once per token and without a loop: compiled optimised at its first call (it otherwise stays unoptimised for most
    // of a batch on one core; docs/performance.md, round 7)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Add(List<Token> list, string text, int start, int length, TokenKind kind, ref char joiner, ref bool newline,
        ref Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer? stemmer)
    {
        string t; int id, stem;
        if (kind == TokenKind.Word && length <= 64)
        {
            Span<char> lower = stackalloc char[length];
            Lower(text.AsSpan(start, length), lower);
            if (!_words.TryGetValue(lower, out var known))
            {
                var key = new string(lower);
                known = Resolve(key, kind, ref stemmer);
                if (_words.Count < MaxCachedWords) _words.TryAdd(key, known);
            }
            (t, id, stem) = known;
        }
        else if (kind == TokenKind.Punct && text[start] < _punct.Length)
        {
            var c = text[start];
            if (Volatile.Read(ref _punct[c]) is not { } p)
            {
                var ids = Ids(c is '-' or '–' or '—' ? ";" : c.ToString(), ref stemmer);
                Volatile.Write(ref _punct[c], p = new PunctIds(ids.Text, ids.Id, ids.StemId));
            }
            (t, id, stem) = (p.Text, p.Id, p.StemId);
        }
        else if (kind == TokenKind.Punct)
        {
            // an en or em dash reaches here only as a separator between statements (see SeparatesStatements)
            t = text[start] switch { '×' => "x", '≥' => ">", '≤' => "<", '–' or '—' => ";", var ch => ch.ToString() };
            (t, id, stem) = Ids(t, ref stemmer);
        }
        else (t, id, stem) = Resolve(Lower(text, start, length), kind, ref stemmer);
        list.Add(new Token(start, length, t, kind, joiner, newline, char.IsUpper(text[start]), id, stem,
            kind == TokenKind.Word && length >= 2 && char.IsUpper(text[start]) && AllCapitals(text, start, length)));
        joiner = '\0'; newline = false;
    }

    // every letter of the word is a capital ("ENHANCEMENT", "T2"): a printout written in capitals throughout
    private static bool AllCapitals(string text, int start, int length)
    {
        for (var c = start; c < start + length; c++)
            if (char.IsLower(text[c])) return false;
        return true;
    }

    /// <summary>
    /// A dash between two words that separates statements: an em dash, or a hyphen or en dash with white space on both
    /// sides, after a word without digits (so "C5 - C7", "2 - 3 days" and "T2-weighted" stay ranges and compounds) and
    /// before a letter.
    /// </summary>
    private bool SeparatesStatements(string text, int i, List<Token> list)
    {
        if (list.Count == 0 || list[^1].Kind != TokenKind.Word || list[^1].End != PreviousNonSpace(text, i) + 1) return false;
        foreach (var ch in list[^1].Text) if (char.IsDigit(ch)) return false;
        var spaced = text[i] == '—' || i > 0 && char.IsWhiteSpace(text[i - 1]) && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]);
        if (!spaced) return false;
        var j = i + 1;
        while (j < text.Length && text[j] is ' ' or '\t') j++;
        if (j >= text.Length || !char.IsLetter(text[j])) return false;
        if (resultsAfterDash is null) return true;
        var e = j;
        while (e < text.Length && char.IsLetter(text[e])) e++;
        return !resultsAfterDash.Contains(text[j..e].ToLowerInvariant());
    }

    private static int PreviousNonSpace(string text, int i)
    {
        var j = i - 1;
        while (j >= 0 && text[j] is ' ' or '\t') j--;
        return j;
    }

    /// <summary>The canonical form of a lower-cased word or number, with its word and stem ids.</summary>
    private (string Text, int Id, int StemId) Resolve(string t, TokenKind kind, ref Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer? stemmer)
    {
        if (kind == TokenKind.Word)
        {
            t = Spelling.Canonical(t);
            if (misspellings.TryGetValue(t, out var fixedWord)) t = fixedWord;
        }
        else if (t.Contains(',')) t = t.Replace(',', '.');
        return Ids(t, ref stemmer);
    }

    private (string Text, int Id, int StemId) Ids(string t, ref Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer? stemmer)
    {
        var id = wordIds is not null && wordIds.TryGetValue(t, out var wid) ? wid : -1;
        var stem = stems is not null ? stems.IdOf(t, ref stemmer) : -1;
        return (t, id, stem);
    }

    // at the start of a line or of a list item (after a colon, comma, semicolon or full stop): a mark there stands before
    // the word it marks
    private static bool AtItemStart(List<Token> list, bool newline) =>
        list.Count == 0 || newline || list[^1].Kind == TokenKind.Punct && list[^1].Text is ":" or "," or ";" or ".";

    // "[ ]", "[x]", "[X]", "[✓]", "☐", "☑", "☒", "✓", "✔" at position i: a form's box, empty or ticked, and its width
    private static bool CheckBox(string text, int i, out bool ticked, out int width)
    {
        ticked = false; width = 1;
        var c = text[i];
        if (c is '☐') return true;
        if (c is '☑' or '☒' or '✓' or '✔') { ticked = true; return true; }
        if (c != '[' || i + 2 >= text.Length) return false;
        if (text[i + 1] == ' ' && text[i + 2] == ']') { width = 3; return true; }
        if (text[i + 1] == ']') { width = 2; return true; }
        if (text[i + 1] is 'x' or 'X' or '✓' or '✔' or '*' && text[i + 2] == ']') { ticked = true; width = 3; return true; }
        return false;
    }

    /// <summary>A word the text implies at a symbol (its span is the symbol's).</summary>
    private void AddWord(List<Token> list, int start, string word, ref char joiner, ref bool newline, ref Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer? stemmer)
    {
        var id = wordIds is not null && wordIds.TryGetValue(word, out var wid) ? wid : -1;
        var stem = stems?.IdOf(word, ref stemmer) ?? -1;
        list.Add(new Token(start, 1, word, TokenKind.Word, '\0', newline, false, id, stem));
        joiner = '\0'; newline = false;
    }

    private void AddPunctAs(List<Token> list, int start, string text, ref char joiner, ref bool newline, ref Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer? stemmer)
    {
        var (t, id, stem) = Ids(text, ref stemmer);
        list.Add(new Token(start, 1, t, TokenKind.Punct, '\0', newline, false, id, stem));
        joiner = '\0'; newline = false;
    }

    // nothing but white space between the line's start (or the text's) and `at`
    private static bool OnlySpaceBefore(string text, int at)
    {
        for (var k = at - 1; k >= 0 && text[k] != '\n'; k--)
            if (!char.IsWhiteSpace(text[k])) return false;
        return true;
    }

    private static bool RestOfLineBlank(string text, int from)
    {
        for (var k = from; k < text.Length && text[k] != '\n'; k++)
            if (!char.IsWhiteSpace(text[k]) && text[k] != '|') return false;
        return true;
    }

    private static string Lower(string text, int start, int length)
    {
        Span<char> buf = length <= 128 ? stackalloc char[length] : new char[length];
        Lower(text.AsSpan(start, length), buf);
        return new string(buf);
    }

    private static void Lower(ReadOnlySpan<char> source, Span<char> buf)
    {
        for (var k = 0; k < source.Length; k++)
        {
            var ch = char.ToLowerInvariant(source[k]);
            buf[k] = ch switch
            {
                'é' or 'è' or 'ê' or 'ë' => 'e', 'á' or 'à' or 'â' or 'ä' => 'a', 'ó' or 'ò' or 'ô' or 'ö' => 'o',
                'ú' or 'ù' or 'û' or 'ü' => 'u', 'í' or 'ì' or 'î' or 'ï' => 'i', 'ç' => 'c', 'ñ' => 'n', 'µ' or 'μ' => 'u',
                _ => ch,
            };
        }
    }
}

/// <summary>
/// The tokenizer's word cache: a word as written (lower-cased) → its canonical form, word id and stem id. Readers take
/// no lock and read a table of immutable entries; a writer takes a lock, and publishes an entry whole (or a grown table
/// whole), so a reader sees a complete entry or none, and on none works the word out itself, as with a concurrent
/// dictionary. Open addressing over one array with a per-process randomised string hash: the profile (2026-12-07)
/// had a ConcurrentDictionary look-up by span at about half of tokenizing (node, key and value chased through the heap).
/// </summary>
internal sealed class WordCache
{
    private sealed class Entry(string key, int hash, (string Text, int Id, int StemId) value)
    {
        public readonly string Key = key;
        public readonly int Hash = hash;
        public readonly (string Text, int Id, int StemId) Value = value;
    }

    private Entry?[] _slots = new Entry?[1024];
    private int _count;
    private readonly Lock _gate = new();

    /// <summary>Entries in the cache.</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGetValue(ReadOnlySpan<char> key, out (string Text, int Id, int StemId) value)
    {
        var slots = Volatile.Read(ref _slots);
        var hash = string.GetHashCode(key);
        var mask = slots.Length - 1;
        // at most half full, so an empty slot ends every probe
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var e = Volatile.Read(ref slots[i]);
            if (e is null) { value = default; return false; }
            if (e.Hash == hash && key.SequenceEqual(e.Key)) { value = e.Value; return true; }
        }
    }

    /// <summary>Adds the word unless it is there already (the first value stays, as ConcurrentDictionary.TryAdd).</summary>
    public bool TryAdd(string key, (string Text, int Id, int StemId) value)
    {
        var hash = string.GetHashCode(key.AsSpan());
        lock (_gate)
        {
            var slots = _slots;
            if ((_count + 1) * 2 > slots.Length)
            {
                var grown = new Entry?[slots.Length * 2];
                foreach (var e in slots) if (e is not null) Place(grown, e);
                // published whole: readers still on the old table find what it had, or miss and work the word out
                Volatile.Write(ref _slots, slots = grown);
            }
            var mask = slots.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                var e = slots[i];
                if (e is null)
                {
                    Volatile.Write(ref slots[i], new Entry(key, hash, value));
                    Volatile.Write(ref _count, _count + 1);
                    return true;
                }
                if (e.Hash == hash && string.Equals(e.Key, key, StringComparison.Ordinal)) return false;
            }
        }
    }

    private static void Place(Entry?[] slots, Entry e)
    {
        var mask = slots.Length - 1;
        var i = e.Hash & mask;
        while (slots[i] is not null) i = (i + 1) & mask;
        slots[i] = e;
    }
}
