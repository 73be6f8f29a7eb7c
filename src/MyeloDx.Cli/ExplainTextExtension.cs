using System.CommandLine;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using MyeloDx.Text;
using Spectre.Console;

namespace MyeloDx.Cli;

/// <summary>
/// `assess NOTE.txt --explain-text`: shows the note with every finding and its modifiers marked (present, negated,
/// uncertain, set aside and why), the numbers read with their meaning, then the differential. With --format json
/// the same analysis is added as a "textAnalysis" section.
/// </summary>
internal sealed class ExplainTextExtension : IAssessExtension
{
    private static readonly Option<bool> Explain = new("--explain-text") { Description = "For free text: show the note with the findings, their modifiers and the numbers marked" };

    public int Order => 10;

    public void AddOptions(Command assess) => assess.Options.Add(Explain);

    public bool ReplacesOutput(AssessRun run)
    {
        var (r, input, a) = (run.Parse, run.Input, run.Assessment);
        if (!r.GetValue(Explain) || input.Text is null || r.GetValue<string>("--format") == "json") return false;
        var analysis = InputReader.Clinical.Analyze(input.Text);
        var md = r.GetValue<string>("--format") is "markdown" or "md";
        if (md) { Console.Out.Write(Markdown(analysis, a)); return true; }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.MarkupLine("[bold]The note as read[/] ([green]finding[/], [red]negated/absent[/], [yellow]uncertain[/], [blue]concept[/], [grey]set aside[/], [underline]modifier[/], [aqua]number[/])");
        foreach (var s in TextExplanation.Segments(analysis))
        {
            var t = Markup.Escape(s.Text);
            console.Markup(s.Kind switch
            {
                MarkKind.Finding => $"[green]{t}[/]",
                MarkKind.Negated => $"[red]{t}[/]",
                MarkKind.Uncertain => $"[yellow]{t}[/]",
                MarkKind.Dropped => $"[grey]{t}[/]",
                MarkKind.Concept => $"[blue]{t}[/]",
                MarkKind.Modifier => $"[underline]{t}[/]",
                MarkKind.Number => $"[aqua]{t}[/]",
                _ => t,
            });
        }
        console.WriteLine();
        console.WriteLine();
        var table = new Table().AddColumn("Text").AddColumn("Means").AddColumn("Status").AddColumn("Rule");
        foreach (var m in analysis.Mentions.Where(Shown))
            table.AddRow(Markup.Escape(Quote(analysis.Text, m.Span)), Markup.Escape(TextExplanation.Label(m).Split(" — ")[0]),
                Markup.Escape(m.DroppedBecause is { } d ? "set aside: " + d : "used"), Markup.Escape(TextExplanation.Rule(m)));
        foreach (var n in analysis.Numbers)
            table.AddRow(Markup.Escape(Quote(analysis.Text, n.Span)), Markup.Escape($"{n.Kind} = {n.Value}"), "number", "number reader");
        console.Write(table);
        if (analysis.OtherPatientEntries.Count > 0) console.MarkupLine(Markup.Escape(OtherPatientsLine(analysis)));
        console.MarkupLine("[bold]Observations used[/]");
        foreach (var o in input.Observations)
            console.MarkupLine("  " + Markup.Escape($"{o.VariableId} = {o.State ?? o.Value?.ToString("0.##")}{(o.Uncertain ? " (uncertain)" : "")}"
                + (o.Span is { } sp ? $"  «{Quote(analysis.Text, sp)}»" : o.Detail is { } det ? $"  ({det})" : "")));
        console.WriteLine();
        var refs = CliReferences.For(a, null, Services.Assessment.Knowledge);
        Rendering.Readable(a, console, "free text", refs);
        Rendering.ReadableFooter(a, console, refs);
        return true;
    }

    public AssessmentDocument Enrich(AssessRun run, AssessmentDocument document)
    {
        if (!run.Parse.GetValue(Explain) || run.Input.Text is null) return document;
        var analysis = InputReader.Clinical.Analyze(run.Input.Text);
        var mentions = analysis.Mentions.Where(Shown).Select(m => new MentionEntry(
            Quote(analysis.Text, m.Span),
            new SpanEntry(m.Span.Start, m.Span.Length),
            m.Findings.Count > 0 ? m.Findings.Select(f => f.ToString()).ToArray() : [m.Concept + (m.Term.ConceptValue is { } v ? ":" + v : "")],
            m.Negated, m.Uncertain, m.Historical, m.Hypothetical, m.OtherExperiencer, m.DroppedBecause, TextExplanation.Rule(m))).ToArray();
        var numbers = analysis.Numbers.Select(n => new NumberEntry(n.Kind, n.Value, Quote(analysis.Text, n.Span), new SpanEntry(n.Span.Start, n.Span.Length))).ToArray();
        return document with { TextAnalysis = new TextAnalysisSection(mentions, numbers, InputReader.Clinical.Rules.Version) };
    }

    private static bool Shown(MyeloDx.Text.Extraction.Mention m) =>
        m.Findings.Count > 0 || m.Term.Findings.Count > 0 || m.Concept is "radiotherapy" or "drug" or "cancer" or "cancer_generic" or "metastasis" or "exposure" or "surgery" or "rt_reference";

    // "BED 4 - Mr A., 71 M. ...": the first line of each entry set aside, so the reader sees whose notes were left out
    private static string OtherPatientsLine(TextAnalysis analysis)
    {
        var firstLines = analysis.OtherPatientEntries.Select(e => Quote(analysis.Text, e).Split('\n')[0].Trim());
        return $"A list of several patients: only one entry was read (the one flagged, else the longest); set aside: {string.Join("; ", firstLines)}";
    }

    private static string Quote(string text, TextSpan s) => text.Substring(s.Start, Math.Min(s.Length, text.Length - s.Start));

    private static string Markdown(TextAnalysis analysis, Assessment a)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("## The note as read").AppendLine();
        sb.AppendLine(TextExplanation.Plain(analysis)).AppendLine();
        sb.AppendLine("| Text | Means | Status | Rule |").AppendLine("|---|---|---|---|");
        foreach (var m in analysis.Mentions.Where(Shown))
            sb.AppendLine($"| {Quote(analysis.Text, m.Span).Replace("|", "/")} | {TextExplanation.Label(m).Split(" — ")[0].Replace("|", "/")} | {(m.DroppedBecause is { } d ? "set aside: " + d : "used")} | {TextExplanation.Rule(m).Replace("|", "/")} |");
        if (analysis.OtherPatientEntries.Count > 0) sb.AppendLine().AppendLine(OtherPatientsLine(analysis));
        var refs = CliReferences.For(a, null, Services.Assessment.Knowledge);
        sb.AppendLine().Append(Rendering.Markdown(a, "free text", refs)).Append(refs.Markdown());
        return sb.ToString();
    }
}
