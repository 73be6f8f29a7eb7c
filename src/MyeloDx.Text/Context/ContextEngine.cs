using MyeloDx.Text.Document;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Context;

/// <summary>A modifier found in a sentence, with the token range it governs.</summary>
/// <param name="Trigger">The words of the note that fired the rule, as read (lower case), for explanations.</param>
public sealed record ModifierHit(ContextRule Rule, int TokenStart, int TokenEnd, int ScopeStart, int ScopeEnd, string Trigger = "");

/// <summary>
/// ConText over one sentence, in medspaCy's order: find modifier phrases; drop a shorter trigger inside a longer one
/// (pseudo-triggers such as "no change" or "not only" win this way and then do nothing); give each modifier a scope
/// from itself to the end of the sentence in its direction, cut short by a terminator that ends its category, by
/// the next modifier of the same category, or by its max_scope in words; mark every target that overlaps a scope.
/// </summary>
internal static class ContextEngine
{
    public static List<ModifierHit> FindModifiers(List<Token> tokens, Sentence s, TextRules rules, HashSet<int> headerTokens, List<PhraseMatch> scratch)
    {
        scratch.Clear();
        rules.ContextMatcher.FindAll(tokens, s.TokenFrom, s.TokenTo, scratch);
        var comparison = FirstSentenceOfComparison(tokens, s);
        if (scratch.Count == 0 && !comparison) return [];
        if (headerTokens.Count > 0) scratch.RemoveAll(m => headerTokens.Contains(m.Start));
        var mods = PhraseMatcher.LongestNonOverlapping(scratch);
        var hits = new List<ModifierHit>(mods.Count + 1);
        // the trigger is the heading's last token (an explanation points at it), its scope the sentence after it
        if (comparison) hits.Add(new ModifierHit(ComparisonLine, s.TokenFrom - 1, s.TokenFrom, s.TokenFrom,
            ForwardScopeEnd(tokens, s, mods, rules, ComparisonLine, s.TokenFrom), "comparison"));
        for (var i = 0; i < mods.Count; i++)
        {
            var m = mods[i];
            var r = rules.Context[m.Payload];
            if (r.Direction is ScopeDirection.Pseudo or ScopeDirection.Terminate) { hits.Add(new ModifierHit(r, m.Start, m.End, m.Start, m.Start)); continue; }
            int a = m.Start, b = m.End;
            // a question mark glued to the end of a word questions that word ("Sarcoid? CXR: BHL"), not what follows it;
            // a free-standing one ("? myelitis", "?MSCC") questions what follows, as the rule says
            if (tokens[m.Start].Text == "?" && m.End - m.Start == 1 && m.Start > s.TokenFrom && tokens[m.Start - 1].Kind != TokenKind.Punct
                && tokens[m.Start - 1].End == tokens[m.Start].Start && (m.End >= s.TokenTo || tokens[m.End].Start > tokens[m.Start].End))
            {
                var words = 0; a = m.Start;
                for (var k = m.Start - 1; k >= s.TokenFrom && tokens[k].Kind != TokenKind.Punct && words < 2; k--, words++) a = k;
                // "Intramedullary mass: metastasis or primary tumour?": a question between alternatives asks about each of them
                for (var o = Math.Max(s.TokenFrom + 1, a - 1); o < m.Start; o++)
                    if (tokens[o].Text == "or")
                    {
                        for (var k = o - 1; k >= s.TokenFrom && k >= o - 4 && tokens[k].Kind != TokenKind.Punct; k--) a = Math.Min(a, k);
                        break;
                    }
                // "Any fever, shivers?": a question that opens on "any" asks about its whole list, back to that word
                for (var k = a - 1; k >= s.TokenFrom && k >= m.Start - 12 && tokens[k].Text is not ("." or ";" or ":" or "?" or "!"); k--)
                    if (tokens[k].Text == "any" && (k == s.TokenFrom || tokens[k - 1].Text is "," or "-" || tokens[k].NewlineBefore)) { a = k; break; }
                // "Any bladder symptoms? No.", "Fever? Denies.": a question answered at once is not a doubt but the answer
                switch (Answer(tokens, m.End, rules))
                {
                    case true: continue;
                    case false:
                        // the denial answers the whole question ("Intractable vomiting or hiccups? None."), back to its start
                        // (a comma that opens the question, "..., any new bladder symptoms? No.", ends it there)
                        var q = m.Start; var asked = 0;
                        while (q > s.TokenFrom && tokens[q - 1].Text is not ("." or ";" or ":" or "?" or "!") && asked < 10
                               && !(tokens[q - 1].Text == "," && rules.Words.QuestionOpeners.Contains(tokens[q].Text)))
                        { q--; if (tokens[q].Kind != TokenKind.Punct) asked++; }
                        // in a transcript the speaker asks the whole line ("Nurse: Headache, any change in your vision?" /
                        // "Caller: No"): a short item before the comma belongs to the question
                        if (q > s.TokenFrom && tokens[q - 1].Text == "," && SpokenItemBefore(tokens, q - 1, s.TokenFrom) is { } spoken) q = spoken;
                        hits.Add(new ModifierHit(AnsweredNo, m.Start, m.End, Math.Min(a, q), m.Start, "?")); continue;
                }
                hits.Add(new ModifierHit(r, m.Start, m.End, a, m.Start, "?"));
                continue;
            }
            if (r.Direction is ScopeDirection.Forward or ScopeDirection.Bidirectional)
            {
                b = s.TokenTo;
                var words = 0; var depth = 0;
                // "Ankle jerks absent (known vincristine neuropathy)": a result word after what it judged, then an aside
                // that explains it; the aside's words are not judged by the result
                var resultBeforeAside = m.End - m.Start == 1 && m.End < s.TokenTo && tokens[m.End].Text is "(" && m.Start > s.TokenFrom
                                        && tokens[m.Start - 1].Kind == TokenKind.Word && rules.Words.ResultsBeforeAside.Contains(tokens[m.Start].Text);
                if (resultBeforeAside)
                {
                    // ... and judges what it follows ("Oligoclonal bands   Absent (no intrathecal synthesis)")
                    b = m.Start; a = m.Start;
                    var back = 0;
                    for (var k = m.Start - 1; k >= s.TokenFrom; k--)
                    {
                        if (Stops(mods, rules, k, r) || tokens[k].Hard || tokens[k].Text is "(" or ";") break;
                        if (tokens[k].Kind != TokenKind.Punct && ++back > r.MaxScope) break;
                        a = k;
                    }
                }
                for (var k = m.End; k < s.TokenTo && !resultBeforeAside; k++)
                {
                    // a time trigger passes over an aside in brackets after it ("At diagnosis (2022) MRI showed ..."); for
                    // any other trigger, and for a closing bracket with none opened after the trigger, the scope ends there
                    if (r.Attribute == ModifierAttribute.Historical && tokens[k].Text is "(") depth++;
                    else if (tokens[k].Text is ")" && depth > 0) { depth--; continue; }
                    // a semicolon ends every scope (context-rules.yaml says so), also when a longer trigger took it as its last word
                    if (Stops(mods, rules, k, r) || tokens[k].Text is ")" or ";") { b = k; break; }
                    if (tokens[k].Text is "," && r.Attribute is ModifierAttribute.Negated or ModifierAttribute.Positive or ModifierAttribute.Raised or ModifierAttribute.Lowered
                        && ItemHasItsOwnResult(tokens, k, s.TokenTo, rules, +1)) { b = k; break; }
                    // "No mass, no cord swelling, faint tract-like enhancement": a writer who repeats the denial for each item
                    // denies only its own item; the next item after a comma, without a denial of its own, is stated
                    if (tokens[k].Text is "," && r.Attribute is ModifierAttribute.Negated && m.Start > s.TokenFrom && tokens[m.Start - 1].Text == ","
                        && tokens[m.Start].Text is "no") { b = k; break; }
                    if (tokens[k].Kind != TokenKind.Punct && ++words > r.MaxScope) { b = k; break; }
                }
            }
            if (r.Direction is ScopeDirection.Backward or ScopeDirection.Bidirectional)
            {
                a = s.TokenFrom;
                var words = 0;
                for (var k = m.Start - 1; k >= s.TokenFrom; k--)
                {
                    // a bracket opens an aside that says nothing about what came before, except when the aside is
                    // the trigger alone: the lab habit of a flag after a value ("ACE 110 (high)", "B12 95 (low)")
                    if (tokens[k].Text is "(" && k == m.Start - 1 && m.End < s.TokenTo && tokens[m.End].Text is ")") continue;
                    // an aside that closes just before the trigger lists what the test covered ("antibody panel (Hu, Yo,
                    // CV2) negative"): the result reaches past it to the test's name, the aside's words not counted
                    if (tokens[k].Text is ")" && k == m.Start - 1 && OpeningBracket(tokens, k, s.TokenFrom) is { } open) { k = open; continue; }
                    // "Serum AQP4-IgG (cell-based assay) and MOG-IgG were negative": a short aside naming how one test of a
                    // list was done does not end the list; the result reaches past it, its words not counted
                    if (tokens[k].Text is ")" && r.Attribute is ModifierAttribute.Negated or ModifierAttribute.Positive
                        && OpeningBracket(tokens, k, s.TokenFrom) is { } aside && k - aside <= 5 && aside > s.TokenFrom && tokens[aside - 1].Kind == TokenKind.Word) { k = aside; continue; }
                    if (Stops(mods, rules, k, r) || tokens[k].Text is "(" or ";") { a = k + 1; break; }
                    // "Ethnicity: Black Caribbean   Smoking status: never smoked": a label's answer after its colon reaches
                    // back over its own label only; a form's fields on one line are set apart by runs of spaces
                    if (tokens[m.Start].Text == ":" && k + 1 < tokens.Count && !tokens[k + 1].NewlineBefore && tokens[k + 1].Start - tokens[k].End >= 3) { a = k + 1; break; }
                    if (tokens[k].Text is "," && r.Attribute is ModifierAttribute.Negated or ModifierAttribute.Positive or ModifierAttribute.Raised or ModifierAttribute.Lowered
                        && ItemHasItsOwnResult(tokens, k, s.TokenFrom, rules, -1)) { a = k + 1; break; }
                    // "a parietal metastasis, spine imaging awaited": what is awaited is named between the comma and the
                    // trigger; what came before the comma was found, not planned
                    // (an option voted on lists its parts with commas: "Option A - embolisation, decompression, then SBRT: 7 votes")
                    if (tokens[k].Text is "," && r.Attribute is ModifierAttribute.Hypothetical && r.Category != "PROPOSAL" && k < m.Start - 1) { a = k + 1; break; }
                    // "There is no epidural or bone disease, and his PET in January remains clear": a date reaches back over
                    // its own clause only, not over the clause before ", and"
                    if (tokens[k].Text is "," && r.Attribute is ModifierAttribute.Historical && k + 1 < m.Start && tokens[k + 1].Text is "and" or "but" or "while" or "whereas") { a = k + 1; break; }
                    if (tokens[k].Kind != TokenKind.Punct && ++words > r.MaxScope) { a = k + 1; break; }
                }
            }
            // the trigger as read, for explanations; a one-word trigger is the token's own string (no new string per hit)
            var trigger = m.End - m.Start == 1 ? tokens[m.Start].Text : Words(tokens, m.Start, m.End);
            hits.Add(new ModifierHit(r, m.Start, m.End, a, b, trigger));
        }
        return hits;
    }

