using MyeloDx.Text.Matching;
using MyeloDx.Text.Rules;

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
    /// Where the denial cue starts and ends within [from, to), or null. Cues: "there is/are none", "none is/are
    /// &lt;seen&gt;", "no longer &lt;seen&gt;", "has/have (since/now/completely) &lt;gone&gt;", with the seen and gone words of
    /// knowledge/text/word-lists.yaml ("seen", "visible"; "resolved", "disappeared").
    /// </summary>
    public static (int Start, int End)? FindCue(List<Token> t, int from, int to, WordLists words)
    {
        for (var q = from; q < to; q++)
        {
            string W(int k) => k < to ? t[k].Text : "";
            if (W(q) == "there" && W(q + 1) is "is" or "are" && W(q + 2) == "none") return (q, q + 3);
            if (W(q) == "none" && W(q + 1) is "is" or "are" or "was" && words.Seen.Contains(W(q + 2))) return (q, q + 3);
            if (W(q) == "no" && W(q + 1) == "longer" && words.Seen.Contains(W(q + 2))) return (q, q + 3);
            // "has resolved", "has since resolved", "has now resolved", "have completely disappeared"
            if (W(q) is "has" or "have")
            {
                var k = q + 1;
                while (k < to && k <= q + 2 && words.GoneAdverbs.Contains(W(k))) k++;
                if (words.Gone.Contains(W(k))) return (q, k + 1);
            }
        }
        return null;
    }
}
