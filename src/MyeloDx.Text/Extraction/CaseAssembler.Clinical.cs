using System.Globalization;
using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Cases;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;

namespace MyeloDx.Text.Extraction;

internal sealed partial class CaseAssembler
{
    // ------------------------------------------------------------------ presentation
    private Presentation? Presentation(List<UsedLevel> levels, Dictionary<string, Candidate> agg)
    {
        string? sensoryLevel = null;
        if (levels.Any(l => l.Use == LevelUse.Sensory))
        {
            var sl = levels.First(l => l.Use == LevelUse.Sensory);
            sensoryLevel = SpinalLevels.Name(sl.Range.From);
            _spans["presentation.sensoryLevel"] = doc.Span(sl.Range.TokenStart, sl.Range.TokenEnd);
        }
        // onset tempo: a duration owned by the deficit, else the earliest tempo word ("sudden", "subacute", "gradually") ("2 to 3 weeks of worsening weakness", "over two weeks")
        string? tempo = null; double? hours = null;
        // "attacks that recovered within weeks": a tempo word after a word of getting better times the recovery
        var word = doc.Mentions.FirstOrDefault(m => m.Used && !m.Negated && m.Findings.Any(f => f.Variable == "onset_tempo")
                                                    && !RecoveryBefore(m.TokenStart, doc.Sentences[m.Sentence].Sentence.TokenFrom));
        if (agg.TryGetValue("onset_tempo", out var aggregated) && aggregated.First is { } firstTempo
            && RecoveryBefore(firstTempo.TokenStart, doc.Sentences[firstTempo.Sentence].Sentence.TokenFrom))
            agg.Remove("onset_tempo");
        var dur = TempoDuration();
        // a stated duration decides the tempo over a loose word ("acute", "gradually") wherever each stands
        if (dur is { } d)
        {
            tempo = d.Days switch { <= 0.5 => "minutes_hours", <= 7 => "days", <= 42 => "weeks", <= 183 => "months", _ => "years" };
            if (d.Days < 2) hours = Math.Round(d.Days * 24, 1);
            agg.Remove("onset_tempo");
            _spans["presentation.onsetTempo"] = doc.Span(d.TokenStart, d.TokenEnd);
            if (hours is not null) _spans["presentation.hoursToNadir"] = doc.Span(d.TokenStart, d.TokenEnd);
            Number("onset_duration_days", d.Days.ToString("0.##", CultureInfo.InvariantCulture), d.TokenStart, d.TokenEnd);
        }
        else if (word is not null)
        {
            var st = word.Findings.First(f => f.Variable == "onset_tempo");
            agg["onset_tempo"] = new Candidate { State = st.State, Definite = !word.Uncertain, First = word, FirstDefinite = word.Uncertain ? null : word, Score = 1 };
        }
        var motor = Motor();
        if (sensoryLevel is null && tempo is null && motor is null) return null;
        return new Presentation { SensoryLevel = sensoryLevel, OnsetTempo = tempo, HoursToNadir = hours, Motor = motor };
    }

    /// <summary>
    /// The first duration that measures how the cord syndrome evolved: "2 to 3 weeks of worsening weakness",
    /// "over two weeks", "within 8 hours", "a 5-day history", "for the past month". Durations of pain alone, of
    /// other illnesses or between events ("three months after radiotherapy") do not count.
    /// </summary>
    private Duration? TempoDuration()
    {
        // One pass over the note's durations (the profile, 2026-12-07, had two: the time to worst first, then the usual
        // reading, each parsing a duration at every token). Both passes visited the same durations in the same order, and
        // a time to worst anywhere wins over a usual duration found earlier, so the first usual one is kept aside while
        // the pass looks on for a time to worst.
        Duration? usual = null;
        foreach (var info in doc.Sentences)
        {
            var s = info.Sentence;
            for (var i = s.TokenFrom; i < s.TokenTo; i++)
            {
                if (!Durations.TryParse(_t, i, s.TokenTo, out var d)) continue;
                if (TimeToWorst(info, d)) return d;
                if (usual is null && Usual(info, d)) usual = d;
                i = d.TokenEnd - 1;
            }
        }
        return usual;
    }

