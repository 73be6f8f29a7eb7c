using System.Text.Json.Nodes;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;

namespace MyeloDx.Web;

/// <summary>Renders a case report (md, html or pdf). Provided by the reports feature; absent in builds without it.</summary>
public interface ICaseReportRenderer
{
    /// <summary>The formats this renderer can produce (e.g. md, html, pdf).</summary>
    IReadOnlyCollection<string> Formats { get; }
    /// <param name="kind">case-report (the seed's structure) or summary (one page for the chart).</param>
    (byte[] Content, string ContentType, string Extension) Render(CaseInput input, Assessment assessment, JsonObject assessmentJson, string format, string kind, string title);
}

/// <summary>Exports a case and its assessment as a FHIR R4 Bundle (JSON). Provided by the FHIR feature.</summary>
public interface ICaseFhirExporter
{
    string Export(CaseInput input, Assessment assessment);
}

/// <summary>The radiotherapy calculator behind POST /api/dose. Provided by the dose feature.</summary>
public interface IDoseCalculator
{
    /// <summary>Plans such as "30 Gy/10"; returns the same JSON as `myelodx dose --format json`.</summary>
    JsonObject Calculate(IReadOnlyList<string> plans, double? alphaBeta);
}
