using System.CommandLine;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Contract;
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
            var run = new AssessRun(r, input, a, Services.Assessment.Recommend(input, a));
            if (extensions.Any(e => e.ReplacesOutput(run))) return CliRunner.Ok;
            var title = path is null ? "demo case (published case report)" : Path.GetFileName(path);
            var refs = run.References;
            switch (r.GetValue(format))
            {
                case "json":
                    var document = Services.Assessment.Document(input, a, run.Recommendations);
                    foreach (var e in extensions) document = e.Enrich(run, document);
                    Console.Out.WriteLine(ContractJson.Write(document, indented: true));
                    break;
                case "markdown" or "md":
                    foreach (var line in extensions.Select(e => e.FirstLine(run)).OfType<string>()) Console.Out.WriteLine($"**{line}**\n");
                    Console.Out.Write(Rendering.Markdown(a, title, refs) + string.Concat(extensions.Select(e => e.Markdown(run))) + refs.Markdown());
                    break;
                default:
                    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
                    foreach (var line in extensions.Select(e => e.FirstLine(run)).OfType<string>()) console.MarkupLine($"[bold red]{Markup.Escape(line)}[/]");
                    Rendering.Readable(a, console, title, refs);
                    foreach (var e in extensions) e.Readable(run, console);
                    Rendering.ReadableFooter(a, console, refs);
                    break;
            }
            return CliRunner.Ok;
        }));
        return cmd;
    }

}
