using System.CommandLine;
using System.Text;
using MyeloDx.Core.Errors;
using MyeloDx.Reports;
using MyeloDx.Reports.Writers;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// `myelodx report [FILE] [--kind case-report|summary] [--format md|html|pdf] [-o PATH] [--image FILE --caption TEXT]...`.
/// Markdown and HTML go to stdout unless -o is given. A PDF is binary: it needs -o, or a redirected stdout
/// (`myelodx report --format pdf > x.pdf`); on a terminal it is refused with MDX-CLI010 rather than printed.
/// </summary>
internal sealed class ReportCommand : ICommandProvider
{
    public Command Create()
    {
        var file = new Argument<string?>("file") { Description = "A structured case (.json), a FHIR Bundle, or free text. Omit for the built-in demo case.", Arity = ArgumentArity.ZeroOrOne };
        var kind = new Option<string>("--kind", "-k") { Description = "case-report (the structure of a published case report) or summary (one page for the chart)", DefaultValueFactory = _ => "case-report" };
        kind.AcceptOnlyFromAmong("case-report", "summary");
        var format = new Option<string>("--format", "-f") { Description = "md, html or pdf", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "markdown", "html", "pdf");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout (required for pdf unless stdout is redirected)" };
        var context = new Option<string?>("--prior-context") { Description = "Population the priors describe (see `myelodx knowledge`)" };
        var images = new Option<string[]>("--image") { Description = "A key image (PNG or JPEG) placed as Figure 1 with its --caption; repeatable, paired with --caption in order", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var captions = new Option<string[]>("--caption") { Description = "The legend of the --image at the same position", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("report", "Write the case up: a case report in the structure of a published case report, or a one-page clinician summary, as Markdown, HTML or PDF.")
            { file, kind, format, output, context, images, captions };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var fmt = r.GetValue(format)!;
            var outPath = r.GetValue(output);
            if (fmt == "pdf" && outPath is null && !Console.IsOutputRedirected)
                throw new InputException("MDX-CLI010", "--output", "a PDF is binary: give -o PATH, or redirect stdout to a file");
            if (outPath is not null) CheckWritable(outPath);

            var keyImages = ReadImages(r.GetValue(images) ?? [], r.GetValue(captions) ?? []);
            var path = r.GetValue(file);
            var input = InputReader.FromFile(path);
            var svc = Services.Assessment;
            var a = svc.Assess(input, r.GetValue(context));
            var document = svc.Document(input, a);
            var reportKind = r.GetValue(kind) == "summary" ? ReportKind.ClinicianSummary : ReportKind.CaseReport;
            var doc = new ReportBuilder(TimeProvider.System).Build(reportKind, new ReportInput(input, a, svc.Knowledge, document) { Images = keyImages });

            if (fmt == "pdf")
            {
                var bytes = PdfWriter.Write(doc);
                if (outPath is not null) AtomicFile.Write(outPath, bytes);
                else
                {
                    using var stdout = Console.OpenStandardOutput();
                    stdout.Write(bytes);
                }
            }
            else
            {
                var text = fmt == "html" ? HtmlWriter.Write(doc) : MarkdownWriter.Write(doc);
                if (outPath is not null) AtomicFile.Write(outPath, text);
                else Console.Out.Write(text);
            }
            if (outPath is not null) Console.Error.WriteLine($"wrote {outPath}");
            return CliRunner.Ok;
        }));
        return cmd;
    }

    /// <summary>Each --image with its --caption, checked by content, size-limited and re-encoded without metadata.</summary>
    private static List<MyeloDx.Reports.Images.KeyImage> ReadImages(string[] files, string[] captions)
    {
        if (files.Length != captions.Length)
            throw new InputException("MDX-IMG004", "--caption", $"give one --caption per --image ({files.Length} image(s), {captions.Length} caption(s))");
        var list = new List<MyeloDx.Reports.Images.KeyImage>();
        for (var i = 0; i < files.Length; i++)
        {
            var f = files[i];
            if (!File.Exists(f)) throw new InputException("MDX-IN040", f, "no such image file");
            if (new FileInfo(f).Length > MyeloDx.Reports.Images.KeyImages.MaxBytes)
                throw new InputException("MDX-IMG002", f, $"the image is larger than {MyeloDx.Reports.Images.KeyImages.MaxBytes / 1024 / 1024} MB");
            list.Add(MyeloDx.Reports.Images.KeyImages.Clean(File.ReadAllBytes(f), captions[i], f));
        }
        return list;
    }

    /// <summary>Fails early (before any work) when the output cannot be written.</summary>
    internal static void CheckWritable(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new InputException("MDX-IN040", path, "is a directory; give a file name");
        var dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir)) throw new InputException("MDX-IN040", path, "the folder does not exist");
    }
}
