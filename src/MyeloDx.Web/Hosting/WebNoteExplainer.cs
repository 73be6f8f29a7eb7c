using MyeloDx.Core.Knowledge;
using MyeloDx.Text;
using MyeloDx.Text.Extraction;
using MyeloDx.Text.Rules;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Hosting;

/// <summary>
/// The web page's highlighted note: the text reader's mentions with their modifiers, labelled with the knowledge
/// base's own names for the findings (what a clinician reads), never the internal ids.
/// </summary>
internal sealed class WebNoteExplainer(KnowledgeBase kb, MyeloDxHost host) : INoteExplainer
{
    public IReadOnlyList<NoteMark> Marks(string note)
    {
        var analysis = host.TextReader.Analyze(note);
        var marks = new List<NoteMark>();
        foreach (var m in analysis.Mentions.OrderByDescending(m => m.Span.Length).ThenBy(m => m.Span.Start))
        {
            if (m.Findings.Count == 0 && m.Term.Findings.Count == 0) continue;
            if (marks.Any(x => m.Span.Start < x.Start + x.Length && x.Start < m.Span.Start + m.Span.Length)) continue;
            var kind = !m.Used ? NoteMarkKind.SetAside
                : m.Negated || m.Findings.Any(f => f.State == "absent") ? NoteMarkKind.Negated
                : m.Uncertain ? NoteMarkKind.Uncertain
                : m.Historical ? NoteMarkKind.Historical
                : NoteMarkKind.Finding;
            var refs = m.Findings.Count > 0 ? m.Findings : m.Term.Findings;
            var label = string.Join("; ", refs.Select(Label).Distinct());
            if (m.DroppedBecause is { } why) label += $" (set aside: {why})";
            else if (m.Uncertain && kind != NoteMarkKind.Uncertain) label += " (uncertain)";
            if (m.Historical && kind != NoteMarkKind.Historical) label += " (in the past)";
            // why the reader took it so: the words of the note that negated, hedged or dated it
            if (TextExplanation.Why(m) is { Length: > 0 } why2) label += $" — {why2}";
            marks.Add(new NoteMark(m.Span.Start, m.Span.Length, kind, label));
        }
        marks.Sort((a, b) => a.Start.CompareTo(b.Start));
        return marks;
    }

    private string Label(FindingRef f)
    {
        if (!kb.Variables.TryGetValue(f.Variable, out var v)) return f.Variable.Replace('_', ' ');
        if (v.Kind == VariableKind.Continuous) return $"{v.Name}: {f.Value:0.##}{(v.Unit is null ? "" : " " + v.Unit)}";
        if (f.State is null) return v.Name;
        if (v.Kind == VariableKind.Binary) return f.State == "present" ? v.Name : "no " + Lower(v.Name);
        return v.State(f.State) is { } s ? $"{v.Name}: {s.Label}" : v.Name;
    }

    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
