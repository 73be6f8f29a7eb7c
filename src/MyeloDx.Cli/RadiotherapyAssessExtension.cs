using System.CommandLine;
using System.Text;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Scores;
using MyeloDx.Core.Services;
using Spectre.Console;

namespace MyeloDx.Cli;

/// <summary>Adds "Radiotherapy and the cord" and "Clinical scores" to the readable and Markdown assessment (JSON gets them from the Core augmenters).</summary>
internal sealed class RadiotherapyAssessExtension : IAssessExtension
{

    public int Order => 50;

    public void Readable(AssessRun run, IAnsiConsole console)
    {
        var input = run.Input;
        console.MarkupLine("\n[bold]Radiotherapy and the cord[/]");
        foreach (var line in RadiotherapyReport.Build(input, Services.Pipeline.Radiotherapy).Lines())
            console.MarkupLine("  " + Markup.Escape(line));
        console.MarkupLine("\n[bold]Clinical scores[/]");
        foreach (var line in CaseScores.Lines(input.Case))
            console.MarkupLine("  • " + Markup.Escape(line));
    }

    public string Markdown(AssessRun run)
    {
        var input = run.Input;
        var sb = new StringBuilder();
        sb.AppendLine().AppendLine("## Radiotherapy and the cord").AppendLine();
        foreach (var line in RadiotherapyReport.Build(input, Services.Pipeline.Radiotherapy).Lines())
            sb.AppendLine(line.StartsWith("  ", StringComparison.Ordinal) ? "  - " + line.TrimStart() : "- " + line);
        sb.AppendLine().AppendLine("## Clinical scores").AppendLine();
        foreach (var line in CaseScores.Lines(input.Case)) sb.AppendLine("- " + line);
        return sb.ToString();
    }
}
