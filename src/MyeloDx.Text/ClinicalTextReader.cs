using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;
using MyeloDx.Text.Context;
using MyeloDx.Text.Document;
using MyeloDx.Text.Extraction;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text;

/// <summary>Everything the reader found in one text: sentences, term mentions with modifiers, numbers, and the case.</summary>
public sealed record TextAnalysis(
    string Text,
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<Mention> Mentions,
    IReadOnlyList<NumberMention> Numbers,
    Case Case,
    IReadOnlyDictionary<string, TextSpan> FieldSpans,
    IReadOnlyList<(int Start, int End, string Category)> ModifierSpans)
{
    /// <summary>
    /// Entries of other patients in a handover list, set aside unread: only the flagged (or the longest) entry is this
    /// patient's (empty for an ordinary note).
    /// </summary>
    public IReadOnlyList<TextSpan> OtherPatientEntries { get; init; } = [];

    /// <summary>True when the text held anything clinical the rules know (a finding, a concept or a number).</summary>
    public bool RecognisedAnything => Mentions.Any(m => m.Term.Findings.Count > 0 || m.Findings.Count > 0 || m.Concept is not (null or "sex" or "imaging" or "cord" or "lesion" or "onset" or "pain" or "sensory" or "block"))
                                      || Numbers.Count > 0;
}

/// <summary>
/// Free clinical text (a note, a referral letter, an MRI report) → a <see cref="CaseInput"/>: a <see cref="Case"/>
/// holding the numbers and facts, and observations that point back to their character spans. Pipeline: tokens →
/// sections and sentences → vocabulary terms → ConText modifiers → numbers with units and their owners → case →
/// the shared <see cref="FindingDeriver"/> (via <see cref="AssessmentService.FromCase"/>). Built once from the rule
/// files; immutable and thread-safe; linear in the text length.
/// </summary>
public sealed class ClinicalTextReader : ITextCaseReader
{
    /// <summary>Longest text read (characters); longer input is refused with MDX-TX011.</summary>
    public const int MaxChars = 2_000_000;

    private readonly TextRules _rules;
    private readonly AssessmentService _service;
    // the selection's priority and overlap groups, made once (they were two new delegates per sentence); a term's
    // payload is its index in the term list
    private readonly Func<PhraseMatch, int> _termPriority;
    private readonly Func<int, string?> _freeGroup;

    public ClinicalTextReader(TextRules rules, AssessmentService service)
    {
        _rules = rules; _service = service;
        // by term id in arrays: the selection asks once per candidate and per group member (each through the term list's
        // interface before)
        var priority = new int[rules.Terms.Count];
        var group = new string?[rules.Terms.Count];
        for (var i = 0; i < priority.Length; i++) { priority[i] = (int)(rules.Terms[i].Weight * 10); group[i] = rules.Terms[i].FreeGroup; }
        _termPriority = m => priority[m.Payload];
        _freeGroup = p => group[p];
        if (!ReferenceEquals(rules.Knowledge, service.Knowledge))
            foreach (var v in rules.Terms.SelectMany(t => t.Findings))
                if (!service.Knowledge.Variables.ContainsKey(v.Variable))
                    throw new InvalidOperationException($"text rules use variable '{v.Variable}' unknown to the knowledge base");
    }

    public TextRules Rules => _rules;

    /// <summary>Loads the rules from the knowledge folder (strict: any diagnostic refuses them).</summary>
    public static ClinicalTextReader Create(AssessmentService service, string? knowledgeFolder = null) =>
        new(TextRulesLoader.Load(knowledgeFolder ?? service.KnowledgeFolder ?? AssessmentService.DefaultKnowledgeFolder(), service.Knowledge), service);

    public CaseInput Read(string text)
    {
        var a = Analyze(text);
        if (!a.RecognisedAnything)
            throw new InputException("MDX-TX010", "text", "nothing clinical was recognised in the text (MyeloDx reads English clinical notes and MRI reports)");
        return ToInput(a);
    }

    /// <summary>The analysis as engine input: the case through the shared deriver, with every observation tied to its span.</summary>
    public CaseInput ToInput(TextAnalysis a)
    {
        var text = a.Text;
        var input = _service.FromCase(a.Case);
        var obs = new List<Observation>(input.Observations.Count);
        foreach (var o in input.Observations)
        {
            var key = o.Origin;
            // Silence is not a statement: radiotherapy, checkpoint inhibitors, neurotoxic drugs and a cancer are absent
            // only when the text says so ("no prior radiotherapy", "no history of cancer"). A note that does not mention
            // them is weaker evidence: the exposure is unknown, but a note about a myelopathy that the exposure caused
            // nearly always names it, so silence counts half (uncertain), like an unnamed cancer below. Dropping it
            // entirely left radiation and checkpoint-inhibitor myelopathy on their priors in notes that never mention
            // the cause (measured 2026-12-06: clinic top-1 0.710 -> 0.754 on the dev cases, no fold or set worse).
            if (key.StartsWith("treatments.", StringComparison.Ordinal) && o.State is "absent" or "none")
            {
                if (ExplicitDenial(a, o.VariableId) is { } denial) obs.Add(o with { Span = denial.Span, Detail = null });
                else obs.Add(o with { Uncertain = true, Detail = SilenceDetail(o.VariableId) });
                continue;
            }
            // A note that never names a cancer is weaker than "no history of cancer": it counts half (uncertain). Dropping
            // it entirely cost 1-2 dev cases whose patients had no cancer (measured 2026-12-05), and the population the
            // user chooses already says whether cancer is known.
            if (o.VariableId == "primary_cancer" && o.State == "none_known" && !a.FieldSpans.ContainsKey(key))
            { obs.Add(o with { Uncertain = true, Detail = "no cancer mentioned in the text (counted as uncertain)" }); continue; }
            if (a.FieldSpans.TryGetValue(key, out var sp) || a.FieldSpans.TryGetValue(Trim(key), out sp)) obs.Add(o with { Span = sp });
            else obs.Add(o);
        }
        return input with { Observations = obs, Kind = "text", Text = text };
    }

