using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MyeloDx.Cli.TextGold;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// `myelodx evaluate-text GOLD.jsonl [--half all|tune|heldout|fresh] [--format text|json] [--misses N]`: runs the text
/// reader on every gold sentence and prints precision/recall/F1 per finding group and overall, negation, uncertainty
/// and time accuracy, and the misses. The gold format and the split are described in tests/TestData/text-gold/README.md.
/// </summary>
internal sealed class EvaluateTextCommand : ICommandProvider
{
    public Command Create()
    {
        var file = new Argument<string>("gold") { Description = "Gold sentences as JSON lines: {\"id\", \"text\", \"findings\": [{\"variable\", \"value\", \"negated\"?, \"uncertain\"?, \"historical\"?}], \"group\"}" };
        var half = new Option<string>("--half") { Description = "all, tune, heldout (split by a stable hash of the id) or fresh (the independently written set)", DefaultValueFactory = _ => "all" };
        half.AcceptOnlyFromAmong("all", "tune", "heldout", "fresh");
        var format = new Option<string>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var byVariable = new Option<bool>("--by-variable") { Description = "Also print precision and recall for each variable" };
        var misses = new Option<int>("--misses") { Description = "How many misses to list (default: all)", DefaultValueFactory = _ => int.MaxValue };
        var cmd = new Command("evaluate-text", "Measure the text reader on a gold set of sentences: precision and recall per finding group, negation and uncertainty accuracy.") { file, half, format, byVariable, misses };
        cmd.SetAction(r => CliRunner.Guard(() => Run(r.GetValue(file)!, r.GetValue(half) ?? "all", r.GetValue(format) ?? "text", r.GetValue(byVariable), Math.Max(0, r.GetValue(misses)), Console.Out)));
        return cmd;
    }

    public static int Run(string path, string half, string format, bool byVariable, int maxMisses, TextWriter output)
    {
        var kb = Services.Assessment.Knowledge;
        var all = GoldSet.Load(path, kb);
        var examples = half == "all" ? all : all.Where(e => GoldSet.Half(e.Id) == half).ToArray();
        var reader = InputReader.Clinical;
        var report = GoldEvaluator.Evaluate(examples, kb, t => GoldEvaluator.Read(reader, t));
        if (format == "json") output.WriteLine(JsonSerializer.Serialize(GoldReportJson.From(report, half, maxMisses), CliJson.Indented.GoldReportJson));
        else WriteText(report, half, byVariable, maxMisses, output);
        return CliRunner.Ok;
    }

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    private static void WriteText(GoldReport r, string half, bool byVariable, int maxMisses, TextWriter o)
    {
        o.WriteLine($"Text reader on {r.Examples} gold examples ({half}).");
        o.WriteLine($"{"group",-30} {"precision",9} {"recall",7} {"F1",6}   tp   fp   fn");
        void Row(string name, PrfCount c) => o.WriteLine($"{name,-30} {F(c.Precision),9} {F(c.Recall),7} {F(c.F1),6} {c.TruePositive,4} {c.FalsePositive,4} {c.FalseNegative,4}");
        foreach (var (g, c) in r.Groups.OrderBy(x => x.Key, StringComparer.Ordinal)) Row(g, c);
        Row("overall", r.Overall);
        if (byVariable)
            foreach (var (v, c) in r.Variables.OrderBy(x => x.Key, StringComparer.Ordinal)) Row("  " + v, c);
        o.WriteLine($"negation accuracy     {F(r.Negation.Value)} ({r.Negation.Correct}/{r.Negation.Total} findings read with the right polarity)");
        o.WriteLine($"negated findings found {F(r.NegatedFound.Value)} ({r.NegatedFound.Correct}/{r.NegatedFound.Total})");
        o.WriteLine($"uncertainty accuracy  {F(r.Uncertainty.Value)} ({r.Uncertainty.Correct}/{r.Uncertainty.Total})");
        o.WriteLine($"time accuracy         {F(r.Historical.Value)} ({r.Historical.Correct}/{r.Historical.Total} past findings not read as current)");
        if (r.Misses.Count == 0 || maxMisses == 0) return;
        o.WriteLine($"Misses ({r.Misses.Count}):");
        foreach (var m in r.Misses.Take(maxMisses))
            o.WriteLine($"  {m.Id} {m.Variable} [{m.Kind}] gold {m.Gold} / read {m.Read}: {(m.Text.Length > 110 ? m.Text[..107] + "..." : m.Text)}");
    }
}
