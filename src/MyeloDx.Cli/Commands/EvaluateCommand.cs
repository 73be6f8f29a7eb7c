using System.CommandLine;
using System.Text;
using System.Text.Json;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Evaluation;
using MyeloDx.Core.Inference;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// `myelodx evaluate CASES.jsonl`: the check a site runs on its own labelled patients before trusting the program.
/// Each line is {"id", "label", "text" | "case"}; the label is never shown to the assessment.
/// </summary>
internal sealed class EvaluateCommand : ICommandProvider
{
    public Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSON lines with \"id\", \"label\" (a diagnosis id) and \"text\" or \"case\"" };
        var context = new Option<string?>("--prior-context") { Description = "Population the priors describe (default: the clinic population)" };
        var diagram = new Option<string?>("--diagram") { Description = "Write the reliability diagram (SVG) to this file" };
        var format = new Option<string>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var cmd = new Command("evaluate", "Measure the ranking on labelled cases: top-1/top-3, MRR, Brier, log-loss, recall, calibration.")
            { file, context, diagram, format };
        cmd.SetAction(r => CliRunner.Guard(() => Run(r.GetValue(file)!, r.GetValue(context), r.GetValue(diagram), r.GetValue(format)!)));
        return cmd;
    }

    private static int Run(string path, string? context, string? diagram, string format)
    {
        if (!File.Exists(path)) throw new InputException("MDX-IN010", path, "file not found");
        var svc = Services.Assessment;
        var kb = svc.Knowledge;
        var population = context ?? kb.DefaultContext;
        if (!kb.Priors.ContainsKey(population))
            throw new InputException("MDX-IN020", "--prior-context", $"unknown prior context '{population}' (known: {string.Join(", ", kb.Priors.Keys)})");
        var labels = kb.Diagnoses.Select(d => d.Id).ToArray();
        var cases = new List<EvaluatedCase>();
        var n = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException) { throw new InputException("MDX-IN001", $"{path} line {n}", "not valid JSON"); }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new InputException("MDX-IN002", $"{path} line {n}", "expected a JSON object");
                var id = root.TryGetProperty("id", out var idEl) ? idEl.ToString() : $"line {n}";
                if (!root.TryGetProperty("label", out var labelEl) || labelEl.ValueKind != JsonValueKind.String)
                    throw new InputException("MDX-IN050", $"{path} line {n}", "a labelled case needs \"label\" (a diagnosis id)");
                var gold = labelEl.GetString()!;
                if (!kb.DiagnosisIndex.ContainsKey(gold))
                    throw new InputException("MDX-IN050", $"{path} line {n}", $"unknown label '{gold}' (use the diagnosis ids of `myelodx knowledge`)");
                try
                {
                    var ci = BatchCommand.ReadCase(root, n, out var problem);
                    if (ci is null) { cases.Add(new EvaluatedCase(id, gold, null, problem)); continue; }
                    var a = svc.Rank(ci, population);
                    cases.Add(new EvaluatedCase(id, gold, a.Differential.Select(d => (d.Id, d.Probability)).ToArray()));
                }
                catch (InputException e) { cases.Add(new EvaluatedCase(id, gold, null, e.OneLine)); }
            }
        }
        if (cases.Count == 0) throw new InputException("MDX-IN050", path, "no labelled cases");
        var report = EvaluationReport.Compute(population, labels, cases);
        if (diagram is not null)
        {
            // Like every output file: the folder checked first (MDX-IN040), then written whole or not at all (MDX-IN041).
            ReportCommand.CheckWritable(diagram);
            AtomicFile.Write(diagram, ReliabilityDiagram.Svg(report));
        }
        var description = kb.Priors[population].Description;
        if (format == "json") Console.Out.WriteLine(JsonSerializer.Serialize(EvaluationJson.From(report, description), CliJson.Indented.EvaluationJson));
        else Text(report, kb, description, diagram);
        return CliRunner.Ok;
    }

    private static void Text(EvaluationReport r, MyeloDx.Core.Knowledge.KnowledgeBase kb, string description, string? diagram)
    {
        var o = Console.Out;
        o.WriteLine($"Evaluation of {r.N} labelled cases, prior population '{r.PriorContext}': {description}");
        o.WriteLine("Per diagnosis (correct at top-1 / cases):");
        foreach (var (id, (c, total)) in r.Recall.OrderBy(kv => kb.DiagnosisIndex[kv.Key]))
            o.WriteLine($"  {kb.Diagnosis(id).Name,-55} {c}/{total}");
        if (r.Confusions.Count > 0)
        {
            o.WriteLine("Most common confusions (true → ranked first):");
            foreach (var (g, p, k) in r.Confusions.Take(10)) o.WriteLine($"  {kb.Diagnosis(g).Name} → {kb.Diagnosis(p).Name}: {k}");
        }
        o.WriteLine("Calibration (leading probability → share correct):");
        foreach (var b in r.Bins.Where(b => b.Count > 0))
            o.WriteLine(FormattableString.Invariant($"  {b.Low:0.0}-{b.High:0.0}: {b.Count} cases, mean {b.MeanConfidence:0.00}, correct {b.Accuracy:0.00}"));
        if (diagram is not null) o.WriteLine($"Reliability diagram written to {diagram}");
        o.WriteLine(Assessment.Caveat);
        o.WriteLine(r.FigureLine());
    }
}
