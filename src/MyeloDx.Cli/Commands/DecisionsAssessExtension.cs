using System.CommandLine;
using System.Globalization;
using System.Text;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using Spectre.Console;

namespace MyeloDx.Cli.Commands;

/// <summary>The process-wide next-test and management knowledge, loaded once next to the shared knowledge base.</summary>
internal static class DecisionServices
{
    private static readonly Lazy<DecisionSupport> Lazy = new(() =>
        DecisionSupport.Load(AssessmentService.DefaultKnowledgeFolder(), Services.Assessment.Knowledge));

    public static DecisionSupport Support => Lazy.Value;
}

/// <summary>
/// Adds the "Next tests" and "Management" sections to the readable and Markdown outputs of `assess` (the JSON gets
/// the same content from <see cref="DecisionsAugmenter"/>). Urgent actions, when any apply, are printed before the
/// tests: an emergency is treated before it is fully worked up.
/// </summary>
internal sealed class DecisionsAssessExtension : IAssessExtension
{
    public int Order => 200;
    private const int TestsShown = 8;

    public void Readable(ParseResult r, CaseInput input, Assessment a, IAnsiConsole console)
    {
        var s = DecisionServices.Support;
        if (!s.Matches(input, a)) return;
        var plan = s.Plan(a);
        var report = s.NextTests(input, a.PriorContext);
        if (plan.Urgent.Count > 0)
        {
            console.MarkupLine("\n[bold red]Management — urgent (act on suspicion)[/]");
            foreach (var u in plan.Urgent)
                console.MarkupLine($"  [red]![/] [bold]{Markup.Escape(u.DiagnosisName)}[/] ({Rendering.Pct(u.Probability)}): {Markup.Escape(u.Item.Text)} [grey]({Markup.Escape(Cite(u.Item))})[/]");
        }

        console.MarkupLine($"\n[bold]Next tests[/] [grey](ranked by expected information gain; uncertainty now {report.EntropyBits.ToString("0.00", CultureInfo.InvariantCulture)} bits)[/]");
        var useful = Useful(report);
        if (useful.Count == 0) console.MarkupLine("  No test in the catalogue is likely to change the differential" + (plan.Urgent.Count > 0 ? "; act on the urgent management above." : "."));
        else
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("#").AddColumn("Test").AddColumn(new TableColumn("Bits").RightAligned())
                .AddColumn(new TableColumn("P(new leader)").RightAligned()).AddColumn("Invasiveness").AddColumn(new TableColumn("Days").RightAligned());
            var i = 0;
            foreach (var t in useful.Take(TestsShown))
                table.AddRow((++i).ToString(CultureInfo.InvariantCulture), Markup.Escape(t.Test.Name), Bits(t.ExpectedInformationGainBits),
                    Rendering.Pct(t.ProbabilityLeaderChanges), Markup.Escape(t.Test.Invasiveness.Id), Days(t.Test.TurnaroundDays));
            console.Write(table);
            foreach (var t in useful.Take(5))
            {
                var key = t.KeyResults(2);
                if (key.Count == 0) continue;
                console.MarkupLine($"  [bold]{Markup.Escape(Short(t.Test.Name))}[/]: " + string.Join("; ", key.Select(k => Markup.Escape(Moves(k, t)))));
            }
            var suggested = Suggested(report);
            if (suggested.Count > 0)
                console.MarkupLine($"  Weighing information against invasiveness, start with: [bold]{Markup.Escape(string.Join(", then ", suggested.Select(x => Short(x.Test.Name))))}[/].");
        }
        foreach (var d in report.Deferred)
            console.MarkupLine($"  [grey]later, if still unresolved: {Markup.Escape(d.Test.Name)} ({Bits(d.ExpectedInformationGainBits)} bits, {d.Test.Invasiveness.Id} invasiveness) — after {Markup.Escape(string.Join(" and ", d.PendingPrerequisites.Select(p => Short(s.Tests.Get(p)!.Name))))}[/]");

