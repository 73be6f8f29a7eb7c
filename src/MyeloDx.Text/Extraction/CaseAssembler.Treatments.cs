using System.Globalization;
using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Cases;
using MyeloDx.Text.Document;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;

namespace MyeloDx.Text.Extraction;

internal sealed partial class CaseAssembler
{
    private readonly record struct Dose(double Gy, bool PerFraction, int? Fractions, bool Cord, int TokenStart, int TokenEnd);

    /// <summary>
    /// Radiotherapy courses. Each affirmed mention of radiotherapy starts a course unless it refers back to one
    /// ("the radiotherapy", "that course"); dose, fractions and target come from its sentence, levels from "to
    /// T8-T12", and the months to onset from "N months after the radiotherapy ... develops", "N months later",
    /// "N years earlier/ago" or "at age N". Denied or planned radiotherapy adds nothing. An empty list means the
    /// text mentions no radiotherapy given.
    /// </summary>
    /// <summary>For each dose (in text order), the radiotherapy levels named after it and before the next dose, if any
    /// ("30 Gy in 10 fractions to T4-T8 ..., then 20 Gy in 5 fractions to T6-T9").</summary>
    private string?[] LevelsAfterEachDose(List<Dose> doses, List<UsedLevel> levels, int sentence)
    {
        var result = new string?[doses.Count];
        for (var i = 0; i < doses.Count; i++)
        {
            var from = doses[i].TokenEnd;
            var to = i + 1 < doses.Count ? doses[i + 1].TokenStart : doc.Sentences[sentence].Sentence.TokenTo;
            var mine = levels.Where(l => l.Use == LevelUse.Radiotherapy && l.Sentence == sentence && l.Range.TokenStart >= from && l.Range.TokenStart < to)
                             .Select(l => l.Range.ToString()).ToList();
            result[i] = mine.Count > 0 ? string.Join(", ", mine) : null;
        }
        return result;
    }

    /// <summary>A sentence that states radiotherapy levels ("to T4-T8") or a named field of its own.</summary>
    private bool NamesItsOwnField(int sentence, List<UsedLevel> levels) =>
        levels.Any(l => l.Use == LevelUse.Radiotherapy && l.Sentence == sentence)
        || doc.InSentence(sentence).Any(x => x.Concept == "rt_site" && x.Used);