    /// <summary>"started 10 days ago and peaked after 48 hours": the time to worst is said outright.</summary>
    private bool TimeToWorst(SentenceInfo info, Duration d)
    {
        var s = info.Sentence;
        var i = d.TokenStart;
        if (d.TokenEnd < s.TokenTo && _t[d.TokenEnd].Text is "ago" or "earlier" or "before" or "previously") return false;
        for (var q = i - 1; q >= Math.Max(s.TokenFrom, i - 3); q--)
            if (rules.Words.Nadir.Contains(_t[q].Text) && !info.Modifiers.Any(h => h.Rule.Attribute is Rules.ModifierAttribute.Historical && i >= h.ScopeStart && i < h.ScopeEnd))
                return true;
        return false;
    }

    /// <summary>A duration of the cord syndrome as most notes give it ("over two weeks", "a 5-day history of weakness").</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // at every duration of a note, no loop: see VertebralLevels.ParseToken
    // the mentions of the question a sentence answers ("Back pain? Yes, for two weeks."): the previous sentence ends with a
    // question mark and this one opens on a yes
    private List<Mention>? AnswersQuestionAbout(Document.Sentence s)
    {
        if (s.Index == 0 || s.TokenFrom >= s.TokenTo || !rules.Words.AnswerYes.Contains(_t[s.TokenFrom].Text)) return null;
        var prev = doc.Sentences[s.Index - 1].Sentence;
        if (prev.TokenTo <= prev.TokenFrom || _t[prev.TokenTo - 1].Text != "?") return null;
        var asked = new List<Mention>();
        foreach (var m in doc.InSentence(s.Index - 1)) if (m.Used) asked.Add(m);
        return asked.Count > 0 ? asked : null;
    }

