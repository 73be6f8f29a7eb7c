using MyeloDx.Core.Contract;
using System.CommandLine;
using MyeloDx.Core.Errors;
using System.Globalization;
using System.Text.Json.Nodes;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Inference;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// `myelodx dose PLAN [PLAN …] [--alpha-beta X] [--format text|json]`: BED and EQD2 of one or more courses (summed as
/// courses in EQD2 of the same alpha/beta), at alpha/beta 2 and 10 and at the chosen one, with the cord references.
/// </summary>
internal sealed class DoseCommand : ICommandProvider
{

    public Command Create()
    {
        var plans = new Argument<string[]>("plan")
        {
            Description = "A course such as \"30 Gy/10\", \"30 Gy in 10 fractions\", \"3 Gy x 10\" or \"8 Gy single fraction\"; several plans are summed as courses",
            Arity = ArgumentArity.OneOrMore,
        };
        var ab = new Option<string?>("--alpha-beta", "-a") { Description = "Tissue alpha/beta in Gy for the cumulative figures (default 2, the spinal cord); 1.5 or 1,5" };
        var format = new Option<string>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var cmd = new Command("dose", "Linear-quadratic arithmetic: BED and EQD2 of radiotherapy courses, summed, with cord references.") { plans, ab, format };
        cmd.SetAction(r => CliRunner.Guard(() => Run(r.GetValue(plans) ?? [], AlphaBeta(r.GetValue(ab)), r.GetValue(format) ?? "text", Console.Out)));
        return cmd;
    }

    // Read as typed, not by the option binder: it takes "1,5" for 15 (a thousands separator); see DecimalText.
    private static double? AlphaBeta(string? typed) => typed is null ? null : DecimalText.Parse(typed, "--alpha-beta");

    /// <summary>The command's work, testable without a console. Throws InputException for a bad plan or alpha/beta.</summary>
    public int Run(IReadOnlyList<string> planTexts, double? alphaBeta, string format, TextWriter output)
    {
        var chosen = AlphaBetaGy.From(alphaBeta ?? 2, "--alpha-beta");
        var courses = planTexts.Select((t, i) => PlanParser.Parse(t, $"plan {i + 1} (\"{Short(t)}\")")).ToArray();
        var json = Compute(planTexts, courses, chosen, Services.Pipeline.Radiotherapy);
        if (format == "json") output.WriteLine(json.ToJsonString(ContractJson.IndentedOptions));
        else WriteText(json, output);
        return CliRunner.Ok;
    }