        console.MarkupLine("\n[bold]Management[/]");
        foreach (var d in plan.Diagnoses)
        {
            console.MarkupLine($"  [bold]{Markup.Escape(d.Name)}[/] ({Rendering.Pct(d.Probability)}, {d.Urgency.ToString().ToLowerInvariant()})");
            Items(console, "Treatment", d.Treatment);
            Items(console, "Prognosis", d.Prognosis);
            Items(console, "Scores", d.Scores);
        }
        foreach (var g in plan.General) console.MarkupLine($"  • {Markup.Escape(g.Text)} [grey]({Markup.Escape(Cite(g))})[/]");
    }

    public string Markdown(ParseResult r, CaseInput input, Assessment a)
    {
        var s = DecisionServices.Support;
        if (!s.Matches(input, a)) return "";
        var plan = s.Plan(a);
        var report = s.NextTests(input, a.PriorContext);
        var sb = new StringBuilder();
        if (plan.Urgent.Count > 0)
        {
            sb.AppendLine().AppendLine("## Management — urgent (act on suspicion)").AppendLine();
            foreach (var u in plan.Urgent) sb.AppendLine($"- **{u.DiagnosisName}** ({Rendering.Pct(u.Probability)}): {u.Item.Text} ({Cite(u.Item)})");
        }
        sb.AppendLine().AppendLine("## Next tests").AppendLine();
        sb.AppendLine($"Ranked by expected information gain (the differential's uncertainty is now {report.EntropyBits.ToString("0.00", CultureInfo.InvariantCulture)} bits).").AppendLine();
        var useful = Useful(report);
        if (useful.Count == 0) sb.AppendLine("No test in the catalogue is likely to change the differential" + (plan.Urgent.Count > 0 ? "; act on the urgent management above." : "."));
        else
        {
            sb.AppendLine("| # | Test | Expected gain (bits) | P(new leader) | Invasiveness | Days | What a result would do |").AppendLine("|---|---|---:|---:|---|---:|---|");
            var i = 0;
            foreach (var t in useful.Take(TestsShown))
                sb.AppendLine($"| {++i} | {t.Test.Name} | {Bits(t.ExpectedInformationGainBits)} | {Rendering.Pct(t.ProbabilityLeaderChanges)} | {t.Test.Invasiveness.Id} | {Days(t.Test.TurnaroundDays)} | {string.Join("; ", t.KeyResults(2).Select(k => Moves(k, t)))} |");
            var suggested = Suggested(report);
            if (suggested.Count > 0) sb.AppendLine().AppendLine($"Weighing information against invasiveness, start with: **{string.Join("**, then **", suggested.Select(x => Short(x.Test.Name)))}**.");
        }
        if (report.Deferred.Count > 0)
        {
            sb.AppendLine();
            foreach (var d in report.Deferred)
                sb.AppendLine($"- Later, if still unresolved: {d.Test.Name} ({Bits(d.ExpectedInformationGainBits)} bits, {d.Test.Invasiveness.Id} invasiveness), after {string.Join(" and ", d.PendingPrerequisites.Select(p => Short(s.Tests.Get(p)!.Name)))}.");
        }
        sb.AppendLine().AppendLine("## Management").AppendLine();
        foreach (var d in plan.Diagnoses)
        {
            sb.AppendLine($"### {d.Name} — {Rendering.Pct(d.Probability)} ({d.Urgency.ToString().ToLowerInvariant()})").AppendLine();
            foreach (var (label, items) in new[] { ("Treatment", d.Treatment), ("Prognosis", d.Prognosis), ("Scores", d.Scores) })
                foreach (var it in items) sb.AppendLine($"- **{label}**: {it.Text} ({Cite(it)})");
            sb.AppendLine();
        }
        foreach (var g in plan.General) sb.AppendLine($"- {g.Text} ({Cite(g)})");
        return sb.ToString();
    }

    private static void Items(IAnsiConsole console, string label, IReadOnlyList<ManagementItem> items)
    {
        foreach (var it in items)
            console.MarkupLine($"    [blue]{label}:[/] {Markup.Escape(it.Text)} [grey]({Markup.Escape(Cite(it))})[/]");
    }

    /// <summary>Tests worth listing: at least 0.005 bits expected (the JSON lists every test).</summary>
    internal static IReadOnlyList<TestValue> Useful(NextTestsReport report) =>
        report.Ranked.Where(t => t.ExpectedInformationGainBits >= 0.005).ToArray();

    /// <summary>The three tests with the best information per burden (gain × invasiveness weight), in that order.</summary>
    internal static IReadOnlyList<TestValue> Suggested(NextTestsReport report) =>
        report.Ranked.Where(t => t.ExpectedInformationGainBits >= 0.01)
            .OrderByDescending(t => t.ValueScore).ThenBy(t => t.Test.TurnaroundDays).Take(3).ToArray();

    internal static string Cite(ManagementItem i) => i.Provenance.SourceId ?? "estimate: " + i.Provenance.EstimateReason;

    internal static string Bits(double b) => b.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Days(double d) => d < 1 ? "<1" : d.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The test's name up to the first parenthesis, for running text.</summary>
    internal static string Short(string name)
    {
        var i = name.IndexOf(" (", StringComparison.Ordinal);
        return i > 0 ? name[..i] : name;
    }

    /// <summary>"pial enhancement (p 8%): Leptomeningeal metastasis 24% → 85%, new leader".</summary>
    internal static string Moves(ResultEffect k, TestValue t)
    {
        var move = k.Shifts.FirstOrDefault();
        var label = k.Label;
        // a test that reveals one categorical finding: its name is already said, keep just the value
        var prefix = t.Reveals.Count + t.Test.OwnResults.Count == 1 ? label.IndexOf(": ", StringComparison.Ordinal) : -1;
        if (prefix > 0) label = label[(prefix + 2)..];
        var text = $"{label} (p {Rendering.Pct(k.Probability)})";
        if (move is not null) text += $": {move.Name} {Rendering.Pct(move.From)} → {Rendering.Pct(move.To)}";
        if (k.ChangesLeader) text += ", new leader";
        return text;
    }
}
