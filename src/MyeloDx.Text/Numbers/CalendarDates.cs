using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Numbers;

/// <summary>A calendar date written in a note, with the tokens it spans.</summary>
/// <remarks>A month and year without a day ("12/2024", "March 2025") is held at the 15th; <see cref="LatestDay"/> is the
/// month's last day, the latest the writer can have meant, so that a study of "12/2024" is not called weeks older than it
/// may be.</remarks>
internal readonly record struct WrittenDate(DateOnly Date, int TokenFrom, int TokenTo, bool MonthOnly = false)
{
    /// <summary>The latest day the written date can mean: the date itself, or the last day of a month written alone.</summary>
    public DateOnly LatestDay => MonthOnly ? new DateOnly(Date.Year, Date.Month, DateTime.DaysInMonth(Date.Year, Date.Month)) : Date;
}

/// <summary>
/// Reads full calendar dates (day, month and year) as notes write them: "02/12/2026", "2/12/26", "02.12.2026",
/// "2026-12-02", "5 December 2026", "5th Dec 2026", "December 5, 2026". A date alone says nothing about time; what a
/// date is worth is how it compares with the other dates of the same note (the note's own date is usually its latest).
/// </summary>
internal static class CalendarDates
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3, ["april"] = 4, ["apr"] = 4,
        ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10, ["oct"] = 10, ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
    };

    /// <summary>The month a word names ("november", "nov"), 1 to 12, or null.</summary>
    public static int? MonthOf(string word) => Months.TryGetValue(word, out var m) ? m : null;

    /// <summary>
    /// Every date in the tokens, full dates and months of a year ("March 2025", "Mar 2025", "11/2026": the 15th is taken,
    /// as the middle of the month), in order.
    /// </summary>
    public static List<WrittenDate> FindAllWithMonths(List<Token> t)
    {
        var dayFirst = DayFirst(t);
        var found = new List<WrittenDate>();
        for (var i = 0; i < t.Count; i++)
        {
            if (TryRead(t, i, dayFirst, out var d)) { found.Add(d); i = d.TokenTo - 1; continue; }
            // (the cheap checks on the next token first: this runs at every word of every note)
            if (t[i].Kind == TokenKind.Word && i + 1 < t.Count && t[i + 1].Kind == TokenKind.Number && t[i + 1].Text.Length == 4
                && Months.TryGetValue(t[i].Text, out var month) && Year(t[i + 1].Text, out var y)
                && Make(y, month, 15, i, i + 2, out var my)) { found.Add(my with { MonthOnly = true }); i++; continue; }
            // "MRI 11/2026", "LP 3-2025": a month and a year in digits (the titre "1/1280" and the weeks "2/52" have no
            // year of four digits in this century)
            if (t[i].Kind == TokenKind.Number && t[i].Length <= 2 && i + 1 < t.Count && t[i + 1].Kind == TokenKind.Number && t[i + 1].Length == 4
                && t[i + 1].Joiner is '/' or '-' && t[i].Value is >= 1 and <= 12 && t[i + 1].Value is >= 1950 and <= 2099
                && !(i > 0 && t[i - 1].Text is "titre" or "titer" or "dilution")
                && Make((int)t[i + 1].Value!.Value, (int)t[i].Value!.Value, 15, i, i + 2, out var numeric)) { found.Add(numeric with { MonthOnly = true }); i++; }
        }
        return found;
    }

    private static bool DayFirst(List<Token> t)
    {
        for (var i = 0; i + 2 < t.Count; i++)
            if (NumericParts(t, i, out var a, out var b, out _, out _))
            {
                if (a > 12 && b <= 12) return true;
                if (b > 12 && a <= 12) return false;
            }
        return true;
    }

    // "02/12/2026", "2/12/26", "02.12.2026" (the tokenizer reads "02.12" as one decimal number): first, second and year
    private static bool NumericParts(List<Token> t, int i, out int first, out int second, out int year, out int end)
    {
        first = second = year = 0; end = i;
        if (t[i].Kind != TokenKind.Number) return false;
        if (i + 2 < t.Count && t[i + 1].Kind == TokenKind.Number && t[i + 1].Joiner == '/' && t[i + 2].Kind == TokenKind.Number && t[i + 2].Joiner == '/'
            && int.TryParse(t[i].Text, out first) && int.TryParse(t[i + 1].Text, out second) && Year(t[i + 2].Text, out year))
        { end = i + 3; return true; }
        // "02.12.2026": "02.12", ".", "2026" with nothing between them
        if (i + 2 < t.Count && t[i].Text.Length == 5 && t[i].Text[2] == '.' && t[i + 1].Text == "." && t[i + 1].Start == t[i].End
            && t[i + 2].Start == t[i + 1].End && t[i + 2].Kind == TokenKind.Number && t[i + 2].Text.Length == 4
            && int.TryParse(t[i].Text.AsSpan(0, 2), out first) && int.TryParse(t[i].Text.AsSpan(3, 2), out second) && Year(t[i + 2].Text, out year))
        { end = i + 3; return true; }
        return false;
    }

    private static bool Year(string text, out int year)
    {
        year = 0;
        if (text.Length == 4 && int.TryParse(text, out year)) return year is >= 1900 and < 2100;
        if (text.Length == 2 && int.TryParse(text, out var yy)) { year = 2000 + yy; return true; }
        return false;
    }

    /// <summary>A full date starting at token i.</summary>
    public static bool TryRead(List<Token> t, int i, bool dayFirst, out WrittenDate date)
    {
        date = default;
        if (t[i].Kind == TokenKind.Punct || i + 1 >= t.Count) return false;
        if (NumericParts(t, i, out var a, out var b, out var y, out var end))
            return Make(y, dayFirst ? b : a, dayFirst ? a : b, i, end, out date);
        // "2026-12-02"
        if (t[i].Kind == TokenKind.Number && t[i].Text.Length == 4 && i + 2 < t.Count && t[i + 1].Joiner == '-' && t[i + 2].Joiner == '-'
            && t[i + 1].Kind == TokenKind.Number && t[i + 2].Kind == TokenKind.Number
            && int.TryParse(t[i].Text, out y) && int.TryParse(t[i + 1].Text, out var m) && int.TryParse(t[i + 2].Text, out var d))
            return Make(y, m, d, i, i + 3, out date);
        // "5 December 2026", "5th Dec 2026", and the printed "24-MAR-25" / "24-Mar-2025" (hyphens hold a two-digit year)
        if (t[i].Kind == TokenKind.Number && int.TryParse(t[i].Text, out var day))
        {
            if (i + 2 < t.Count && t[i + 1].Joiner == '-' && t[i + 2].Joiner == '-' && t[i + 2].Kind == TokenKind.Number
                && Months.TryGetValue(t[i + 1].Text, out var printedMonth) && Year(t[i + 2].Text, out var printedYear))
                return Make(printedYear, printedMonth, day, i, i + 3, out date);
            var k = i + 1;
            if (k < t.Count && t[k].Text is "st" or "nd" or "rd" or "th" && t[k].Start == t[i].End) k++;
            if (k + 1 < t.Count && Months.TryGetValue(t[k].Text, out var month) && t[k + 1].Kind == TokenKind.Number && t[k + 1].Text.Length == 4
                && Year(t[k + 1].Text, out y))
                return Make(y, month, day, i, k + 2, out date);
        }
        // "December 5, 2026"
        if (t[i].Kind == TokenKind.Word && i + 1 < t.Count && t[i + 1].Kind == TokenKind.Number && Months.TryGetValue(t[i].Text, out var mo)
            && int.TryParse(t[i + 1].Text, out var dd))
        {
            var k = i + 2;
            if (k < t.Count && t[k].Text is "st" or "nd" or "rd" or "th" && t[k].Start == t[i + 1].End) k++;
            if (k < t.Count && t[k].Text == ",") k++;
            if (k < t.Count && t[k].Kind == TokenKind.Number && t[k].Text.Length == 4 && Year(t[k].Text, out y))
                return Make(y, mo, dd, i, k + 1, out date);
        }
        return false;
    }

    private static bool Make(int year, int month, int day, int from, int to, out WrittenDate date)
    {
        date = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new WrittenDate(new DateOnly(year, month, day), from, to);
        return true;
    }
}