    private bool Usual(SentenceInfo info, Duration d)
    {
        var s = info.Sentence;
        var i = d.TokenStart;
        var k = d.TokenEnd;
        var next = k < s.TokenTo ? _t[k].Text : "";
        var prev = i > s.TokenFrom ? _t[i - 1].Text : "";
        var prev2 = i - 1 > s.TokenFrom ? _t[i - 2].Text : "";
        // the two checks below that say "i" read it as the two passes' loop left it: the duration's last token
        var last = d.TokenEnd - 1;
        if (next is "after" or "later" or "before" or "previously" or "prior" or "postoperatively" or "post"
            || next == "earlier" && !StartedJustBefore(d.TokenStart, s.TokenFrom)) return false;
        // "recovered within weeks", "improved over 3 days": how long the getting better took
        if (RecoveryBefore(d.TokenStart, s.TokenFrom)) return false;
        // "after two months of IM hydroxocobalamin", "six weeks of dexamethasone": how long a treatment was given
        if (next == "of" && TreatmentAfter(d.TokenEnd + 1, s.TokenTo)) return false;
        // "B12 replaced intramuscularly over two months": how long a treatment was given, named just before the duration
        if (TreatmentBefore(d.TokenStart, s.TokenFrom)) return false;
        var lead = prev is "over" or "within" or "for" or "past" or "last" or "following" or "next" or "in" or "x" or "sx" or "symptoms"
                   || prev == "of" && prev2 == "course"
                   || prev2 is "over" or "within" or "for" && prev is "the" or "about" or "around" or "approximately" or "some" or "roughly" or "nearly" or "almost"
                   || prev is "about" or "approximately" or "around" or "roughly" && prev2 is "within" or "over";
        var ofSymptom = next is "of" or "history" or "hx" or "course" or "duration" or "evolution" or "progressive" or "worsening" or "increasing" or "gradual" or "gradually"
                        or "stepwise" or "slowly" or "steadily" or "rapidly" || next == "-";
        // "numbness that had begun two years earlier": "earlier" after a word of starting dates the onset as "ago" does
        var ago = next == "ago" || next == "earlier" && StartedJustBefore(d.TokenStart, s.TokenFrom);
        // ward shorthand ("2/52 LL weakness", "3/7 numb legs") is always the length of what it precedes
        if (d.TokenEnd - d.TokenStart == 2 && _t[d.TokenStart + 1].Joiner == '/') ofSymptom = true;
        if (!lead && !ofSymptom && !ago) return false;
        if (prev == "in" && _t[last].Text is not null && !(prev2 is "worsened" or "progressed" or "developed" or "evolved")) { if (!ofSymptom) return false; }
        // "a two-month history of mid-back pain": the duration belongs to what follows "of"
        var deficitToo = false;
        if (ofSymptom)
        {
            var owner = doc.InSentence(s.Index).Where(m => m.Used && m.TokenStart >= d.TokenEnd && m.TokenStart <= d.TokenEnd + 7
                                                          && (m.Concept is "pain" or "deficit" || m.Findings.Any(f => f.Variable is "back_pain" or "radicular_pain" or "headache" or "sphincter_dysfunction")))
                                            .OrderBy(m => m.TokenStart).FirstOrDefault();
            // "two years of back pain and fluctuating weakness", "a three-year history of neck pain, ... together with
            // weakness" (both, anywhere later in the sentence), not "back pain, then weakness", "neck pain for a year and for two
            // months numbness" (a second duration dates the deficit) or "back pain; recently new weakness" (a sequence)
            deficitToo = doc.InSentence(s.Index).Any(m => m.Used && m.Concept == "deficit" && m.TokenStart >= d.TokenEnd
                && !Enumerable.Range(d.TokenEnd, m.TokenStart - d.TokenEnd).Any(q => rules.Words.Sequence.Contains(_t[q].Text)
                    || Durations.TryParse(_t, q, s.TokenTo, out _)));
            if (owner is not null && !deficitToo && (owner.Concept == "pain" || owner.Findings.Any(f => f.Variable is "back_pain" or "radicular_pain" or "headache"))) return false;
        }
        // "back pain for two months": the duration belongs to what comes just before "for"
        if (prev == "for")
        {
            var before = doc.InSentence(s.Index).Where(m => m.Used && m.TokenEnd <= last - 1 && m.TokenEnd >= last - 5
                                                           && (m.Concept is "pain" or "deficit" || m.Findings.Any(f => f.Variable is "back_pain" or "radicular_pain" or "headache" or "sphincter_dysfunction")))
                                            .OrderByDescending(m => m.TokenEnd).FirstOrDefault();
            // "headache for a week" is the headache's duration, like a pain's
            if (before is not null && (before.Concept == "pain" || before.Findings.Any(f => f.Variable is "back_pain" or "radicular_pain" or "headache"))) return false;
        }
        // "Headache? Yes, for a week": an answer's duration belongs to what the question asked about
        if (AnswersQuestionAbout(s) is { } asked && !asked.Any(m => m.Concept is "deficit" || m.Findings.Any(f => f.Variable is "sphincter_dysfunction" or "sensory_level" or "posterior_column_signs")))
            return false;
        // owned by the deficit: a deficit word in the clause, and not only pain
        var (ca, cb) = doc.Clause(s.Index, d.TokenStart);
        var ms = doc.InSentence(s.Index).Where(m => m.Used && m.TokenStart >= ca && m.TokenEnd <= cb).ToList();
        var deficit = ms.Any(m => m.Concept is "deficit" || m.Findings.Any(f => f.Variable is "sphincter_dysfunction" or "posterior_column_signs" or "sensory_level" or "brown_sequard"));
        // "symptoms came on over three days", "deteriorated over 48 hours": the illness itself, unless pain or a symptom
        // that is not the cord's owns it ("reports 8 kg weight loss over 3 months", "headache worsening over a week")
        // or an exposure or drug taken for that long ("his partner reports he has been inhaling nitrous oxide for a year")
        if (!deficit && !deficitToo && !(ms.Any(m => m.Concept is "onset") && !ms.Any(m => m.Concept is "pain" or "exposure" or "drug"
                || m.Findings.Any(f => f.Variable is "back_pain" or "radicular_pain" or "constitutional_symptoms" or "fever" or "headache")))) return false;
        if (ago && !ms.Any(m => m.Concept is "onset")) return false;
        // "her first MRI, three months ago, was reported as normal": "ago" beside a study dates the study, not the onset
        if (ago && NamesStudy(ca, cb)) return false;
        // "Three months ago she noticed numbness": inside the present illness "ago" dates the onset; the
        // deficit it dates is the current one, not history
        if (ago) return true;
        var historical = ms.Any(m => m.Historical) && ms.All(m => m.Historical || m.Concept is not "deficit");
        if (historical) return false;
        return true;
    }

