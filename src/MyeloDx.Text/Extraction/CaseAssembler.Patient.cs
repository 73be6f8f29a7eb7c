using MyeloDx.Core.Knowledge;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;

namespace MyeloDx.Text.Extraction;

/// <summary>Who the patient is: age and sex, from the words and the ward shorthand ("63M", "F 45").</summary>
internal sealed partial class CaseAssembler
{
    // "DOB" or "date of birth" within the few tokens before a bracket
    private bool DateOfBirthBefore(int bracket)
    {
        for (var q = bracket - 1; q >= Math.Max(0, bracket - 8); q--)
            if (_t[q].Text is "dob" || _t[q].Text == "birth" && q > 0 && _t[q - 1].Text == "of") return true;
        return false;
    }

    private double? Age()
    {
        for (var i = 0; i < _t.Count; i++)
        {
            if (!NumberWords.TryParse(_t, i, _t.Count, out var n, out var c)) continue;
            var k = i + c;
            // "18F-FDG PET": the fluorine isotope, not an 18-year-old woman
            if (k + 1 < _t.Count && _t[k].Text == "f" && _t[k + 1].Text is "fdg" or "fluorodeoxyglucose" or "fluciclovine" or "psma" or "choline") { i = k; continue; }
            // "62M", "34F with T-ALL", "Letter: 63M," (age and sex in a note's shorthand, opening a line or a section)
            // ("Patient: 61 F": after a label's colon the sex letter may stand apart, when nothing but the line's end follows)
            // ("Patient: 68 M   Requested by: ...": a form's next field after a run of spaces ends the item as a line's end does)
            if (k < _t.Count && (_t[k].Start == _t[i].End || i > 0 && _t[i - 1].Text == ":" && (k + 1 >= _t.Count || _t[k + 1].NewlineBefore || _t[k + 1].Text is "," or "."
                                                                                              || _t[k + 1].Upper && _t[k + 1].Start - _t[k].End >= 2))
                && _t[k].Text is "m" or "f" && Plausible(n)
                && (i == 0 || _t[i].NewlineBefore || _t[i - 1].Text == ":"
                    // "Handover: myeloma, 70M, T6 plasmacytoma": glued, and standing alone between commas
                    || _t[i - 1].Text == "," && _t[k].Start == _t[i].End && _t[k].Upper && k + 1 < _t.Count && _t[k + 1].Text is "," or ";"
                    // "WR day 3. 68M, known prostate Ca", "Discharge summary. 60F with ...": glued, opening a sentence
                    || _t[i - 1].Text is "." or "?" or "!" && _t[k].Start == _t[i].End && _t[k].Upper && (k + 1 >= _t.Count || _t[k + 1].Text is "," or ";" or "with" or "." || _t[k + 1].NewlineBefore))
                && (k + 1 >= _t.Count || _t[k + 1].Kind == TokenKind.Punct || !Durations.IsUnit(_t[k + 1].Text)))
            { Record(i, k + 1); _shorthandSex = (_t[k].Text == "f" ? "female" : "male", doc.Span(i, k + 1)); return n; }
            // "Patient: 56 yr F": years and then the sex letter; or a printout's age field, its years glued to a "Y"
            // ("AGE: 51Y"; a label written "Age: 35 years" may label another age in a structured export, so it is not read)
            if (k < _t.Count && _t[k].Text is "yr" or "yrs" or "y" or "years" && Plausible(n)
                && (k + 1 < _t.Count && _t[k + 1].Text is "m" or "f" or "male" or "female"
                    || _t[k].Text == "y" && _t[k].Start == _t[i].End && i > 1 && _t[i - 1].Text == ":" && _t[i - 2].Text == "age"))
            {
                Record(i, k + 1);
                if (k + 1 < _t.Count && _t[k + 1].Text is "m" or "f") _shorthandSex ??= (_t[k + 1].Text == "f" ? "female" : "male", doc.Span(k + 1, k + 2));
                return n;
            }
            // "Male, 62 years." / "Deceased: female, 74 years": a form's sex, then the age in years (not "years ago", "of")
            // ("Patient: male, 22 years   Study date: ...": a form's next field after a run of spaces ends it too)
            if (i > 1 && _t[i - 1].Text == "," && _t[i - 2].Text is "male" or "female" && k < _t.Count && _t[k].Text is "years" or "yrs" or "y" && Plausible(n)
                && (k + 1 >= _t.Count || _t[k + 1].Kind == TokenKind.Punct || _t[k + 1].NewlineBefore || _t[k + 1].Text is "old"
                    || _t[k + 1].Upper && _t[k + 1].Start - _t[k].End >= 2))
            { Record(i, k + 1); return n; }
            // "Age: 59 y.": a form's age field written with the abbreviation, the label opening its line or item ("Age: 35
            // years" written out is left alone, as above)
            if (i > 1 && _t[i - 1].Text == ":" && _t[i - 2].Text == "age" && (i == 2 || _t[i - 2].NewlineBefore || _t[i - 3].Kind == TokenKind.Punct || _t[i - 3].Upper && _t[i - 2].Start - _t[i - 3].End >= 2)
                && k < _t.Count && _t[k].Text is "y" && Plausible(n) && (k + 1 >= _t.Count || _t[k + 1].Kind == TokenKind.Punct || _t[k + 1].NewlineBefore))
            { Record(i, k + 1); return n; }
            // "Sex: M   Age: 58   Ethnicity: ...": a form's age field with the bare number, the label opening its line or item
            // and the number ending it (the line's end, a comma, or the next field after a run of spaces)
            if (i > 1 && _t[i - 1].Text == ":" && _t[i - 2].Text == "age" && (i == 2 || _t[i - 2].NewlineBefore || _t[i - 3].Kind == TokenKind.Punct || _t[i - 3].Upper && _t[i - 2].Start - _t[i - 3].End >= 2)
                && Plausible(n) && (k >= _t.Count || _t[k].NewlineBefore || _t[k].Text is "," or ";" || _t[k].Upper && _t[k].Start - _t[k - 1].End >= 2))
            { Record(i, k); return n; }
            // "Patient: 81 years, man": a form's age in years, then the sex word
            if (k + 2 < _t.Count && _t[k].Text is "years" or "yrs" or "y" && _t[k + 1].Text == "," && _t[k + 2].Text is "man" or "woman" or "male" or "female" && Plausible(n)
                && i > 0 && _t[i - 1].Text == ":")
            { Record(i, k + 3); _shorthandSex ??= (_t[k + 2].Text is "woman" or "female" ? "female" : "male", doc.Span(k + 2, k + 3)); return n; }
            // "I'm 71.", "I am 71 and ...", "he's 77": the patient's age in a lay account
            if (i > 1 && (_t[i - 1].Text is "m" && _t[i - 2].Text == "i" || _t[i - 1].Text is "am" && _t[i - 2].Text == "i" || _t[i - 1].Text == "s" && _t[i - 2].Text is "he" or "she") && Plausible(n)
                && (k >= _t.Count || _t[k].Text is "." or "," or "and" or "now" or ";" || _t[k].NewlineBefore))
            { Record(i, k); return n; }
            // "61 F, ex-smoker": a note opening on the age and the sex letter set apart by a space
            if ((i == 0 || _t[i].NewlineBefore) && k + 1 < _t.Count && _t[k].Text is "m" or "f" && _t[k].Upper && _t[k + 1].Text is "," or "." or ";" && Plausible(n))
            { Record(i, k + 1); _shorthandSex ??= (_t[k].Text == "f" ? "female" : "male", doc.Span(k, k + 1)); return n; }
            // "35-year-old", "35 years old", "35 yo", "35-yr-old"
            if (k + 1 < _t.Count && _t[k].Text is "year" or "years" or "yr" or "yrs" or "y" && _t[k + 1].Text is "old" or "o")
            { if (Plausible(n)) { Record(i, k + 2); return n; } }
            // "59 y.o. female": the abbreviation written with its full stops
            else if (k + 2 < _t.Count && _t[k].Text == "y" && _t[k + 1].Text == "." && _t[k + 2].Text == "o" && Plausible(n))
            { Record(i, k + 3); return n; }
            else if (k < _t.Count && _t[k].Text is "yo")
            {
                if (!Plausible(n)) continue;
                Record(i, k + 1);
                if (k + 1 < _t.Count && _t[k + 1].Text is "m" or "f") _shorthandSex = (_t[k + 1].Text == "f" ? "female" : "male", doc.Span(k + 1, k + 2)); // "80yo M"
                return n;
            }
            // "aged 35", "age 35" (not "at age 18")
            // ("Hodgkin lymphoma treated with mantle RT aged 20" is the age at that event: "aged" must follow the person
            // or open the clause)
            else if (i > 0 && _t[i - 1].Text is "aged" or "age" && !(i > 1 && _t[i - 2].Text is "at" or "by" or "since" or "from")
                     && !(i > 1 && _t[i - 1].Text == "aged" && _t[i - 2].Kind == TokenKind.Word && !IsPerson(i - 2) && !_t[i - 1].NewlineBefore
                          && !rules.Words.AgeNow.Contains(_t[i - 2].Text)))
            { if (Plausible(n) && !(k < _t.Count && Durations.IsUnit(_t[k].Text))) { Record(i - 1, k); return n; } }
            // "Now 45, with ...", "now 70 and ..." (the present age opening a clause, after an earlier age at an event)
            else if (i > 0 && _t[i - 1].Text == "now" && (i == 1 || _t[i - 2].Text is "." or "!" or "?" || _t[i - 1].NewlineBefore)
                     && Plausible(n) && k < _t.Count && _t[k].Text is "," or "and" or "with")
            { Record(i - 1, k); return n; }
            // "Mrs Jones, 69, who ...", "Mr T. Reilly, 74," (a title, a name, then the age between commas)
            else if (i > 2 && _t[i - 1].Text == "," && AfterTitledName(i - 2) && Plausible(n)
                     && (k >= _t.Count || _t[k].NewlineBefore || _t[k].Text is "," or "." or ";" or "who" or "with" or "and" or "years" or "yrs" or "y" or "m" or "f"))
            {
                Record(i, k);
                // "Mr Dmitri Volkov, 61 M." (the sex letter after the age)
                if (k < _t.Count && _t[k].Text is "m" or "f") _shorthandSex ??= (_t[k].Text == "f" ? "female" : "male", doc.Span(k, k + 1));
                return n;
            }
            // "Mrs Boateng (48, Ghanaian-British)", "Mr Ade (71)": a title, a name, then the age opening a bracket
            else if (i > 2 && _t[i - 1].Text == "(" && AfterTitledName(i - 2) && Plausible(n) && k < _t.Count && _t[k].Text is "," or ")" or "y" or "yrs" or "years")
            { Record(i, k); return n; }
            // "Patient: Liam O'Connor, 24, male": a number between commas with the patient's sex right after it is the age
            else if (i > 0 && _t[i - 1].Text == "," && k + 1 < _t.Count && _t[k].Text == "," && Plausible(n)
                     && _t[k + 1].Text is "male" or "female" or "man" or "woman" or "m" or "f" or "gentleman" or "lady")
            {
                Record(i, k);
                if (_t[k + 1].Text is "m" or "f") _shorthandSex ??= (_t[k + 1].Text == "f" ? "female" : "male", doc.Span(k + 1, k + 2));
                return n;
            }
            // "DOB 02/03/1958 (68 y)": the age in brackets after a date of birth
            else if (i > 0 && _t[i - 1].Text == "(" && k + 1 < _t.Count && _t[k].Text is "y" or "yrs" or "years" or "yr" && _t[k + 1].Text == ")" && Plausible(n)
                     && DateOfBirthBefore(i - 1))
            { Record(i, k + 1); return n; }
            // "a woman of 52", "gentleman of 64 years" (a person word, then "of" and the age)
            else if (i > 1 && _t[i - 1].Text == "of" && IsPerson(i - 2) && Plausible(n)
                     && (k >= _t.Count || _t[k].Text is "years" or "yrs" or "year" || !Durations.IsUnit(_t[k].Text)))
            { Record(i - 2, k < _t.Count && _t[k].Text is "years" or "yrs" or "year" ? k + 1 : k); return n; }
            i = k - 1;
        }
        return null;
        // a capitalised name of up to three words or initials ("Jones", "T. Reilly", "Anna M. Berg") after a title of
        // the titles list ("Mr", "Mrs.", not "Dr": a doctor's name is the writer's), read backwards from the name's end
        bool AfterTitledName(int q)
        {
            for (var names = 0; q >= 0 && names <= 3; q--)
            {
                var t = _t[q];
                // the dot of an initial ("T.") or of a title ("Mr.")
                if (t.Text == "." && q > 0 && _t[q - 1].Upper && (_t[q - 1].Text.Length == 1 || rules.Words.Titles.Contains(_t[q - 1].Text))) continue;
                if (t.Kind != TokenKind.Word || !t.Upper) return false;
                if (names > 0 && rules.Words.Titles.Contains(t.Text)) return true;
                names++;
            }
            return false;
        }
        bool IsPerson(int q) => _t[q].Text is "patient" or "person" || doc.Mentions.Any(m => m.Concept == "sex" && m.TokenStart <= q && q < m.TokenEnd && m.Term.Weight >= 1);
        static bool Plausible(double x) => x is >= 1 and <= 110;
        void Record(int a, int b) { _spans["patient.ageYears"] = doc.Span(a, b); Number("age", doc.Slice(a, b), a, b); }
    }

