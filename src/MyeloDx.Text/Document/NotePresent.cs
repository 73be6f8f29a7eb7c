using MyeloDx.Text.Context;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Document;

/// <summary>
/// The note's present, when the note gives it: a full date among the first lines of a note of several lines (its own
/// date: "Date: 04/12/2026", "1 December 2026") or a date in a sentence that says now ("Now (December 2026) ...").
/// A later date elsewhere may be a plan ("review in January 2027"), so it is never taken for the present. With the
/// present known, an event dated well before it ("urinary retention in 2020") is history.
/// </summary>
internal static class NotePresent
{
    /// <summary>Days before the present after which a dated event is history rather than part of the present illness.</summary>
    /// <remarks>Half a year: a new cord syndrome rarely builds up over longer before a note is written about it; a
    /// judgment (estimate), not a published figure.</remarks>
    public const int HistoryAfterDays = 183;

    public static DateOnly? Find(List<Token> t, IReadOnlyList<Sentence> sentences, TextRules rules, List<WrittenDate> dates)
    {
        DateOnly? present = null;
        var lines = 1;
        for (var k = 1; k < t.Count; k++) if (t[k].NewlineBefore) lines++;
        foreach (var d in dates)
        {
            // the note's own date: a full date on one of the first three lines of a note of four lines or more
            // ("Planned procedure: ... List: elective spinal, 14 Jan 2027" dates what is to come, not the note)
            var head = lines >= 4 && IsFullDate(t, d) && LineOf(t, d.TokenFrom) < 3 && !PlannedOnItsLine(t, rules, d.TokenFrom);
            if (!head && !SaysNow(t, sentences, rules, d.TokenFrom)) continue;
            if (present is null || d.Date > present) present = d.Date;
        }
        return present;
    }

    /// <summary>A plan word earlier on the date's line ("Planned procedure: ... 14 Jan 2027", "booked for"): the date is
    /// of something still to come.</summary>
    internal static bool PlannedOnItsLine(List<Token> t, TextRules rules, int token)
    {
        for (var k = token - 1; k >= 0; k--)
        {
            if (rules.Words.Planned.Contains(t[k].Text)) return true;
            if (t[k].NewlineBefore) break;
        }
        return false;
    }

    // a month and year alone is read as its 15th; a full date has a day of its own
    private static bool IsFullDate(List<Token> t, WrittenDate d) => d.TokenTo - d.TokenFrom != 2 || t[d.TokenFrom].Kind == TokenKind.Number;

    private static int LineOf(List<Token> t, int token)
    {
        var line = 0;
        for (var k = 1; k <= token && k < t.Count; k++) if (t[k].NewlineBefore) line++;
        return line;
    }

    private static bool SaysNow(List<Token> t, IReadOnlyList<Sentence> sentences, TextRules rules, int token)
    {
        foreach (var s in sentences)
        {
            if (token < s.TokenFrom || token >= s.TokenTo) continue;
            for (var k = s.TokenFrom; k < s.TokenTo; k++)
                if (rules.Words.NowOpeners.Contains(t[k].Text)) return true;
            return false;
        }
        return false;
    }

    internal static readonly ContextRule DatedBeforeThePresent = new(-4, "an event dated well before the note's present ('in 2020')", "HISTORICAL",
        ModifierAttribute.Historical, ScopeDirection.Bidirectional, 0, null, "a date in the clause half a year or more before the note's own date");

    // a study the note dates after `date` ("Examination date: 02/12/2026", "MRI 01/12/2026: ..."): a date with a study
    // word among the four tokens before it on its line. Without one, an older study is still the latest imaging the note has.
    private static bool LaterStudy(List<Token> t, List<WrittenDate> dates, DateOnly date, TextRules rules)
    {
        foreach (var d in dates)
        {
            if (d.Date <= date) continue;
            for (var k = d.TokenFrom - 1; k >= 0 && k >= d.TokenFrom - 4; k--)
            {
                if (IsStudyWord(t[k].Text, rules)) return true;
                if (t[k].NewlineBefore) break;
            }
        }
        return false;
    }

    // an imaging study's word, or the CT, PET or lumbar puncture a note dates the same way
    private static bool IsStudyWord(string word, TextRules rules) => rules.Words.Study.Contains(word) || word is "ct" or "pet" or "lp";

    internal static readonly ContextRule StudyDatedBeforeThePresent = new(-5, "a study dated before the note's present ('MRI thoracolumbar spine 14/03/2026')", "HISTORICAL",
        ModifierAttribute.Historical, ScopeDirection.Bidirectional, 0, null, "a study's date more than six weeks before the note's own date, with a later study dated in the note");