    /// <summary>The earlier study a report's comparison heading names ("Comparison: MRI 03/2026, reported as normal").</summary>
    internal static readonly ContextRule ComparisonLine = new(-6, "a report's comparison line ('Comparison: MRI 03/2026, reported as normal')", "HISTORICAL",
        ModifierAttribute.Historical, ScopeDirection.Forward, 20, null, "text/sections.yaml: the comparison heading names the earlier study");

    // the sentence that opens right after a comparison heading (the heading's own line)
    private static bool FirstSentenceOfComparison(List<Token> tokens, Sentence s) =>
        s.Section.Category == "comparison" && s.TokenFrom > 0 && s.TokenFrom < s.TokenTo
        && tokens[s.TokenFrom - 1].End == s.Section.HeaderStart + s.Section.HeaderLength;

    // where a forward time scope opened at `from` ends: at a modifier that ends it (a terminator, "now", "new"), a
    // semicolon or a closing bracket, or after the rule's number of words
    private static int ForwardScopeEnd(List<Token> tokens, Sentence s, List<PhraseMatch> mods, TextRules rules, ContextRule r, int from)
    {
        var words = 0;
        for (var k = from; k < s.TokenTo; k++)
        {
            if (Stops(mods, rules, k, r) || tokens[k].Text is ")" or ";") return k;
            if (tokens[k].Kind != TokenKind.Punct && ++words > r.MaxScope) return k;
        }
        return s.TokenTo;
    }

