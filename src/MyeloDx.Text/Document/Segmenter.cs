using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Document;

/// <summary>A section of a note, opened by a header such as "MRI spine:" or "Examination:".</summary>
public sealed record Section(string Category, string? Topic, IReadOnlyList<ModifierAttribute> Attributes, int HeaderStart, int HeaderLength)
{
    public static readonly Section Body = new("body", null, [], 0, 0);
}

/// <summary>A sentence (or a chunk of an over-long one) as a token range, with the section it sits in.</summary>
public sealed record Sentence(int Index, int TokenFrom, int TokenTo, int CharStart, int CharEnd, Section Section);

/// <summary>
/// Finds section headers and sentence boundaries. A header is a known literal at the start of a line (or of a
/// sentence) followed by ':' within a few words, or a short line that is only a known header. Sentences end at
/// . ! ? before an upper-case word, a number or a line break (not after abbreviations such as "e.g." or "Dr."),
/// and at line breaks unless the next line continues in lower case. Over-long sentences are cut into chunks so
/// that modifier scopes stay bounded.
/// </summary>
internal static class Segmenter
{
    public const int MaxSentenceTokens = 120;
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal) { "dr", "vs", "approx", "fig", "mr", "mrs", "st", "ca", "cf", "al", "resp", "ref", "no" };

    public static List<Sentence> Split(List<Token> tokens, TextRules rules, HashSet<int> headerTokens) =>
        Split(tokens, rules, headerTokens, CalendarDates.FindAllWithMonths(tokens));

    /// <summary>As above, with the note's dates already found (<see cref="CalendarDates.FindAllWithMonths"/>).</summary>
    public static List<Sentence> Split(List<Token> tokens, TextRules rules, HashSet<int> headerTokens, List<WrittenDate> dates)
    {
        var sentences = new List<Sentence>();
        var section = Section.Body;
        var n = tokens.Count;
        var start = 0;
        var matches = new List<PhraseMatch>();
        Section? suspendedAssessment = null;
        var capitals = WrittenInCapitals(tokens);
        for (var i = 0; i < n; i++)
        {
            var atStart = i == start;
            var lineStart = i == 0 || tokens[i].NewlineBefore;
            // a ward note strings its results on one line: "Brain MRI: normal; spine MRI: intramedullary nodule at T9"
            var afterSemicolon = i > start && tokens[i - 1].Text == ";";
            if ((lineStart || atStart || afterSemicolon) && TryHeader(tokens, i, rules, matches, dates, out var sec, out var headerEnd))
            {
                if (i > start) Flush(sentences, tokens, start, i, section);
                // "Plan:\n- LP in the morning: cells, protein, OCB", "Plan: MRI tomorrow: ...": a test's header inside a plan,
                // on the plan's line or as one of its bulleted items, names what is to be done; nothing it lists is a
                // result, and the plan goes on after it
                var inPlan = section.Topic == "plan" && section.Attributes.Contains(ModifierAttribute.Hypothetical) && (!lineStart || tokens[i].Joiner == '•');
                if (inPlan && !sec.Attributes.Contains(ModifierAttribute.Hypothetical))
                    sec = sec with { Attributes = [.. sec.Attributes, ModifierAttribute.Hypothetical] };
                // a header at a line start opens a section; an inline one ("Spinal MRI: ...") only labels its sentence
                var s = sec with { HeaderStart = tokens[i].Start, HeaderLength = tokens[headerEnd - 1].End - tokens[i].Start };
                for (var h = i; h < headerEnd; h++) headerTokens.Add(h);
                if (lineStart && !inPlan) section = s;
                else
                {
                    var end = NextBoundary(tokens, headerEnd, rules.Words, capitals);
                    Flush(sentences, tokens, headerEnd, end, s);
                    start = end; i = end - 1;
                    continue;
                }
                start = headerEnd; i = headerEnd - 1;
                continue;
            }
            // "ASSESSMENT" / "Neuro: left 6th nerve palsy" / "Bladder: hesitancy": under an assessment heading, a line that
            // opens on a short label and a colon is an observation recorded item by item (a nursing or ward assessment),
            // not the writer's opinion; the assessment's prose lines stay opinions
            if (lineStart)
            {
                var labelled = LabelledLine(tokens, i, rules);
                if (labelled && section.Category == "assessment" && suspendedAssessment is null)
                {
                    if (i > start) Flush(sentences, tokens, start, i, section);
                    suspendedAssessment = section; section = ObservedItems; start = i;
                }
                else if (!labelled && suspendedAssessment is not null && section == ObservedItems)
                {
                    if (i > start) Flush(sentences, tokens, start, i, section);
                    section = suspendedAssessment; suspendedAssessment = null; start = i;
                }
            }
            // "FH: brother prostate cancer." / "Current function:" / "- Bladder: catheter": a heading line of its own that
            // names no known section still opens a new one, so the section before it (someone else's, or the past) ends
            if (lineStart && section != Section.Body && UnknownHeadingLine(tokens, i, rules, matches))
            {
                if (i > start) Flush(sentences, tokens, start, i, section);
                section = Section.Body; start = i;
            }
            // "Brain: normal." / "Nodular enhancement coating the cauda equina nerve roots.": a line after a brain heading that
            // speaks of the spinal cord, its roots or the spine is the spinal report again, not the brain's
            if (lineStart && section.Attributes.Contains(ModifierAttribute.Brain) && LineNamesSpinalAnatomy(tokens, i, rules.Words))
            {
                if (i > start) Flush(sentences, tokens, start, i, section);
                section = Section.Body with { Topic = "imaging" }; start = i;
            }
            // a one-line note has no header before the current complaint: "PMH: ... Now fever and leg weakness."
            if (atStart && section.Attributes.Any(a => a is ModifierAttribute.Historical or ModifierAttribute.OtherExperiencer)
                && tokens[i].Kind == TokenKind.Word && rules.Words.PresentIllness.Contains(tokens[i].Text))
                section = Section.Body;
            // "Previous MRI: enhancing lesion at T4. Current MRI shows partial resolution.", "First LP: ... The repeat a
            // week later: ...": a sentence that opens on a word placing a study now ends the earlier time of the study's
            // section (its topic stays: the repeat LP's numbers are still CSF values)
            // ... and so does a clause after a semicolon that opens on one ("LP in May: protein 1.1 g/L; today's sample
            // protein 0.3 g/L"), which then stands as a sentence of its own so the earlier clause keeps its time
            else if ((atStart || i > start && tokens[i - 1].Text == ";") && section.Topic is "imaging" or "csf"
                     && section.Attributes.Contains(ModifierAttribute.Historical) && OpensOnCurrentStudy(tokens, i, rules))
            {
                if (!atStart) { Flush(sentences, tokens, start, i, section); start = i; }
                section = section with { Attributes = [.. section.Attributes.Where(a => a != ModifierAttribute.Historical)] };
            }
            if (i + 1 < n && IsBoundaryAfter(tokens, i, rules.Words, capitals))
            {
                Flush(sentences, tokens, start, i + 1, section);
                start = i + 1;
            }
        }
        if (start < n) Flush(sentences, tokens, start, n, section);
        return sentences;
    }

    /// <summary>The items of an assessment recorded label by label ("Neuro: ...", "Bladder: ..."): observed, not opined.</summary>
    private static readonly Section ObservedItems = new("assessment_items", "examination", [], 0, 0);

    // a label of one to `maxWords` words opening the line at i and the colon after it: the colon's token, or -1
    private static int LabelColon(List<Token> tokens, int i, int maxWords)
    {
        for (var k = i; k < tokens.Count && k <= i + maxWords; k++)
        {
            if (k > i && tokens[k].NewlineBefore) return -1;
            if (tokens[k].Text == ":") return k > i ? k : -1;
            if (tokens[k].Kind != TokenKind.Word) return -1;
        }
        return -1;
    }

    private static bool LineEndsAfter(List<Token> tokens, int k) => k + 1 >= tokens.Count || tokens[k + 1].NewlineBefore;

    // one to three words, then a colon with more on the line ("Neuro: GCS 15", "Pain: headache 6/10"), the label not an
    // opinion's ("Likely cause:")
    private static bool LabelledLine(List<Token> tokens, int i, TextRules rules)
    {
        var colon = LabelColon(tokens, i, 3);
        if (colon < 0 || LineEndsAfter(tokens, colon)) return false;
        for (var k = i; k < colon; k++) if (rules.Words.OpinionLabels.Contains(tokens[k].Text)) return false;
        return true;
    }

    // one to five words and a colon that ends the line ("Current function:", "On the ward today:")
    // (not a relative's name under a family history: "Mother:" / "breast cancer at 50" is still the family's)
    private static bool UnknownHeadingLine(List<Token> tokens, int i, TextRules rules, List<PhraseMatch> matches)
    {
        var colon = LabelColon(tokens, i, 5);
        if (colon < 0 || !LineEndsAfter(tokens, colon)) return false;
        matches.Clear();
        rules.ContextMatcher.FindAll(tokens, i, colon, matches);
        foreach (var m in matches)
            if (rules.Context[m.Payload].Attribute == ModifierAttribute.OtherExperiencer) return false;
        return true;
    }

    // the aside opened at `open` starts with a comparison word ("compared with 06/2025") or names no month, year or date
    private static bool AsideWithoutDates(List<Token> tokens, int open, List<WrittenDate> dates, TextRules rules)
    {
        if (open + 1 < tokens.Count && rules.Words.ComparisonWords.Contains(tokens[open + 1].Text)) return true;
        for (var k = open + 1; k < tokens.Count && k < open + 12 && tokens[k].Text != ")"; k++)
        {
            if (tokens[k].NewlineBefore) return false;
            if (DateAt(dates, k) is not null || CalendarDates.MonthOf(tokens[k].Text) is not null
                || tokens[k].Kind == TokenKind.Number && tokens[k].Length == 4) return false;
        }
        return true;
    }

    // "Current MRI", "The repeat today", "Today's LP": an opener followed by a study word (or "today"/"now"); "New
    // enhancing nodule ..." describes a lesion, not a study
    private static bool OpensOnCurrentStudy(List<Token> tokens, int i, TextRules rules)
    {
        var k = i < tokens.Count - 1 && tokens[i].Text is "the" or "a" or "on" or "in" or "at" or "our" ? i + 1 : i;
        if (k + 1 >= tokens.Count || tokens[k].Kind != TokenKind.Word || !rules.Words.CurrentStudyOpeners.Contains(tokens[k].Text)) return false;
        for (var q = k + 1; q < Math.Min(tokens.Count, k + 3); q++)
            if (rules.Words.Study.Contains(tokens[q].Text) || rules.Words.CurrentStudyFollowers.Contains(tokens[q].Text))
                return true;
        return false;
    }

    // "Follow-up after two months of steroids:", "Follow up at 6 weeks:": a follow-up header followed by a time tells what
    // was found then; other plan headers stay hypothetical whatever their length
    private static bool FollowUpAfterTime(List<Token> tokens, PhraseMatch header) =>
        header.End < tokens.Count && header.End - header.Start == 2 && tokens[header.Start].Text == "follow" && tokens[header.End].Text is "after" or "at";

    private static int NextBoundary(List<Token> tokens, int from, WordLists words, bool capitals)
    {
        for (var k = from; k < tokens.Count; k++)
            if (k + 1 >= tokens.Count || IsBoundaryAfter(tokens, k, words, capitals)) return k + 1;
        return tokens.Count;
    }

    private static bool LineNamesSpinalAnatomy(List<Token> tokens, int from, WordLists words)
    {
        for (var k = from; k < tokens.Count && (k == from || !tokens[k].NewlineBefore); k++)
            if (tokens[k].Kind == TokenKind.Word && words.SpinalAnatomy.Contains(tokens[k].Text)) return true;
        return false;
    }

    // a printout written in capitals throughout (a PAS or laboratory system's summary): at least 20 words of three
    // letters or more, nine in ten of them all capitals
    private static bool WrittenInCapitals(List<Token> tokens)
    {
        int words = 0, capitals = 0;
        foreach (var t in tokens)
        {
            if (t.Kind != TokenKind.Word || t.Length < 3) continue;
            words++;
            if (t.AllCapitals) capitals++;
        }
        return words >= 20 && capitals * 10 >= words * 9;
    }

    // "INTRAMEDULLARY MET NOT / EXCLUDED BUT NO MASS.": in a printout in capitals a capital cannot show a new sentence, so a
    // long line that stops without a full stop wraps into the next one, unless that line opens a heading ("PLAN:") or a
    // numbered item ("2. OSTEOPENIA")
    private static bool WrapsInCapitals(List<Token> tokens, int k)
    {
        var t = tokens[k]; var next = tokens[k + 1];
        if (!(t.Kind is TokenKind.Word or TokenKind.Number || t.Text is "," or ")") || next.Kind != TokenKind.Word || next.Joiner == '•') return false;
        var lineTokens = 1;
        for (var q = k; q > 0 && !tokens[q].NewlineBefore; q--) lineTokens++;
        if (lineTokens < 8) return false;
        for (var q = k + 1; q < tokens.Count && q <= k + 5; q++)
        {
            if (q > k + 1 && tokens[q].NewlineBefore) break;
            if (tokens[q].Text == ":") return false;
        }
        return true;
    }

    // at every token, without a loop: compiled optimised at its first call (it ran unoptimised for the first seconds of a
    // batch on one core; perf, 2026-12-07)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool IsBoundaryAfter(List<Token> tokens, int k, WordLists words, bool capitals)
    {
        var t = tokens[k]; var next = tokens[k + 1];
        if (t.Kind == TokenKind.Punct && t.Text is "." or "!" or "?")
        {
            // "?Neurosarcoid", "Impression: ?MS": a question mark glued to the next word questions it, it ends nothing
            if (t.Text == "?" && next.Start == t.Start + t.Length && next.Kind == TokenKind.Word) return false;
            // "? Lhermitte's", "Impression: ? MS": a question mark that opens a clause questions what follows; it ends nothing
            if (t.Text == "?" && (k == 0 || t.NewlineBefore || tokens[k - 1].Kind == TokenKind.Punct && tokens[k - 1].Text is "." or "!" or "?" or ":" or ";" or ",")) return false;
            // "No." abbreviates "number" only before one ("No. 3"); before a word it is an answer ("Headache? No. Back pain?")
            // ("g/L." and "mmol/L." end a unit, not an abbreviation: a single letter after a slash is the unit's)
            if (t.Text == "." && k > 0 && tokens[k - 1].End == t.Start && tokens[k - 1].Kind == TokenKind.Word
                && (tokens[k - 1].Length == 1 && tokens[k - 1].Joiner != '/' || Abbreviations.Contains(tokens[k - 1].Text)) && !next.NewlineBefore
                && !(tokens[k - 1].Text == "no" && next.Kind != TokenKind.Number))
                return false;
            // "No headache. ?Mild neck stiffness": a question mark opening the next clause starts a sentence of its own,
            // so the denial before the full stop does not reach the doubted finding
            return next.NewlineBefore || next.Upper || next.Kind == TokenKind.Number || next.Kind == TokenKind.Punct && next.Text == "("
                   || next.Kind == TokenKind.Punct && next.Text == "?" && t.Text is "." or "!";
        }
        if (next.NewlineBefore && next.Joiner == '•') return true; // a bulleted list item
        if (next.NewlineBefore)
        {
            // a wrapped line continues in lower case after a word or a comma, and after a word no sentence ends on
            // ("enhancement of the right" / "T9-T10 dorsal roots") whatever the next line opens with
            var continues = (t.Kind != TokenKind.Punct || t.Text == ",") && next.Kind == TokenKind.Word && !next.Upper
                            || t.Kind == TokenKind.Word && words.LineContinuers.Contains(t.Text) && next.Kind is TokenKind.Word or TokenKind.Number
                            || capitals && WrapsInCapitals(tokens, k);
            return !continues;
        }
        return false;
    }

    private static bool TryHeader(List<Token> tokens, int i, TextRules rules, List<PhraseMatch> matches, List<WrittenDate> dates, out Section section, out int headerEnd)
    {
        section = Section.Body; headerEnd = i;
        // find ':' within 9 tokens on the same line, not counting an aside in brackets or a written date ("MRI whole spine
        // 01.12.2026 (compared with 06/2025):" is a study's header however its date and comparison are written)
        var colon = -1;
        var counted = 0; var depth = 0;
        for (var k = i; k < tokens.Count && k < i + 30 && counted < 10; k++)
        {
            if (k > i && tokens[k].NewlineBefore) break;
            if (tokens[k].Kind == TokenKind.Punct && tokens[k].Text == ":") { colon = k; break; }
            // (an aside that names the comparison or says nothing of time; one that lists dates, "(Jan, Feb, Mar)", counts)
            if (tokens[k].Text == "(" && depth == 0 && AsideWithoutDates(tokens, k, dates, rules)) { depth++; continue; }
            if (tokens[k].Text == ")" && depth > 0) { depth--; continue; }
            if (depth > 0) continue;
            if (DateAt(dates, k) is { } d) { k = d.TokenTo - 1; counted++; continue; }
            if (tokens[k].Kind == TokenKind.Punct && tokens[k].Text is "." or ";" or "?" or "!") break;
            counted++;
        }
        var end = colon;
        if (colon < 0)
        {
            // a short line that is only a header ("IMPRESSION"), perhaps with an aside closing the line ("CSF (LP 03/12/2026)")
            var k = i + 1;
            var outside = 1; var inAside = false; var asideAt = -1;
            while (k < tokens.Count && !tokens[k].NewlineBefore && k < i + 20 && outside <= 6)
            {
                if (tokens[k].Text == "(" && !inAside) { inAside = true; asideAt = k; }
                else if (tokens[k].Text == ")" && inAside) inAside = false;
                else if (!inAside) outside++;
                k++;
            }
            if (!(i == 0 || tokens[i].NewlineBefore) || k >= tokens.Count || !tokens[k].NewlineBefore || outside > 6 || inAside) return false;
            end = k;
            // the aside must close the line: the header is what comes before it
            if (asideAt > i && tokens[end - 1].Text == ")") end = asideAt; else if (asideAt > i) return false;
        }
        if (end <= i) return false;
        matches.Clear();
        rules.SectionMatcher.FindAll(tokens, i, end, matches);
        PhraseMatch? best = null;
        foreach (var m in matches)
        {
            if (m.Start != i) continue;
            if (colon < 0 && m.End != end) continue; // a bare header line must be the header exactly
            if (best is null || m.Length > best.Value.Length) best = m;
        }
        if (best is null) return false;
        var rule = rules.Sections[best.Value.Payload];
        // a case report's "Discussion" stands on a line of its own; "Discussion: reviewed with radiology" is a note's item
        if (colon > 0 && rule.Category == "discussion") return false;
        // "MRI whole spine normal: no intramedullary, intradural or epidural lesion": a study's verdict before the colon
        // makes the line a statement, whose words are read, not a heading that hides them
        // (the verdict closes the words before the colon: "Repeat MRI a day after a normal admission scan:" is a heading)
        if (colon > best.Value.End && rules.Words.VerdictsBeforeColon.Contains(tokens[colon - 1].Text)) return false;
        // "Symptoms evolved over about four months: stiff legs first": a sentence that happens to begin with a header word
        // and has a colon later is not a header; only a study's header carries more than a few words before its colon
        // ("MRI whole spine with contrast (2021):")
        // ("Follow-up after two months of steroids:" tells what a follow-up showed; a plan's header is short)
        if (colon > 0 && (rule.Attributes.Count == 0 || FollowUpAfterTime(tokens, best.Value)) && rule.Topic is not ("imaging" or "csf" or "laboratory") && WordsOutsideBrackets(tokens, best.Value.End, colon) > 3) return false;
        // "Lung biopsy: adenocarcinoma" labels a specimen, not a staging report's organ heading: read as text
        if (colon > 0 && rule.Attributes.Contains(ModifierAttribute.OtherOrgan))
            for (var k = best.Value.End; k < colon; k++)
                if (rules.Words.SpecimenWords.Contains(tokens[k].Text)) return false;
        section = new Section(rule.Category, rule.Topic, rule.Attributes, 0, 0);
        // "MRI (2021):", "LP 2019:", "MRI in June:", "Outside MRI:": a study headed by a year, a month or a word of an
        // earlier time is an earlier one (a study of today is headed by its day or called current); what it reports is history
        if (colon > 0 && rule.Topic is "imaging" or "csf" && !rule.Attributes.Contains(ModifierAttribute.Historical))
            for (var k = i; k < colon; k++)
            {
                // "MRI at 10 weeks compared with the May study:": the comparison names the earlier study, not this one
                if (rules.Words.ComparisonWords.Contains(tokens[k].Text)) break;
                // "MRI spine 02/12/2026:", "LP 5 December 2026:", "MRI December 2026:": a study with its date is now unless the note itself
                // dates something well after it or the same study again later (its year alone says nothing then)
                if (k >= best.Value.End && DateAt(dates, k) is { } written)
                {
                    if (EarlierThanTheNote(tokens, rules, dates, written, best.Value))
                        section = section with { Attributes = [.. rule.Attributes, ModifierAttribute.Historical] };
                    break;
                }
                // "MRI 2 years ago:", "LP six weeks ago:": a study dated weeks, months or years back
                if (tokens[k].Text == "ago" && k > i && tokens[k - 1].Text is "weeks" or "months" or "years" or "week" or "month" or "year")
                {
                    section = section with { Attributes = [.. rule.Attributes, ModifierAttribute.Historical] };
                    break;
                }
                if (k >= best.Value.End && tokens[k].Kind == TokenKind.Number && tokens[k].Length == 4 && tokens[k].Value is >= 1900 and < 2100
                    || tokens[k].Kind == TokenKind.Word && rules.Words.PastDates.Contains(tokens[k].Text)
                       && !(k + 1 < colon && tokens[k].Text == "last" && rules.Words.RecentPeriods.Contains(tokens[k + 1].Text)))
                {
                    section = section with { Attributes = [.. rule.Attributes, ModifierAttribute.Historical] };
                    break;
                }
            }
        headerEnd = colon >= 0 ? colon + 1 : end;
        // "Repeat MRI 48 h after a normal first scan:": a study header that says more than its name and date opens the
        // section at its name, and what else it says is read as text
        if (colon > 0 && colon - best.Value.End > 3 && !SaysOnlyWhenOrWhere(tokens, best.Value.End, colon, rules)) headerEnd = best.Value.End;
        // "CSF cytology: negative", "CSF flow cytometry: no clonal cells", "Bloods B12: 450": a results header that names
        // the test before the colon; the test's name is read with its result (the section still says CSF or laboratory)
        if (colon > 0 && rule.Topic is "csf" or "laboratory")
            for (var k = best.Value.End; k < colon; k++)
                if (tokens[k].Kind == TokenKind.Word) { headerEnd = best.Value.End; break; }
        return true;
    }

    /// <summary>Days by which a dated study may precede the note's latest date and still be the current study.</summary>
    /// <remarks>A clinic letter or consult often discusses a scan of the past weeks as the current one; a scan months
    /// before is a baseline. Six weeks is a judgment (estimate), not a published figure: a discharge letter dates the
    /// scan that led to the admission and the discharge a month or more apart (it was four weeks until 2026-12-07).</remarks>
    public const int CurrentStudyWindowDays = 42;

    private static WrittenDate? DateAt(List<WrittenDate> dates, int token)
    {
        foreach (var d in dates)
            if (d.TokenFrom == token) return d;
        return null;
    }

    // a dated study is an earlier one when the note, before it, carries a date more than the window after it (the note's
    // own date at its head: "Date: 05/12/2026 ... MRI 14/06/2026:"), or heads the same study again with a later date
    // ("MRI 01/12/2026: ... MRI 03/12/2026:"). Dates further on may be plans ("repeat MRI on 15/01/2027"), so only a
    // later study's header counts there.
    private static bool EarlierThanTheNote(List<Token> tokens, TextRules rules, List<WrittenDate> dates, WrittenDate study, PhraseMatch header)
    {
        // the study's name: its imaging word ("MRI", "scan"), else the header's first word ("LP", "CSF")
        string? studyWord = null;
        for (var k = header.Start; k < header.End && studyWord is null; k++)
            if (rules.Words.Study.Contains(tokens[k].Text)) studyWord = tokens[k].Text;
        studyWord ??= tokens[header.Start].Text;
        foreach (var other in dates)
        {
            // (a date of something still to come, "Planned procedure: ... 14 Jan 2027", dates no later note)
            if (other.TokenFrom < header.Start && other.Date.DayNumber - study.LatestDay.DayNumber > CurrentStudyWindowDays
                && !NotePresent.PlannedOnItsLine(tokens, rules, other.TokenFrom)) return true;
            if (other.Date > study.Date && other.TokenFrom > study.TokenFrom && HeadsStudy(tokens, other, studyWord)) return true;
        }
        return false;
    }

    // the same study's name shortly before a date on its line and a colon right after it ("MRI spine 03/12/2026:")
    private static bool HeadsStudy(List<Token> tokens, WrittenDate date, string studyWord)
    {
        var colon = date.TokenTo < tokens.Count && tokens[date.TokenTo].Text == ":"
            || date.TokenTo + 1 < tokens.Count && tokens[date.TokenTo + 1].Text == ":" && tokens[date.TokenTo].Text == ")";
        if (!colon) return false;
        for (var k = date.TokenFrom - 1; k >= 0 && k >= date.TokenFrom - 6; k--)
        {
            if (tokens[k].Text == studyWord) return true;
            if (tokens[k].NewlineBefore || tokens[k].Kind == TokenKind.Punct && tokens[k].Text is "." or ";") return false;
        }
        return false;
    }

    // words between a header's name and its colon, an aside in brackets not counted ("Family history (on her mother's side):")
    private static int WordsOutsideBrackets(List<Token> tokens, int from, int to)
    {
        int n = 0, depth = 0;
        for (var k = from; k < to; k++)
        {
            if (tokens[k].Text == "(") depth++;
            else if (tokens[k].Text == ")") depth = Math.Max(0, depth - 1);
            else if (depth == 0 && tokens[k].Kind != TokenKind.Punct) n++;
        }
        return n;
    }

    // what a study header may add to its name and still be a header: a date, a year, brackets, a region of the spine or
    // a technique ("MRI whole spine with contrast (2021):", "LP in June:")
    private static bool SaysOnlyWhenOrWhere(List<Token> tokens, int from, int to, TextRules rules)
    {
        for (var k = from; k < to; k++)
            if (tokens[k].Kind == TokenKind.Word && !rules.Words.StudyHeaderWords.Contains(tokens[k].Text) && !rules.Words.PastDates.Contains(tokens[k].Text))
                return false;
        return true;
    }

    private static void Flush(List<Sentence> sentences, List<Token> tokens, int from, int to, Section section)
    {
        while (to - from > MaxSentenceTokens)
        {
            // cut at the last ';' or ',' in the window, else hard
            var cut = from + MaxSentenceTokens;
            for (var k = from + MaxSentenceTokens - 1; k > from + MaxSentenceTokens / 2; k--)
                if (tokens[k].Kind == TokenKind.Punct && tokens[k].Text is ";" or ",") { cut = k + 1; break; }
            Add(sentences, tokens, from, cut, section);
            from = cut;
        }
        if (to > from) Add(sentences, tokens, from, to, section);
    }

    private static void Add(List<Sentence> sentences, List<Token> tokens, int from, int to, Section section) =>
        sentences.Add(new Sentence(sentences.Count, from, to, tokens[from].Start, tokens[to - 1].End, section));
}
