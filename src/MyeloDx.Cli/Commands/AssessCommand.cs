using System.CommandLine;
using System.Text.Json;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using Spectre.Console;

namespace MyeloDx.Cli.Commands;

internal static class AssessCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "A structured case (.json), a FHIR Bundle, or free text. Omit for the built-in demo case.", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format", "-f") { Description = "text, json or markdown", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown", "md");
        var context = new Option<string?>("--prior-context") { Description = "Population the priors describe (see `myelodx knowledge`)" };
        var cmd = new Command("assess", "Rank the differential diagnosis for one case and explain it.") { file, format, context };
        var extensions = CommandRegistry.AssessExtensions.Value;
        foreach (var e in extensions) e.AddOptions(cmd);
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var path = r.GetValue(file);
            var input = InputReader.FromFile(path);
            foreach (var e in extensions) input = e.AdjustInput(r, input);
            var a = Services.Assessment.Assess(input, r.GetValue(context));
            if (extensions.Any(e => e.ReplacesOutput(r, input, a))) return CliRunner.Ok;
            var title = path is null ? "demo case (published case report)" : Path.GetFileName(path);
            var refs = CliReferences.For(a, DecisionsAssessExtension.Raw(input, a), Services.Assessment.Knowledge);
            switch (r.GetValue(format))
            {
                case "json":
                    var o = Services.Assessment.ToJson(input, a);
                    foreach (var e in extensions) e.EnrichJson(r, input, a, o);
                    Console.Out.WriteLine(o.ToJsonString(AssessmentJson.Indented));
                    break;
                case "markdown" or "md":
                    foreach (var line in extensions.Select(e => e.FirstLine(r, input, a)).OfType<string>()) Console.Out.WriteLine($"**{line}**\n");
                    Console.Out.Write(Rendering.Markdown(a, title, refs) + string.Concat(extensions.Select(e => e.Markdown(r, input, a))) + refs.Markdown());
                    break;
                default:
                    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
                    foreach (var line in extensions.Select(e => e.FirstLine(r, input, a)).OfType<string>()) console.MarkupLine($"[bold red]{Markup.Escape(line)}[/]");
                    Rendering.Readable(a, console, title, refs);
                    foreach (var e in extensions) e.Readable(r, input, a, console);
                    Rendering.ReadableFooter(a, console, refs);
                    break;
            }
            return CliRunner.Ok;
        }));
        return cmd;
    }

}