    // the start of one to three words between a speaker's label at the start of a line ("Nurse:") and the comma at
    // `comma`, or null when the line has no such label
    private static int? SpokenItemBefore(List<Token> tokens, int comma, int sentenceFrom)
    {
        var words = 0;
        for (var k = comma - 1; k >= 1 && k >= sentenceFrom - 2 && words <= 3; k--)
        {
            if (tokens[k].Text == ":")
                return words > 0 && tokens[k - 1].Kind == TokenKind.Word && (k - 1 == 0 || tokens[k - 1].NewlineBefore) ? k + 1 : null;
            if (tokens[k].Kind == TokenKind.Punct) return null;
            words++;
        }
        return null;
    }

    internal static readonly ContextRule AnsweredNo = new(-3, "a question answered no ('Fever? No.')", "NEGATED_EXISTENCE", ModifierAttribute.Negated,
        ScopeDirection.Backward, 0, null, "a question about a finding answered at once with a denial");

    /// <summary>
    /// The answer right after a question mark: one answer word, then the end of the note or a full stop, comma or
    /// semicolon ("No.", "Denies,", "None found."). True for yes, false for no, null when no answer follows.
    /// </summary>
    private static bool? Answer(List<Token> tokens, int after, TextRules rules)
    {
        // a transcript gives the answer under the speaker's label on the next line ("Nurse: Any fever?" / "Caller: No.")
        // ... or on the same line ("Q: Any fevers? A: No.")
        if (after + 2 < tokens.Count && tokens[after].Kind == TokenKind.Word && tokens[after + 1].Text == ":")
            after += 2;
        if (after >= tokens.Count || tokens[after].Kind != TokenKind.Word) return null;
        var w = tokens[after].Text;
        bool? answer = rules.Words.AnswerNo.Contains(w) ? false : rules.Words.AnswerYes.Contains(w) ? true : null;
        if (answer is null) return null;
        var k = after + 1;
        if (k < tokens.Count && rules.Words.AnswerSeen.Contains(tokens[k].Text)) k++;
        return k >= tokens.Count || tokens[k].Text is "." or "," or ";" || tokens[k].NewlineBefore ? answer : null;
    }