    private IReadOnlyList<RadiotherapyCourse> Radiotherapy(List<UsedLevel> levels, double? age)
    {
        var courses = new List<RadiotherapyCourse>();
        var owners = new List<Core.Inference.TextSpan>();
        var usedSites = new HashSet<Mention>();
        var dosesBySentence = new Dictionary<int, List<Dose>>();
        var attachedDoseSentences = new HashSet<int>();
        var tableRows = TableCourses(courses, owners);
        var tableCourses = courses.Count;
        // "No previous radiotherapy to the spine" said plainly outweighs a doubtful mention ("Option B - radiotherapy
        // alone, 20 Gy in 5: 2 votes" under an MDT's question): only certain mentions make a course beside a denial
        var deniedPlainly = doc.Mentions.Any(x => x.Concept == "radiotherapy" && x.Negated && !x.Uncertain && !x.OtherExperiencer && !IsPartOfRepeat(x));
        foreach (var m in doc.Mentions)
        {
            if (m.Concept != "radiotherapy" || !m.Used || m.Negated) continue;
            if (m.Uncertain && deniedPlainly) continue;
            // "SRS to the conus lesion ... was given after the diagnosis": the treatment of this lesion, not an earlier exposure
            if (doc.InSentence(m.Sentence).Any(x => x.Concept == "rt_reference" && x.Term.ConceptValue == "after_onset" && x.Used && !x.Negated)) continue;
            // a case report's "Treatment and outcome" tells what was done for this illness ("She then received
            // chemotherapy and thoracic radiotherapy"): no exposure before the onset
            if (doc.Sentences[m.Sentence].Sentence.Section.Category == "outcome") continue;
            // a table row that gave a course is that course ("| 2 | 09/2025 | T6 SBRT | 27 Gy / 3 |")
            if (tableRows.Any(r => m.TokenStart >= r.TokenFrom && m.TokenStart < r.TokenTo)) continue;
            var parts = (m.Term.ConceptValue ?? "").Split('|');
            string? technique = parts.Length > 0 && parts[0].Length > 0 ? parts[0] : null;
            string? target = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
            string? lv = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
            var sentence = doc.InSentence(m.Sentence).ToList();
            if (target is null)
            {
                var site = NearestSite(m, sentence, usedSites);
                if (site is not null)
                {
                    usedSites.Add(site);
                    var sp = (site.Term.ConceptValue ?? "").Split('|');
                    target = sp[0];
                    if (sp.Length > 1 && sp[1].Length > 0) lv = sp[1];
                }
            }
            // levels after the mention ("RT to T4-T8"), or a treated lesion's level just before it ("the T4 deposit was treated with radiotherapy")
            var explicitLevels = levels.Where(l => l.Use == LevelUse.Radiotherapy && l.Sentence == m.Sentence
                                                   && (l.Range.TokenStart >= m.TokenEnd || l.Range.TokenEnd <= m.TokenStart && m.TokenStart - l.Range.TokenEnd <= 8))
                                       .Select(l => l.Range.ToString()).ToList();
            if (explicitLevels.Count > 0) lv = string.Join(", ", explicitLevels);
            // "stereotactic radiosurgery 16 Gy to the T9 metastasis": radiosurgery is the brain's only when no spinal level
            // is named for it
            if (explicitLevels.Count > 0 && target == "brain" && technique == "srs") target = "spine";
            if (!dosesBySentence.TryGetValue(m.Sentence, out var doses)) dosesBySentence[m.Sentence] = doses = Doses(m.Sentence);
            // "Previous radiotherapy to the thoracic spine" on the line above the table is its caption: the rows are the
            // courses, and the caption's field is theirs where a row names none
            if (doses.Count == 0 && CaptionedTable(m, tableRows) is { } table)
            {
                for (var i = 0; i < tableCourses; i++)
                    if (tableRows[i].TableTokenFrom == table)
                        courses[i] = courses[i] with { Target = courses[i].Target ?? target, Levels = courses[i].Levels ?? lv };
                continue;
            }
            // doses belong to the nearest radiotherapy mention of the sentence
            var rtInSentence = sentence.Where(x => x.Concept == "radiotherapy" && x.Used && !x.Negated).ToList();
            var mine = doses.Where(d => rtInSentence.MinBy(x => Math.Abs(x.TokenStart - d.TokenStart)) == m).ToList();
            var reference = courses.Count > 0 && target is null && lv is null && mine.Count == 0 && IsBackReference(m);
            // "chemoradiation ... plus thoracic radiotherapy": a bare mention beside a detailed one in the same sentence is the same course
            if (!reference && target is null && lv is null && mine.Count == 0
                && rtInSentence.Any(o => o != m && (NearestSite(o, sentence, []) is not null || doses.Any(d => rtInSentence.MinBy(x => Math.Abs(x.TokenStart - d.TokenStart)) == o))))
                continue;
            // "RE-IRRADIATION PLANNING NOTE", "re-irradiation was discussed": a further course named bare says that earlier
            // ones were given; when the note describes them, it is not one more (alone, it stands for one of unknown dose)
            if (!reference && target is null && lv is null && mine.Count == 0 && IsPartOfRepeat(m)
                && (courses.Count > 0 || doc.Mentions.Any(o => o != m && o.Concept == "radiotherapy" && o.Used && !o.Negated && !IsPartOfRepeat(o))))
                continue;
            if (reference)
            {
                // "Seven months after the radiotherapy she develops ..." dates the earlier course
                var idx = courses.Count - 1;
                if (courses[idx].MonthsBeforeOnset is null && LatencyAt(m) is { } lat)
                { courses[idx] = courses[idx] with { MonthsBeforeOnset = lat.Months }; _spans[$"treatments.radiotherapy[{idx}]"] = owners[idx]; }
                continue;
            }
            // doses stated in the next sentences ("The dose reaching the spinal cord was about 49 Gy") belong to this course
            for (var si = m.Sentence + 1; si < doc.Sentences.Count && si <= m.Sentence + 2; si++)
            {
                if (doc.InSentence(si).Any(x => x.Concept == "radiotherapy" && x.Used && !x.Negated && !IsBackReference(x))) break;
                // "... chest wall radiotherapy. In 2023 she received 20 Gy in 5 fractions to T4-T8": a later dose with a field
                // of its own is another course, not the dose of a course whose field is already named
                if ((target is not null || lv is not null) && NamesItsOwnField(si, levels)) break;
                var next = Doses(si);
                if (next.Count > 0) attachedDoseSentences.Add(si);
                mine.AddRange(next);
            }
            double? total = null, perFraction = null, cord = null; int? n = null;
            // "Re-irradiation of C5-C7 (20 Gy/5) in 2025 after 36 Gy/12 in 2023": two totals, each with its own fraction
            // count, are two courses to the same field; mixing them (the larger total with the first count) would invent
            // a dose no one gave
            var ownCounts = mine.Where(d => !d.Cord && !d.PerFraction && d.Fractions is not null).OrderBy(d => d.TokenStart).ToList();
            var otherCourses = ownCounts.Count >= 2 ? ownCounts.Skip(1).ToList() : [];
            foreach (var d in mine)
            {
                if (otherCourses.Contains(d)) continue;
                if (d.Cord) cord ??= d.Gy;
                else if (d.PerFraction) perFraction ??= d.Gy;
                else total = total is null ? d.Gy : Math.Max(total.Value, d.Gy);
                n ??= d.Fractions;
            }
            if (ownCounts.Count >= 2) { total = ownCounts[0].Gy; n = ownCounts[0].Fractions; }
            // "30 Gy in 10 fractions to T4-T8 in 2023, then 20 Gy in 5 fractions to T6-T9 in 2025": each course keeps the
            // levels named right after its own dose
            var levelsOfDose = ownCounts.Count >= 2 ? LevelsAfterEachDose(ownCounts, levels, m.Sentence) : null;
            if (levelsOfDose?[0] is { } firstLevels) lv = firstLevels;
            if (perFraction is { } pf && pf > 0)
            {
                var reference2 = total ?? cord;
                if (n is null && reference2 is { } tt && Math.Abs(tt / pf - Math.Round(tt / pf)) < 0.25) n = (int)Math.Round(tt / pf);
                if (total is null && cord is null && n is { } nn) total = pf * nn;
            }
            technique ??= TechniqueIn(m.Sentence);
            var course = new RadiotherapyCourse
            {
                Target = target,
                Levels = lv,
                TotalDoseGy = total,
                Fractions = n,
                Technique = technique,
                CordMaxDoseGy = cord,
                CordInField = cord is not null ? true : null,
                MonthsBeforeOnset = Latency(m, age)?.Months,
            };
            courses.Add(course); owners.Add(m.Span);
            var key = $"treatments.radiotherapy[{courses.Count - 1}]";
            _spans[key] = m.Span;
            // the other courses of the same field, their timing unknown (the mention's date belongs to the first)
            for (var o = 0; o < otherCourses.Count; o++)
            {
                var d = otherCourses[o];
                courses.Add(course with { TotalDoseGy = d.Gy, Fractions = d.Fractions, CordMaxDoseGy = null, CordInField = null, MonthsBeforeOnset = null,
                                          Levels = levelsOfDose?[o + 1] ?? course.Levels });
                owners.Add(m.Span);
                _spans[$"treatments.radiotherapy[{courses.Count - 1}]"] = doc.Span(d.TokenStart, d.TokenEnd);
            }
            foreach (var d in mine) Number(d.Cord ? "rt_cord_dose_gy" : d.PerFraction ? "rt_dose_per_fraction_gy" : "rt_dose_gy", d.Gy.ToString("0.##", CultureInfo.InvariantCulture) + (d.Fractions is { } f ? $" / {f} fractions" : ""), d.TokenStart, d.TokenEnd);
        }
        // a dose in Gy is radiotherapy even when the word is missing ("30 Gy in 10 fractions to T10-L2 eleven months before onset")
        for (var si = 0; si < doc.Sentences.Count; si++)
        {
            if (dosesBySentence.ContainsKey(si) || doc.InSentence(si).Any(x => x.Concept == "radiotherapy")) continue;
            if (attachedDoseSentences.Contains(si)) continue; // already attached to the course just described
            if (doc.Sentences[si].Sentence.Section.Category == "outcome") continue; // this illness's treatment (see above)
            var doses = Doses(si);
            if (doses.Count == 0) continue;
            var d0 = doses[0];
            // "No previous radiotherapy. 20 Gy in 5 fractions planned if not for surgery.": a dose that is planned, offered
            // or only supposed is no course, nor is a bare dose beside a plain denial of any radiotherapy
            if (deniedPlainly || doc.Sentences[si].Modifiers.Any(h => h.Rule.Attribute is Rules.ModifierAttribute.Hypothetical or Rules.ModifierAttribute.Negated
                    && h.ScopeStart < d0.TokenEnd && d0.TokenStart < h.ScopeEnd)) continue;
            var s = doc.Sentences[si].Sentence;
            var lv = levels.Where(l => l.Use == LevelUse.Radiotherapy && l.Sentence == si).Select(l => l.Range.ToString()).ToList();
            string? target = null;
            foreach (var site in doc.InSentence(si).Where(x => x.Concept == "rt_site" && x.Used && x.TokenStart >= d0.TokenEnd && x.TokenStart - d0.TokenEnd <= 12))
            {
                var sp = (site.Term.ConceptValue ?? "").Split('|');
                target = sp[0];
                if (lv.Count == 0 && sp.Length > 1 && sp[1].Length > 0) lv.Add(sp[1]);
                break;
            }
            double? total = null, per = null, cordDose = null; int? n = null;
            foreach (var d in doses)
            {
                if (d.Cord) cordDose ??= d.Gy; else if (d.PerFraction) per ??= d.Gy; else total ??= d.Gy;
                n ??= d.Fractions;
            }
            if (total is null && per is { } p && n is { } nn) total = p * nn;
            Duration? lat = null;
            for (var i = s.TokenFrom; i < s.TokenTo; i++)
                if (Durations.TryParse(_t, i, s.TokenTo, out var d) && d.TokenEnd < s.TokenTo && _t[d.TokenEnd].Text is "before" or "earlier" or "ago" or "prior") { lat = d; break; }
            courses.Add(new RadiotherapyCourse
            {
                Target = target, Levels = lv.Count > 0 ? string.Join(", ", lv) : null, TotalDoseGy = total, Fractions = n,
                CordMaxDoseGy = cordDose, CordInField = cordDose is not null ? true : null, Technique = TechniqueIn(si), MonthsBeforeOnset = lat?.Months,
            });
            _spans[$"treatments.radiotherapy[{courses.Count - 1}]"] = doc.Span(d0.TokenStart, d0.TokenEnd);
            foreach (var d in doses) Number(d.Cord ? "rt_cord_dose_gy" : d.PerFraction ? "rt_dose_per_fraction_gy" : "rt_dose_gy", d.Gy.ToString("0.##", CultureInfo.InvariantCulture) + (d.Fractions is { } f ? $" / {f} fractions" : ""), d.TokenStart, d.TokenEnd);
        }

        // "confined to the irradiated segment", "outside the radiation field"
        foreach (var r in doc.Mentions.Where(x => x.Concept == "rt_reference" && x.Used && x.Term.ConceptValue is "in" or "out"))
        {
            var inField = r.Term.ConceptValue == "in" ^ r.Negated;
            if (courses.Count == 0)
            {
                // "T2 signal within the previous radiation field" says a course was given without naming it: a course of
                // unknown dose, in or out of the field as said ("treated area" alone could be any treatment)
                if (r.Hypothetical || !NamesRadiotherapyField(r)) continue;
                courses.Add(new RadiotherapyCourse { CordInField = inField });
                _spans[$"treatments.radiotherapy[{courses.Count - 1}]"] = r.Span;
                continue;
            }
            var idx = courses.FindLastIndex(c => (c.Target ?? "").Contains("spine", StringComparison.Ordinal) || c.Levels is not null);
            if (idx < 0) idx = courses.Count - 1;
            if (courses[idx].CordInField is null) courses[idx] = courses[idx] with { CordInField = inField };
        }

        // the plan's cord maximum from an organ-at-risk table belongs to the course told before the table (or the first)
        if (_planCordMax is { } pc && courses.Count > 0)
        {
            var tableAt = _t[pc.TableToken].Start;
            var idx = 0;
            for (var c = 0; c < owners.Count && c < courses.Count; c++) if (owners[c].Start < tableAt) idx = c;
            if (courses[idx].CordMaxDoseGy is null)
            {
                courses[idx] = courses[idx] with { CordMaxDoseGy = pc.Gy, CordInField = courses[idx].CordInField ?? true };
                Number("rt_cord_dose_gy", pc.Gy.ToString("0.##", CultureInfo.InvariantCulture), pc.Dose.TokenStart, pc.Dose.TokenEnd);
            }
        }
        // "re-irradiation is not possible", "further radiotherapy was discussed": a further course, given or not, says an
        // earlier one was given; with no course described, that is a course of unknown dose and field
        // ("no previous radiotherapy" said in so many words still wins)
        if (courses.Count == 0 && doc.Mentions.FirstOrDefault(x => x.Concept == "rt_reference" && x.Term.ConceptValue == "repeat" && !x.OtherExperiencer) is { } repeat
            && !doc.Mentions.Any(x => x.Concept == "radiotherapy" && x.Negated && !x.OtherExperiencer && !IsPartOfRepeat(x)))
        {
            courses.Add(new RadiotherapyCourse());
            _spans[$"treatments.radiotherapy[{courses.Count - 1}]"] = repeat.Span;
        }
        if (courses.Count == 0)
        {
            // only a denial states that none was given: radiotherapy planned now ("palliative radiotherapy to the cauda
            // equina is recommended") says nothing of earlier courses, so the cord's exposure stays unstated
            var denied = doc.Mentions.FirstOrDefault(x => x.Concept == "radiotherapy" && x.Negated);
            if (denied is not null) _spans["treatments.radiotherapy"] = denied.Span;
        }
        return courses;
    }

