using MyeloDx.Text.Document;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Context;

/// <summary>The assertion status of one target phrase in a text (the <c>myelodx context</c> contract).</summary>
public sealed record ContextResult(bool Negated, bool Uncertain, bool Historical, bool Hypothetical, bool OtherExperiencer,
    IReadOnlyList<string> Triggers, int TargetStart, int TargetLength);

/// <summary>
/// The ConText engine on any concept, not only MyeloDx's vocabulary: finds a target phrase in a sentence or a note
/// (case-insensitively, across runs of white space, then by words if punctuation or de-identification tags differ)
/// and says whether the text negates it, doubts it, places it in the past, states it as a hypothesis or a plan,
/// or says it of someone else. Uses the same rules (knowledge/context-rules.yaml) and section headers as the
/// reader. Immutable and thread-safe.
/// </summary>
public sealed class ContextService(TextRules rules)
{
    /// <summary>Classifies the first occurrence of target in text; null when the target is not in the text.</summary>
    public ContextResult? Classify(string text, string target)
    {
        ArgumentNullException.ThrowIfNull(text); ArgumentNullException.ThrowIfNull(target);
        var tokens = rules.Tokenizer.Tokenize(text);
        if (tokens.Count == 0) return null;
        var (cs, ce) = FindChars(text, target);
        int t0, t1;
        if (cs >= 0) (t0, t1) = TokensOver(tokens, cs, ce);
        else (t0, t1) = FindTokens(tokens, rules.Tokenizer.Tokenize(target));
        if (t0 < 0 || t1 <= t0) return null;
        var headers = new HashSet<int>();
        var sentences = Segmenter.Split(tokens, rules, headers);
        var s = sentences.FirstOrDefault(x => t0 >= x.TokenFrom && t0 < x.TokenTo);
        if (s is null) return null;
        var mods = ContextEngine.FindModifiers(tokens, s, rules, headers, []);
        bool neg = false, unc = false, hist = false, hyp = false, other = false;
        var triggers = new List<string>();
        foreach (var h in ContextEngine.Covering(mods, t0, Math.Min(t1, s.TokenTo)))
        {
            // a trigger inside the target is part of the concept's name ("absent reflexes"), not a modifier of it
            if (h.TokenStart < t1 && h.TokenEnd > t0) continue;
            var hit = true;
            switch (h.Rule.Attribute)
            {
                case ModifierAttribute.Negated: neg = true; break;
                case ModifierAttribute.Uncertain: unc = true; break;
                case ModifierAttribute.Historical: hist = true; break;
                // "MRI of the thoracic spine" says what a study covered, not that anything is supposed
                case ModifierAttribute.Hypothetical when h.Rule.Category != "COVERAGE": hyp = true; break;
                case ModifierAttribute.OtherExperiencer: other = true; break;
                default: hit = false; break;
            }
            if (hit) triggers.Add(text.Substring(tokens[h.TokenStart].Start, tokens[h.TokenEnd - 1].End - tokens[h.TokenStart].Start));
        }
        foreach (var a in s.Section.Attributes)
        {
            switch (a)
            {
                case ModifierAttribute.Historical: hist = true; break;
                case ModifierAttribute.Hypothetical: hyp = true; break;
                case ModifierAttribute.OtherExperiencer: other = true; break;
                case ModifierAttribute.Negated: neg = true; break;
                case ModifierAttribute.Uncertain: unc = true; break;
                default: continue;
            }
            if (s.Section.HeaderLength > 0) triggers.Add(text.Substring(s.Section.HeaderStart, s.Section.HeaderLength));
        }
        var span0 = tokens[t0].Start;
        return new ContextResult(neg, unc, hist, hyp, other, triggers.Distinct().ToArray(), span0, tokens[t1 - 1].End - span0);
    }

    /// <summary>First case-insensitive occurrence of target, where any run of white space matches any other run.</summary>
    internal static (int Start, int End) FindChars(string text, string target)
    {
        var t = target.Trim();
        if (t.Length == 0) return (-1, -1);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.ToLowerInvariant(text[i]) != char.ToLowerInvariant(t[0])) continue;
            int a = i, b = 0;
            while (a < text.Length && b < t.Length)
            {
                if (char.IsWhiteSpace(t[b]))
                {
                    if (!char.IsWhiteSpace(text[a])) break;
                    while (b < t.Length && char.IsWhiteSpace(t[b])) b++;
                    while (a < text.Length && char.IsWhiteSpace(text[a])) a++;
                    continue;
                }
                if (char.ToLowerInvariant(text[a]) != char.ToLowerInvariant(t[b])) break;
                a++; b++;
            }
            if (b == t.Length) return (i, a);
        }
        return (-1, -1);
    }

    private static (int, int) TokensOver(List<Token> tokens, int start, int end)
    {
        int a = -1, b = -1;
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].End <= start) continue;
            if (tokens[k].Start >= end) break;
            if (a < 0) a = k;
            b = k + 1;
        }
        return (a, b);
    }

    /// <summary>The target's words in order, ignoring punctuation and brackets between them ("[**Name**]" tags, hyphens).</summary>
    private static (int, int) FindTokens(List<Token> tokens, List<Token> target)
    {
        var words = target.Where(x => x.Kind != TokenKind.Punct).Select(x => x.Text).ToArray();
        if (words.Length == 0) return (-1, -1);
        for (var i = 0; i < tokens.Count; i++)
        {
            int k = i, w = 0;
            while (k < tokens.Count && w < words.Length)
            {
                if (tokens[k].Kind == TokenKind.Punct && k > i) { k++; continue; }
                if (tokens[k].Text != words[w]) break;
                k++; w++;
            }
            if (w == words.Length) return (i, k);
        }
        return (-1, -1);
    }
}
