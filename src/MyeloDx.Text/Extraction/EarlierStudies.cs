using MyeloDx.Text.Matching;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Extraction;

/// <summary>
/// Notes mix scans and samples from different times ("Previous MRI: restricted diffusion in the conus. Current MRI: no
/// restricted diffusion."). The reasoning uses the current state: a finding said of an earlier study is set aside when
/// the current study speaks to the same variable, and the change between the two is itself evidence (a normal first
/// MRI followed by a lesion; a lesion that has faded).
/// </summary>
internal static class EarlierStudies
{
    public const string Superseded = "an earlier study (the current one is used)";

    /// <summary>
    /// Sets aside each historical mention whose every finding the current text also states; when the current study is
    /// said to show only something, or nothing (<see cref="CurrentStudyShowsOnly"/>, read only when an earlier imaging
    /// finding asks it), every earlier imaging finding of a lesion is set aside too: "staging MRI showed epidural disease;
    /// today's scan shows only degenerative change".
    /// </summary>
    // Most notes have no earlier finding to set aside: then nothing below is built (the sets, the finding strings) and the
    // note's words are not searched for a current study (a set look-up at every token: 1.7% of a note in the profile,
    // 2026-12-07). Everything read here is pure, so reading it later or not at all changes no answer.
    public static void Supersede(List<Mention> mentions, List<Token> t, List<SentenceInfo> infos, WordLists w)
    {
        var any = false;
        foreach (var m in mentions)
            if (Candidate(m)) { any = true; break; }
        if (!any) return;
        bool? only = null;
        Supersede(mentions, () => only ??= CurrentStudyShowsOnly(t, infos, w));
    }

    // a mention the loop below may set aside (its first two tests)
    private static bool Candidate(Mention m) =>
        m.Used && m.Historical && m.Findings.Count > 0 && !(m.Term.History == HistoryPolicy.Keep && !m.Term.ImagingFinding);

