using System.CommandLine;
using System.Text.Json.Nodes;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using Spectre.Console;

namespace MyeloDx.Cli.Commands;

internal static class KnowledgeCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var folder = new Option<string?>("--folder") { Description = "Validate another knowledge folder instead of the installed one" };
        var cmd = new Command("knowledge", "Show (and validate) the knowledge base: diagnoses, findings, sources.") { format, folder };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var kb = r.GetValue(folder) is { } f ? KnowledgeLoader.Load(f) : Services.Assessment.Knowledge;
            if (r.GetValue(format) == "json")
            {
                var o = new JsonObject
                {
                    ["version"] = kb.Version,
                    ["diagnoses"] = new JsonArray(kb.Diagnoses.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["name"] = d.Name }).ToArray()),
                    ["variableCount"] = kb.Variables.Count,
                    ["findingCount"] = kb.FindingCount,
                    ["unsourcedCount"] = kb.UnsourcedCount,
                    ["estimateCount"] = kb.EstimateCount,
                    ["sourceCount"] = kb.Sources.Count,
                    ["priorContexts"] = new JsonArray(kb.Priors.Keys.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()),
                    ["defaultContext"] = kb.DefaultContext,
                };
                Console.Out.WriteLine(o.ToJsonString(AssessmentJson.Indented));
                return CliRunner.Ok;
            }
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            console.MarkupLine($"[bold]MyeloDx knowledge base[/] {Markup.Escape(kb.Version)}");
            console.MarkupLine($"{kb.Diagnoses.Count} diagnoses, {kb.Variables.Count} variables ({kb.FindingCount} findings), {kb.Sources.Count} sources; {kb.EstimateCount} numbers are marked estimates, {kb.UnsourcedCount} lack provenance.");
            if (kb.Notes.TryGetValue("population", out var pop)) console.MarkupLine($"[grey]{Markup.Escape(pop.Trim())}[/]");
            var t = new Table().AddColumn("Group").AddColumn("Variables");
            foreach (var g in kb.Variables.Values.GroupBy(v => v.Group))
                t.AddRow(Markup.Escape(g.Key), Markup.Escape(string.Join(", ", g.Select(v => v.Id))));
            console.Write(t);
            console.MarkupLine("Prior contexts: " + Markup.Escape(string.Join(", ", kb.Priors.Values.Select(p => $"{p.Id} ({p.Description})"))));
            return CliRunner.Ok;
        }));
        return cmd;
    }
}
