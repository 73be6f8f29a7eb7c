using System.Text;
using System.Text.Json.Nodes;
using MyeloDx.Cli.Commands;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using MyeloDx.Fhir;
using MyeloDx.Reports;
using MyeloDx.Reports.Writers;
using MyeloDx.Web;
using MyeloDx.Web.Input;

namespace MyeloDx.Cli;

/// <summary>
/// The one place where the web app gets the CLI's services and the features this build has (text reader, FHIR
/// import/export, reports, dose calculator). `myelodx serve` and the web tests both use it, so they run the same composition.
/// </summary>
internal static class WebComposition
{
    public static WebFeatures Features() => new()
    {
        Assessment = Services.Assessment,
        TextReader = InputReader.Clinical,
        FhirImporter = new WebFhirImporter(),
        DoseCalculator = new DoseCalculator(),
        ReportRenderer = new ReportRenderer(),
        FhirExporter = new BundleExporter(),
        NoteExplainer = new WebNoteExplainer(Services.Assessment.Knowledge),
        ImageCleaner = new WebKeyImageCleaner(),
    };

    /// <summary>POST /api/dose: the same computation and JSON as `myelodx dose --format json`.</summary>
    private sealed class DoseCalculator : IDoseCalculator
    {

        public DoseDocument Calculate(IReadOnlyList<string> plans, double? alphaBeta) =>
            DoseCalculation.Calculate(plans, alphaBeta, Services.Pipeline.Radiotherapy, i => $"body.plans[{i}]", "body.alphaBeta");
    }

    /// <summary>GET /api/cases/{id}/report: the same report as `myelodx report`.</summary>
    private sealed class ReportRenderer : ICaseReportRenderer
    {
        public IReadOnlyCollection<string> Formats { get; } = ["md", "html", "pdf"];

        public (byte[] Content, string ContentType, string Extension) Render(CaseInput input, Assessment assessment, JsonObject assessmentJson, string format, string kind, string title, IReadOnlyList<CaseImage>? images = null)
        {
            var k = kind == "summary" ? ReportKind.ClinicianSummary : ReportKind.CaseReport;
            var doc = new ReportBuilder(TimeProvider.System).Build(k, new ReportInput(input, assessment, Services.Assessment.Knowledge, assessmentJson) { Images = WebKeyImages.ForReport(images ?? []) });
            return format switch
            {
                "pdf" => (PdfWriter.Write(doc), "application/pdf", "pdf"),
                "html" => (Encoding.UTF8.GetBytes(HtmlWriter.Write(doc)), "text/html; charset=utf-8", "html"),
                _ => (Encoding.UTF8.GetBytes(MarkdownWriter.Write(doc)), "text/markdown; charset=utf-8", "md"),
            };
        }
    }

    /// <summary>GET /api/cases/{id}/fhir: the same Bundle as `myelodx fhir export`.</summary>
    private sealed class BundleExporter : ICaseFhirExporter
    {
        public string Export(CaseInput input, Assessment assessment, IReadOnlyList<CaseImage>? images = null) =>
            new FhirExporter(TimeProvider.System).ExportJson(FhirCommand.CaseForExport(input), assessment, images: WebKeyImages.ForFhir(images ?? []),
                recommendations: Services.Assessment.Recommend(input, assessment));
    }
}
