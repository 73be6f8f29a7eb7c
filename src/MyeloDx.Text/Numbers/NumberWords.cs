using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Numbers;

/// <summary>
/// Reads numbers written in digits or English words from the token stream: "3", "2.25", "three", "twenty-four",
/// "one hundred", "a couple of", "a few", "several", "half". Ordinals ("11th", "eleventh") are read separately.
/// </summary>
internal static class NumberWords
{
    private static readonly FrozenDictionary<string, int> Units = new Dictionary<string, int>
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["single"] = 1, ["twice"] = 2, ["once"] = 1,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Tens = new Dictionary<string, int>
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Ordinals = new Dictionary<string, int>
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8,
        ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The ordinal words <see cref="TryOrdinal"/> reads ("first" … "twelfth").</summary>
    internal static IEnumerable<string> OrdinalWords => Ordinals.Keys;

    /// <summary>Every word that can start a number below: any other word is ruled out by one look-up.</summary>
    internal static readonly FrozenSet<string> Starters =
        Units.Keys.Concat(Tens.Keys).Concat(["a", "an", "several", "few", "half", "dozen"]).ToFrozenSet(StringComparer.Ordinal);

    private static readonly StarterWords QuickStarters = new(Starters);

    /// <summary>A number at token i (digits or words). <paramref name="allowArticle"/> reads "a"/"an" as 1 ("a year later").</summary>
    // The reader calls this at nearly every token of a note (durations, counts, ages): compiled optimised at its first
    // call, since methods without a loop otherwise stay unoptimised for most of a batch on one core (docs/performance.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(List<Token> t, int i, int to, out double value, out int consumed, bool allowArticle = false)
    {
        value = 0; consumed = 0;
        if (i >= to) return false;
        var tk = t[i];
        if (tk.Kind == TokenKind.Number && tk.Value is { } v) { value = v; consumed = 1; return true; }
        if (tk.Kind != TokenKind.Word) return false;
        var w = tk.Text;
        if (!QuickStarters.Contains(w)) return false;
        if (w == "a" || w == "an")
        {
            if (i + 1 < to && t[i + 1].Text == "couple" && i + 2 < to && t[i + 2].Text == "of") { value = 2; consumed = 3; return true; }
            if (i + 1 < to && t[i + 1].Text == "few") { value = 3; consumed = 2; return true; }
            if (i + 1 < to && t[i + 1].Text == "dozen") { value = 12; consumed = 2; return true; }
            if (i + 1 < to && t[i + 1].Text == "half") { value = 0.5; consumed = 2; return true; }
            if (allowArticle) { value = 1; consumed = 1; return true; }
            return false;
        }
        if (w is "several" or "few") { value = 3; consumed = 1; return true; }
        if (w == "half") { value = 0.5; consumed = 1; return true; }
        if (w == "dozen") { value = 12; consumed = 1; return true; }
        double n;
        var k = i;
        if (Tens.TryGetValue(w, out var tens))
        {
            n = tens; k++;
            if (k < to && Units.TryGetValue(t[k].Text, out var u) && u is >= 1 and <= 9) { n += u; k++; }
        }
        else if (Units.TryGetValue(w, out var units)) { n = units; k++; }
        else return false;
        if (k < to && t[k].Text == "hundred") { n *= 100; k++; }
        // "one and a half"
        if (k + 2 < to && t[k].Text == "and" && t[k + 1].Text == "a" && t[k + 2].Text == "half") { n += 0.5; k += 3; }
        value = n; consumed = k - i; return true;
    }

    /// <summary>An ordinal at token i: "11th", "eleventh", "1st", "2nd".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as TryParse: at every token of a sentence with levels
    public static bool TryOrdinal(List<Token> t, int i, int to, out int value, out int consumed)
    {
        value = 0; consumed = 0;
        if (i >= to) return false;
        if (Ordinals.TryGetValue(t[i].Text, out var o)) { value = o; consumed = 1; return true; }
        if (t[i].Kind == TokenKind.Number && i + 1 < to && t[i + 1].Start == t[i].End && t[i + 1].Text is "th" or "st" or "nd" or "rd"
            && int.TryParse(t[i].Text, out var x)) { value = x; consumed = 2; return true; }
        return false;
    }

    public static bool IsNumberWord(string w) => Units.ContainsKey(w) || Tens.ContainsKey(w) || w is "several" or "few";
}

/// <summary>A span of time in days, with the tokens it came from.</summary>
internal readonly record struct Duration(double Days, int TokenStart, int TokenEnd)
{
    public double Months => Days / 30.44;
}

