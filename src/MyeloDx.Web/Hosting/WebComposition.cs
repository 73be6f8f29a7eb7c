using System.Text;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using MyeloDx.Fhir;
using MyeloDx.Reports;
using MyeloDx.Reports.Writers;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Hosting;

/// <summary>
/// The web app's features over one <see cref="MyeloDxHost"/>: text reader, FHIR import/export, reports, dose calculator,
/// note marks, key images. `myelodx serve`, the standalone host and the web tests all get them here.
/// </summary>
internal static class WebComposition
{
    public static WebFeatures Features(MyeloDxHost host) => new()
    {
        Assessment = host.Assessment,
        TextReader = new LazyTextReader(host),
        FhirImporter = new WebFhirImporter(),
        DoseCalculator = new DoseCalculator(host.Pipeline),
        ReportRenderer = new ReportRenderer(host),
        FhirExporter = new BundleExporter(host),
        NoteExplainer = new WebNoteExplainer(host.Assessment.Knowledge, host),
        ImageCleaner = new WebKeyImageCleaner(),
    };

    /// <summary>The host's text reader, created when the first note arrives (not at start-up).</summary>
    private sealed class LazyTextReader(MyeloDxHost host) : ITextCaseReader
    {
        public CaseInput Read(string text) => host.TextReader.Read(text);
    }

    /// <summary>POST /api/dose: the same computation and JSON as `myelodx dose --format json`.</summary>
    private sealed class DoseCalculator(MyeloDxPipeline pipeline) : IDoseCalculator
    {
        public DoseDocument Calculate(IReadOnlyList<string> plans, double? alphaBeta) =>
            DoseCalculation.Calculate(plans, alphaBeta, pipeline.Radiotherapy, i => $"body.plans[{i}]", "body.alphaBeta");
    }

    /// <summary>GET /api/cases/{id}/report: the same report as `myelodx report`.</summary>
    private sealed class ReportRenderer(MyeloDxHost host) : ICaseReportRenderer
    {
        public IReadOnlyCollection<string> Formats { get; } = ["md", "html", "pdf"];

        public (byte[] Content, string ContentType, string Extension) Render(CaseInput input, Assessment assessment, AssessmentDocument document, string format, string kind, string title, IReadOnlyList<CaseImage>? images = null)
        {
            var k = kind == "summary" ? ReportKind.ClinicianSummary : ReportKind.CaseReport;
            var doc = new ReportBuilder(TimeProvider.System).Build(k, new ReportInput(input, assessment, host.Assessment.Knowledge, document) { Images = WebKeyImages.ForReport(images ?? []) });
            return format switch
            {
                "pdf" => (PdfWriter.Write(doc), "application/pdf", "pdf"),
                "html" => (Encoding.UTF8.GetBytes(HtmlWriter.Write(doc)), "text/html; charset=utf-8", "html"),
                _ => (Encoding.UTF8.GetBytes(MarkdownWriter.Write(doc)), "text/markdown; charset=utf-8", "md"),
            };
        }
    }

    /// <summary>GET /api/cases/{id}/fhir: the same Bundle as `myelodx fhir export`.</summary>
    private sealed class BundleExporter(MyeloDxHost host) : ICaseFhirExporter
    {
        public string Export(CaseInput input, Assessment assessment, IReadOnlyList<CaseImage>? images = null) =>
            new FhirExporter(TimeProvider.System).ExportJson(host.CaseForExport(input), assessment, images: WebKeyImages.ForFhir(images ?? []),
                recommendations: host.Assessment.Recommend(input, assessment));
    }
}