    /// <summary>The radiotherapy mention lies inside a further course's words ("further [radiotherapy]", "[re-irradiation]").</summary>
    private bool IsPartOfRepeat(Mention rt) =>
        doc.Mentions.Any(x => x.Concept == "rt_reference" && x.Term.ConceptValue == "repeat" && x.TokenStart <= rt.TokenStart && x.TokenEnd >= rt.TokenEnd);

    private bool NamesRadiotherapyField(Mention r)
    {
        for (var i = r.TokenStart; i < r.TokenEnd; i++)
            if (rules.Words.RadiotherapyField.Contains(_t[i].Text)) return true;
        return false;
    }

    private bool IsBackReference(Mention m)
    {
        var i = m.TokenStart;
        var prev = i > 0 ? _t[i - 1].Text : "";
        // "three months after radiotherapy", "since radiotherapy": a bare mention that only dates something is the course
        // already described (the caller asks only when a course exists and this mention names no dose, site or levels)
        return rules.Words.BackReference.Contains(prev);
    }

    private Mention? NearestSite(Mention rt, List<Mention> sentence, HashSet<Mention> used)
    {
        Mention? best = null; var bestDist = int.MaxValue;
        foreach (var s in sentence)
        {
            if (s.Concept != "rt_site" || !s.Used || used.Contains(s)) continue;
            // "thoracic radiotherapy", "radiotherapy ... to the thoracic spine", "irradiation of the mediastinum"; a site in
            // another part of the sentence describes something else
            int dist;
            if (s.TokenEnd <= rt.TokenStart) { if (rt.TokenStart - s.TokenEnd > 3) continue; dist = rt.TokenStart - s.TokenEnd; }
            else { if (s.TokenStart - rt.TokenEnd > 12) continue; dist = s.TokenStart - rt.TokenEnd + 1; }
            var (ca, cb) = doc.Clause(rt.Sentence, rt.TokenStart);
            if (s.TokenStart < ca || s.TokenEnd > cb) continue;
            // another radiotherapy mention in between claims the site
            if (sentence.Any(o => o != rt && o.Concept == "radiotherapy" && o.Used && Between(o, rt, s))) dist += 50;
            if (dist < bestDist) { bestDist = dist; best = s; }
        }
        return best;
        static bool Between(Mention o, Mention a, Mention b) => o.TokenStart > Math.Min(a.TokenStart, b.TokenStart) && o.TokenStart < Math.Max(a.TokenStart, b.TokenStart);
    }