    internal static JsonObject Compute(IReadOnlyList<string> texts, IReadOnlyList<Fractionation> courses, AlphaBetaGy chosen, RadiotherapyKnowledge k)
    {
        var abs = new List<AlphaBetaGy> { AlphaBetaGy.From(2), AlphaBetaGy.From(10) };
        if (!abs.Contains(chosen)) abs.Add(chosen);
        var warnings = new List<string>();
        var arr = new JsonArray();
        var risk = new CordRisk(k);
        for (var i = 0; i < courses.Count; i++)
        {
            var c = courses[i];
            var cw = new List<string>();
            if (c.DosePerFraction.Value > k.ValidatedMaxDosePerFraction.Value)
                cw.Add($"{c.DosePerFraction} per fraction is beyond the linear-quadratic model's validated range (about {PhysicalDoseGy.Fmt(k.ValidatedMaxDosePerFraction.Value)} Gy; {k.ValidatedMaxDosePerFraction.Cite})");
            var o = new JsonObject
            {
                ["plan"] = texts[i],
                ["physicalDoseGy"] = R(c.Total.Value),
                ["fractions"] = c.Fractions.Value,
                ["dosePerFractionGy"] = R(c.DosePerFraction.Value),
                ["atAlphaBeta"] = At(abs, ab => (c.Bed(ab).Value, c.Eqd2(ab).Value)),
            };
            var limits = k.SbrtLimits.Where(l => l.Fractions == c.Fractions.Value).ToArray();
            if (limits.Length > 0)
                o["ifCordPointMaximum"] = new JsonArray(limits.Select(l => (JsonNode)new JsonObject
                {
                    ["limitGy"] = l.PointMaxGy, ["risk"] = l.Risk, ["source"] = l.Provenance.SourceId, ["citation"] = l.Provenance.Cite,
                    ["within"] = c.Total.Value <= l.PointMaxGy + 1e-9,
                }).ToArray());
            o["warnings"] = new JsonArray(cw.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray());
            warnings.AddRange(cw.Select(w => $"plan {i + 1}: {w}"));
            arr.Add(o);
        }
        if (courses.Select(c => c.DosePerFraction.Value).Distinct().Count() > 1)
            warnings.Add("the courses use different fraction sizes: their physical doses are not additive; compare and sum them in EQD2 or BED");
        var cumulative = new JsonObject
        {
            ["courses"] = courses.Count,
            ["physicalDoseGy"] = R(courses.Sum(c => c.Total.Value)),
            ["physicalDoseNote"] = "arithmetic sum for reference only; courses add in EQD2 or BED at one alpha/beta",
            ["atAlphaBeta"] = At(abs, ab => (courses.Sum(c => c.Bed(ab).Value), LinearQuadratic.Sum(courses, ab).Value)),
        };
        var conventional = risk.Conventional(courses);
        return new JsonObject
        {
            ["alphaBetaGy"] = chosen.Value,
            ["courses"] = arr,
            ["cumulative"] = cumulative,
            ["chosen"] = new JsonObject
            {
                ["alphaBetaGy"] = chosen.Value,
                ["bedGy"] = R(courses.Sum(c => c.Bed(chosen).Value)),
                ["eqd2Gy"] = R(LinearQuadratic.Sum(courses, chosen).Value),
            },
            ["ifSpinalCordDose"] = new JsonObject
            {
                ["conventionalRisk"] = conventional.Summary,
                ["riskFraction"] = conventional.Figures["risk"],
                ["source"] = conventional.SourceId,
                ["note"] = "only if the cord received these doses (the cord dose is not the prescription unless the cord was inside the field)",
            },
            ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
            ["caveat"] = Assessment.Caveat,
        };
    }

    private static JsonArray At(IEnumerable<AlphaBetaGy> abs, Func<AlphaBetaGy, (double Bed, double Eqd2)> f) =>
        new(abs.Select(ab =>
        {
            var (bed, eqd2) = f(ab);
            return (JsonNode)new JsonObject { ["alphaBetaGy"] = ab.Value, ["bedGy"] = R(bed), ["eqd2Gy"] = R(eqd2) };
        }).ToArray());

    private static void WriteText(JsonObject j, TextWriter w)
    {
        string N(JsonNode? n) => n is null ? "" : ((double)n).ToString("0.##", CultureInfo.InvariantCulture);
        var courses = j["courses"]!.AsArray();
        foreach (var c in courses)
        {
            w.WriteLine($"{c!["plan"]}: {N(c["physicalDoseGy"])} Gy in {c["fractions"]} fraction(s) of {N(c["dosePerFractionGy"])} Gy");
            foreach (var a in c["atAlphaBeta"]!.AsArray())
                w.WriteLine($"  α/β {N(a!["alphaBetaGy"]),-4} BED {N(a["bedGy"]),7} Gy   EQD2 {N(a["eqd2Gy"]),7} Gy");
            foreach (var l in c["ifCordPointMaximum"]?.AsArray() ?? [])
                w.WriteLine($"  as a cord point maximum: {((bool)l!["within"]! ? "within" : "above")} {N(l["limitGy"])} Gy for {c["fractions"]} fraction(s) ({l["risk"]}; {l["citation"]})");
        }
        if (courses.Count > 1)
        {
            w.WriteLine($"Cumulative over {courses.Count} courses:");
            foreach (var a in j["cumulative"]!["atAlphaBeta"]!.AsArray())
                w.WriteLine($"  α/β {N(a!["alphaBetaGy"]),-4} BED {N(a["bedGy"]),7} Gy   EQD2 {N(a["eqd2Gy"]),7} Gy");
        }
        w.WriteLine($"If this were the spinal cord dose: {j["ifSpinalCordDose"]!["conventionalRisk"]}.");
        foreach (var x in j["warnings"]!.AsArray()) w.WriteLine($"warning: {x}");
        w.WriteLine(Assessment.Caveat);
    }

    private static double R(double x) => Math.Round(x, 2);
    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