    /// <summary>
    /// "Urinary retention in 2020, resolved after surgery", "In March 2024 she had an episode of optic neuritis": a
    /// clause dated ("in", "during", "on" a date) half a year or more before the present is history. "Since" a date
    /// runs up to now, so it is not.
    /// </summary>
    public static void AddHistoryHits(List<Token> t, Sentence s, DateOnly present, List<WrittenDate> dates, TextRules rules, List<ModifierHit> hits)
    {
        for (var i = s.TokenFrom; i < s.TokenTo; i++)
        {
            // "in 2020", "during March 2024", "on 14/06/2025", or a study named with its date ("MRI 2024 showed ...")
            if (!rules.Words.DatedEventOpeners.Contains(t[i].Text)) continue;
            var at = i + 1 < s.TokenTo && t[i + 1].Text is "early" or "late" or "mid" ? i + 2 : i + 1;
            if (at >= s.TokenTo) continue;
            DateOnly? when = null; var end = at + 1;
            // (a month written alone may mean its last day: a study of "12/2024" is at most that old)
            var latest = DateOnly.MinValue;
            foreach (var d in dates)
                if (d.TokenFrom == at) { when = d.Date; latest = d.LatestDay; end = d.TokenTo; break; }
            // a study named with the region it covers before its date ("MRI thoracolumbar spine 14/03/2026, reported as
            // normal"): the date still dates the study, and a study is an earlier one once it is older than the window in
            // which a dated study is still the current one, not only after half a year
            var study = IsStudyWord(t[i].Text, rules);
            if (when is null && study)
                for (var k = at; k < s.TokenTo && k <= at + 3 && t[k].Kind == TokenKind.Word && when is null; k++)
                    foreach (var d in dates)
                        if (d.TokenFrom == k + 1) { when = d.Date; latest = d.LatestDay; end = d.TokenTo; break; }
            if (study && when is { } sw && present.DayNumber - latest.DayNumber > Segmenter.CurrentStudyWindowDays && LaterStudy(t, dates, sw, rules))
            {
                var (sa, sb) = Clause(t, s, i, rules.Words.ToThePresent);
                hits.Add(new ModifierHit(StudyDatedBeforeThePresent, i, end, sa, sb, Words(t, i, end)));
                i = end - 1;
                continue;
            }
            // a year alone: its last day, so that only a year wholly before the present's half-year counts
            if (when is null && t[at].Kind == TokenKind.Number && t[at].Text.Length == 4 && int.TryParse(t[at].Text, out var y) && y is >= 1900 and < 2100)
                when = new DateOnly(y, 12, 31);
            if (when is not { } w || present.DayNumber - w.DayNumber < HistoryAfterDays) continue;
            var (a, b) = Clause(t, s, i, rules.Words.ToThePresent);
            hits.Add(new ModifierHit(DatedBeforeThePresent, i, end, a, b, Words(t, i, end)));
            i = end - 1;
        }
    }

    /// <summary>
    /// "The neck MRI in November showed ..." in a note of 4 December: a study named by its month alone is the latest such
    /// month on or before the present; within the window in which a dated study is still the current one
    /// (<see cref="Segmenter.CurrentStudyWindowDays"/>, from the middle of that month) it is not an earlier study, so the
    /// rules' month-named history hits are removed.
    /// </summary>
    public static void DropRecentMonthHits(List<Token> t, DateOnly present, List<ModifierHit> hits)
    {
        hits.RemoveAll(h =>
        {
            if (h.Rule.Attribute != ModifierAttribute.Historical) return false;
            int? month = null;
            for (var k = h.TokenStart; k < h.TokenEnd && k < t.Count; k++)
            {
                if (t[k].Kind == TokenKind.Number) return false; // a year or a date of its own: the rule's reading stands
                month ??= CalendarDates.MonthOf(t[k].Text);
            }
            if (month is not { } m) return false;
            var year = m <= present.Month ? present.Year : present.Year - 1;
            var days = present.DayNumber - new DateOnly(year, m, 15).DayNumber;
            return days <= Segmenter.CurrentStudyWindowDays;
        });
    }

    // the clause around a date: back to the sentence's start or a break, on to its end or a word that brings the
    // story to the present ("now", "currently", "but")
    private static (int From, int To) Clause(List<Token> t, Sentence s, int at, IReadOnlySet<string> breaks)
    {
        var a = at;
        while (a > s.TokenFrom && !breaks.Contains(t[a - 1].Text)) a--;
        var b = at;
        while (b < s.TokenTo && !breaks.Contains(t[b].Text)) b++;
        return (a, b);
    }

    private static string Words(List<Token> t, int from, int to)
    {
        var parts = new string[to - from];
        for (var k = from; k < to; k++) parts[k - from] = t[k].Text;
        return string.Join(' ', parts);
    }
}