    private string? TechniqueIn(int sentence)
    {
        var s = doc.Sentences[sentence].Sentence;
        for (var i = s.TokenFrom; i < s.TokenTo; i++)
            if (TechniqueAt(i, s.TokenTo) is { } technique) return technique;
        return null;
    }

    private string? TechniqueAt(int i, int end)
    {
        var w = _t[i].Text;
        if (w is "sbrt" or "sabr" or "stereotactic" && !(i + 1 < end && _t[i + 1].Text.StartsWith("radiosurg", StringComparison.Ordinal))) return "sbrt";
        if (w.StartsWith("radiosurg", StringComparison.Ordinal) || w is "srs" or "gamma" or "cyberknife") return "srs";
        if (w is "proton" or "protons") return "proton";
        if (w.StartsWith("brachyther", StringComparison.Ordinal)) return "brachytherapy";
        return null;
    }

    /// <summary>Doses in a sentence: "30 Gy in 10 fractions", "20 Gy/5", "8 Gy x 1", "10 x 3 Gy", "3 Gy per fraction", "3000 cGy", "cord dose 46 Gy".</summary>
    private List<Dose> Doses(int sentence)
    {
        var s = doc.Sentences[sentence].Sentence;
        return Doses(sentence, s.TokenFrom, s.TokenTo, inTable: false);
    }

