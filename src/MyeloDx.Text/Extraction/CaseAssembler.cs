using System.Globalization;
using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Extraction;

/// <summary>
/// Turns the matched document into a <see cref="Case"/>: aggregates finding mentions (one answer per variable:
/// present beats uncertain beats absent; for categories the best-supported specific state beats "none"), and reads
/// the numbers with their owners: age, radiotherapy courses (dose, fractions, target, levels, months to onset),
/// drugs, the primary cancer, vertebral levels of the lesion, T2 extent, lesion size and count, onset tempo,
/// sensory level, MRC grades, CSF values and B12/copper. Records the text span behind every case field.
/// </summary>
internal sealed partial class CaseAssembler(ParsedDocument doc, TextRules rules, List<NumberMention> numbers)
{
    private readonly Dictionary<string, TextSpan> _spans = new(StringComparer.Ordinal);
    // the region of levels said only in doubt, when no level is stated plainly (set while reading the imaging)
    private (string Region, TextSpan Span)? _doubtfulRegion;
    // laboratory values the writer doubts ("borderline, of doubtful significance"): case-model paths of their fields
    private readonly HashSet<string> _doubtfulLabs = new(StringComparer.Ordinal);
    private (string Sex, TextSpan Span)? _shorthandSex;
    private readonly List<Token> _t = doc.Tokens;

    private sealed class Candidate
    {
        public string? State; public double? Value; public double Score; public bool Definite; public Mention First = null!; public Mention? FirstDefinite;
        /// <summary>The last definite statement of this state, in the order of the note.</summary>
        public Mention? LastDefinite;
    }

    public (Case Case, IReadOnlyDictionary<string, TextSpan> Spans) Build()
    {
        var agg = Aggregate();
        if (!agg.ContainsKey("interval_mri_change") && EarlierStudies.IntervalChange(doc.Mentions) is { } change)
            agg["interval_mri_change"] = new Candidate { State = change.State, Definite = true, First = change.From, FirstDefinite = change.From, Score = 1 };
        if (!agg.ContainsKey("interval_mri_change") && SizeChange() is { } grown)
            agg["interval_mri_change"] = new Candidate { State = grown.State, Definite = true, First = grown.Said, FirstDefinite = grown.Said, Score = 1 };
        var levels = ClassifiedLevels();
        InferIntramedullary(agg, levels);
        CompressionExplainsCordSignal(agg, levels);
        NeutrophilShare(agg);
        var age = Age();
        var patient = new Patient { AgeYears = age, Sex = Sex() };
        var cancer = Cancer(agg);
        var imaging = Imaging(levels);
        var rt = Radiotherapy(levels, age);
        var drugs = Drugs();
        var presentation = Presentation(levels, agg);
        var labs = Labs();
        var exposures = ConceptValues("exposure");
        var surgery = ConceptValues("surgery");

        // findings the vocabulary states directly (by knowledge-base id); structured fields above cover the rest
        var findings = new Dictionary<string, string>(StringComparer.Ordinal);
        // a laboratory value read without doubt ("Copper 2.1 L umol/L") is the result; a comment's opinion of the same
        // test ("in keeping with copper deficiency") must not replace it with a possible finding
        // (the lab observations are derived once here and used again below for the doubted values)
        var labObservations = labs is null ? [] : new FindingDeriver(rules.Knowledge).Derive(new Case { Labs = labs });
        HashSet<string>? measured = null;
        foreach (var o in labObservations)
            if (!_doubtfulLabs.Contains(o.Origin)) (measured ??= new HashSet<string>(StringComparer.Ordinal)).Add(o.VariableId);
        foreach (var (variable, cand) in agg)
        {
            if (variable == "cord_region" && !string.IsNullOrEmpty(imaging?.Levels)) continue; // levels are more precise
            if (!cand.Definite && measured is not null && measured.Contains(variable)) continue;
            // a measured extent beats a word's default ("long lesion C3-C7" is 5 segments, not the 6 "long" stands for);
            // a single level (1 segment) is more often a nodule's level than the signal's length, so there the word stands
            if (variable == "t2_extent_segments" && imaging?.T2ExtentSegments is { } numeric && (numeric >= cand.Value || numeric >= 2)) continue;
            var v = rules.Knowledge.Variables[variable];
            var value = v.Kind == VariableKind.Continuous
                ? cand.Value!.Value.ToString("0.##", CultureInfo.InvariantCulture)
                : (cand.Definite ? "" : "possible_") + cand.State;
            findings[variable] = value;
            _spans["findings." + variable] = (cand.FirstDefinite ?? cand.First).Span;
        }

        // weakness on one side, pain and temperature lost on the other: the hemicord pattern described, not named
        if (!findings.ContainsKey("brown_sequard") && HemicordPattern(presentation?.Motor) is { } hemicord)
        {
            findings["brown_sequard"] = "present";
            _spans["findings.brown_sequard"] = hemicord;
        }
        // a doubted laboratory value gives its finding as only possible (the state from the shared deriver's thresholds)
        if (_doubtfulLabs.Count > 0)
            foreach (var o in labObservations)
                if (o.State is { } state && _doubtfulLabs.Contains(o.Origin) && !findings.ContainsKey(o.VariableId))
                {
                    findings[o.VariableId] = "possible_" + state;
                    if (_spans.TryGetValue(o.Origin, out var valueSpan)) _spans["findings." + o.VariableId] = valueSpan;
                }
        if (imaging?.Levels is null && _doubtfulRegion is { } doubtful && !findings.ContainsKey("cord_region"))
        {
            findings["cord_region"] = "possible_" + doubtful.Region;
            _spans["findings.cord_region"] = doubtful.Span;
        }

        var c = new Case
        {
            Patient = patient.AgeYears is null && patient.Sex is null ? null : patient,
            Cancer = cancer,
            Treatments = new Treatments
            {
                Radiotherapy = rt,
                Systemic = drugs,
                Exposures = exposures.Count > 0 ? exposures : null,
                Surgery = surgery.Count > 0 ? surgery : null,
            },
            Presentation = presentation,
            Labs = labs,
            Imaging = imaging,
            Findings = findings.Count > 0 ? findings : null,
        };
        return (c, _spans);
    }