    private bool StartedJustBefore(int durationStart, int sentenceFrom)
    {
        for (var q = durationStart - 1; q >= Math.Max(sentenceFrom, durationStart - 3); q--)
            if (_t[q].Text is "begun" or "began" or "started" or "starting" or "commenced" or "come" or "came") return true;
        return false;
    }

    private bool NamesStudy(int from, int to)
    {
        for (var q = from; q < to && q < _t.Count; q++)
            if (rules.Words.Study.Contains(_t[q].Text)) return true;
        return false;
    }

    private bool TreatmentAfter(int from, int sentenceTo)
    {
        for (var q = from; q < Math.Min(sentenceTo, from + 3); q++)
            if (rules.Words.Treatments.Contains(_t[q].Text)) return true;
        return false;
    }

    private bool TreatmentBefore(int durationStart, int sentenceFrom)
    {
        for (var q = durationStart - 1; q >= Math.Max(sentenceFrom, durationStart - 4); q--)
            if (rules.Words.GivenAsTreatment.Contains(_t[q].Text)) return true;
        return false;
    }

    private bool RecoveryBefore(int durationStart, int sentenceFrom)
    {
        for (var q = durationStart - 1; q >= Math.Max(sentenceFrom, durationStart - 3); q--)
            if (rules.Words.Recovery.Contains(_t[q].Text)) return true;
        return false;
    }

    /// <summary>MRC grades near a limb: "both legs (MRC 2/5)", "right biceps strength 2/5", "power 4/5 in the legs".</summary>
    private MotorExam? Motor()
    {
        MotorExam? exam = null;
        foreach (var info in doc.Sentences)
        {
            var s = info.Sentence;
            var lastGradeEnd = s.TokenFrom;
            for (var i = s.TokenFrom; i + 1 < s.TokenTo; i++)
            {
                if (_t[i].Kind != TokenKind.Number || _t[i].Value is not { } g || g is < 0 or > 5) continue;
                var k = i + 1;
                if (k < s.TokenTo && _t[k].Text is "+" or "-" && _t[k].Start == _t[i].End) k++;
                if (!(k < s.TokenTo && _t[k].Text == "5" && _t[k].Joiner == '/') && !(k + 2 < s.TokenTo && _t[k].Text == "out" && _t[k + 1].Text == "of" && _t[k + 2].Text == "5")) continue;
                var end = _t[k].Text == "5" ? k + 1 : k + 3;
                if (end < s.TokenTo && (_t[end].Joiner == '/' || _t[end].Text.StartsWith("fraction", StringComparison.Ordinal))) continue; // a date or "3/5 fractions"
                var (arm, leg, right, left) = Limbs(s.Index, lastGradeEnd, i, end);
                lastGradeEnd = end;
                if (!arm && !leg) continue;
                if (!right && !left) right = left = true;
                exam ??= new MotorExam();
                if (arm && right) exam = exam with { RightArm = Min(exam.RightArm, g) };
                if (arm && left) exam = exam with { LeftArm = Min(exam.LeftArm, g) };
                if (leg && right) exam = exam with { RightLeg = Min(exam.RightLeg, g) };
                if (leg && left) exam = exam with { LeftLeg = Min(exam.LeftLeg, g) };
                _spans.TryAdd("presentation.motor", doc.Span(i, end));
                Number("mrc_grade", g.ToString("0.#", CultureInfo.InvariantCulture) + "/5", i, end);
                i = end - 1;
            }
        }
        return exam;
        static double Min(double? a, double b) => a is { } x ? Math.Min(x, b) : b;
    }