    // "Patient: HOLLOWAY, Denise   F   DOB 02/03/1958": a capital F or M standing alone between a capitalised name and a
    // date of birth, on one of the note's first three lines, is the patient's sex as a form or a label prints it
    private (string Sex, MyeloDx.Core.Inference.TextSpan Span)? SexLetterAfterName()
    {
        var line = 0;
        for (var i = 1; i + 1 < _t.Count && line < 3; i++)
        {
            if (_t[i].NewlineBefore) line++;
            if (line >= 3) break;
            if (_t[i].Text is not ("f" or "m") || !_t[i].Upper || _t[i].NewlineBefore) continue;
            var prev = _t[i - 1]; var next = _t[i + 1];
            if (prev.Kind != TokenKind.Word || !prev.Upper || prev.Length < 2 || next.NewlineBefore) continue;
            if (next.Text is "dob" or "born" or "d" or "aged" or "age" || next.Kind == TokenKind.Number)
                return (_t[i].Text == "f" ? "female" : "male", doc.Span(i, i + 1));
        }
        return null;
    }

    // "Interpreter: Mr K. Rahman", "Spinal surgeons (Mr Chen) reviewing", "telephoned to Mr Baptiste": a title right after
    // a role or a word that hands something to someone names a member of staff, not the patient
    private bool NamesStaff(Mention x)
    {
        if (x.Term.Weight < 3) return SpeaksForStaff(x); // pronouns and person words are not titles
        for (var k = x.TokenStart - 1; k >= 0 && k >= x.TokenStart - 2; k--)
        {
            var w = _t[k].Text;
            if (w is ":" or "(") continue;
            if (rules.Words.StaffRoles.Contains(w)) return true;
            if (_t[k].NewlineBefore) break;
        }
        return false;
    }

