using System.CommandLine;
using System.Text.Json;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using Spectre.Console;

namespace MyeloDx.Cli.Commands;

internal static partial class AssessCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "A structured case (.json), a FHIR Bundle, or free text. Omit for the built-in demo case.", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format", "-f") { Description = "text, json or markdown", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown", "md");
        var context = new Option<string?>("--prior-context") { Description = "Population the priors describe (see `myelodx knowledge`)" };
        var cmd = new Command("assess", "Rank the differential diagnosis for one case and explain it.") { file, format, context };
        Extend(cmd);
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var path = r.GetValue(file);
            var input = InputReader.FromFile(path);
            input = Adjust(r, input);
            var a = Services.Assessment.Assess(input, r.GetValue(context));
            var title = path is null ? "demo case (seed case report)" : Path.GetFileName(path);
            switch (r.GetValue(format))
            {
                case "json":
                    var o = AssessmentJson.Full(a);
                    o["input"] = input.Kind;
                    Enrich(r, input, a, o);
                    Console.Out.WriteLine(o.ToJsonString(AssessmentJson.Indented));
                    break;
                case "markdown" or "md":
                    Console.Out.Write(Rendering.Markdown(a, title) + MarkdownExtra(r, input, a));
                    break;
                default:
                    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
                    Rendering.Readable(a, console, title);
                    ReadableExtra(r, input, a, console);
                    break;
            }
            return CliRunner.Ok;
        }));
        return cmd;
    }

    // Hooks for later features (explain-text, what-if, next tests, dose, scores).
    static partial void Extend(Command cmd);
    private static MyeloDx.Core.Services.CaseInput Adjust(ParseResult r, MyeloDx.Core.Services.CaseInput input) { var x = input; AdjustInput(r, ref x); return x; }
    static partial void AdjustInput(ParseResult r, ref MyeloDx.Core.Services.CaseInput input);
    static partial void Enrich(ParseResult r, MyeloDx.Core.Services.CaseInput input, Assessment a, System.Text.Json.Nodes.JsonObject json);
    static partial void ReadableExtra(ParseResult r, MyeloDx.Core.Services.CaseInput input, Assessment a, IAnsiConsole console);
    private static string MarkdownExtra(ParseResult r, MyeloDx.Core.Services.CaseInput input, Assessment a) { var s = ""; AppendMarkdown(r, input, a, ref s); return s; }
    static partial void AppendMarkdown(ParseResult r, MyeloDx.Core.Services.CaseInput input, Assessment a, ref string markdown);
}
