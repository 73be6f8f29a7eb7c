using MyeloDx.Core.Contract;
using System.CommandLine;
using System.Globalization;
using System.Text;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Services;
using MyeloDx.Fhir;
using MyeloDx.Reports;
using MyeloDx.Reports.Writers;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// `myelodx fhir export [FILE] [-o PATH]`: the case and its assessment as a FHIR R4 Bundle (stdout without -o).
/// `myelodx fhir import FILE [--strict]`: a Bundle back to the case JSON (stdout); unmapped resources are listed on stderr.
/// `myelodx fhir validate FILE`: checks a Bundle against the FHIR R4 core specification, offline.
/// </summary>
internal sealed class FhirCommand : ICommandProvider
{
    public Command Create()
    {
        var cmd = new Command("fhir", "Exchange cases with hospital systems as FHIR R4 Bundles.");
        cmd.Subcommands.Add(Export());
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(Validate());
        return cmd;
    }

    private static Command Export()
    {
        var file = new Argument<string?>("file") { Description = "A structured case (.json), free text or a Bundle. Omit for the built-in demo case.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "Write the Bundle here instead of stdout" };
        var noAssessment = new Option<bool>("--no-assessment") { Description = "Export the case only, without the RiskAssessment and ClinicalImpression" };
        var context = new Option<string?>("--prior-context") { Description = "Population the priors describe (see `myelodx knowledge`)" };
        var withReport = new Option<bool>("--with-report") { Description = "Also carry the HTML case report as a DiagnosticReport (presentedForm)" };
        var cmd = new Command("export", "Write the case and its assessment as a FHIR R4 Bundle.") { file, output, noAssessment, context, withReport };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var outPath = r.GetValue(output);
            if (outPath is not null) ReportCommand.CheckWritable(outPath);
            var input = InputReader.FromFile(r.GetValue(file));
            var a = r.GetValue(noAssessment) ? null : Services.Assessment.Assess(input, r.GetValue(context));
            PresentedReport? written = null;
            // Computed once: the report (when asked for) and the Bundle's recommendation resources share them.
            var recommendations = a is null ? null : Services.Assessment.Recommend(input, a);
            if (a is not null && r.GetValue(withReport))
            {
                var doc = new ReportBuilder(TimeProvider.System).Build(ReportKind.CaseReport,
                    new ReportInput(input, a, Services.Assessment.Knowledge, Services.Assessment.Document(input, a, recommendations)));
                written = new PresentedReport(doc.Title, "text/html", Encoding.UTF8.GetBytes(HtmlWriter.Write(doc)));
            }
            var json = new FhirExporter(TimeProvider.System).ExportJson(CaseForExport(input), a, written, recommendations: recommendations);
            if (outPath is null) Console.Out.WriteLine(json);
            else
            {
                AtomicFile.Write(outPath, json + "\n");
                Console.Error.WriteLine($"wrote {outPath}");
            }
            return CliRunner.Ok;
        }));
        return cmd;
    }

    /// <summary>The case to export (see <see cref="FhirExportCase"/>).</summary>
    internal static Case CaseForExport(CaseInput input) => Services.Host.CaseForExport(input);

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "A FHIR R4 Bundle (JSON)" };
        var strict = new Option<bool>("--strict") { Description = "Fail on the first resource that cannot be mapped (default: report it and go on)" };
        var cmd = new Command("import", "Read a FHIR R4 Bundle into a MyeloDx case and print the case JSON.") { file, strict };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var path = r.GetValue(file)!;
            var result = FhirImporter.Import(ReadText(path), path, r.GetValue(strict) ? FhirImportPolicy.Strict : FhirImportPolicy.Recoverable, TimeProvider.System);
            foreach (var n in result.Notes) Console.Error.WriteLine("note " + n.OneLine);
            Console.Out.WriteLine(CaseJson.Write(result.Case));
            return CliRunner.Ok;
        }));
        return cmd;
    }

    private static Command Validate()
    {
        var file = new Argument<string>("file") { Description = "A FHIR R4 resource or Bundle (JSON)" };
        var cmd = new Command("validate", "Validate FHIR R4 JSON against the core specification (offline). Exit 0 when there is no error, 2 otherwise.") { file };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var path = r.GetValue(file)!;
            var resource = FhirJson.Parse(ReadText(path), path);
            var issues = new FhirValidator().Validate(resource);
            foreach (var i in issues.Where(i => i.Severity != FhirIssueSeverity.Information)) Console.Out.WriteLine(i);
            var errors = issues.Count(i => i.Severity == FhirIssueSeverity.Error);
            var warnings = issues.Count(i => i.Severity == FhirIssueSeverity.Warning);
            Console.Out.WriteLine($"{resource.TypeName}: {errors} error(s), {warnings} warning(s)");
            if (errors == 0) return CliRunner.Ok;
            Console.Error.WriteLine($"error MDX-FH020 at {path}: the resource does not validate against FHIR R4 ({errors} error(s))");
            return CliRunner.BadInput;
        }));
        return cmd;
    }

    private static string ReadText(string path)
    {
        if (!File.Exists(path)) throw new InputException("MDX-IN010", path, "file not found");
        var len = new FileInfo(path).Length;
        if (len == 0) throw new InputException("MDX-IN011", path, "the file is empty");
        if (len > InputReader.MaxFileBytes) throw new InputException("MDX-IN012", path, $"the file is {len / 1024 / 1024.0:0.#} MB; the limit is {InputReader.MaxFileBytes / 1024 / 1024} MB");
        return InputReader.DecodeText(File.ReadAllBytes(path), path);
    }
}
