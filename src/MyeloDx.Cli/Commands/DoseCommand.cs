using MyeloDx.Core.Contract;
using System.CommandLine;
using MyeloDx.Core.Errors;
using System.Globalization;
using System.Text.Json;
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
        var doc = DoseCalculation.Calculate(planTexts, alphaBeta, Services.Pipeline.Radiotherapy, i => $"plan {i + 1} (\"{Short(planTexts[i])}\")", "--alpha-beta");
        if (format == "json") output.WriteLine(JsonSerializer.Serialize(doc, ContractJson.Indented.DoseDocument));
        else WriteText(doc, output);
        return CliRunner.Ok;
    }

    private static void WriteText(DoseDocument d, TextWriter w)
    {
        static string N(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
        void Rows(IEnumerable<DoseAtAlphaBeta> rows)
        {
            foreach (var a in rows) w.WriteLine($"  α/β {N(a.AlphaBetaGy),-4} BED {N(a.BedGy),7} Gy   EQD2 {N(a.Eqd2Gy),7} Gy");
        }
        foreach (var c in d.Courses)
        {
            w.WriteLine($"{c.Plan}: {N(c.PhysicalDoseGy)} Gy in {c.Fractions} fraction(s) of {N(c.DosePerFractionGy)} Gy");
            Rows(c.AtAlphaBeta);
            foreach (var l in c.IfCordPointMaximum ?? [])
                w.WriteLine($"  as a cord point maximum: {(l.Within ? "within" : "above")} {N(l.LimitGy)} Gy for {c.Fractions} fraction(s) ({l.Risk}; {l.Citation})");
        }
        if (d.Courses.Count > 1)
        {
            w.WriteLine($"Cumulative over {d.Courses.Count} courses:");
            Rows(d.Cumulative.AtAlphaBeta);
        }
        w.WriteLine($"If this were the spinal cord dose: {d.IfSpinalCordDose.ConventionalRisk}.");
        foreach (var x in d.Warnings) w.WriteLine($"warning: {x}");
        w.WriteLine(Assessment.Caveat);
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