    // ------------------------------------------------------------------ findings
    private Dictionary<string, Candidate> Aggregate()
    {
        var per = new Dictionary<string, Dictionary<string, Candidate>>(StringComparer.Ordinal);
        foreach (var m in doc.Mentions)
        {
            if (!m.Used || m.Findings.Count == 0) continue;
            foreach (var f in m.Findings)
            {
                // "the conus terminates at L1": the conus named to say where the cord ends is not a lesion's region
                if (f.Variable == "cord_region" && f.State == "conus_lumbar" && doc.Clause(m.Sentence, m.TokenStart) is var (cf, ct)
                    && StatesWhereConusEnds(doc.InSentence(m.Sentence).ToList(), cf, ct)) continue;
                // "multiple bony deposits", "further deposits in the vertebral bodies": lesions counted in bone are bone
                // metastases (read by their own terms), not separate lesions of the cord
                if (f.Variable == "multiple_cord_lesions" && f.State == "present" && doc.Clause(m.Sentence, m.TokenStart) is var (bf, bt)
                    && ClauseNamesBone(bf, bt)) continue;
                var key = f.State ?? f.Value!.Value.ToString(CultureInfo.InvariantCulture);
                if (!per.TryGetValue(f.Variable, out var states)) per[f.Variable] = states = new Dictionary<string, Candidate>(StringComparer.Ordinal);
                if (!states.TryGetValue(key, out var cand)) states[key] = cand = new Candidate { State = f.State, Value = f.Value, First = m };
                // the strongest single statement decides between states (repeating a phrase does not add weight)
                cand.Score = Math.Max(cand.Score, m.Term.Weight * (m.Uncertain ? 0.5 : 1));
                if (!m.Uncertain) { cand.Definite = true; cand.FirstDefinite ??= m; cand.LastDefinite = m; }
            }
        }
        var result = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var (variable, states) in per)
        {
            var v = rules.Knowledge.Variables[variable];
            Candidate? win = null;
            if (v.Kind == VariableKind.Binary)
            {
                // present beats absent ("no X" beside "X" is most often a second, narrower statement), unless the absent
                // statement is the stronger term ("Oligoclonal bands: matched in serum and CSF" beside the test's name), or
                // present is only an opinion and absent was stated ("No mass." beside "intramedullary metastasis considered
                // less likely")
                states.TryGetValue("present", out var p); states.TryGetValue("absent", out var a);
                win = p is not null && a is not null && a.Definite && (a.Score > p.Score || !p.Definite) ? a : p ?? a;
                // "Bladder normal last week. Now hesitancy.": a later statement said of now replaces an earlier one
                if (p?.LastDefinite is { } lp && a?.LastDefinite is { } la)
                {
                    var later = lp.TokenStart > la.TokenStart ? p : a;
                    if (SaidOfNow(later.LastDefinite!)) win = later;
                }
            }
            // The two choices below are loops that keep the first best candidate, as OrderBy(...).First() did (its sort is
            // stable): the LINQ chains and their lambdas ran unoptimised for most of a batch on one core (profile 2026-12-07).
            else if (v.Kind == VariableKind.Continuous)
            {
                // definite first, then the highest value
                foreach (var x in states.Values)
                    if (win is null || x.Definite && !win.Definite || x.Definite == win.Definite && Comparer<double?>.Default.Compare(x.Value, win.Value) > 0)
                        win = x;
            }
            else
            {
                // the highest score, then the earliest, among the specific states other than "none"; failing those, "none";
                // failing that, a group of states ("no cord compression" leaves several open, "none" among them)
                var rank = int.MaxValue;
                foreach (var x in states.Values) rank = Math.Min(rank, Rank(v, x.State));
                foreach (var x in states.Values)
                {
                    if (Rank(v, x.State) != rank) continue;
                    if (win is null || x.Score.CompareTo(win.Score) is var c && (c > 0 || c == 0 && x.First.Span.Start < win.First.Span.Start)) win = x;
                }
            }
            if (win is not null) result[variable] = win;
        }
        return result;
    }

    /// <summary>0 for a specific state, 1 for "none", 2 for a group of states: the lowest rank present decides.</summary>
    private static int Rank(Variable v, string? state) => state == "none" ? 1 : state is not null && v.State(state) is { IsGroup: true } ? 2 : 0;

    private List<string> ConceptValues(string concept)
    {
        var list = new List<string>();
        foreach (var m in doc.Mentions)
        {
            if (m.Concept != concept || !m.Used || m.Negated || m.Term.ConceptValue is not { } v || list.Contains(v)) continue;
            list.Add(v);
            _spans.TryAdd("treatments." + (concept == "exposure" ? "exposures" : "surgery"), m.Span);
            _spans.TryAdd("treatments", m.Span);
        }
        return list;
    }

    private IEnumerable<Mention> Used(string concept) => doc.Mentions.Where(m => m.Concept == concept && m.Used);

    private void Number(string kind, string value, int tokenStart, int tokenEnd) => numbers.Add(new NumberMention(kind, value, doc.Span(tokenStart, tokenEnd)));

    // ------------------------------------------------------------------ levels
    internal enum LevelUse { Lesion, Sensory, Radiotherapy, Other }

    private readonly record struct UsedLevel(LevelRange Range, LevelUse Use, int Sentence);

    private List<UsedLevel> ClassifiedLevels()
    {
        var list = new List<UsedLevel>();
        foreach (var info in doc.Sentences)
        {
            var s = info.Sentence;
            var ranges = VertebralLevels.Find(_t, s.TokenFrom, s.TokenTo);
            if (ranges.Count == 0) continue;
            var ms = doc.InSentence(s.Index).ToList();
            foreach (var r in ranges)
            {
                var (ca, cb) = doc.Clause(s.Index, r.TokenStart);
                var use = LevelUse.Other;
                // the site column of a radiotherapy table ("| Target | ... |" over "| T4-T8 palliative |") is a field
                if (DoseTableRows.Count > 0 && DoseTables.RoleAt(DoseTableRows, r.TokenStart) == DoseColumn.Site)
                {
                    list.Add(new UsedLevel(r, LevelUse.Radiotherapy, s.Index));
                    Number("level:radiotherapy", r.ToString(), r.TokenStart, r.TokenEnd);
                    continue;
                }
                // (the checks below over the sentence's mentions and the modifiers are loops, not LINQ: see Aggregate)
                var rtBefore = false;
                foreach (var m in ms) rtBefore |= m.Concept is "radiotherapy" && m.Used && !m.Negated && m.TokenEnd <= r.TokenStart && r.TokenStart - m.TokenEnd <= 12;
                for (var k = Math.Max(s.TokenFrom, r.TokenStart - 10); k < r.TokenStart && !rtBefore; k++) rtBefore = _t[k].Text is "gy" or "cgy";
                // (ward shorthand puts the field straight after the dose: "DXT 30 Gy/10 fr T8-T11", "20Gy/5# T9")
                var toBefore = r.TokenStart > s.TokenFrom && _t[r.TokenStart - 1].Text is "to" or "the" or "of" or "at"
                               || rtBefore && DescribesField(ca, r.TokenStart)
                               || rtBefore && r.TokenStart > s.TokenFrom && _t[r.TokenStart - 1].Text is "fr" or "fx" or "fraction" or "fractions" or "#" or "gy" or "cgy";
                // "pelvic radiotherapy (2020), nowhere near the cord lesion at C6": levels said of a lesion that the
                // radiotherapy was not said to be given to are the lesion's
                if (rtBefore && toBefore && LesionOwnsLevels(ms, r.TokenStart, ca)) rtBefore = false;
                // "a plasmacytoma of T6 treated with 40 Gy", "the T4 deposit was irradiated": a lesion's level followed by its
                // treatment with radiotherapy is where the field lay
                var treatedAfter = false;
                if (!(rtBefore && toBefore) && TreatedByRadiotherapyAfter(ms, r.TokenEnd, s.TokenTo)) { rtBefore = true; toBefore = true; treatedAfter = true; }
                var inDermatome = r.TokenEnd < s.TokenTo && _t[r.TokenEnd].Text.StartsWith("dermatom", StringComparison.Ordinal);
                var rootTerritory = inDermatome && OneRootsTerritory(ca, cb, r.TokenStart);
                var dermatome = inDermatome && !rootTerritory
                                // a rash or a root pain in a dermatome says where it lies, not that sensation is lost below it
                                && !AnyInClause(ms, ca, cb, static m => m.Used && HasVariable(m.Findings, "zoster_rash", "radicular_pain"));
                // levels in a historical clause ("the MRI taken before that operation showed ... from C5 to C8") describe the past
                // (also under a heading of the past: "MRI (2021): T2 signal T4-T6", "PMH: ...")
                // levels said to be normal ("the conus is normal", "T10-L1 unremarkable") are where the lesion is not
                if (!(rtBefore && toBefore) && (s.Section.Attributes.Contains(ModifierAttribute.Historical) || PastOrNormalScope(info, r.TokenStart)
                                                || StatesWhereConusEnds(ms, ca, cb)))
                {
                    list.Add(new UsedLevel(r, LevelUse.Other, s.Index));
                    Number("level:other", r.ToString(), r.TokenStart, r.TokenEnd);
                    continue;
                }
                var sensory = false;
                foreach (var m in ms)
                    sensory |= m.Used && (m.Concept == "sensory" || m.Concept == "deficit" && m.Term.ConceptValue == "sensory"
                                          || HasVariable(m.Findings, "sensory_level", "posterior_column_signs"))
                               && m.TokenStart >= ca && m.TokenEnd <= cb && m.TokenEnd <= r.TokenStart + 1;
                // "Dysaesthesia both hands (C5-C7)": segments of the arm named in an aside after the symptom map where it is
                // felt (dermatomes), not a level below which sensation is lost
                if (sensory && ArmSegmentsInAside(r, ca, cb)) sensory = false;
                var lesionInClause = AnyInClause(ms, ca, cb, static m => m.Concept is "lesion" or "t2_signal" or "cord");
                if (rtBefore && toBefore)
                {
                    use = LevelUse.Radiotherapy;
                    // "an intramedullary lesion at T2 treated with SRS": the cord lesion's own level, irradiated, is both
                    // where the lesion is and where the field lay
                    if (treatedAfter && AnyInClause(ms, ca, cb, static m => m.Used && !m.Negated && (m.Concept is "cord" or "t2_signal"
                            || m.Findings.Any(f => f.Variable == "compartment" && f.State == "intramedullary"))))
                    {
                        list.Add(new UsedLevel(r, LevelUse.Lesion, s.Index));
                        Number("level:lesion", r.ToString(), r.TokenStart, r.TokenEnd);
                    }
                }
                else if (rootTerritory) use = LevelUse.Other;
                // sensation lost only in sacral segments ("reduced sensation S1-S5") is a saddle distribution of the
                // cauda equina, not a level on the trunk below which the cord has stopped carrying sensation
                else if (dermatome || sensory && !(info.Imaging && lesionInClause) && r.From <= SpinalLevels.Ordinal('L', 5)) use = LevelUse.Sensory;
                // "pathological fracture of L1", "fatty marrow from T2 to T9": levels of the bone, with nothing said of the
                // cord in the clause, are where the bone disease is, not where the cord lesion is
                else if (BoneOnlyClause(ms, ca, cb)) use = LevelUse.Other;
                else if (info.Imaging || lesionInClause) use = LevelUse.Lesion;
                list.Add(new UsedLevel(r, use, s.Index));
                Number(LevelKind(use), r.ToString(), r.TokenStart, r.TokenEnd);
            }
        }
        return list;
    }

    // the number kind of a level's use, as "level:" + the use's name in lower case (constants: no enum name, lower-casing
    // and concatenation per level)
    private static string LevelKind(LevelUse use) => use switch
    {
        LevelUse.Lesion => "level:lesion",
        LevelUse.Sensory => "level:sensory",
        LevelUse.Radiotherapy => "level:radiotherapy",
        LevelUse.Other => "level:other",
        _ => "level:" + use.ToString().ToLowerInvariant(),
    };

    // findings of the vertebrae themselves: in a clause with only these, levels are the bone's (a disc bulge named alone
    // gives no finding, and one that reaches the cord is said with a cord word or a compression finding)
    private static readonly HashSet<string> BoneFindings = new(StringComparer.Ordinal) { "vertebral_collapse", "vertebral_body_infarct", "bone_metastases", "t1_bright_marrow_in_field" };

    /// <summary>
    /// The clause names the bone (a word of <c>outside_cord</c> or a vertebral finding) and nothing of the cord: no cord
    /// word, no finding other than the bone's (or the length and pattern words a signal carries), and a signal word only
    /// when the vertebrae themselves are named.
    /// </summary>
    private bool BoneOnlyClause(List<Mention> sentence, int from, int to)
    {
        var bone = false;
        for (var k = from; k < to && k < _t.Count && !bone; k++) bone = rules.Words.OutsideCord.Contains(_t[k].Text) && _t[k].Text is not "epidural";
        // "signal abnormality in the vertebral bodies T4-T8": a signal word is the bone's when the clause names the bone and
        // not the cord
        var cord = false; var signal = false;
        foreach (var m in sentence)
        {
            if (m.TokenStart < from || m.TokenEnd > to || !m.Used) continue;
            if (m.Concept is "cord") cord = true;
            if (m.Concept is "t2_signal") { signal = true; continue; }
            foreach (var f in m.Findings)
            {
                if (BoneFindings.Contains(f.Variable)) bone = true;
                else if (f.Variable is not ("focal_cord_mass" or "t2_extent_segments")) return false;
            }
        }
        return bone && !cord && (!signal || NamesVertebrae(from, to));
    }

    // a word for the vertebrae themselves ("vertebral bodies", "vertebrae", "marrow"), not only a disc or an endplate
    private bool NamesVertebrae(int from, int to)
    {
        for (var k = from; k < to && k < _t.Count; k++)
            if (rules.Words.VertebraWords.Contains(_t[k].Text)) return true;
        return false;
    }

    // levels in a historical or hypothetical scope, or in the scope of a negation that says normal ("T10-L1 unremarkable")
    private static bool PastOrNormalScope(SentenceInfo info, int level)
    {
        foreach (var h in info.Modifiers)
        {
            if (level < h.ScopeStart || level >= h.ScopeEnd) continue;
            if (h.Rule.Attribute is ModifierAttribute.Historical or ModifierAttribute.Hypothetical) return true;
            if (h.Rule.Attribute is ModifierAttribute.Negated && SaysNormal(h.Trigger)) return true;
        }
        return false;
    }

    // "the conus terminates at L1", "conus tip at L1/2": where the normal cord ends is anatomy, not where a lesion lies
    // (unless the clause also speaks of a lesion or signal: "the conus, which ends at L1, is expanded and T2 bright")
    private bool StatesWhereConusEnds(List<Mention> sentence, int clauseFrom, int clauseTo)
    {
        var conus = false;
        for (var k = clauseFrom; k < clauseTo && k < _t.Count; k++)
        {
            if (_t[k].Text is "conus") conus = true;
            else if (conus && rules.Words.ConusEnd.Contains(_t[k].Text))
                return !AnyInClause(sentence, clauseFrom, clauseTo, static m => m.Used && m.Concept is "lesion" or "t2_signal");
        }
        return false;
    }

    private bool ClauseNamesBone(int clauseFrom, int clauseTo)
    {
        for (var k = clauseFrom; k < clauseTo && k < _t.Count; k++)
            if (rules.Words.BoneLesionWords.Contains(_t[k].Text)) return true;
        return false;
    }

    /// <summary>Some mention of the list inside the clause [from, to) meets the test.</summary>
    private static bool AnyInClause(IReadOnlyList<Mention> mentions, int from, int to, Func<Mention, bool> test)
    {
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (m.TokenStart >= from && m.TokenEnd <= to && test(m)) return true;
        }
        return false;
    }

    /// <summary>Some finding is of one of the variables.</summary>
    private static bool HasVariable(IReadOnlyList<FindingRef> findings, string a, string? b = null)
    {
        for (var i = 0; i < findings.Count; i++)
            if (findings[i].Variable == a || b is not null && findings[i].Variable == b) return true;
        return false;
    }

    /// <summary>
    /// A lesion word just before the levels ("the cord lesion at C6") with no word between it and the radiotherapy
    /// mention that directs the treatment at it ("to", "including", "field"): the levels are the lesion's.
    /// </summary>
    private bool LesionOwnsLevels(List<Mention> sentence, int levelStart, int clauseFrom)
    {
        Mention? lesion = null;
        foreach (var m in sentence)
            if (m.Concept is "lesion" or "t2_signal" && m.TokenEnd <= levelStart && levelStart - m.TokenEnd <= 2 && m.TokenStart >= clauseFrom) lesion = m;
        if (lesion is null) return false;
        Mention? rt = null;
        foreach (var m in sentence)
            if (m.Concept is "radiotherapy" && m.Used && m.TokenEnd <= lesion.TokenStart && (rt is null || m.TokenEnd > rt.TokenEnd)) rt = m;
        if (rt is null) return false;
        for (var k = rt.TokenEnd; k < lesion.TokenStart; k++)
            if (rules.Words.Field.Contains(_t[k].Text)) return false;
        return true;
    }

    private static bool SaysNormal(string trigger) =>
        trigger.Contains("normal", StringComparison.Ordinal) || trigger.Contains("unremarkable", StringComparison.Ordinal);

    // "reduced sensation in the right C6 dermatome": one dermatome on one side, with no word "level" in the clause, is a
    // nerve root's territory (a radiculopathy), not a sensory level on the trunk below which the cord is cut off
    private bool ArmSegmentsInAside(LevelRange r, int clauseFrom, int clauseTo)
    {
        if (r.Segments < 2 || r.From < SpinalLevels.Ordinal('C', 5) || r.To > SpinalLevels.Ordinal('T', 1)) return false;
        if (r.TokenStart == 0 || _t[r.TokenStart - 1].Text != "(") return false;
        for (var k = clauseFrom; k < clauseTo && k < _t.Count; k++) if (_t[k].Text is "level" or "below" or "down") return false;
        return true;
    }

    private bool OneRootsTerritory(int clauseFrom, int clauseTo, int levelStart)
    {
        var side = false;
        for (var k = Math.Max(clauseFrom, levelStart - 4); k < levelStart; k++) side |= rules.Words.OneSide.Contains(_t[k].Text);
        if (!side) return false;
        for (var k = clauseFrom; k < clauseTo && k < _t.Count; k++) if (_t[k].Text == "level") return false;
        return true;
    }

    private bool TreatedByRadiotherapyAfter(List<Mention> sentence, int levelEnd, int sentenceTo)
    {
        var treated = false;
        for (var k = levelEnd; k < Math.Min(sentenceTo, levelEnd + 8); k++)
        {
            if (_t[k].Hard) return false;
            if (rules.Words.TreatedBy.Contains(_t[k].Text)) treated = true;
            if (!treated) continue;
            // a dose, or a word that is itself radiotherapy ("irradiated"), says the treatment was radiotherapy
            if (_t[k].Text is "gy" or "cgy" || _t[k].Text == "irradiated") return true;
            foreach (var m in sentence)
                if (m.TokenStart == k && m.Concept is "radiotherapy" && m.Used && !m.Negated) return true;
        }
        return false;
    }

    // "RT to the upper thoracic spine T1-T6", "fields including T1-T6", "a portal covering C2 to C7": a field word
    // within the few tokens before the levels, in the same clause, makes them the levels of the radiotherapy field
    private bool DescribesField(int clauseFrom, int levelStart)
    {
        for (var k = levelStart - 1; k >= Math.Max(clauseFrom, levelStart - 6); k--)
            if (rules.Words.Field.Contains(_t[k].Text))
                return true;
        return false;
    }

    /// <summary>A level said to be reached: "to C7", "down to T10", "up to the cervicomedullary junction", "as far as T9".</summary>
    private bool ReachedLevel(int levelStart, int clauseFrom)
    {
        var k = levelStart - 1;
        if (k >= clauseFrom && _t[k].Text is "the") k--;
        if (k < clauseFrom) return false;
        if (_t[k].Text == "to") return k - 1 < clauseFrom || _t[k - 1].Text is not "from";
        return _t[k].Text == "far" && k - 2 >= clauseFrom && _t[k - 1].Text == "as" && _t[k - 2].Text == "as";
    }

    // ------------------------------------------------------------------ imaging
    private Imaging? Imaging(List<UsedLevel> levels)
    {
        var lesion = new List<UsedLevel>();
        foreach (var l in levels) if (l.Use == LevelUse.Lesion) lesion.Add(l);
        string? levelText = null;
        // "equivocal for a small nodule at T3", "possible enhancement at the conus": levels said only in a writer's doubt
        // place the lesion only as a possibility; they give the region, marked uncertain, when no level is stated plainly
        // (loops, not LINQ: see Aggregate; the names are distinct in order of first appearance, as Distinct gave them)
        var stated = new List<UsedLevel>(lesion.Count);
        foreach (var l in lesion) if (!InDoubt(l)) stated.Add(l);
        if (stated.Count > 0)
        {
            var names = new List<string>(stated.Count);
            foreach (var l in stated)
                if (l.Range.ToString() is var name && !names.Contains(name)) names.Add(name);
            levelText = string.Join(", ", names);
            _spans["imaging.levels"] = doc.Span(stated[0].Range.TokenStart, stated[0].Range.TokenEnd);
        }
        else if (lesion.Count > 0)
        {
            _doubtfulRegion = (SpinalLevels.Region(lesion.Min(l => l.Range.From), lesion.Max(l => l.Range.To)), doc.Span(lesion[0].Range.TokenStart, lesion[0].Range.TokenEnd));
        }
        // T2 extent: the longest lesion range whose clause speaks of signal/oedema/lesion, or "N segments"
        double? extent = null; (int, int)? extentTokens = null;
        foreach (var l in lesion)
        {
            var (ca, cb) = doc.Clause(l.Sentence, l.Range.TokenStart);
            // a signal change along the cord, or a lesion spanning three or more levels ("a lesion at the T12-L1 level" is a place, not a length)
            var inClause = new List<Mention>();
            foreach (var m in doc.InSentence(l.Sentence)) if (m.Used && m.TokenStart >= ca && m.TokenEnd <= cb) inClause.Add(m);
            var signal = AnyInClause(inClause, ca, cb, static m => m.Concept is "t2_signal"
                || m.Findings.Any(f => f.Variable is "cord_edema" or "cord_expansion" or "tract_specific_signal" or "owl_eyes" or "h_shaped_grey"));
            var lesionSpan = l.Range.Segments >= 3 && inClause.Any(m => m.Concept is "lesion" || m.Findings.Any(f => f.Variable is "compartment"));
            // a mass outside the cord (epidural, intradural, on the surface) has a length, but it is not cord signal
            if (inClause.Any(m => m.Findings.Any(f => f.Variable == "compartment" && f.State is "epidural" or "intradural_extramedullary" or "leptomeningeal" or "extrinsic_degenerative"))
                && !inClause.Any(m => m.Concept == "t2_signal" || m.Findings.Any(f => f.Variable is "cord_edema" || f.Variable == "compartment" && f.State == "intramedullary")))
                continue;
            // "a mass at C3-C4 with oedema extending down to C7": a level the signal is said to reach joins the lesion's
            // levels named before it in the clause, so the signal runs from C3 to C7
            var span = l.Range;
            if (signal && ReachedLevel(l.Range.TokenStart, ca))
                foreach (var o in lesion)
                    if (o.Sentence == l.Sentence && o.Range.TokenEnd <= l.Range.TokenStart && o.Range.TokenStart >= ca && !o.Range.PlaceOnly)
                        span = span with { From = Math.Min(span.From, o.Range.From), To = Math.Max(span.To, o.Range.To), TokenStart = Math.Min(span.TokenStart, o.Range.TokenStart) };
            if (!(signal || lesionSpan) || span.Segments < 2 || span.PlaceOnly) continue;
            // "fatty vertebral marrow from T2 to T9": a range the words just before it give to the vertebrae is the bone's
            if (VertebraeNamedJustBefore(l.Range.TokenStart, ca)) continue;
            if (extent is null || span.Segments > extent) { extent = span.Segments; extentTokens = (span.TokenStart, span.TokenEnd); }
        }
        foreach (var info in doc.Sentences)
        {
            // "the lesion is long (five segments)": a lesion's length in segments is a measure of the lesion wherever it is said
            if (!info.Imaging && !NamesLesionWord(doc.InSentence(info.Sentence.Index))) continue;
            var s = info.Sentence;
            for (var i = s.TokenFrom; i < s.TokenTo; i++)
            {
                if (!NumberWords.TryParse(_t, i, s.TokenTo, out var n, out var c) || n is < 1 or > 30) continue;
                if (_t[i].Text is "several" or "few" || _t[i].Joiner is '-' or '/' && i > s.TokenFrom && VertebralLevels.ParseToken(_t[i - 1].Text) is not null) continue;
                var k = i + c;
                if (k < s.TokenTo && _t[k].Text is "vertebral" or "contiguous" or "spinal" or "cord") k++;
                if (k < s.TokenTo && _t[k].Text is "segments" or "segment" or "levels" or "vertebrae" or "bodies")
                {
                    // "more than four segments" is at least five; "less than one segment long" gives no length to count
                    // ("signal over 5 segments" spans them, as "C7-T4 over 5 segments" shows; "well over" is more)
                    var than = i > s.TokenFrom && _t[i - 1].Text == "than";
                    if (than && i - 1 > s.TokenFrom && _t[i - 2].Text is "less" or "fewer" || i > s.TokenFrom && _t[i - 1].Text is "under" or "<" or "below") continue;
                    var more = i > s.TokenFrom && (than || _t[i - 1].Text is ">" or "exceeding"
                                                   || _t[i - 1].Text == "over" && i - 1 > s.TokenFrom && _t[i - 2].Text is "well" or "just");
                    var val = more ? n + 1 : n;
                    if (extent is null || val > extent) { extent = val; extentTokens = (i, k + 1); }
                }
            }
        }
        if (extentTokens is { } et) { _spans["imaging.t2ExtentSegments"] = doc.Span(et.Item1, et.Item2); Number("t2_extent_segments", extent!.Value.ToString(CultureInfo.InvariantCulture), et.Item1, et.Item2); }
        var count = LesionCount();
        var size = LargestLesion();
        if (levelText is null && extent is null && count is null && size is null) return null;
        return new Imaging { Levels = levelText, T2ExtentSegments = extent, LesionCount = count, LargestLesionMm = size };
    }

    private static bool NamesLesionWord(IReadOnlyList<Mention> ms)
    {
        for (var i = 0; i < ms.Count; i++) if (ms[i].Concept is "lesion") return true;
        return false;
    }

    private bool InDoubt(UsedLevel l)
    {
        foreach (var h in doc.Sentences[l.Sentence].Modifiers)
            if (h.Rule.Attribute == ModifierAttribute.Uncertain && l.Range.TokenStart >= h.ScopeStart && l.Range.TokenStart < h.ScopeEnd) return true;
        return false;
    }

    /// <summary>
    /// "Four months ago the intramedullary nodule measured 5 mm. It now measures 14 mm": a cord lesion's size at an earlier
    /// time and, in the very next sentence, its size now. A quarter larger is progression, a fifth smaller regression,
    /// anything between stable. Only adjacent sentences, the first naming the cord lesion in an earlier time's scope, so
    /// that a primary tumour's old size is never compared with a cord lesion's.
    /// </summary>
    private (string State, Mention Said)? SizeChange()
    {
        for (var k = 0; k < doc.Sentences.Count; k++)
        {
            var before = doc.Sentences[k];
            var after = k + 1 < doc.Sentences.Count ? doc.Sentences[k + 1] : null;
            // (the lesion's own mention may have been carried forward to now when the next sentence refers back to it; the
            // size read in the earlier time's scope below still dates that sentence's size)
            // (loops, not LINQ: they run for every sentence, and their lambdas stayed unoptimised for much of a batch)
            Mention? cordLesion = null;
            var ms = doc.InSentence(k);
            for (var i = 0; i < ms.Count; i++)
                if (ms[i].Used && NamesCordLesion(ms[i].Findings)) { cordLesion = ms[i]; break; }
            // (a lesion noun of an imaging sentence counts too: "MRI in March: 6 mm enhancing nodule at T9. Today the
            // nodule measures 12 mm" in a note about the cord, but only when the next sentence refers back to it, "the
            // nodule", so that a lung mass on a chest CT is never compared with a cord nodule)
            if (cordLesion is null && after is not null && before.Imaging && !before.Sentence.Section.Attributes.Contains(ModifierAttribute.OtherOrgan) && RefersBackToLesion(after.Sentence))
                for (var i = 0; i < ms.Count; i++)
                    if (ms[i].Concept == "lesion" && !ms[i].Negated && !ms[i].OtherExperiencer) { cordLesion = ms[i]; break; }
            if (cordLesion is null) continue;
            var then = SizeMm(before, past: true);
            // "8 mm on the January scan, now 4 mm": both sizes in one sentence, the earlier one in an earlier time's scope
            if (then is { } thenHere && SizeMm(before, past: false) is { } nowHere && PastSizeFirst(before))
                return (Change(nowHere / thenHere), cordLesion);
            if (after is null) continue;
            // the earlier size in an earlier time's scope, or in a sentence followed by one that places its own size now
            // ("MRI six weeks ago: 7 mm enhancing nodule. Today the nodule measures 15 mm")
            var was = then ?? (PlacesNow(after.Sentence) && RefersBackToLesion(after.Sentence) ? SizeMm(before, past: false) : null);
            if (was is null || SizeMm(after, past: false) is not { } now) continue;
            return (Change(now / was.Value), cordLesion);
        }
        return null;

        // a quarter larger is progression, a fifth smaller regression, anything between stable
        static string Change(double ratio) => ratio >= 1.25 ? "progression" : ratio <= 0.8 ? "regression" : "stable";
    }

    // the first size of the sentence lies in an earlier time's scope ("8 mm on the January scan, now 4 mm"): the sizes are
    // then and now, not two sizes of now with an earlier one named last
    private bool PastSizeFirst(SentenceInfo info)
    {
        foreach (var m in Measurements(info.Sentence))
        {
            if (m.AlongTheCord) continue;
            return info.Sentence.Section.Attributes.Contains(ModifierAttribute.Historical)
                   || info.Modifiers.Any(h => h.Rule.Attribute == ModifierAttribute.Historical && m.Start >= h.ScopeStart && m.Start < h.ScopeEnd);
        }
        return false;
    }

    // a sentence whose first words place what it says now ("Today the nodule measures 15 mm", "Now 12 mm")
    private bool PlacesNow(Document.Sentence s)
    {
        for (var k = s.TokenFrom; k < Math.Min(s.TokenTo, s.TokenFrom + 3); k++)
            if (rules.Words.NowOpeners.Contains(_t[k].Text)) return true;
        return false;
    }

    // "the nodule", "this lesion", or a bare "it" opening the sentence: it speaks of a lesion already named
    private bool RefersBackToLesion(Document.Sentence s)
    {
        if (s.TokenTo > s.TokenFrom && _t[s.TokenFrom].Text is "it") return true;
        for (var k = s.TokenFrom; k + 1 < s.TokenTo; k++)
        {
            if (!(rules.Words.RefersBack.Contains(_t[k].Text) || _t[k].Text == "the")) continue;
            // "the enhancing nodule": a modifier or two may stand between
            for (var q = k + 1; q < Math.Min(s.TokenTo, k + 4); q++)
                if (rules.Words.LesionNouns.Contains(_t[q].Text)) return true;
        }
        return false;
    }

    private static bool NamesCordLesion(IReadOnlyList<FindingRef> findings)
    {
        for (var i = 0; i < findings.Count; i++)
            if (findings[i] is { Variable: "compartment", State: "intramedullary" } or { Variable: "focal_cord_mass", State: "present" }) return true;
        return false;
    }

    // the largest size in millimetres in the sentence, in an earlier time's scope (past) or outside any (now)
    private double? SizeMm(SentenceInfo info, bool past)
    {
        double? best = null;
        foreach (var m in Measurements(info.Sentence))
        {
            if (m.AlongTheCord) continue;
            var inPast = info.Sentence.Section.Attributes.Contains(ModifierAttribute.Historical)
                         || info.Modifiers.Any(h => h.Rule.Attribute == ModifierAttribute.Historical && m.Start >= h.ScopeStart && m.Start < h.ScopeEnd);
            if (inPast != past) continue;
            var mm = m.Mm.Max();
            if (mm is > 0 and < 200 && (best is null || mm > best)) best = mm;
        }
        return best;
    }

    /// <summary>A size written in a sentence: its tokens, its dimensions in millimetres, and whether it is a length
    /// along the cord ("7.6 cm long") rather than a lesion's diameter.</summary>
    private readonly record struct Measurement(int Start, int End, double[] Mm, bool AlongTheCord);

    // each sentence's sizes, read once: the size change reads a sentence's sizes for every sentence with a cord lesion and
    // the one after it, and the largest lesion reads them again (up to three times per sentence before)
    private List<Measurement>?[]? _measurements;

    /// <summary>The sizes of a sentence: "13 x 7 x 8 mm", "10 by 12 mm", "8-9 mm" (the upper figure), "1.4 cm".</summary>
    /// <remarks>Read once per sentence and kept: the list and its arrays are shared by every caller, which only reads them.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // no loop: see VertebralLevels.ParseToken
    private List<Measurement> Measurements(Document.Sentence s)
    {
        if ((uint)s.Index >= (uint)doc.Sentences.Count || !ReferenceEquals(doc.Sentences[s.Index].Sentence, s)) return ReadMeasurements(s);
        _measurements ??= new List<Measurement>?[doc.Sentences.Count];
        return _measurements[s.Index] ??= ReadMeasurements(s);
    }

    private List<Measurement> ReadMeasurements(Document.Sentence s)
    {
        var list = new List<Measurement>();
        for (var i = s.TokenFrom; i < s.TokenTo; i++)
        {
            if (_t[i].Kind != TokenKind.Number) continue;
            // the dimensions are only counted here; the array is made once a unit shows the numbers are a size
            var n = 1; var k = i + 1; var range = false;
            while (k + 1 < s.TokenTo && _t[k].Text is "x" or "by" && _t[k + 1].Kind == TokenKind.Number) { n++; k += 2; }
            if (n == 1 && k < s.TokenTo && _t[k].Kind == TokenKind.Number && _t[k].Joiner == '-') { range = true; k++; }
            if (k >= s.TokenTo || _t[k].Text is not ("mm" or "cm")) { i = k - 1; continue; }
            var factor = _t[k].Text == "cm" ? 10 : 1;
            var mm = new double[n];
            // "8-9 mm" is read at its upper figure
            if (range) mm[0] = _t[i + 1].Value!.Value * factor;
            else for (var d = 0; d < n; d++) mm[d] = _t[i + 2 * d].Value!.Value * factor;
            var along = k + 1 < s.TokenTo && _t[k + 1].Text is "long" or "length" or "segment";
            list.Add(new Measurement(i, k + 1, mm, along));
            i = k;
        }
        return list;
    }

    /// <summary>
    /// "Right leg MRC 3/5 ...; pin-prick and temperature reduced on the left": a leg weaker on one side (graded) and
    /// pain or temperature sense lost on the other side only is a hemicord (Brown-Séquard) syndrome, whether or not the
    /// note names it. Both sides must be stated; a bilateral or unsided loss says nothing.
    /// </summary>
    private TextSpan? HemicordPattern(MotorExam? motor)
    {
        string? weak = (motor?.RightLeg, motor?.LeftLeg) switch
        {
            ({ } r, { } l) when r < l => "right",
            ({ } r, { } l) when l < r => "left",
            ({ } r, null) when r < 5 => "right",
            (null, { } l) when l < 5 => "left",
            _ => null,
        };
        // "Weakness of the right leg with loss of pain and temperature sensation on the left": the weak side said in words
        // when no grade gives it; that side word is the weakness's, not the sensory loss's
        var weakSide = -1;
        if (weak is null && WeakLegSaid() is { } said) (weak, weakSide) = said;
        if (weak is null) return null;
        foreach (var info in doc.Sentences)
        {
            var s = info.Sentence;
            for (var i = s.TokenFrom; i < s.TokenTo; i++)
            {
                if (!rules.Words.Spinothalamic.Contains(_t[i].Text)) continue;
                var (ca, cb) = doc.Clause(s.Index, i);
                var lost = false; string? side = null; var best = int.MaxValue;
                for (var k = ca; k < cb && k < _t.Count; k++)
                {
                    lost |= rules.Words.SenseLost.Contains(_t[k].Text)
                            // "his right leg does not feel hot and cold properly": a sense the patient cannot feel
                            || _t[k].Text is "not" or "cannot" && k + 1 < cb && _t[k + 1].Text is "feel" or "tell" or "sense";
                    // the side nearest the pain-and-temperature words is theirs
                    if (k != weakSide && _t[k].Text is "right" or "left" && Math.Abs(k - i) < best) { best = Math.Abs(k - i); side = _t[k].Text; }
                }
                if (!lost || side is null) continue;
                if (side != weak) return doc.Span(ca, cb);
            }
        }
        return null;
    }

    // a weakness word with a side and a leg word close by ("weakness of the right leg", "left leg weak"); the side's token
    private (string Side, int Token)? WeakLegSaid()
    {
        foreach (var m in doc.Mentions)
        {
            if (!m.Used || m.Negated || m.Concept != "deficit" || m.Term.ConceptValue is not null
                || _t[m.TokenStart].Text is not ("weakness" or "weak" or "weaker" or "monoparesis" or "paresis")) continue;
            int? sideAt = null; var leg = false;
            var (ca, cb) = doc.Clause(m.Sentence, m.TokenStart);
            for (var k = Math.Max(ca, m.TokenStart - 4); k < Math.Min(cb, m.TokenEnd + 4); k++)
            {
                // after the weakness word, "and" or a comma opens the next item ("weaker, and his right leg does not feel ...")
                if (k >= m.TokenEnd && _t[k].Text is "and" or "," or "but" or "whereas" or "while") break;
                if (_t[k].Text is "right" or "left") { if (sideAt is not null && _t[sideAt.Value].Text != _t[k].Text) return null; sideAt ??= k; }
                leg |= _t[k].Text is "leg" or "foot" or "lower" or "ll" or "lle" or "rle";
            }
            if (sideAt is { } at && leg) return (_t[at].Text, at);
        }
        return null;
    }

    // a sentence opening on "Now", "Today" or "Currently" (after a date or a label at most) tells the present state
    private bool SaidOfNow(Mention m)
    {
        var s = doc.Sentences[m.Sentence].Sentence;
        for (var q = s.TokenFrom; q < Math.Min(m.TokenStart, s.TokenFrom + 3); q++)
            if (rules.Words.NowOpeners.Contains(_t[q].Text)) return true;
        return false;
    }

    private bool VertebraeNamedJustBefore(int rangeStart, int clauseStart)
    {
        for (var q = rangeStart - 1; q >= Math.Max(clauseStart, rangeStart - 3); q--)
        {
            if (rules.Words.VertebraWords.Contains(_t[q].Text)) return true;
            if (_t[q].Text is "," or ";") break;
        }
        return false;
    }

    private bool FociInsideALesion(int from, int to)
    {
        for (var q = from; q + 2 < to && q < from + 7; q++)
            if (_t[q].Text is "within" or "in" or "inside" && _t[q + 1].Text is "the" or "this" or "that"
                && rules.Words.LesionNouns.Contains(_t[q + 2].Text))
                return true;
        return false;
    }

    private int? LesionCount()
    {
        foreach (var info in doc.Sentences)
        {
            // "MRI brain: a few non-specific periventricular foci" counts the brain's lesions, not the cord's
            if (!info.Imaging || info.Sentence.Section.Attributes.Contains(ModifierAttribute.Brain)) continue;
            var s = info.Sentence;
            for (var i = s.TokenFrom; i < s.TokenTo; i++)
            {
                if (_t[i].Kind == TokenKind.Number && (_t[i].Text.Contains('.') || i + 1 < s.TokenTo && _t[i + 1].Text is "mm" or "cm")) continue;
                if (!NumberWords.TryParse(_t, i, s.TokenTo, out var n, out var c) || n is < 1 or > 20 || n != Math.Floor(n)) continue;
                if (_t[i].Text is "several" or "few" || _t[i].Text == "a" && i + 1 < s.TokenTo && _t[i + 1].Text == "few") continue;
                var k = i + c;
                for (var skip = 0; skip < 4 && k < s.TokenTo; skip++, k++)
                {
                    var w = _t[k].Text;
                    if (w is "lesions" or "lesion" or "nodules" or "masses" or "foci" or "deposits" or "nodular" && !(w is "nodular" && false))
                    {
                        if (w == "nodular" && !(k + 1 < s.TokenTo && _t[k + 1].Text is "lesions" or "masses" or "deposits")) break;
                        // "three tiny foci brighter than CSF inside the mass": parts of the one lesion, not more lesions
                        if (w == "foci" && FociInsideALesion(k + 1, s.TokenTo)) break;
                        _spans["imaging.lesionCount"] = doc.Span(i, k + 1);
                        Number("lesion_count", n.ToString(CultureInfo.InvariantCulture), i, k + 1);
                        return (int)n;
                    }
                    if (w is "lung" or "liver" or "brain" or "bone" or "lymph" or "node" or "nodes" or "pulmonary" or "hepatic" or "vertebral" or "cerebral" or "of" or "," or "and" or "." || _t[k].Hard) break;
                    // "repeat MRI at 3 weeks shows the lesion": a time unit, an article or a verb between them says the
                    // number counts something else
                    if (rules.Words.CountBreaks.Contains(w)) break;
                }
            }
        }
        return null;
    }

    private IReadOnlyList<double>? LargestLesion()
    {
        IReadOnlyList<double>? best = null; var bestMax = 0.0;
        foreach (var info in doc.Sentences)
        {
            if (!info.Imaging && !NamesLesion(doc.InSentence(info.Sentence.Index))) continue;
            foreach (var m in Measurements(info.Sentence))
            {
                // a length along the cord ("7.6 cm long") is not a lesion diameter
                if (m.AlongTheCord) continue;
                var max = m.Mm.Max();
                if (max is > 0 and < 200 && max > bestMax)
                {
                    bestMax = max; best = m.Mm;
                    _spans["imaging.largestLesionMm"] = doc.Span(m.Start, m.End);
                    Number("lesion_size_mm", string.Join(" x ", m.Mm.Select(x => x.ToString("0.#", CultureInfo.InvariantCulture))), m.Start, m.End);
                }
            }
        }
        return best;

        static bool NamesLesion(IReadOnlyList<Mention> ms)
        {
            for (var i = 0; i < ms.Count; i++) if (ms[i].Concept is "lesion") return true;
            return false;
        }
    }
}