    /// <summary>The mention that explicitly denies an exposure ("no prior radiotherapy", "never received immunotherapy",
    /// radiotherapy still only planned), or null when the text is silent about it.</summary>
    private static Mention? ExplicitDenial(TextAnalysis a, string variable)
    {
        foreach (var m in a.Mentions)
        {
            if (m.OtherExperiencer || !(m.Negated || m.Hypothetical)) continue;
            var cls = m.Term.ConceptValue is { } v && v.IndexOf(':') is var k and > 0 ? v[..k] : null;
            var fits = variable switch
            {
                // (radiotherapy planned now says nothing of earlier courses: only a denial states that none was given)
                "cord_rt_exposure" => m.Concept == "radiotherapy" && m.Negated,
                "ici_exposure" => m.Concept == "drug" && cls == "immune_checkpoint_inhibitor" && m.Negated,
                // "she has never had chemotherapy" denies every chemotherapy, the intrathecal kind and nelarabine too; a
                // named agent denied ("no cisplatin") says nothing of the others
                "neurotoxic_chemotherapy" => m.Concept == "drug" && m.Negated
                    && (cls is "intrathecal_chemotherapy" or "nelarabine" || cls == "chemotherapy" && NamesAllChemotherapy(a.Text, m.Span)),
                _ => false,
            };
            if (fits) return m;
        }
        return null;
    }

    private static bool IsConditional(List<ModifierHit> applied)
    {
        foreach (var h in applied) if (h.Rule.Category == "CONDITIONAL") return true;
        return false;
    }

    private static bool NamesAllChemotherapy(string text, TextSpan span) =>
        span.Start >= 0 && span.Start + span.Length <= text.Length
        && text.AsSpan(span.Start, span.Length).Trim() is var w
        && (w.Equals("chemotherapy", StringComparison.OrdinalIgnoreCase) || w.Equals("chemo", StringComparison.OrdinalIgnoreCase));

    private static string SilenceDetail(string variable) => variable switch
    {
        "cord_rt_exposure" => "no radiotherapy mentioned in the text (counted as uncertain)",
        "ici_exposure" => "no checkpoint inhibitor mentioned in the text (counted as uncertain)",
        "neurotoxic_chemotherapy" => "no intrathecal or neurotoxic chemotherapy mentioned in the text (counted as uncertain)",
        _ => "not mentioned in the text (counted as uncertain)",
    };

    private static string Trim(string origin)
    {
        var i = origin.IndexOf('[');
        return i < 0 ? origin : origin[..i];
    }