    /// <summary>Doses in tokens [from, to) of a sentence. Outside a table, doses inside one are left to its row
    /// (<see cref="TableCourses"/>); a computed equivalent ("EQD2 66 Gy", "BED 100 Gy") is never a dose given.</summary>
    private List<Dose> Doses(int sentence, int from, int end, bool inTable)
    {
        var s = doc.Sentences[sentence].Sentence;
        var list = new List<Dose>();
        end = Math.Min(end, s.TokenTo);
        for (var i = from; i + 1 < end; i++)
        {
            if (_t[i].Kind != TokenKind.Number || _t[i + 1].Text is not ("gy" or "cgy")) continue;
            if (!inTable && DoseTables.RoleAt(DoseTableRows, i) is not null) continue;
            if (IsEquivalentDose(i, s.TokenFrom, end)) continue;
            var gy = _t[i].Value!.Value * (_t[i + 1].Text == "cgy" ? 0.01 : 1);
            if (gy is <= 0 or > 200) continue;
            var start = i; var k = i + 2;
            var per = false; int? n = null;
            if (i - 2 >= s.TokenFrom && _t[i - 1].Text == "x" && _t[i - 2].Kind == TokenKind.Number) { n = (int)_t[i - 2].Value!.Value; per = true; start = i - 2; }
            if (k < end && _t[k].Text is "rbe") k++;
            if (k < end)
            {
                var w = _t[k].Text;
                if (w.StartsWith("fraction", StringComparison.Ordinal) || w is "fx" or "#") { per = true; k++; }
                else if (w == "per" && k + 1 < end && (_t[k + 1].Text.StartsWith("fraction", StringComparison.Ordinal) || _t[k + 1].Text is "fx" or "day" or "session")) { per = true; k += 2; }
                else if (_t[k].Joiner == '/' && (w.StartsWith("fraction", StringComparison.Ordinal) || w is "fx" or "day" or "d")) { per = true; k++; }
                else if (w is "in" or "over" && k + 2 < end && NumberWords.TryParse(_t, k + 1, end, out var fn, out var fc)
                         && k + 1 + fc < end && (_t[k + 1 + fc].Text.StartsWith("fraction", StringComparison.Ordinal) || _t[k + 1 + fc].Text is "fx" or "#" or "sessions" or "treatments" or "daily"))
                { n = (int)fn; k += 2 + fc; }
                else if (_t[k].Kind == TokenKind.Number && _t[k].Joiner == '/' && _t[k].Value is { } fv && fv is >= 1 and <= 60 && fv == Math.Floor(fv))
                { n = (int)fv; k++; if (k < end && (_t[k].Text.StartsWith("fraction", StringComparison.Ordinal) || _t[k].Text is "fx" or "#")) k++; }
                else if (w == "x" && k + 1 < end && _t[k + 1].Kind == TokenKind.Number && _t[k + 1].Value is { } xv && xv is >= 1 and <= 60)
                { n = (int)xv; per = true; k += 2; }
            }
            // "in daily 3 Gy fractions": the fraction count may come later in the clause ("given in 10 fractions")
            if (n is null && !per)
            {
                var (ca, cb) = doc.Clause(sentence, i);
                for (var q = Math.Max(ca, k); q + 1 < cb; q++)
                    if (NumberWords.TryParse(_t, q, cb, out var fn2, out var c2) && q + c2 < cb && _t[q + c2].Text.StartsWith("fraction", StringComparison.Ordinal) && fn2 is >= 1 and <= 60)
                    { n = (int)fn2; break; }
            }
            var cord = false;
            // (back to an earlier dose at most: "cord EQD2 70 Gy after 30 Gy in 10 fractions" says nothing of the 30 Gy's kind)
            for (var q = i - 1; q >= Math.Max(s.TokenFrom, i - 8) && !per && !cord; q--)
            {
                if (_t[q].Text is "gy" or "cgy") break;
                if (_t[q].Text is "cord" or "dmax" || _t[q].Text == "maximum" && q + 1 < i && _t[q + 1].Text == "dose") cord = true;
            }
            list.Add(new Dose(gy, per, n, cord, start, k));
            i = k - 1;
        }
        return list;
    }