    private static void Supersede(List<Mention> mentions, Func<bool> currentStudyOnly)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in mentions)
            if (m.Used && !m.Historical)
                foreach (var f in m.Findings) current.Add(f.Variable);
        // "prior imaging showed epidural disease; there is no residual epidural tumour": a state denied now, which the
        // reader otherwise drops (a categorical state has no 'absent'), still says the earlier one is not today's
        var deniedNow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in mentions)
            if (!m.Historical && m.Negated && m.DroppedBecause == "negated" && m.Term.ImagingFinding)
                foreach (var f in m.Term.Findings) deniedNow.Add(f.ToString());
        // a loop, not Any with a method group: a new delegate per note, and LINQ ran unoptimised for most of a batch on one core
        var lesionNow = false;
        foreach (var m in mentions) if (IsCurrentLesion(m)) { lesionNow = true; break; }
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (!m.Used || !m.Historical || m.Findings.Count == 0) continue;
            // a finding that asks about the past as well ("an immune-related colitis that settled", a response to steroids
            // earlier in the illness) is not replaced by what is said now ("no other irAEs since")
            if (m.Term.History == HistoryPolicy.Keep && !m.Term.ImagingFinding) continue;
            // an earlier normal MRI says nothing about the lesion the current one shows
            // and a normal earlier study never says the present one is normal: absence does not persist the way a
            // lesion does ("MRI six months ago showed no cord lesion" leaves the current state unknown)
            var normalBefore = lesionNow && m.Findings.All(f => f.Variable == "compartment" && f.State == "none")
                               || m.Term.ImagingFinding && m.Findings.All(f => IsAbsence(f.State));
            var goneNow = m.Term.ImagingFinding && !m.Negated && !m.Findings.Any(f => IsAbsence(f.State)) && currentStudyOnly();
            var deniedSince = m.Term.ImagingFinding && !m.Negated && m.Findings.All(f => deniedNow.Contains(f.ToString()));
            if (normalBefore || goneNow || deniedSince || m.Findings.All(f => current.Contains(f.Variable)))
                mentions[i] = m with { DroppedBecause = Superseded };
        }
    }

    /// <summary>
    /// The change between an earlier and the current MRI when the note does not name it: "newly_abnormal" when an
    /// earlier MRI showed no lesion and the current one shows one, "regression" when a lesion finding of an earlier
    /// study is now stated absent. Null when the note gives no such pair.
    /// </summary>
    public static (string State, Mention From)? IntervalChange(IReadOnlyList<Mention> mentions)
    {
        // most notes have no earlier study: a loop finds that without building the lists below
        var earlier = new List<Mention>();
        foreach (var m in mentions) if (m.Historical && (m.Used || m.DroppedBecause == Superseded) && m.Term.ImagingFinding) earlier.Add(m);
        if (earlier.Count == 0) return null;
        var now = mentions.Where(m => m.Used && !m.Historical && m.Term.ImagingFinding).ToList();
        var earlierNormal = earlier.FirstOrDefault(m => m.Findings.Any(f => f.Variable == "compartment" && f.State == "none"));
        var nowLesion = mentions.FirstOrDefault(IsCurrentLesion);
        if (earlierNormal is not null && nowLesion is not null) return ("newly_abnormal", nowLesion);
        foreach (var e in earlier)
            foreach (var f in e.Findings)
            {
                // "reported as '... metastasis cannot be excluded'; on review there is no mass": what the earlier report
                // only raised was never seen, so its absence now is not a regression
                if (IsAbsence(f.State) || (e.Flags & MentionFlags.Uncertain) != 0) continue;
                var gone = now.FirstOrDefault(m => m.Findings.Any(g => g.Variable == f.Variable && IsAbsence(g.State)));
                if (gone is not null && f.Variable != "compartment") return ("regression", gone);
            }
        return null;
    }

    /// <summary>
    /// A sentence about the current study ("today's scan", "the current MRI", "repeat MRI now") that says it shows only
    /// something or is normal ("shows only degenerative change", "is unremarkable"), outside any historical scope.
    /// </summary>
    public static bool CurrentStudyShowsOnly(List<Token> t, List<SentenceInfo> infos, WordLists w)
    {
        foreach (var info in infos)
        {
            var s = info.Sentence;
            for (var q = s.TokenFrom; q < s.TokenTo; q++)
            {
                if (!w.Study.Contains(t[q].Text)) continue;
                var now = false;
                for (var k = Math.Max(s.TokenFrom, q - 2); k <= Math.Min(s.TokenTo - 1, q + 2) && !now; k++) now = k != q && w.Current.Contains(t[k].Text);
                if (!now || info.Modifiers.Any(h => h.Rule.Attribute == ModifierAttribute.Historical && q >= h.ScopeStart && q < h.ScopeEnd)) continue;
                var only = false;
                for (var k = q + 1; k < s.TokenTo; k++)
                {
                    if (w.Progression.Contains(t[k].Text)) { only = false; break; }
                    only |= w.OnlyOrNormal.Contains(t[k].Text)
                            // "today's scan shows complete resolution": nothing of the earlier lesion is left
                            || t[k].Text is "resolution" or "resolved" && k > s.TokenFrom && w.Complete.Contains(t[k - 1].Text);
                }
                if (only) return true;
            }
        }
        return false;
    }

    /// <summary>A current statement of a spinal lesion: a compartment, T2 signal change or a lesion given a length
    /// ("a long lesion") outside brain imaging.</summary>
    private static bool IsCurrentLesion(Mention m) =>
        m.Used && !m.Historical && !m.Negated && (m.Flags & MentionFlags.Brain) == 0
        && (m.Findings.Any(f => f.Variable == "compartment" && f.State is not (null or "none") || f.Variable == "t2_extent_segments") || m.Concept is "t2_signal");

    private static bool IsAbsence(string? state) => state is "absent" or "none";
}
