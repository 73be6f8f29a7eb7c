using MyeloDx.Core.Contract;
using System.CommandLine;
using System.Text.Json;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Dose;
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
            var dir = r.GetValue(folder) ?? Services.KnowledgeFolder;
            var kb = r.GetValue(folder) is { } f ? KnowledgeLoader.Load(f) : Services.Assessment.Knowledge;
            // Every knowledge file is validated, not only the findings: a broken tests.yaml must fail here too.
            var rt = RadiotherapyKnowledgeLoader.Load(dir);
            var (tests, management) = DecisionKnowledgeLoader.Load(dir, kb);
            var textRules = MyeloDx.Text.Rules.TextRulesLoader.Load(dir, kb);
            if (r.GetValue(format) == "json")
            {
                var summary = KnowledgeJson.Summary(kb) with
                {
                    TestCount = tests.Tests.Count,
                    ManagementCount = management.Entries.Count,
                    TextTermCount = textRules.Terms.Count,
                    ContextRuleCount = textRules.Context.Count,
                    OtherFilesValid = ["radiotherapy.yaml", "tests.yaml", "management.yaml", "text/vocabulary.yaml", "text/sections.yaml", "context-rules.yaml"],
                };
                Console.Out.WriteLine(JsonSerializer.Serialize(summary, ContractJson.Indented.KnowledgeSummary));
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
            console.MarkupLine($"Also valid: radiotherapy.yaml, tests.yaml ({tests.Tests.Count} tests), management.yaml ({management.Entries.Count} diagnoses), text rules ({textRules.Terms.Count} vocabulary terms, {textRules.Context.Count} ConText rules).");
            console.MarkupLine("Prior contexts: " + Markup.Escape(string.Join(", ", kb.Priors.Values.Select(p => $"{p.Id} ({p.Description})"))));
            return CliRunner.Ok;
        }));
        return cmd;
    }
}