    /// <summary>The limb and side named around a grade: back to the previous grade (at most 8 words), forward 3 words.</summary>
    private (bool Arm, bool Leg, bool Right, bool Left) Limbs(int sentence, int previousGradeEnd, int from, int to)
    {
        var (ca, cb) = doc.Clause(sentence, from);
        bool arm = false, leg = false, right = false, left = false;
        var start = Math.Max(Math.Max(ca, from - 8), previousGradeEnd);
        var stop = to;
        while (stop < Math.Min(cb, to + 3) && !_t[stop].Hard) stop++;
        for (var q = start; q < stop; q++)
        {
            var w = _t[q].Text;
            if (w is "arm" or "arms" or "biceps" or "triceps" or "deltoid" or "deltoids" or "grip" or "hand" or "hands" or "wrist" or "finger" or "fingers" or "elbow" or "shoulder"
                || w == "upper" && q + 1 < cb && _t[q + 1].Text is "limb" or "limbs" or "extremity" or "extremities") arm = true;
            if (w is "leg" or "legs" or "hip" or "hips" or "knee" or "knees" or "ankle" or "ankles" or "quadriceps" or "hamstrings" or "foot" or "feet" or "dorsiflexion" or "plantarflexion" or "iliopsoas"
                || w == "lower" && q + 1 < cb && _t[q + 1].Text is "limb" or "limbs" or "extremity" or "extremities") leg = true;
            if (w is "all" && q + 1 < cb && _t[q + 1].Text is "four" or "limbs" or "extremities") { arm = leg = true; }
            if (w is "right") right = true;
            if (w is "left") left = true;
            if (w is "both" or "bilateral" or "bilaterally") right = left = true;
        }
        return (arm, leg, right, left);
    }

