using System.Text;
using MyeloDx.Core.Inference;
using MyeloDx.Text.Extraction;

namespace MyeloDx.Text;

/// <summary>What a marked-up piece of the note is.</summary>
public enum MarkKind { Plain, Finding, Negated, Uncertain, Dropped, Concept, Modifier, Number }

/// <summary>A piece of the note with its mark and a short label ("compartment=intramedullary", "negated by 'no'").</summary>
public sealed record MarkedSegment(string Text, MarkKind Kind, string? Label);

/// <summary>
/// Lays the findings, their modifiers and the numbers over the note, for `myelodx assess NOTE.txt --explain-text`:
/// the note is cut into segments, each marked as a finding (present / negated / uncertain / set aside), a
/// modifier, a number, or plain text. Overlaps are resolved in favour of the finding.
/// </summary>
public static class TextExplanation
{
    public static IReadOnlyList<MarkedSegment> Segments(TextAnalysis a)
    {
        var marks = new List<(int Start, int End, MarkKind Kind, string Label, int Rank)>();
        foreach (var m in a.Mentions)
        {
            // topic words and blocks are not shown, unless a denial made them a finding ("no rash": no zoster rash)
            if (m.Concept is "block" or "lesion" or "cord" or "imaging" or "csf" or "onset" or "deficit" or "pain" or "sensory" or "t2_signal" or "body_site" or "rt_site"
                && m.Findings.Count == 0) continue;
            var label = Label(m);
            var kind = !m.Used ? MarkKind.Dropped
                : m.Concept is not null ? (m.Negated ? MarkKind.Negated : MarkKind.Concept)
                : m.Findings.Any(f => f.State == "absent") || m.Negated ? MarkKind.Negated
                : m.Uncertain ? MarkKind.Uncertain : MarkKind.Finding;
            marks.Add((m.Span.Start, m.Span.End, kind, label, 3));
        }
        foreach (var n in a.Numbers) marks.Add((n.Span.Start, n.Span.End, MarkKind.Number, $"{n.Kind}={n.Value}", 2));
        foreach (var (start, end, cat) in a.ModifierSpans) marks.Add((start, end, MarkKind.Modifier, cat, 1));
        foreach (var e in a.OtherPatientEntries)
            marks.Add((e.Start, e.Start + e.Length, MarkKind.Dropped, "another patient's entry in the list: set aside, not read", 4));
        // keep the highest-ranked, then longest, non-overlapping marks
        var chosen = new List<(int Start, int End, MarkKind Kind, string Label, int Rank)>();
        foreach (var mk in marks.OrderByDescending(x => x.Rank).ThenByDescending(x => x.End - x.Start).ThenBy(x => x.Start))
            if (!chosen.Any(c => mk.Start < c.End && c.Start < mk.End)) chosen.Add(mk);
        chosen.Sort((x, y) => x.Start.CompareTo(y.Start));
        var list = new List<MarkedSegment>();
        var pos = 0;
        foreach (var c in chosen)
        {
            if (c.Start > pos) list.Add(new MarkedSegment(a.Text[pos..c.Start], MarkKind.Plain, null));
            list.Add(new MarkedSegment(a.Text[c.Start..c.End], c.Kind, c.Label));
            pos = c.End;
        }
        if (pos < a.Text.Length) list.Add(new MarkedSegment(a.Text[pos..], MarkKind.Plain, null));
        return list;
    }

    public static string Label(Mention m)
    {
        var what = m.Findings.Count > 0 ? string.Join(", ", m.Findings) : m.Concept is not null ? m.Concept + (m.Term.ConceptValue is { } v ? ":" + v : "") : string.Join(", ", m.Term.Findings);
        var mods = new List<string>();
        if (m.Negated) mods.Add("negated");
        if (m.Uncertain) mods.Add("uncertain");
        if (m.Historical) mods.Add("historical");
        if (m.Hypothetical) mods.Add("hypothetical");
        if (m.OtherExperiencer) mods.Add("other person");
        if ((m.Flags & MentionFlags.Brain) != 0) mods.Add("brain imaging");
        if ((m.Flags & MentionFlags.OtherOrgan) != 0) mods.Add("another organ");
        var s = what + (mods.Count > 0 ? " [" + string.Join(", ", mods) + "]" : "");
        if (m.DroppedBecause is { } d) s += " — set aside: " + d;
        return s;
    }

    /// <summary>
    /// The rules that made this reading, so a reviewer can find and change them: the vocabulary term (file:line) and each
    /// ConText modifier that governed it ("negated by 'no', context-rules.yaml:33").
    /// </summary>
    public static string Rule(Mention m)
    {
        var parts = new List<string> { m.Term.Origin };
        foreach (var h in m.Modifiers)
            parts.Add($"{Word(h.Rule.Attribute)} by '{(h.Trigger.Length > 0 ? h.Trigger : h.Rule.Literal)}' ({h.Rule.Origin})");
        return string.Join("; ", parts);
    }

    /// <summary>The modifiers in a clinician's words, without file references: "negated by 'no'; uncertain by 'possible'".</summary>
    public static string Why(Mention m) =>
        string.Join("; ", m.Modifiers.Select(h => $"{Word(h.Rule.Attribute)} by '{(h.Trigger.Length > 0 ? h.Trigger : h.Rule.Literal)}'"));

    private static string Word(Rules.ModifierAttribute a) => a switch
    {
        Rules.ModifierAttribute.Negated => "negated",
        Rules.ModifierAttribute.Uncertain => "uncertain",
        Rules.ModifierAttribute.Historical => "historical",
        Rules.ModifierAttribute.Hypothetical => "hypothetical",
        Rules.ModifierAttribute.OtherExperiencer => "about someone else",
        Rules.ModifierAttribute.Brain => "brain imaging",
        Rules.ModifierAttribute.Positive => "result stated",
        Rules.ModifierAttribute.Unreported => "not reported",
        Rules.ModifierAttribute.OtherOrgan => "another organ",
        // read against the test's abnormal direction: "copper high" is a normal copper, "copper low" a positive test
        Rules.ModifierAttribute.Raised or Rules.ModifierAttribute.Lowered => "result read in the test's abnormal direction",
        _ => "modified",
    };

    /// <summary>Plain-text rendering: the note with [[marked text]]{label} and a list of findings below it.</summary>
    public static string Plain(TextAnalysis a)
    {
        var sb = new StringBuilder();
        foreach (var s in Segments(a))
        {
            if (s.Kind == MarkKind.Plain) sb.Append(s.Text);
            else if (s.Kind == MarkKind.Modifier) sb.Append('<').Append(s.Text).Append('>');
            else sb.Append("[[").Append(s.Text).Append("]]{").Append(s.Label).Append('}');
        }
        return sb.ToString();
    }
}
