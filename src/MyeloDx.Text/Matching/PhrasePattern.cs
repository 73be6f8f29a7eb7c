namespace MyeloDx.Text.Matching;

internal enum ElementKind : byte { Word, Prefix, Gap, ExactWord }

/// <summary>One element of a compiled phrase: a canonical word (matched by stem in the vocabulary), a word that must match
/// exactly ("=lesion": the singular only), a word prefix ("enhanc*") or a gap of up to N words.</summary>
internal readonly record struct Element(ElementKind Kind, string Text, int Max);

/// <summary>
/// The phrase language of the rule files, compiled into plain element sequences at load time:
/// words separated by spaces; <c>word*</c> matches any word starting with "word"; <c>(a|b c)</c> is a choice whose
/// branches may be several words; <c>?</c> after a word or a group makes it optional; <c>...</c> skips up to 3 words
/// and <c>...N</c> up to N words (across commas, never across . ; : ? !). Punctuation . , ; : may be written as words.
/// <c>=word</c> matches that exact form only where the vocabulary otherwise matches by stem (a singular "=lesion"
/// that must not match "lesions").
/// Matching is case-insensitive and spelling-folded (see <see cref="Spelling"/>).
/// </summary>
internal static class PhrasePattern
{
    public const int MaxExpansions = 4096;

    public sealed class PatternException(string message) : Exception(message);

    public static IReadOnlyList<Element[]> Compile(string phrase, Tokenizer tokenizer)
    {
        var p = new Parser(phrase, tokenizer);
        var alts = p.ParseSequence(topLevel: true);
        if (p.Pos < phrase.Length) throw new PatternException($"unexpected '{phrase[p.Pos]}' at position {p.Pos + 1}");
        var result = alts.Where(a => a.Count > 0).Select(a => a.ToArray()).ToList();
        if (result.Count == 0) throw new PatternException("the phrase matches nothing");
        foreach (var r in result)
            if (r[0].Kind == ElementKind.Gap || r[^1].Kind == ElementKind.Gap) throw new PatternException("a phrase cannot start or end with '...'");
        return result;
    }

    private sealed class Parser(string s, Tokenizer tokenizer)
    {
        public int Pos;

        // returns every expansion of the sequence up to ')' or '|' or end
        public List<List<Element>> ParseSequence(bool topLevel)
        {
            var acc = new List<List<Element>> { new() };
            while (true)
            {
                SkipSpace();
                if (Pos >= s.Length) break;
                var c = s[Pos];
                if (c == ')' || c == '|')
                {
                    if (topLevel) throw new PatternException($"unbalanced '{c}' at position {Pos + 1}");
                    break;
                }
                List<List<Element>> item;
                if (c == '(')
                {
                    Pos++;
                    item = [];
                    while (true)
                    {
                        item.AddRange(ParseSequence(topLevel: false));
                        if (Pos >= s.Length) throw new PatternException("missing ')'");
                        if (s[Pos] == '|') { Pos++; continue; }
                        Pos++; // ')'
                        break;
                    }
                }
                else if (c == '.' && Pos + 2 < s.Length && s[Pos + 1] == '.' && s[Pos + 2] == '.')
                {
                    Pos += 3;
                    var st = Pos;
                    while (Pos < s.Length && char.IsDigit(s[Pos])) Pos++;
                    var max = Pos > st ? int.Parse(s.AsSpan(st, Pos - st), System.Globalization.CultureInfo.InvariantCulture) : 3;
                    if (max is < 1 or > 16) throw new PatternException("a gap '...N' must be between 1 and 16 words");
                    item = [[new Element(ElementKind.Gap, "", max)]];
                }
                else item = [Word()];
                var optional = false;
                if (Pos < s.Length && s[Pos] == '?') { optional = true; Pos++; }
                var next = new List<List<Element>>();
                foreach (var a in acc)
                {
                    if (optional) next.Add(a);
                    foreach (var b in item) next.Add([.. a, .. b]);
                }
                if (next.Count > MaxExpansions) throw new PatternException($"the phrase expands to more than {MaxExpansions} variants");
                acc = next;
            }
            return acc;
        }

        private List<Element> Word()
        {
            var st = Pos;
            while (Pos < s.Length && !char.IsWhiteSpace(s[Pos]) && s[Pos] is not ('(' or ')' or '|' or '?')) Pos++;
            var raw = s[st..Pos];
            if (raw.Length == 0) throw new PatternException($"empty word at position {st + 1}");
            var prefix = raw.EndsWith('*');
            if (prefix) raw = raw[..^1];
            var exact = raw.StartsWith('=');
            if (exact) raw = raw[1..];
            if (exact && prefix) throw new PatternException($"'=' and '*' cannot be combined ('={raw}*')");
            if (raw.Contains('*')) throw new PatternException($"'*' is allowed only at the end of a word ('{raw}*')");
            var toks = tokenizer.Tokenize(raw);
            if (toks.Count == 0) throw new PatternException($"'{raw}' contains no word");
            var els = new List<Element>(toks.Count);
            for (var i = 0; i < toks.Count; i++)
            {
                var last = i == toks.Count - 1;
                els.Add(new Element(prefix && last ? ElementKind.Prefix : exact ? ElementKind.ExactWord : ElementKind.Word, toks[i].Text, 0));
            }
            return els;
        }

        private void SkipSpace() { while (Pos < s.Length && char.IsWhiteSpace(s[Pos])) Pos++; }
    }
}