    // ------------------------------------------------------------------ laboratory
    private Labs? Labs()
    {
        double? cells = null, protein = null, glucose = null, b12 = null, copper = null;
        SentenceInfo? current = null;
        foreach (var info in doc.Sentences)
        {
            current = info;
            var s = info.Sentence;
            // (EarlierTime's header test, once per sentence rather than at every token: under an earlier study's header
            // every token is skipped)
            if (info.Sentence.Section.Attributes.Contains(Rules.ModifierAttribute.Historical)) continue;
            var earlierScopes = false;
            foreach (var h in info.Modifiers) earlierScopes |= h.Rule.Attribute == Rules.ModifierAttribute.Historical;
            for (var i = s.TokenFrom; i < s.TokenTo; i++)
            {
                // a value of an earlier sample ("a first LP last month showed 3 cells; the repeat today 85") is not the
                // current result: it is skipped, so that a later current value can be taken
                if (earlierScopes && InEarlierScope(info, i)) continue;
                var w = _t[i].Text;
                if (info.Csf && w == "protein" && protein is null && ValueAfter(s, i, out var pv, out var pu, out var pe))
                {
                    protein = pu switch { "g/l" => pv * 100, "mg/l" => pv / 10, "mg/dl" => pv, _ => pv < 10 ? pv * 100 : pv };
                    Rec("labs.csf.proteinMgPerDl", "csf_protein_mg_dl", protein.Value, i, pe);
                }
                else if (info.Csf && w == "glucose" && glucose is null && ValueAfter(s, i, out var gv, out var gu, out var ge))
                {
                    glucose = gu switch { "mmol/l" => gv * 18.0, "mg/dl" => gv, _ => gv < 25 ? gv * 18.0 : gv };
                    Rec("labs.csf.glucoseMgPerDl", "csf_glucose_mg_dl", glucose.Value, i, ge);
                }
                else if (w == "b12" && b12 is null && ValueAfter(s, i, out var bv, out var bu, out var be))
                {
                    b12 = bu switch { "pmol/l" => bv * 1.355, _ => bv };
                    if (bu is "pmol/l" or "pg/ml" or "ng/l" || bv > 50) Rec("labs.b12", "b12_pg_ml", b12.Value, i, be); else b12 = null;
                }
                else if (w is "copper" or "cu" && copper is null && ValueAfter(s, i, out var cv, out var cu, out var ce))
                {
                    // without a unit the size of the figure says which only at the ends: serum copper is about 11-22 µmol/L or
                    // 70-150 µg/dL, so a figure up to 22 is micromoles (as UK laboratories report it) and one above 40 micrograms
                    // per decilitre; between them it may be a normal value in micromoles or a deficient one in micrograms, so it
                    // is not read
                    copper = cu switch { "umol/l" => cv * 6.355, "ug/l" => cv / 10, "mg/l" => cv * 100, _ => cv <= 22 ? cv * 6.355 : cv };
                    if (cu is not null || cv is > 3 and <= 22 or > 40) Rec("labs.copper", "copper_ug_dl", copper.Value, i, ce); else copper = null;
                }
                // "WCC 12", "white cell count in CSF 3 x10^6/L" (per litre ×10^6 is per microlitre)
                // "Cells <1" on a CSF line: the white cells, the count a CSF line gives first
                else if (info.Csf && cells is null && (w is "wcc" or "wbc" || w == "count" && i > s.TokenFrom && _t[i - 1].Text is "cell" or "cells"
                                                        || w == "cells" && (i == s.TokenFrom || _t[i - 1].Hard) && i + 1 < s.TokenTo && (_t[i + 1].Kind == TokenKind.Number || _t[i + 1].Text is "<"))
                         && !RedCellsOrBlood(s, i) && ValueAfter(s, i, out var wv, out _, out var we) && wv == Math.Floor(wv) && wv < 100000)
                { cells = wv; Rec("labs.csf.whiteCellsPerUl", "csf_white_cells_per_ul", wv, i, we); }
                else if (info.Csf && cells is null && _t[i].Kind == TokenKind.Number && _t[i].Value is { } nv && nv == Math.Floor(nv) && nv < 100000)
                {
                    // "5 leucocytes", "9 mononuclear cells", "7 white cells/µL", "WBC 12"
                    var k = i + 1;
                    if (k < s.TokenTo && _t[k].Text is "white" or "mononuclear" or "nucleated" or "lymphocytic" or "polymorphonuclear") k++;
                    if (k < s.TokenTo && _t[k].Text is "cells" or "cell" or "leukocytes" or "leukocyte" or "lymphocytes" or "wbc" or "wbcs" or "wcc" or "leucocytes")
                    { cells = nv; Rec("labs.csf.whiteCellsPerUl", "csf_white_cells_per_ul", nv, i, k + 1); }
                    else if (i > s.TokenFrom && _t[i - 1].Text is "wbc" or "count" or "leukocytes" or "cells" && !RedCellsOrBlood(s, i - 1))
                    { cells = nv; Rec("labs.csf.whiteCellsPerUl", "csf_white_cells_per_ul", nv, i - 1, i + 1); }
                }
            }
        }
        Csf? csf = cells is null && protein is null && glucose is null ? null : new Csf { WhiteCellsPerUl = cells, ProteinMgPerDl = protein, GlucoseMgPerDl = glucose };
        if (csf is null && b12 is null && copper is null) return null;
        return new Labs { Csf = csf, B12PgPerMl = b12, CopperUgPerDl = copper };

        void Rec(string field, string kind, double v, int a, int b)
        {
            _spans[field] = doc.Span(a, b);
            Number(kind, v.ToString("0.##", CultureInfo.InvariantCulture), a, b);
            // "CSF protein borderline (0.46 g/L), of doubtful significance", "copper 10.1, borderline low, ? significance":
            // the writer doubts what the value means, so the finding it gives is only possible
            if (current is { } si && si.Modifiers.Any(h => h.Rule.Attribute == Rules.ModifierAttribute.Uncertain && h.ScopeStart < b && a < h.ScopeEnd))
                _doubtfulLabs.Add(field);
        }
    }