    // "Saw the GP. She said it was probably a pulled muscle.": a pronoun that opens a sentence with a word of speech or
    // care, right after a sentence naming a member of staff, is that person's
    private bool SpeaksForStaff(Mention x)
    {
        var i = x.TokenStart;
        if (i == 0 || x.TokenEnd >= _t.Count || !rules.Words.StaffSpeech.Contains(_t[x.TokenEnd].Text)) return false;
        if (_t[i - 1].Text is not ("." or "!" or ";") && !_t[i].NewlineBefore) return false;
        for (var k = i - 2; k >= 0 && k >= i - 14; k--)
        {
            if (_t[k].Text is "." or "!" or "?" && k < i - 1) break;
            if (rules.Words.StaffNouns.Contains(_t[k].Text)) return true;
        }
        return false;
    }

    private string? Sex()
    {
        double f = 0, m = 0; Mention? firstF = null, firstM = null;
        // the patient's sex does not change with what a sentence supposes or recalls: "if she deteriorates" and "he was
        // treated in 2019" still say who the patient is; a denial or another person ("his mother") does not
        foreach (var x in doc.Mentions)
        {
            if (x.Concept != "sex" || x.Negated || x.OtherExperiencer) continue;
            if (!x.Used && !x.Hypothetical && !x.Historical) continue;
            if (NamesStaff(x)) continue;
            if (x.Term.ConceptValue == "female") { f += x.Term.Weight; firstF ??= x; } else { m += x.Term.Weight; firstM ??= x; }
        }
        if (f == 0 && m == 0 && _shorthandSex is null) _shorthandSex = SexLetterAfterName();
        if (f == 0 && m == 0 && _shorthandSex is { } sh) { _spans["patient.sex"] = sh.Span; return sh.Sex; }
        if (f == 0 && m == 0) return null;
        var mention = f >= m ? firstF! : firstM!;
        _spans["patient.sex"] = mention.Span;
        return f >= m ? "female" : "male";
    }
}