    // "cumulative cord EQD2 approx. 66 Gy", "BED 100 Gy", "35 Gy EQD2": a figure computed from the doses given (for
    // comparing schedules), not a dose anyone received; read as one it was taken for a prescription or a cord maximum
    // and multiplied up again. (The look back stops at an earlier dose, so "an equivalent dose in 2 Gy fractions of
    // 50 Gy" still reads the 50 Gy: a known gap, rare in notes.)
    private bool IsEquivalentDose(int i, int sentenceFrom, int end)
    {
        for (var q = i - 1; q >= Math.Max(sentenceFrom, i - 6); q--)
        {
            var w = _t[q].Text;
            if (w is "gy" or "cgy") break; // an earlier dose owns what precedes it ("EQD2 70 Gy after 30 Gy in 10")
            // ("approx. 66 Gy": the abbreviation's full stop ends nothing)
            if (_t[q].Hard && w is not ":" && !(w == "." && q > sentenceFrom && _t[q - 1].Text is "approx" or "ca" or "c" or "est" or "appr")) break;
            if (w.StartsWith("eqd", StringComparison.Ordinal) || w is "bed" or "ntd" or "equivalent" or "biologically") return true;
        }
        var k = i + 2;
        if (k < end && _t[k].Text is "(") k++;
        return k < end && (_t[k].Text.StartsWith("eqd", StringComparison.Ordinal) || _t[k].Text is "bed" or "ntd");
    }

    // the first token of the table whose header is on the line right after the mention's, if one gave courses
    private int? CaptionedTable(Mention m, List<DoseTableRow> used)
    {
        foreach (var r in used)
        {
            if (r.TableTokenFrom < m.TokenEnd) continue;
            for (var q = m.TokenEnd; q < r.TableTokenFrom; q++) if (_t[q].NewlineBefore) return null;
            return r.TableTokenFrom;
        }
        return null;
    }

    private List<DoseTableRow>? _doseTableRows;
    private List<DoseTableRow> DoseTableRows => _doseTableRows ??= DoseTables.Find(doc.Text, _t);

    // the spinal cord named in an organ-at-risk cell ("Spinal cord (C1-C7) PRV Dmax")
    private bool NamesTheCord(int from, int to)
    {
        for (var i = from; i < to; i++) if (_t[i].Text is "cord" or "spinal") return true;
        return false;
    }

    // the cord's maximum dose read from a plan's organ-at-risk table: given to the course the table belongs to
    private (double Gy, int TableToken, Dose Dose)? _planCordMax;

