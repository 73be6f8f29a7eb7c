using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Extraction;

/// <summary>
/// A finding of an earlier study followed by a pronoun that denies it now: "The earlier scan showed enhancement; today
/// there is none", "a syrinx was reported before; none is seen on the current study", "the oedema has since resolved".
/// The denial names no finding itself, so the reader refers it back to the earlier finding it follows and records the
/// current absence of the same thing (which in turn supersedes the earlier finding and gives the interval change).
/// </summary>
internal static class GoneNow
{
    /// <summary>
    /// Where the denial cue starts and ends within [from, to), or null. Cues: "there is/are none", "none is/are seen
    /// (visible, present, identified, evident)", "no longer seen (present, visible, evident, shown)", "has/have (since)
    /// resolved (disappeared)".
    /// </summary>
    public static (int Start, int End)? FindCue(IReadOnlyList<Token> t, int from, int to)
    {
        for (var q = from; q < to; q++)
        {
            string W(int k) => k < to ? t[k].Text : "";
            if (W(q) == "there" && W(q + 1) is "is" or "are" && W(q + 2) == "none") return (q, q + 3);
            if (W(q) == "none" && W(q + 1) is "is" or "are" or "was" && W(q + 2) is "seen" or "visible" or "present" or "identified" or "evident" or "shown")
                return (q, q + 3);
            if (W(q) == "no" && W(q + 1) == "longer" && W(q + 2) is "seen" or "present" or "visible" or "evident" or "shown" or "identified")
                return (q, q + 3);
            if (W(q) is "has" or "have" && (W(q + 1) is "resolved" or "disappeared" || W(q + 1) == "since" && W(q + 2) is "resolved" or "disappeared"))
                return (q, W(q + 1) == "since" ? q + 3 : q + 2);
        }
        return null;
    }
}
