using System.CommandLine;
using System.Globalization;
using System.Text;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using Spectre.Console;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// Renders <see cref="Recommendations"/> (the one decision answer shared with the JSON, web, CDS Hooks and reports) in
/// the readable and Markdown outputs of `assess`: the urgent first line, urgent actions, the next tests in their safe
/// order with "after …" preconditions and citations, withheld tests with reasons, management with levels of evidence,
/// and the numbered references.
/// </summary>
internal sealed class DecisionsAssessExtension : IAssessExtension
{
    public int Order => 200;
    public string? FirstLine(AssessRun run) => run.Numbered?.FirstLine?.Text;

    public void Readable(AssessRun run, IAnsiConsole console)
    {
        if (run.Numbered is not { } rec) return;
        var md = Text(rec);
        foreach (var line in md.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) console.MarkupLine($"\n[bold]{Markup.Escape(line[3..])}[/]");
            else if (line.StartsWith("### ", StringComparison.Ordinal)) console.MarkupLine($"  [bold]{Markup.Escape(line[4..])}[/]");
            else if (line.Length > 0) console.MarkupLine("  " + Markup.Escape(line.Replace("**", "", StringComparison.Ordinal)));
        }
    }

    public string Markdown(AssessRun run) => run.Numbered is { } rec ? "\n" + Text(rec) : "";

    /// <summary>The decision sections as Markdown; the readable output prints the same lines.</summary>
    internal static string Text(Recommendations rec)
    {
        var sb = new StringBuilder();
        if (rec.Plan.Urgent.Count > 0)
        {
            sb.AppendLine("## Management — urgent (act on suspicion)").AppendLine();
            foreach (var u in rec.Plan.Urgent) sb.AppendLine($"- **{u.DiagnosisName}** ({ProbabilityText.Percent(u.Probability)}): {u.Item.Text} {Cite(rec, u.Item)}");
            sb.AppendLine();
        }
        sb.AppendLine("## Next tests").AppendLine();
        sb.AppendLine($"In the order to do them: information weighed against burden, each after what must come first (uncertainty now {rec.EntropyBits.ToString("0.00", CultureInfo.InvariantCulture)} bits).").AppendLine();
        if (rec.Tests.Count == 0) sb.AppendLine("No test in the catalogue is likely to change the differential" + (rec.Plan.Urgent.Count > 0 ? "; act on the urgent management above." : "."));
        foreach (var t in rec.Tests)
        {
            var cites = string.Join("", t.Citations.Select(rec.Cite).Where(c => c.StartsWith('[')).Distinct());
            sb.AppendLine($"{t.Rank}. **{t.Name}** — expected gain {Bits(t.Value.ExpectedInformationGainBits)} bits, {t.Invasiveness.Label}, result in {Days(t.Test.TurnaroundDays)} {cites}".TrimEnd());
            foreach (var n in t.After) sb.AppendLine($"   - {Cap(n.Text)} {rec.Cite(n.Provenance)}".TrimEnd());
        }
        if (rec.Withheld.Count > 0)
        {
            sb.AppendLine().AppendLine("Withheld for this patient:");
            foreach (var w in rec.Withheld) sb.AppendLine($"- {w.Name}: {w.Reason} {rec.Cite(w.Provenance)}".TrimEnd());
        }
        sb.AppendLine().AppendLine("## Management").AppendLine();
        foreach (var d in rec.Plan.Diagnoses)
        {
            sb.AppendLine($"### {d.Name} — {ProbabilityText.Percent(d.Probability)} ({d.Urgency.ToString().ToLowerInvariant()})").AppendLine();
            foreach (var (label, items) in new[] { ("Treatment", d.Treatment), ("Prognosis", d.Prognosis), ("Scores", d.Scores) })
                foreach (var it in items) sb.AppendLine($"- **{label}** ({it.Level}): {it.Text} {Cite(rec, it)}".TrimEnd());
            sb.AppendLine();
        }
        foreach (var g in rec.Plan.General) sb.AppendLine($"- ({g.Level}) {g.Text} {Cite(rec, g)}".TrimEnd());
        // the one numbered reference list closes the whole answer (AssessCommand prints it after every section)
        return sb.ToString();
    }

    private static string Cite(Recommendations rec, ManagementItem i) => rec.Cite(i.Provenance) is { } c && c.StartsWith('[') ? c : $"({rec.Cite(i.Provenance)})";

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    internal static string Bits(double b) => b.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Days(double d) => d < 1 ? "under a day" : d == 1 ? "1 day" : d.ToString("0", CultureInfo.InvariantCulture) + " days";
}