    private static int? OpeningBracket(List<Token> tokens, int close, int bound)
    {
        for (var q = close - 1; q >= bound; q--)
        {
            if (tokens[q].Text is "(") return q;
            if (tokens[q].Text is ")" or ";" or ":") return null;
        }
        return null;
    }

    private static string Words(List<Token> tokens, int from, int to)
    {
        var words = new string[to - from];
        for (var q = from; q < to; q++) words[q - from] = tokens[q].Text;
        return string.Join(' ', words);
    }

    /// <summary>
    /// In a list of results ("B12 low 110, copper normal, MMA raised"; "OCB negative, cytology negative") each item
    /// carries its own result: a "normal", "negative" or "raised" stops at the comma when the item on the far side of
    /// it states a result of its own (a number or a result word). "Tone, power, reflexes normal" and "no fever,
    /// headache or weakness" have no result in the other items, so the modifier still covers all of them.
    /// </summary>
    /// <param name="step">-1 to look at the item before the comma, +1 at the item after it.</param>
    private static bool ItemHasItsOwnResult(List<Token> tokens, int comma, int bound, TextRules rules, int step)
    {
        for (var q = comma + step; (step < 0 ? q >= bound : q < bound) && tokens[q].Text is not ("," or ";" or ":"); q += step)
            if (tokens[q].Kind == TokenKind.Number && !PartOfAName(tokens, q)
                || rules.Words.ResultWords.Contains(tokens[q].Text) && !(step > 0 && NamesALoss(tokens, q, bound, rules)))
                return true;
        return false;
    }

    /// <summary>
    /// "Denies fever, night sweats or weight loss": after a denial, a list item ending in "loss" names a symptom
    /// (weight loss, hearing loss), not a result of its own.
    /// </summary>
    private static bool NamesALoss(List<Token> tokens, int q, int bound, TextRules rules) =>
        rules.Words.SymptomLoss.Contains(tokens[q].Text) && (q + 1 >= bound || tokens[q + 1].Text is not "of");

    /// <summary>
    /// A number hyphenated or slashed onto a word is part of a test's or an organism's name ("HSV-1", "HSV-1/2",
    /// "HHV-6", "HTLV-1"), not a result.
    /// </summary>
    private static bool PartOfAName(List<Token> tokens, int q)
    {
        // glued: the separator is the one character between the two tokens ("HSV - 1" is not a name)
        while (q > 0 && tokens[q].Kind == TokenKind.Number && tokens[q].Joiner is '-' or '/'
               && tokens[q - 1].Start + tokens[q - 1].Length + 1 == tokens[q].Start)
        {
            if (tokens[q - 1].Kind == TokenKind.Word) return true;
            q--;
        }
        return false;
    }

    /// <summary>True when token k belongs to a modifier that ends the scope of rule r.</summary>
    private static bool Stops(List<PhraseMatch> mods, TextRules rules, int k, ContextRule r)
    {
        foreach (var m in mods)
        {
            if (k < m.Start || k >= m.End) continue;
            var o = rules.Context[m.Payload];
            if (o.Direction == ScopeDirection.Terminate && (o.Terminates is null || o.Terminates.Contains(r.Category))) return true;
            if (o.Direction != ScopeDirection.Pseudo && o.Direction != ScopeDirection.Terminate && o.Category == r.Category) return true;
        }
        return false;
    }

    /// <summary>The modifiers whose scope covers the token range [from, to).</summary>
    public static IEnumerable<ModifierHit> Covering(List<ModifierHit> hits, int from, int to)
    {
        foreach (var h in hits)
            if (Covers(h, from, to)) yield return h;
    }

    /// <summary>True when modifier h's scope covers part of [from, to) (the reader's loop asks this per mention
    /// instead of enumerating <see cref="Covering"/>, which allocated an enumerator each time).</summary>
    public static bool Covers(ModifierHit h, int from, int to) =>
        h.Rule.Direction is not (ScopeDirection.Pseudo or ScopeDirection.Terminate) && from < h.ScopeEnd && h.ScopeStart < to;
}