    public TextAnalysis Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars)
            throw new InputException("MDX-TX011", "text", $"the text has {text.Length:N0} characters; the limit is {MaxChars:N0}");
        var doc = Parse(text);
        var numbers = new List<NumberMention>();
        var (c, spans) = new CaseAssembler(doc, _rules, numbers).Build();
        // loops, not LINQ chains: once per note, but with per-modifier lambdas that ran unoptimised for most of a batch
        var modSpans = new List<(int Start, int End, string Category)>();
        var sentences = new Sentence[doc.Sentences.Count];
        for (var i = 0; i < sentences.Length; i++)
        {
            var si = doc.Sentences[i];
            sentences[i] = si.Sentence;
            foreach (var h in si.Modifiers)
                if (h.Rule.Attribute != ModifierAttribute.None || h.Rule.Direction == ScopeDirection.Pseudo)
                    modSpans.Add((doc.Tokens[h.TokenStart].Start, doc.Tokens[h.TokenEnd - 1].End, h.Rule.Category));
        }
        return new TextAnalysis(text, sentences, doc.Mentions, numbers, c, spans, modSpans.ToArray()) { OtherPatientEntries = doc.OtherPatients };
    }

    internal ParsedDocument Parse(string text)
    {
        // a handover list of several patients is read for one of them (the others blanked, offsets kept)
        text = PatientBlocks.KeepOne(text, _rules.Words, out var otherPatients);
        var tokens = _rules.Tokenizer.Tokenize(text);
        var headers = new HashSet<int>();
        var dates = CalendarDates.FindAllWithMonths(tokens);
        var sentences = tokens.Count == 0 ? [] : Segmenter.Split(tokens, _rules, headers, dates);
        var infos = new List<SentenceInfo>(sentences.Count);
        // presized (profile: list growth was a visible share of reading): the dev notes have 0.27 mentions per token
        // on average and up to 0.43 (measured 2026-12-05)
        var mentions = new List<Mention>(tokens.Count / 3 + 8);
        var scratch = new List<PhraseMatch>(64);
        var prevImaging = false;
        var prevCsf = false;
        var present = dates.Count == 0 ? null : NotePresent.Find(tokens, sentences, _rules, dates);
        foreach (var s in sentences)
        {
            scratch.Clear();
            _rules.TermMatcher.FindAll(tokens, s.TokenFrom, s.TokenTo, scratch);
            if (headers.Count > 0) scratch.RemoveAll(m => headers.Contains(m.Start));
            var matches = PhraseMatcher.LongestNonOverlapping(scratch, _termPriority, _freeGroup);
            // ConText only where there is something to modify (medspaCy's match_target_sents_only)
            var mods = matches.Count == 0 ? [] : ContextEngine.FindModifiers(tokens, s, _rules, headers, scratch);
            // an event dated half a year or more before the note's own date is history ("urinary retention in 2020")
            if (present is { } now && matches.Count > 0)
            {
                NotePresent.AddHistoryHits(tokens, s, now, dates, _rules, mods);
                if (mods.Count > 0) NotePresent.DropRecentMonthHits(tokens, now, mods);
            }
            // an imaging sentence names a study or sequence, or states an MRI finding no other context uses ("enhances", "intramedullary")
            bool imagingWord = false, imagingFinding = false, lesionWord = false, csfWord = false, pathologyWord = false;
            foreach (var m in matches)
            {
                var t = _rules.Terms[m.Payload];
                switch (t.Concept)
                {
                    case "imaging": imagingWord = true; break;
                    case "lesion" or "cord": lesionWord = true; break;
                    // "T2 signal", "high signal", "signal change": the language of an MRI sequence, never of the examination
                    case "t2_signal": lesionWord = true; imagingWord = true; break;
                    case "csf": csfWord = true; break;
                    case "pathology": pathologyWord = true; break;
                    case null when t.Requires is null && t.ImagingFinding: imagingFinding = true; break;
                }
            }
            // "... intramedullary lesion at C6 with oedema. No haemorrhage. No syrinx.": a terse denial of a few words right
            // after an imaging sentence continues the report
            var imaging = s.Section.Topic == "imaging" || imagingWord || imagingFinding || prevImaging && (lesionWord || TerseDenial(tokens, s));
            // "First LP: protein 0.4, 1 cell. The repeat a week later: protein 2.3 g/L, 64 cells": counts of the CSF
            // analytes right after a CSF sentence continue it, unless the sentence names blood
            var csf = s.Section.Topic is "csf" || csfWord || prevCsf && ContinuesCsf(tokens, s);
            var info = new SentenceInfo(s, imaging, csf, mods, pathologyWord && NamesSpinalSite(tokens, s), pathologyWord);
            infos.Add(info);
            prevImaging = imaging && s.Section.Topic is not ("history" or "examination");
            prevCsf = csf;
            // a report's impression that speaks of the images (not a clinician's assessment or working diagnosis)
            var reportImpression = s.Section.Category == "impression" && imaging;
            // "A/P: 63M, metastatic melanoma on nivolumab, ...": an assessment that opens by restating who the patient is
            // states the cancer story as known; only the judgement that follows is the writer's opinion
            var restatedPatient = s.Section.Category == "assessment" && OpensWithThePatient(tokens, s);
            // "Differential diagnosis ... CRMP5-IgG was detected in serum and CSF": a sentence under an opinion heading that
            // reports what a test or examination found states a result; only its own hedges make it uncertain
            var reportsResult = s.Section.Attributes.Contains(ModifierAttribute.Uncertain) && SentenceHasWord(tokens, s, _rules.Words.ResultReports);
            // a case report's discussion speaks of patients in general, unless the sentence names this one ("our patient")
            var aboutThisPatient = s.Section.Category == "discussion" && SentenceHasWord(tokens, s, _rules.Words.ThisPatient);
            foreach (var m in matches)
            {
                var term = _rules.Terms[m.Payload];
                var flags = MentionFlags.None;
                var applied = new List<ModifierHit>();
                foreach (var h in mods)
                {
                    if (!ContextEngine.Covers(h, m.Start, m.End)) continue;
                    var f = Flag(h.Rule.Attribute);
                    if (f == MentionFlags.None) continue;
                    if (f == MentionFlags.Unreported && DeniesTreatmentGiven(tokens, term, h, m)) f = MentionFlags.Negated;
                    // brain imaging governs a phrase only if the phrase ends inside its scope ("MRI of the brain and spinal cord are normal")
                    if (f == MentionFlags.Brain && !(m.End - 1 >= h.ScopeStart && m.End - 1 < h.ScopeEnd)) continue;
                    // a modifier that shares words with the term's own phrase does not modify it ("absent" in "absent reflexes",
                    // "normal" in "MRI normal"), except for brain scope and results
                    // A modifier inside a "..." gap of the phrase is not part of it and does govern it ("MRI two months ago was normal").
                    var inGap = m.OnlyGap(h.TokenStart, h.TokenEnd);
                    // A modifier that begins before the phrase and only shares its last words still governs it: "no previous"
                    // negates "previous leptomeningeal involvement".
                    // ...unless the phrase itself opens with its own denial ("with no [no definite sensory level]"): a second
                    // negation there is the same one, not a double negative
                    // (the same holds for a negation after it: "no level demonstrated, reflexes normal")
                    if (f == MentionFlags.Negated && tokens[m.Start].Text is "no" or "without" or "not" or "none" && (h.TokenStart < m.Start && h.TokenEnd > m.Start || h.TokenStart >= m.End)) continue;
                    // "bladder function has since recovered and is normal now": a denial after a phrase that already states the
                    // normal state agrees with it; it does not turn it round
                    // (not the denial that answers a question: "Bowels and bladder normal? No.")
                    if (f == MentionFlags.Negated && h.TokenStart >= m.End && StatesOnlyTheNormal(term) && h.Rule != ContextEngine.AnsweredNo) continue;
                    // "Never smoker, born in Lagos": a denial that is a word of another phrase stating its own negative
                    // ("never smoker", "never smoked") is spent on that phrase; it does not run on past it
                    // (only "never": "no sensory level or bladder involvement" denies a list with its first phrase's "no")
                    if (f == MentionFlags.Negated && h.TokenEnd <= m.Start && tokens[h.TokenStart].Text == "never" && SpentOnItsOwnPhrase(matches, h, m)) continue;
                    // ... and a result word of the item before it does not reach into it either ("cytology negative (2nd
                    // negative sample)": the second sample is negative too, not "not negative")
                    if (f == MentionFlags.Negated && h.TokenEnd <= m.Start && StatesOnlyTheNormal(term) && h.Rule.Direction == ScopeDirection.Bidirectional) continue;
                    // A time trigger that runs from the phrase's first word into its gap ("MRI [in January] was normal")
                    // dates the study the phrase names: it governs it.
                    if (h.TokenStart >= m.Start && h.TokenStart < m.End && !inGap && f is not (MentionFlags.Positive or MentionFlags.Raised or MentionFlags.Lowered) && f != MentionFlags.Brain && f != MentionFlags.Unreported
                        && !(f == MentionFlags.Historical && ReachesIntoGap(m, h))) continue;
                    // "no sensory level, continent, vibration absent to knees": a negation does not reach across a comma
                    // into a finding that states its own polarity ("absent", "lost", "brisk")
                    if (f == MentionFlags.Negated && h.TokenEnd <= m.Start && SaysItsOwnPolarity(tokens, m)
                        && Enumerable.Range(h.TokenEnd, m.Start - h.TokenEnd).Any(q => tokens[q].Text == ",")) continue;
                    // "no oedema around the enhancing nodule", "no enhancement of the mass": a negation that has already
                    // reached a finding does not pass a place word into the thing that finding is placed at
                    if (f == MentionFlags.Negated && h.TokenEnd <= m.Start && PlacedBehindNegatedFinding(tokens, matches, h.TokenEnd, m)) continue;
                    // "low back pain and B12 normal": a result word after a test's name is that test's result; it does not
                    // reach back past the test to a symptom or sign named before it
                    // (an answer denies every complaint the question listed: "Headache, fever, photophobia? No.")
                    if (f == MentionFlags.Negated && h.Rule.Direction == ScopeDirection.Backward && h.TokenStart >= m.End && !term.NeedsResult
                        && !ReferenceEquals(h.Rule, ContextEngine.AnsweredNo)
                        && IsComplaint(term) && OtherFindingBetween(matches, term, m.End, h.TokenStart)) continue;
                    // a raised or low word is a result only for a test's name ("cord swelling with high T2 signal" is no result)
                    if (f is MentionFlags.Raised or MentionFlags.Lowered && !term.NeedsResult) continue;
                    // "enhancement coating the cord, the cauda equina roots and the cerebellar folia": a structure only the brain
                    // has, named after a list, places in the brain only what its backward scope holds from its start; a phrase
                    // that opens before that scope (at a spinal word, which ends it) is the spine's
                    if (f == MentionFlags.Brain && h.Rule.Direction == ScopeDirection.Backward && h.TokenStart >= m.End && m.Start < h.ScopeStart) continue;
                    flags |= f; applied.Add(h);
                }
                // "no marrow change to suggest infarction", "not consistent with metastasis": a denial that governs the
                // opinion word denies the opinion too, so what it names is absent, not doubtful
                if ((flags & (MentionFlags.Negated | MentionFlags.Uncertain)) == (MentionFlags.Negated | MentionFlags.Uncertain) && DeniesTheOpinion(applied))
                    flags &= ~MentionFlags.Uncertain;
                // an impression's opinion makes the diagnoses it names uncertain; what it describes on the images
                // ("IMPRESSION: long-segment central cord signal, most likely myelitis") is still seen, unless hedged itself
                foreach (var a in s.Section.Attributes)
                    if (!(a == ModifierAttribute.Uncertain && (term.ImagingFinding && reportImpression || term.CancerStory && restatedPatient || term.PatientAttribute || reportsResult))
                        && !(a == ModifierAttribute.OtherExperiencer && aboutThisPatient)) flags |= Flag(a);
                flags = ResultDirection(term, flags);
                if (term.ValueRequired)
                {
                    // the reading follows the letter at once ("T 39.2"); "Mr K.T., 38" is an initial and an age
                    if (m.End >= s.TokenTo || tokens[m.End].Kind != TokenKind.Number || ValueResult(tokens, s, m.End, term.Threshold) is not { } own) continue;
                    flags = flags & ~(MentionFlags.Negated | MentionFlags.Positive | MentionFlags.Raised | MentionFlags.Lowered) | own.Flag;
                    applied.RemoveAll(h => h.Rule.Attribute is ModifierAttribute.Negated or ModifierAttribute.Positive or ModifierAttribute.Raised or ModifierAttribute.Lowered);
                    applied.Add(own.Hit);
                }
                else if (term.NeedsResult && (flags & (MentionFlags.Negated | MentionFlags.Positive)) == 0
                    && ValueResult(tokens, s, m.End, term.Threshold) is { } byValue)
                {
                    flags |= byValue.Flag; applied.Add(byValue.Hit);
                }
                // an impression's opinion makes what it names uncertain, but "IMPRESSION: no cord compression" is a plain negative
                if ((flags & MentionFlags.Negated) != 0 && s.Section.Attributes.Contains(ModifierAttribute.Uncertain)
                    && !applied.Any(h => h.Rule.Attribute == ModifierAttribute.Uncertain)) flags &= ~MentionFlags.Uncertain;
                // "If the CSF protein comes back high, discuss": a result inside a condition is one that may yet come, so
                // the test was not necessarily done and the result word states nothing (a hypothetical result is dropped)
                if ((flags & MentionFlags.Hypothetical) != 0 && IsConditional(applied))
                    flags &= ~(MentionFlags.Negated | MentionFlags.Positive | MentionFlags.Raised | MentionFlags.Lowered);
                var resolveInfo = term.Requires is "pathology" or "extraneural" ? ClausePathology(tokens, s, m, matches, info) : info;
                // "No malignancy diagnosed to date; CT CAP requested": a scan in another clause does not make the denial a
                // scan's result ("CT: no malignancy" is one)
                if (term.Concept == "cancer_generic" && (info.Imaging || info.Specimen) && s.Section.Topic != "imaging" && !ClauseNamesScanOrSpecimen(tokens, s, m, matches))
                    resolveInfo = info with { Imaging = false, Specimen = false };
                var (findings, uncertain, dropped) = Resolve(term, ref flags, resolveInfo);
                // "no enhancing mass": the denial is of the mass the word describes; whether anything else enhances is unsaid
                if ((flags & MentionFlags.Negated) != 0 && dropped is null && DescribesAMass(tokens, m.End, s.TokenTo) && NamesEnhancement(term))
                    (findings, uncertain, dropped) = ([], false, "denies the mass it describes, not every enhancement");
                mentions.Add(new Mention(term, s.Index, m.Start, m.End, Span(tokens, m.Start, m.End), flags, applied, findings, uncertain, dropped));
            }
        }
        CarryLesionForward(tokens, infos, mentions);
        AddCurrentAbsences(tokens, infos, mentions);
        EarlierStudies.Supersede(mentions, tokens, infos, _rules.Words);
        return new ParsedDocument(text, tokens, infos, mentions, dates, present) { OtherPatients = otherPatients };
    }

    /// <summary>
    /// "MRI in March: a 6 mm enhancing intramedullary nodule at T7. Today's MRI: the nodule measures 14 mm": a lesion of an
    /// earlier study that a later, current sentence refers back to ("the nodule", "this lesion") as still there (measured
    /// now, larger, smaller, unchanged) is a finding of now as well, so what the earlier study said of it stands as seen.
    /// </summary>
    private void CarryLesionForward(List<Token> tokens, List<SentenceInfo> infos, List<Mention> mentions)
    {
        // "Previous imaging 2022: syrinx C5-C7, unchanged.": a sentence about an earlier study that ends by saying what it
        // showed is unchanged (or stable, persisting) states the finding now as well
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (!m.Historical || m.Negated || !m.Term.ImagingFinding || !EndsUnchanged(tokens, infos[m.Sentence].Sentence, m.TokenEnd)) continue;
            // only the last finding before the closing "unchanged": "oedema C2-T1, since resolved, with atrophy at C5,
            // stable" keeps the oedema in the past
            if (FindNext(tokens, m.TokenEnd, infos[m.Sentence].Sentence.TokenTo, ",") is { } comma && comma < LastComma(tokens, infos[m.Sentence].Sentence)) continue;
            var flags = m.Flags & ~MentionFlags.Historical;
            var (findings, uncertain, dropped) = Resolve(m.Term, ref flags, infos[m.Sentence]);
            mentions[i] = m with { Flags = flags, Findings = findings, Uncertain = uncertain, DroppedBecause = dropped };
        }
        var lastHistoricalLesion = -1;
        for (var i = 0; i < mentions.Count; i++)
            if (IsEarlierLesion(mentions[i])) lastHistoricalLesion = i;
        if (lastHistoricalLesion < 0) return;
        var afterSentence = mentions[lastHistoricalLesion].Sentence;
        var stillThere = false;
        for (var si = afterSentence + 1; si < infos.Count && !stillThere; si++)
        {
            var s = infos[si];
            if (s.Sentence.Section.Attributes.Contains(ModifierAttribute.Historical) || !s.Imaging && !ReferencesLesion(tokens, s.Sentence)) continue;
            for (var k = s.Sentence.TokenFrom; k + 1 < s.Sentence.TokenTo && !stillThere; k++)
            {
                // "the nodule", "this lesion" or a bare "it"/"they" at the head of the sentence
                int from;
                if ((_rules.Words.RefersBack.Contains(tokens[k].Text) || tokens[k].Text == "the") && _rules.Words.LesionNouns.Contains(tokens[k + 1].Text)) from = k + 2;
                else if (tokens[k].Text is "it" or "they" && k == s.Sentence.TokenFrom) from = k + 1;
                else continue;
                if (s.Modifiers.Any(h => h.Rule.Attribute is ModifierAttribute.Historical or ModifierAttribute.Negated && from - 1 >= h.ScopeStart && from - 1 < h.ScopeEnd)) continue;
                for (var q = from; q < Math.Min(s.Sentence.TokenTo, from + 6) && !stillThere; q++)
                    stillThere = _rules.Words.StillThere.Contains(tokens[q].Text) || tokens[q].Kind == TokenKind.Number && q + 1 < s.Sentence.TokenTo && tokens[q + 1].Text is "mm" or "cm";
            }
        }
        if (!stillThere) return;
        for (var i = 0; i <= lastHistoricalLesion; i++)
        {
            var m = mentions[i];
            if (!IsEarlierLesion(m)) continue;
            var flags = m.Flags & ~MentionFlags.Historical;
            var (findings, uncertain, dropped) = Resolve(m.Term, ref flags, infos[m.Sentence]);
            mentions[i] = m with { Flags = flags, Findings = findings, Uncertain = uncertain, DroppedBecause = dropped };
        }

        static bool ReferencesLesion(List<Token> tokens, Sentence s)
        {
            for (var k = s.TokenFrom; k < s.TokenTo; k++) if (tokens[k].Text is "now" or "today" or "currently") return true;
            return false;
        }
    }

    // the sentence's last word, after a comma or "and" (and perhaps "is", "remains", "now"), says that what came before
    // it is still there: ", unchanged.", "and remains stable."
    private bool EndsUnchanged(List<Token> tokens, Sentence s, int after)
    {
        var last = s.TokenTo - 1;
        while (last > after && tokens[last].Kind == TokenKind.Punct) last--;
        if (last <= after || !_rules.Words.UnchangedEndings.Contains(tokens[last].Text)) return false;
        for (var k = last - 1; k >= Math.Max(after, last - 3); k--)
        {
            if (tokens[k].Text is "," or "and") return true;
            if (!_rules.Words.UnchangedJoiners.Contains(tokens[k].Text)) return false;
        }
        return false;
    }

    private static int? FindNext(List<Token> tokens, int from, int to, string text)
    {
        for (var k = from; k < to; k++) if (tokens[k].Text == text) return k;
        return null;
    }

    private static int LastComma(List<Token> tokens, Sentence s)
    {
        for (var k = s.TokenTo - 1; k >= s.TokenFrom; k--) if (tokens[k].Text == ",") return k;
        return -1;
    }

    private bool TerseDenial(List<Token> tokens, Sentence s)
    {
        if (s.TokenTo - s.TokenFrom < 2 || !_rules.Words.TerseDenials.Contains(tokens[s.TokenFrom].Text)) return false;
        var words = 0;
        for (var k = s.TokenFrom; k < s.TokenTo; k++) if (tokens[k].Kind == TokenKind.Word && ++words > 4) return false;
        return true;
    }

    private bool SpentOnItsOwnPhrase(List<PhraseMatch> matches, ModifierHit h, PhraseMatch m)
    {
        foreach (var x in matches)
            if (x.Start <= h.TokenStart && x.End >= h.TokenEnd && x.End <= m.Start && !x.Equals(m) && StatesOnlyTheNormal(_rules.Terms[x.Payload]))
                return true;
        return false;
    }

    private static bool StatesOnlyTheNormal(Term term)
    {
        if (term.Findings.Count == 0) return false;
        foreach (var f in term.Findings) if (!NegativeStates.Contains(f.State)) return false;
        return true;
    }

    // a scan or a specimen named in the mention's own clause (between semicolons)
    private bool ClauseNamesScanOrSpecimen(List<Token> t, Sentence s, PhraseMatch m, List<PhraseMatch> matches)
    {
        var from = m.Start; var to = m.End;
        while (from > s.TokenFrom && t[from - 1].Text != ";") from--;
        while (to < s.TokenTo && t[to].Text != ";") to++;
        foreach (var o in matches)
            if (o.Start >= from && o.End <= to && _rules.Terms[o.Payload].Concept is "imaging" or "pathology") return true;
        return false;
    }

    // a word of the list anywhere in the sentence: one naming the case report's own patient ("our", "she"), or a verb
    // reporting what a test or examination found ("showed", "was detected")
    private static bool SentenceHasWord(List<Token> t, Sentence s, System.Collections.Frozen.FrozenSet<string> words)
    {
        for (var k = s.TokenFrom; k < s.TokenTo; k++)
            if (words.Contains(t[k].Text)) return true;
        return false;
    }

    // the sentence opens (after its header's colon) with the patient's age and sex: "63M", "63 y/o F", "63-year-old man"
    private static bool OpensWithThePatient(List<Token> t, Sentence s)
    {
        var k = s.TokenFrom;
        for (var colon = s.TokenFrom; colon < s.TokenTo && colon < s.TokenFrom + 5; colon++)
            if (t[colon].Text == ":") { k = colon + 1; break; }
        if (k + 1 >= s.TokenTo || t[k].Kind != TokenKind.Number || t[k].Value is not (>= 16 and <= 110)) return false;
        var next = t[k + 1].Text is "year" or "yr" or "y" && k + 2 < s.TokenTo ? t[k + 2].Text : t[k + 1].Text;
        return next is "m" or "f" or "male" or "female" or "man" or "woman" or "yo" or "old" or "o";
    }

    // a mass noun right after the word, or after words that place or qualify the mass ("no enhancing intramedullary mass")
    private bool DescribesAMass(List<Token> tokens, int from, int sentenceEnd)
    {
        for (var k = from; k < sentenceEnd && k < from + 3; k++)
        {
            if (_rules.Words.MassHeads.Contains(tokens[k].Text)) return true;
            if (!_rules.Words.MassModifiers.Contains(tokens[k].Text)) return false;
        }
        return false;
    }

    private static bool NamesEnhancement(Term term)
    {
        foreach (var f in term.Findings) if (f.Variable == "enhancement_pattern") return true;
        return false;
    }

    // a lesion finding of an earlier study, stated and not denied (a mass, its enhancement, its place in the cord)
    private static bool IsEarlierLesion(Mention m) =>
        m.Historical && !m.Negated && m.Term.ImagingFinding && !m.Term.Findings.Any(f => f.State is "absent" or "none")
        && m.Term.Findings.Any(f => f.Variable is "focal_cord_mass" or "compartment" or "enhancement_pattern");

    /// <summary>
    /// "Earlier study showed enhancement; today there is none": each finding of an earlier study followed, in its
    /// sentence or the next, by a denial that names nothing itself (<see cref="GoneNow"/>) is stated absent now.
    /// </summary>
    private void AddCurrentAbsences(List<Token> tokens, List<SentenceInfo> infos, List<Mention> mentions)
    {
        var added = new List<Mention>();
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (m.Negated || m.DroppedBecause is not null || !m.Term.ImagingFinding || m.Findings.Count == 0) continue;
            var to = m.Sentence + 1 < infos.Count ? infos[m.Sentence + 1].Sentence.TokenTo : infos[m.Sentence].Sentence.TokenTo;
            // a current finding can only be said to have gone right after it ("X has resolved", "X, which has since
            // resolved"): look no further than that (this runs for every current imaging finding)
            if (!m.Historical) to = Math.Min(to, m.TokenEnd + 6);
            if (GoneNow.FindCue(tokens, m.TokenEnd, to, _rules.Words) is not { } cue) continue;
            if (!m.Historical)
            {
                // "the cord swelling has now resolved": a finding named only to say it has gone was there before, not now
                if (tokens[cue.Start].Text is not ("has" or "have") || !Adjoins(tokens, m.TokenEnd, cue.Start)) continue;
                m = mentions[i] = m with { Flags = m.Flags | MentionFlags.Historical };
            }
            // the denial must come before any other finding ("a syrinx before; a new lesion now, none is seen ..." is
            // unclear); topic words in between ("the current MRI", "the lesion") do not break the reference
            if (mentions.Any(o => o.TokenStart >= m.TokenEnd && o.TokenStart < cue.Start && o.Term.Findings.Count > 0)) continue;
            // "has since resolved" must point back ("which has since resolved", "it has resolved"), not at another subject
            // ("the wound infection has since resolved")
            if (tokens[cue.Start].Text is "has" or "have" && !(cue.Start == m.TokenEnd
                    || cue.Start > 0 && (_rules.Words.RefersBack.Contains(tokens[cue.Start - 1].Text) || tokens[cue.Start - 1].Text == ",")))
                continue;
            // "none is seen elsewhere" denies other sites, not this one
            if (cue.End < tokens.Count && _rules.Words.Elsewhere.Contains(tokens[cue.End].Text)) continue;
            var sentence = infos.FindLastIndex(i => i.Sentence.TokenFrom <= cue.Start);
            var flags = MentionFlags.Negated;
            var (findings, uncertain, dropped) = Resolve(m.Term, ref flags, infos[sentence]);
            if (dropped is not null || findings.Count == 0) continue;
            var hit = new ModifierHit(NegationRule, cue.Start, cue.End, cue.Start, cue.End, "none");
            added.Add(new Mention(m.Term, sentence, cue.Start, cue.End, Span(tokens, cue.Start, cue.End), flags, [hit], findings, uncertain, null));
        }
        if (added.Count == 0) return;
        // keep document order: later steps take the first mention of a kind
        var ordered = mentions.Concat(added).OrderBy(x => x.TokenStart).ToList();
        mentions.Clear();
        mentions.AddRange(ordered);
    }

    /// <summary>
    /// The value written right after a test's name ("Temp 38.6", "MCV: 109 fL", "opening pressure of 32"), read against
    /// the term's threshold: a positive or a negative result, explained as such; null when no plausible value follows.
    /// </summary>
    private (MentionFlags Flag, ModifierHit Hit)? ValueResult(List<Token> tokens, Sentence s, int after, ValueThreshold? th)
    {
        for (var k = after; k < s.TokenTo && k <= after + 3; k++)
        {
            if (tokens[k].Kind == TokenKind.Number && tokens[k].Value is { } v)
            {
                // the laboratory's own range printed beside the value ("ACE 98 U/L (ref < 52)") decides before ours
                string description;
                bool abnormal;
                if (ReferenceRange(tokens, s, k + 1) is { } range)
                {
                    abnormal = v > range.High || v < range.Low;
                    description = $"a value of {tokens[k].Text} ({(abnormal ? "outside" : "within")} the stated reference range)";
                }
                else if (th?.Abnormal(v) is { } byThreshold)
                {
                    abnormal = byThreshold;
                    description = abnormal ? $"a value of {tokens[k].Text} (abnormal from {th.AbnormalFrom:0.##})" : $"a value of {tokens[k].Text} (normal; abnormal from {th.AbnormalFrom:0.##})";
                }
                else return null;
                var rule = new ContextRule(-2, description, abnormal ? "POSITIVE_RESULT" : "NEGATED_EXISTENCE", abnormal ? ModifierAttribute.Positive : ModifierAttribute.Negated,
                    ScopeDirection.Backward, 0, null, "the value written after the test's name");
                return (abnormal ? MentionFlags.Positive : MentionFlags.Negated, new ModifierHit(rule, k, k + 1, after, k + 1, tokens[k].Text));
            }
            // only joining words between the name and its value ("of", "was", ":", "="); anything else is another statement
            if (tokens[k].Kind != TokenKind.Punct && !_rules.Words.ValueJoiners.Contains(tokens[k].Text)) return null;
        }
        return null;
    }

    /// <summary>
    /// A reference range written after a value, within a few words: "(ref &lt; 52)", "(normal range 190-900)",
    /// "[RR 11-22]", "(reference interval: up to 40)". Null when none is written.
    /// </summary>
    private (double Low, double High)? ReferenceRange(List<Token> tokens, Sentence s, int from)
    {
        var k = from;
        // the unit and an opening bracket ("U/L (", "umol/L [")
        while (k < s.TokenTo && k < from + 5 && !_rules.Words.ReferenceWords.Contains(tokens[k].Text)
               && (tokens[k].Kind == TokenKind.Word || tokens[k].Text is "(" or "[" or ","))
            k++;
        if (k >= s.TokenTo || !_rules.Words.ReferenceWords.Contains(tokens[k].Text)) return null;
        while (k < s.TokenTo && (_rules.Words.ReferenceWords.Contains(tokens[k].Text) || tokens[k].Text == ":")) k++;
        double? Num(int q) => q < s.TokenTo && tokens[q].Kind == TokenKind.Number ? tokens[q].Value : null;
        if (k >= s.TokenTo) return null;
        var t = tokens[k].Text;
        if (_rules.Words.RangeBelow.Contains(t) || t == "up" && k + 1 < s.TokenTo && tokens[k + 1].Text == "to")
            return Num(t == "up" ? k + 2 : k + 1) is { } hi ? (double.NegativeInfinity, hi) : null;
        if (_rules.Words.RangeAbove.Contains(t))
            return Num(k + 1) is { } lo ? (lo, double.PositiveInfinity) : null;
        if (Num(k) is { } a)
        {
            var q = k + 1;
            if (q < s.TokenTo && tokens[q].Text == "to") q++;
            if (Num(q) is { } b && b > a) return (a, b);
        }
        return null;
    }

    /// <summary>
    /// "No radiotherapy has been given", "chemotherapy was not administered": of a treatment, 'given' says what was
    /// done to the patient, so the treatment is denied; of a result it says what was reported, and so does it when the
    /// denial is about a report's content ("details of the chemotherapy were not given", "no dose … is given").
    /// </summary>
    private bool DeniesTreatmentGiven(List<Token> tokens, Term term, ModifierHit h, PhraseMatch m)
    {
        if (term.Concept is not { } c || !_rules.Words.TreatmentConcepts.Contains(c)) return false;
        var administered = false;
        for (var q = h.TokenStart; q < h.TokenEnd; q++) administered |= _rules.Words.Administered.Contains(tokens[q].Text);
        if (!administered) return false;
        for (var q = Math.Min(h.TokenStart, h.ScopeStart); q < Math.Max(h.TokenEnd, h.ScopeEnd); q++)
            if ((q < m.Start || q >= m.End) && _rules.Words.ReportNouns.Contains(tokens[q].Text)) return false;
        return true;
    }

    // the finding and its "has resolved" stand together: nothing, a comma, or "which"/"that" between them
    private bool Adjoins(List<Token> tokens, int findingEnd, int cueStart)
    {
        for (var k = findingEnd; k < cueStart; k++)
            if (tokens[k].Text != "," && !_rules.Words.RefersBack.Contains(tokens[k].Text)) return false;
        return true;
    }

    // how a back-referring denial is explained to the reader of --explain-text
    // a complaint (pain) is never itself "normal"
    private static bool IsComplaint(Term term) => term.Concept is "pain" || term.Findings.Any(f => f.Variable is "back_pain" or "radicular_pain" or "headache");

    private bool OtherFindingBetween(List<PhraseMatch> matches, Term term, int from, int to)
    {
        foreach (var p in matches)
        {
            // a phrase that begins between them ("B12 normal" may hold the result word itself)
            if (p.Start < from || p.Start >= to) continue;
            var other = _rules.Terms[p.Payload];
            if (other.NeedsResult || other.Findings.Count > 0 && !other.Findings.Any(f => term.Findings.Any(g => g.Variable == f.Variable))) return true;
        }
        return false;
    }

    private static readonly ContextRule NegationRule = new(-1, "there is none / none is seen / no longer seen / has resolved",
        "NEGATED_EXISTENCE", ModifierAttribute.Negated, ScopeDirection.Backward, 0, null, "a denial referring back to an earlier finding");

    private static bool ReachesIntoGap(PhraseMatch m, ModifierHit h)
    {
        for (var q = h.TokenStart; q < h.TokenEnd; q++)
            if (q >= m.Start && q < m.End && !m.Core(q)) return true;
        return false;
    }

    private bool SaysItsOwnPolarity(List<Token> tokens, PhraseMatch m)
    {
        for (var q = m.Start; q < m.End; q++)
            if (m.Core(q) && _rules.Words.OwnPolarity.Contains(tokens[q].Text))
                return true;
        return false;
    }

    // a biopsy result belongs to the spinal lesion only when the sentence says it is of the cord, its coverings or the spine
    private bool PlacedBehindNegatedFinding(List<Token> tokens, List<PhraseMatch> matches, int negationEnd, PhraseMatch m)
    {
        var term = _rules.Terms[m.Payload];
        if (term.Concept is not null || term.Findings.Count == 0 || term.Findings.Any(f => f.Variable == "cord_region")) return false;
        foreach (var x in matches)
        {
            if (x.Start < negationEnd || x.End > m.Start) continue;
            var xt = _rules.Terms[x.Payload];
            if (xt.Concept is not null || xt.Findings.Count == 0 || xt.Findings.Any(f => f.Variable == "cord_region")) continue;
            bool place = false, joined = false;
            for (var k = x.End; k < m.Start; k++)
            {
                place |= _rules.Words.Locative.Contains(tokens[k].Text);
                joined |= tokens[k].Text is "or" or "nor" or "and" or "," or ";";
            }
            if (place && !joined) return true;
        }
        return false;
    }

    private bool ContinuesCsf(List<Token> tokens, Sentence s)
    {
        bool analyte = false, number = false;
        for (var i = s.TokenFrom; i < s.TokenTo; i++)
        {
            if (_rules.Words.Blood.Contains(tokens[i].Text)) return false;
            analyte |= _rules.Words.CsfAnalytes.Contains(tokens[i].Text);
            number |= tokens[i].Kind == TokenKind.Number;
        }
        return analyte && number;
    }

    private bool NamesSpinalSite(List<Token> tokens, Sentence s) => NamesSpinalSite(tokens, s.TokenFrom, s.TokenTo);

    private bool NamesSpinalSite(List<Token> tokens, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (_rules.Words.SpinalSite.Contains(tokens[i].Text)) return true;
            // a vertebral level as the place sampled ("CT-guided biopsy of T11", "the specimen from L2")
            if (i > from && tokens[i - 1].Text is "of" or "at" or "from" && Numbers.VertebralLevels.ParseToken(tokens[i].Text) is not null) return true;
        }
        return false;
    }

    /// <summary>
    /// "Cord biopsy: no tumour; granulomas in the lymph node biopsy": a clause (between semicolons) that names a biopsy
    /// of its own says which specimen its findings come from; a clause that names none takes the sentence's.
    /// </summary>
    private SentenceInfo ClausePathology(List<Token> tokens, Sentence s, PhraseMatch m, List<PhraseMatch> matches, SentenceInfo info)
    {
        var from = s.TokenFrom; var to = s.TokenTo;
        for (var q = m.Start - 1; q >= s.TokenFrom; q--) if (tokens[q].Text == ";") { from = q + 1; break; }
        for (var q = m.End; q < s.TokenTo; q++) if (tokens[q].Text == ";") { to = q; break; }
        if (from == s.TokenFrom && to == s.TokenTo) return info;
        foreach (var p in matches)
            if (p.Start >= from && p.End <= to && _rules.Terms[p.Payload].Concept == "pathology")
                return info with { Pathology = NamesSpinalSite(tokens, from, to) };
        return info;
    }

    private static TextSpan Span(List<Token> tokens, int a, int b) => new(tokens[a].Start, tokens[b - 1].End - tokens[a].Start);

    /// <summary>
    /// True when a forward denial that covers the phrase begins before an opinion word that also covers it and reaches
    /// over that word: "no features to suggest", "not in keeping with". Both modifiers must have been applied.
    /// </summary>
    private static bool DeniesTheOpinion(List<ModifierHit> applied)
    {
        foreach (var n in applied)
        {
            if (n.Rule.Attribute != ModifierAttribute.Negated || n.Rule.Direction is not (ScopeDirection.Forward or ScopeDirection.Bidirectional)) continue;
            foreach (var u in applied)
                if (u.Rule.Attribute == ModifierAttribute.Uncertain && n.TokenStart < u.TokenStart && u.TokenStart < n.ScopeEnd) return true;
        }
        return false;
    }

    private static MentionFlags Flag(ModifierAttribute a) => a switch
    {
        ModifierAttribute.Negated => MentionFlags.Negated,
        ModifierAttribute.Uncertain => MentionFlags.Uncertain,
        ModifierAttribute.Historical => MentionFlags.Historical,
        ModifierAttribute.Hypothetical => MentionFlags.Hypothetical,
        ModifierAttribute.OtherExperiencer => MentionFlags.OtherExperiencer,
        ModifierAttribute.Brain => MentionFlags.Brain,
        ModifierAttribute.Positive => MentionFlags.Positive,
        ModifierAttribute.Unreported => MentionFlags.Unreported,
        ModifierAttribute.OtherOrgan => MentionFlags.OtherOrgan,
        ModifierAttribute.Raised => MentionFlags.Raised,
        ModifierAttribute.Lowered => MentionFlags.Lowered,
        _ => MentionFlags.None,
    };

    /// <summary>
    /// A raised or low result word read against the test's abnormal direction: the abnormal direction is a positive
    /// result ("copper low"), the other a normal one ("copper high" is no copper deficiency); with no stated direction a
    /// raised result is positive and a low one says nothing. A word that is not a test's result means nothing here.
    /// </summary>
    private static MentionFlags ResultDirection(Term term, MentionFlags flags)
    {
        const MentionFlags both = MentionFlags.Raised | MentionFlags.Lowered;
        if ((flags & both) == 0) return flags;
        var raised = (flags & MentionFlags.Raised) != 0; var lowered = (flags & MentionFlags.Lowered) != 0;
        flags &= ~both;
        // both at once ("low B12, raised MMA") is two results in one clause: neither is read as this test's; a result
        // already stated in so many words ("normal", "positive") is not overruled by a direction word near it
        if (!term.NeedsResult || raised == lowered || (flags & (MentionFlags.Negated | MentionFlags.Positive)) != 0) return flags;
        return (term.AbnormalDirection, raised) switch
        {
            (AbnormalDirection.Low, false) or (AbnormalDirection.High, true) or (AbnormalDirection.Unstated, true) => flags | MentionFlags.Positive,
            (AbnormalDirection.Low, true) or (AbnormalDirection.High, false) => flags | MentionFlags.Negated,
            _ => flags,
        };
    }

    /// <summary>What a mention finally means after its modifiers (see docs in knowledge/text/README.md).</summary>
    private (IReadOnlyList<FindingRef> Findings, bool Uncertain, string? Dropped) Resolve(Term term, ref MentionFlags flags, SentenceInfo info)
    {
        var fl = flags;
        bool Has(MentionFlags f) => (fl & f) != 0;
        var result = Has(MentionFlags.Negated) || Has(MentionFlags.Positive);
        if (Has(MentionFlags.OtherExperiencer)) return ([], false, "about someone else");
        // "Biopsy: inflammation, no neoplasm": a specimen without tumour says nothing about the patient's cancer history
        // (nor does a scan without it: "PET-CT: no evidence of malignancy" is about active disease, see fdg_pet_body)
        if (term.Concept == "cancer_generic" && Has(MentionFlags.Negated) && (info.Specimen || info.Imaging)) return ([], false, "a specimen or scan without tumour, not the patient's history");
        // "no cancer history is reported" means none is known; "no CSF results are reported" means unknown
        if (Has(MentionFlags.Unreported))
        {
            if (!term.NegatedWhenUnreported) return ([], false, "not reported (unknown)");
            fl = flags = (flags | MentionFlags.Negated) & ~MentionFlags.Hypothetical;
        }
        // a test with a stated result was done, even when the sentence also says it was "sent to look for" something
        if (Has(MentionFlags.Hypothetical) && !(term.NeedsResult && result)) return ([], false, "hypothetical or planned");
        var uncertain = Has(MentionFlags.Uncertain) || term.AlwaysUncertain;
        if (uncertain && term.OpinionDropped && !Has(MentionFlags.Negated)) return ([], false, "a diagnosis held as a possibility, not a test result");
        if (Has(MentionFlags.Historical))
        {
            if (term.History == HistoryPolicy.Drop) return ([], false, "history (not the current episode)");
            if (term.History == HistoryPolicy.Uncertain) uncertain = true;
        }
        // "no history of optic neuritis", "no previous myelitis": a denial covers the past as well, so it still counts
        else if (term.History == HistoryPolicy.Only && !Has(MentionFlags.Negated)) return ([], false, "counts only as past history");
        // "a single deposit in the left lobe of the liver": a lesion placed in another organ is not a spinal finding
        if (Has(MentionFlags.OtherOrgan) && term.ImagingFinding) return ([], false, "about another organ");
        if (term.Requires == "imaging" && !info.Imaging) return ([], false, "not in an imaging context");
        if (term.Requires == "csf" && !info.Csf) return ([], false, "not in a CSF context");
        if (term.Requires == "pathology" && !info.Pathology) return ([], false, "not the biopsy of a spinal lesion");
        // "Cord biopsy: non-caseating granulomas" is the lesion's histology; only granulomas found elsewhere show systemic disease
        if (term.Requires == "extraneural" && info.Pathology) return ([], false, "the biopsy of the spinal lesion, not of another organ");
        if (term.Concept is not null)
            return Has(MentionFlags.Negated) && term.WhenNegated is { Count: > 0 } cn ? (cn, uncertain, null) : ([], uncertain, null);
        IReadOnlyList<FindingRef> findings = term.Findings;
        var inBrain = false;
        if (Has(MentionFlags.Brain))
        {
            if (term.DropInBrain) return ([], false, "about brain imaging");
            if (term.InBrain is not null) { findings = term.InBrain; inBrain = true; }
        }
        if (Has(MentionFlags.Negated))
        {
            if (!inBrain && term.WhenNegated is { Count: > 0 } wn) findings = wn;
            else if (term.DropWhenNegated) return ([], false, "negated");
            else
            {
                var list = new List<FindingRef>();
                foreach (var f in findings)
                {
                    var v = _rules.Knowledge.Variables[f.Variable];
                    if (v.Kind == VariableKind.Binary && f.State == "present") list.Add(f with { State = "absent" });
                }
                if (list.Count == 0) return ([], false, "negated");
                findings = list;
            }
        }
        else if (term.NeedsResult && !Has(MentionFlags.Positive)) return ([], false, "no result stated");
        return (findings, uncertain, null);
    }
}