internal static class Durations
{
    private static readonly FrozenDictionary<string, double> UnitDays = new Dictionary<string, double>
    {
        ["minute"] = 1.0 / 1440, ["minutes"] = 1.0 / 1440, ["min"] = 1.0 / 1440, ["mins"] = 1.0 / 1440,
        ["hour"] = 1.0 / 24, ["hours"] = 1.0 / 24, ["h"] = 1.0 / 24, ["hr"] = 1.0 / 24, ["hrs"] = 1.0 / 24,
        ["day"] = 1, ["days"] = 1, ["week"] = 7, ["weeks"] = 7, ["wk"] = 7, ["wks"] = 7, ["fortnight"] = 14,
        ["month"] = 30.44, ["months"] = 30.44, ["mo"] = 30.44, ["mos"] = 30.44,
        ["year"] = 365.25, ["years"] = 365.25, ["yr"] = 365.25, ["yrs"] = 365.25, ["decade"] = 3652.5, ["decades"] = 3652.5,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsUnit(string w) => UnitDays.ContainsKey(w);

    // the words a duration can start with: a number word, or one of the words the first two cases below read
    private static readonly StarterWords Starters = new(NumberWords.Starters.Concat(["past", "last", "previous", "recent"]));

    /// <summary>
    /// A duration starting at token i: "three months", "2 to 3 weeks" (the mean), "15 days", "a year", "5-day",
    /// "several weeks", "one and a half years". Returns false when i does not start one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // at nearly every token of a note: see NumberWords.TryParse
    public static bool TryParse(List<Token> t, int i, int to, out Duration d)
    {
        d = default;
        // punctuation never starts a duration, nor does a word that starts no number and none of the cases below
        var first = t[i];
        if (first.Kind == TokenKind.Punct || first.Kind == TokenKind.Word && !Starters.Contains(first.Text)) return false;
        // "the past month", "the last week": one unit
        if (t[i].Text is "past" or "last" or "previous" && i + 1 < to && UnitDays.TryGetValue(t[i + 1].Text, out var one) && !t[i + 1].Text.EndsWith('s'))
        { d = new Duration(one, i, i + 2); return true; }
        // "over recent months", "in recent weeks": a few of the unit, like "the past few months"
        if (t[i].Text is "recent" && i + 1 < to && t[i + 1].Text.EndsWith('s') && UnitDays.TryGetValue(t[i + 1].Text, out var several))
        { d = new Duration(3 * several, i, i + 2); return true; }
        // ward shorthand: "3/7" days, "2/52" weeks, "6/12" months, "12/24" hours (not a date "3/12/2024", not "4/5" power,
        // not a day and month "admitted 05/12", "on 5/12": a leading zero or a word that dates makes it a date)
        if (t[i].Kind == TokenKind.Number && i + 1 < to && t[i + 1].Joiner == '/' && t[i + 1].Kind == TokenKind.Number
            && !(i + 2 < to && t[i + 2].Joiner == '/') && !(t[i].Text.Length > 1 && t[i].Text[0] == '0')
            && !(i > 0 && t[i - 1].Text is "on" or "admitted" or "dated" or "seen" or "from" or "until" or "till" or "by" or "since" or "date" or "of")
            && t[i].Value is { } n && n > 0
            && (t[i + 1].Text switch { "7" => 1.0, "52" => 7.0, "12" => 30.44, "24" => 1.0 / 24, _ => 0 }) is var per && per > 0)
        { d = new Duration(n * per, i, i + 2); return true; }
        if (!NumberWords.TryParse(t, i, to, out var a, out var c, allowArticle: true)) return false;
        var k = i + c;
        var value = a;
        // range: "2 to 3", "2-3", "2 or 3"
        if (k + 1 < to && (t[k].Text is "to" or "or") && NumberWords.TryParse(t, k + 1, to, out var b, out var c2) && b > a)
        { value = (a + b) / 2; k += 1 + c2; }
        else if (k < to && t[k].Joiner == '-' && t[k].Kind == TokenKind.Number && NumberWords.TryParse(t, k, to, out var b2, out var c3) && b2 > a)
        { value = (a + b2) / 2; k += c3; }
        if (k < to && t[k].Text is "more" or "further" or "additional" or "consecutive" or "successive") k++;
        if (k >= to || !UnitDays.TryGetValue(t[k].Text, out var days)) return false;
        // "a" alone only before a time unit; "one" fine
        d = new Duration(value * days, i, k + 1);
        return true;
    }
}