    /// <summary>
    /// Courses from the rows of a radiotherapy table: the prescription from its dose column, the cord's physical maximum
    /// from a cord column, the field from a site column, the date from a date column; equivalent-dose columns are not
    /// read. A row that states no dose is not a course. Returns the rows that gave one, for the caller to pass over.
    /// </summary>
    private List<DoseTableRow> TableCourses(List<RadiotherapyCourse> courses, List<Core.Inference.TextSpan> owners)
    {
        var used = new List<DoseTableRow>();
        foreach (var row in DoseTableRows)
        {
            var sentence = doc.SentenceOf(row.TokenFrom);
            if (sentence < 0) continue;
            // "| Organ at risk | Constraint | Achieved |": doses to the organs of one plan, not courses; the cord's row
            // gives the plan's cord maximum (its achieved dose, never the constraint), the other organs' rows nothing
            if (row.Cells.Any(c => c.Role == DoseColumn.Organ))
            {
                used.Add(row);
                if (row.Cells.FirstOrDefault(c => c.Role == DoseColumn.Organ) is var organ && NamesTheCord(organ.TokenFrom, organ.TokenTo))
                    foreach (var cell in row.Cells)
                    {
                        if (cell.Role is DoseColumn.Organ or DoseColumn.Constraint or DoseColumn.Equivalent || cell.TokenFrom >= cell.TokenTo || doc.SentenceOf(cell.TokenFrom) < 0) continue;
                        if (Doses(doc.SentenceOf(cell.TokenFrom), cell.TokenFrom, cell.TokenTo, inTable: true) is [var d, ..] && !d.PerFraction)
                        { _planCordMax ??= (d.Gy, row.TableTokenFrom, d); break; }
                    }
                continue;
            }
            var hasHeader = row.Cells.Any(c => c.Role != DoseColumn.Other);
            double? total = null, cord = null, per = null; int? n = null;
            var doses = new List<Dose>();
            string? levels = null, target = null; Duration? latency = null;
            foreach (var cell in row.Cells)
            {
                if (cell.Role is DoseColumn.Equivalent or DoseColumn.Constraint || cell.TokenFrom >= cell.TokenTo || doc.SentenceOf(cell.TokenFrom) < 0) continue;
                if (cell.Role is DoseColumn.Prescription or DoseColumn.CordDose || !hasHeader)
                    foreach (var read in Doses(doc.SentenceOf(cell.TokenFrom), cell.TokenFrom, cell.TokenTo, inTable: true))
                    {
                        var d = cell.Role == DoseColumn.CordDose ? read with { Cord = true } : read;
                        doses.Add(d);
                        if (d.Cord) cord ??= d.Gy;
                        else if (d.PerFraction) per ??= d.Gy;
                        else total ??= d.Gy;
                        if (cell.Role != DoseColumn.CordDose) n ??= d.Fractions;
                    }
                if (cell.Role is DoseColumn.Site or DoseColumn.Other)
                {
                    var ranges = VertebralLevels.Find(_t, cell.TokenFrom, cell.TokenTo);
                    if (ranges.Count > 0 && (cell.Role == DoseColumn.Site || !hasHeader)) levels ??= string.Join(", ", ranges.Select(r => r.ToString()));
                    foreach (var site in doc.Mentions)
                        if (site.Concept == "rt_site" && site.Used && site.TokenStart >= cell.TokenFrom && site.TokenEnd <= cell.TokenTo)
                        { target ??= (site.Term.ConceptValue ?? "").Split('|')[0]; break; }
                }
                if (cell.Role is DoseColumn.Date || !hasHeader)
                {
                    // the course's last date (a range "12/02/2024-16/02/2024" ends when the course did)
                    WrittenDate? last = null;
                    foreach (var d in doc.Dates)
                        if (d.TokenFrom >= cell.TokenFrom && d.TokenTo <= cell.TokenTo && (last is null || d.Date > last.Value.Date)) last = d;
                    if (last is { } ld) latency ??= LatencyFromDate(ld, sentence);
                }
            }
            if (total is null && cord is null && per is null) continue;
            if (total is null && per is { } p && n is { } nn) total = p * nn;
            string? technique = null;
            for (var i = row.TokenFrom; i < row.TokenTo && technique is null; i++) technique = TechniqueAt(i, row.TokenTo);
            courses.Add(new RadiotherapyCourse
            {
                Target = target, Levels = levels, TotalDoseGy = total, Fractions = n, Technique = technique,
                CordMaxDoseGy = cord, CordInField = cord is not null ? true : null, MonthsBeforeOnset = latency?.Months,
            });
            owners.Add(doc.Span(row.TokenFrom, row.TokenTo));
            _spans[$"treatments.radiotherapy[{courses.Count - 1}]"] = owners[^1];
            foreach (var d in doses) Number(d.Cord ? "rt_cord_dose_gy" : d.PerFraction ? "rt_dose_per_fraction_gy" : "rt_dose_gy", d.Gy.ToString("0.##", CultureInfo.InvariantCulture) + (d.Fractions is { } f ? $" / {f} fractions" : ""), d.TokenStart, d.TokenEnd);
            used.Add(row);
        }
        return used;
    }

    private Duration? Latency(Mention rt, double? age)
    {
        var s = doc.Sentences[rt.Sentence].Sentence;
        // receiving radiotherapy when the symptoms start (not "the cord received a maximum of 44 Gy during radiotherapy",
        // which says what the course gave)
        var saysDose = false;
        for (var q = s.TokenFrom; q < rt.TokenStart && !saysDose; q++) saysDose = _t[q].Text is "gy" or "cgy" or "received" or "dose";
        for (var q = Math.Max(s.TokenFrom, rt.TokenStart - 4); q < rt.TokenStart && !saysDose; q++)
            if (_t[q].Text is "receiving" or "during" or "undergoing" or "currently" or "ongoing") return new Duration(0.25 * 30.44, q, rt.TokenEnd);
        // "ten years ago, including irradiation", "Two years earlier she had radiosurgery"
        for (var i = s.TokenFrom; i < s.TokenTo; i++)
        {
            if (!Durations.TryParse(_t, i, s.TokenTo, out var d)) continue;
            if (d.TokenEnd < s.TokenTo && _t[d.TokenEnd].Text is "earlier" or "ago" or "before" or "previously" or "prior") { Number("interval_months", d.Months.ToString("0.#", CultureInfo.InvariantCulture), d.TokenStart, d.TokenEnd + 1); return d; }
            i = d.TokenEnd - 1;
        }
        if (LatencyAt(rt) is { } after) return after;
        if (DatedLatency(rt) is { } dated) return dated;
        // "at age 18 ... treated with mantle-field radiotherapy"
        if (age is { } a)
            for (var i = s.TokenFrom; i + 2 < s.TokenTo; i++)
                if (_t[i].Text == "at" && _t[i + 1].Text is "age" or "aged" && _t[i + 2].Value is { } then && then < a)
                    return new Duration((a - then) * 365.25, i, i + 3);
        return null;
    }

    /// <summary>
    /// "SBRT to T7, 24 Gy in 2 fractions, in March 2025" in a note dated 04/12/2026 (or saying "now, in December 2026"):
    /// the course's own date against the note's present (see <see cref="NotePresent"/>).
    /// </summary>
    private Duration? DatedLatency(Mention rt)
    {
        var s = doc.Sentences[rt.Sentence].Sentence;
        WrittenDate? course = null;
        foreach (var d in doc.Dates)
            if (d.TokenFrom >= s.TokenFrom && d.TokenTo <= s.TokenTo && (course is null || Math.Abs(d.TokenFrom - rt.TokenStart) < Math.Abs(course.Value.TokenFrom - rt.TokenStart)))
                course = d;
        return course is { } c ? LatencyFromDate(c, rt.Sentence) : null;
    }