    /// <summary>Token i lies in the scope of a modifier placing it at an earlier time (an earlier study or sample).</summary>
    /// <summary>
    /// A CSF differential written as a share ("85% neutrophils", "lymphocytes 90%"): more than half neutrophils is
    /// neutrophil predominance, more than half lymphocytes or mononuclear cells (or under half neutrophils) is not. A count
    /// without the per cent sign ("9 mononuclear cells") is a count, not a share. Stated words ("lymphocytic") come first.
    /// </summary>
    private void NeutrophilShare(Dictionary<string, Candidate> agg)
    {
        if (agg.ContainsKey("csf_neutrophil_predominance")) return;
        foreach (var info in doc.Sentences)
        {
            if (!info.Csf) continue;
            var s = info.Sentence;
            for (var i = s.TokenFrom; i < s.TokenTo; i++)
            {
                if (_t[i].Kind != TokenKind.Number || _t[i].Value is not { } share || share > 100 || EarlierTime(info, i)) continue;
                var percentAfter = i + 1 < s.TokenTo && _t[i + 1].Text is "%" or "percent";
                if (!percentAfter) continue;
                // the cell word right after the share ("85% neutrophils") or right before it ("neutrophils 85%")
                string? cell = i + 2 < s.TokenTo && IsCellWord(_t[i + 2].Text) ? _t[i + 2].Text : i > s.TokenFrom && IsCellWord(_t[i - 1].Text) ? _t[i - 1].Text : null;
                if (cell is null || share == 50) continue;
                var neutrophil = rules.Words.Neutrophils.Contains(cell);
                var predominant = neutrophil ? share > 50 : share < 50;
                // the share stands as a mention of the vocabulary term for the same state, spanning the share itself
                var state = predominant ? "present" : "absent";
                var term = rules.Terms.FirstOrDefault(t => t.Concept is null && t.Findings.Count == 1 && t.Findings[0] is { Variable: "csf_neutrophil_predominance" } f && f.State == state);
                if (term is null) return;
                var from = i + 2 < s.TokenTo && _t[i + 2].Text == cell ? i : i - 1; var to = from == i ? i + 3 : i + 2;
                var m = new Mention(term, s.Index, from, to, doc.Span(from, to), MentionFlags.None, [], term.Findings, false, null);
                agg["csf_neutrophil_predominance"] = new Candidate { State = state, Definite = true, First = m, FirstDefinite = m, Score = 1 };
                Number("csf_neutrophil_share", $"{share:0.#}% {cell}", from, to);
                return;
            }
        }
        bool IsCellWord(string w) => rules.Words.Neutrophils.Contains(w) || rules.Words.Mononuclear.Contains(w);
    }

    private static bool EarlierTime(SentenceInfo info, int i) =>
        // a sentence under an earlier study's header ("LP in June: protein 0.35, 2 cells")
        info.Sentence.Section.Attributes.Contains(Rules.ModifierAttribute.Historical) || InEarlierScope(info, i);

    // token i in the scope of a modifier of an earlier time
    private static bool InEarlierScope(SentenceInfo info, int i)
    {
        foreach (var h in info.Modifiers)
            if (h.Rule.Attribute == Rules.ModifierAttribute.Historical && i >= h.ScopeStart && i < h.ScopeEnd) return true;
        return false;
    }