    /// <summary>From a course's date to the onset when the note dates it ("leg numbness since August 2026"), else to
    /// the note's present.</summary>
    private Duration? LatencyFromDate(WrittenDate c, int rtSentence)
    {
        if ((OnsetDate(rtSentence) ?? doc.Present) is not { } now || now.DayNumber - c.Date.DayNumber < 14) return null;
        Number("interval_months", ((now.DayNumber - c.Date.DayNumber) / 30.44).ToString("0.#", CultureInfo.InvariantCulture), c.TokenFrom, c.TokenTo);
        return new Duration(now.DayNumber - c.Date.DayNumber, c.TokenFrom, c.TokenTo);
    }

    // "progressive leg numbness since August 2026", "weakness began in March 2026": the first date the note gives for the
    // start of the present illness, outside the radiotherapy's own sentence
    private DateOnly? OnsetDate(int rtSentence)
    {
        foreach (var d in doc.Dates)
        {
            var k = d.TokenFrom - 1;
            if (k >= 0 && _t[k].Text is "in" or "early" or "late" or "mid") k--;
            if (k < 0 || !rules.Words.OnsetOpeners.Contains(_t[k].Text)) continue;
            var si = doc.SentenceOf(d.TokenFrom);
            if (si == rtSentence) continue;
            return d.Date;
        }
        return null;
    }

    /// <summary>"N months after the radiotherapy ... develops", "N months later she develops" from the mention on (this sentence and the next three).</summary>
    private Duration? LatencyAt(Mention rt)
    {
        for (var si = rt.Sentence; si < doc.Sentences.Count && si <= rt.Sentence + 3; si++)
        {
            var s = doc.Sentences[si].Sentence;
            var from = si == rt.Sentence ? s.TokenFrom : s.TokenFrom;
            for (var i = from; i < s.TokenTo; i++)
            {
                if (!Durations.TryParse(_t, i, s.TokenTo, out var d)) continue;
                var k = d.TokenEnd;
                var rel = k < s.TokenTo ? _t[k].Text : "";
                var ok = false;
                if (rel == "later" && (si > rt.Sentence || i > rt.TokenEnd)) ok = true;
                else if (rel is "after" or "following" or "post")
                {
                    // after what? the radiotherapy (this mention, a reference to it, or "treatment"/"that course")
                    for (var q = k + 1; q < Math.Min(s.TokenTo, k + 6); q++)
                    {
                        var w = _t[q].Text;
                        if (q >= rt.TokenStart && q < rt.TokenEnd || w is "radiotherapy" or "radiation" or "irradiation" or "rt" or "course" or "treatment" or "treatments" or "chemoradiotherapy" or "chemoradiation" or "completion" or "completing" or "finishing" or "radiosurgery" or "it" or "sbrt" or "srs")
                        { ok = true; break; }
                        if (w is "surgery" or "operation" or "diagnosis" or "resection" or "chemotherapy" or "biopsy" or "injection" or "procedure" or "transplant" or "transplantation") break;
                    }
                }
                // another event dated in between ("one year after the diagnosis") moves the timeline on
                if (!ok && rel is "after" or "later" && (si > rt.Sentence || i > rt.TokenEnd)) return null;
                if (ok && OnsetInClause(si, i))
                {
                    Number("interval_months", d.Months.ToString("0.#", CultureInfo.InvariantCulture), d.TokenStart, Math.Min(s.TokenTo, d.TokenEnd + 1));
                    return d;
                }
                i = d.TokenEnd - 1;
            }
        }
        return null;
    }

    /// <summary>Does the clause around token i speak of the onset of the cord syndrome (develops, presents, weakness, symptoms...)?</summary>
    private bool OnsetInClause(int sentence, int i)
    {
        var (ca, cb) = doc.Clause(sentence, i);
        foreach (var m in doc.InSentence(sentence))
            if (m.Concept is "onset" or "deficit" && m.Used && m.TokenStart >= ca && m.TokenEnd <= cb && m.TokenStart >= i - 12) return true;
        return false;
    }

    // ------------------------------------------------------------------ drugs
    /// <summary>Systemic and intrathecal drugs named in the text (an empty list when none is named).</summary>
    private IReadOnlyList<Drug> Drugs()
    {
        var list = new List<Drug>();
        foreach (var m in doc.Mentions)
        {
            if (m.Concept != "drug" || !m.Used || m.Negated) continue;
            var v = m.Term.ConceptValue ?? "other:unspecified";
            var colon = v.IndexOf(':');
            var cls = colon < 0 ? v : v[..colon];
            var name = colon < 0 ? cls : v[(colon + 1)..];
            if (list.Any(d => d.Name == name)) continue;
            list.Add(new Drug { Name = name, Class = cls });
            if (cls is "immune_checkpoint_inhibitor" or "intrathecal_chemotherapy" or "nelarabine") _spans.TryAdd("treatments.systemic", m.Span);
        }
        if (!_spans.ContainsKey("treatments.systemic"))
        {
            var any = doc.Mentions.FirstOrDefault(m => m.Concept == "drug" && m.Used && !m.Negated);
            if (any is not null) _spans["treatments.systemic"] = any.Span;
        }
        return list;
    }
}