    /// <summary>
    /// A count of red cells ("red cell count", "RBC count", "RCC"), or a blood count in a clause that names blood rather
    /// than CSF ("Bloods: WCC 14; CSF protein 0.6"): not the CSF white cell count.
    /// </summary>
    private bool RedCellsOrBlood(Document.Sentence s, int i)
    {
        for (var k = Math.Max(s.TokenFrom, i - 3); k < i; k++)
            if (rules.Words.RedCells.Contains(_t[k].Text)) return true;
        for (var k = i - 1; k >= s.TokenFrom; k--)
        {
            if (rules.Words.CsfOrBreak.Contains(_t[k].Text)) return false;
            if (rules.Words.Blood.Contains(_t[k].Text)) return true;
        }
        return false;
    }

    /// <summary>A number within five words after token i, with its unit when one follows ("protein 33 mg/dl", "B12 (800 pg/ml; 211-911)").</summary>
    private bool ValueAfter(Document.Sentence s, int i, out double value, out string? unit, out int end)
    {
        value = 0; unit = null; end = i + 1;
        for (var k = i + 1; k < s.TokenTo && k <= i + 6; k++)
        {
            if (_t[k].Kind == TokenKind.Number && _t[k].Value is { } v)
            {
                if (_t[k].Joiner == '-' && k > i + 1 && _t[k - 1].Kind == TokenKind.Number) return false; // a reference range
                value = v; end = k + 1;
                // a lab report's flag column between the value and its unit ("Copper   2.1   L   umol/L   11.0-22.0")
                var u = k + 1 < s.TokenTo && _t[k + 1].Text is "l" or "h" or "ll" or "hh" or "lo" or "hi" && k + 2 < s.TokenTo && _t[k + 2].Kind == TokenKind.Word ? k + 2 : k + 1;
                if (u < s.TokenTo)
                {
                    var u1 = _t[u].Text;
                    var u2 = u + 1 < s.TokenTo && _t[u + 1].Joiner == '/' ? _t[u + 1].Text : null;
                    if (u2 is not null) { unit = $"{u1}/{u2}"; end = u + 2; }
                    else if (u1 is "mg" or "g" or "mmol" or "pg" or "pmol" or "ug" or "umol") { unit = u1; end = u + 1; }
                }
                return true;
            }
            if (_t[k].Hard && _t[k].Text != ":") return false;
            if (_t[k].Kind == TokenKind.Word && _t[k].Text is "and" or "but" or "with" or "without") return false;
        }
        return false;
    }

    /// <summary>The chemotherapy or radiotherapy mention that shows a treated tumour the vocabulary does not name, or null:
    /// needs both a treatment given to the patient and a tumour word (a generic cancer word, "tumour", a malignant "-oma").</summary>
    private Mention? TreatedTumour()
    {
        var treated = doc.Mentions.FirstOrDefault(m => m.Used && !m.Negated && !m.Hypothetical && !m.OtherExperiencer
            && (m.Concept == "radiotherapy" || m.Concept == "drug" && (m.Term.ConceptValue ?? "").StartsWith("chemotherapy:", StringComparison.Ordinal)));
        if (treated is null) return null;
        if (doc.Mentions.Any(m => m.Concept == "cancer_generic" && !m.Negated)) return treated;
        foreach (var t in _t)
        {
            if (t.Kind != TokenKind.Word) continue;
            if (rules.Words.Tumour.Contains(t.Text)) return treated;
            // tumour-name endings that mark a malignancy whatever its site (word-lists.yaml, malignant_endings)
            foreach (var e in rules.Words.MalignantEndings)
                if (t.Text.EndsWith(e, StringComparison.Ordinal) || t.Text.EndsWith(e + "s", StringComparison.Ordinal)) return treated;
        }
        return null;
    }
}
