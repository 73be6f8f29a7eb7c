using MyeloDx.Core.Cases;
using MyeloDx.Core.Services;
using MyeloDx.Fhir;
using MyeloDx.Text;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Hosting;

/// <summary>
/// The whole program composed once: the <see cref="MyeloDxPipeline"/> (knowledge, engine, decisions) with the front
/// ends over it (the text reader, the FHIR importer and exporter, the reports). The CLI, `myelodx serve`, the standalone
/// web host and the tests all build this one object, so no host assembles its own variant and no feature is optional.
/// </summary>
public sealed class MyeloDxHost
{
    private readonly Lazy<ClinicalTextReader> _text;

    private MyeloDxHost(MyeloDxPipeline pipeline)
    {
        Pipeline = pipeline;
        // Lazy: commands that never read text (dose, knowledge) do not load the text rules.
        _text = new(() => ClinicalTextReader.Create(pipeline.Service), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static MyeloDxHost Create(MyeloDxOptions? options = null) => new(MyeloDxPipeline.Create(options));

    public MyeloDxPipeline Pipeline { get; }

    public AssessmentService Assessment => Pipeline.Service;

    /// <summary>The clinical text reader over this pipeline's knowledge (rules loaded strictly on first use).</summary>
    public ClinicalTextReader TextReader => _text.Value;

    /// <summary>
    /// The case to export as FHIR. A case read from free text keeps what the reader extracted as findings by id, so the
    /// Bundle carries everything the assessment weighed.
    /// </summary>
    public Case CaseForExport(CaseInput input) => FhirExportCase.For(input, Assessment);

    /// <summary>What the web app is given: every feature, over this one pipeline.</summary>
    public WebFeatures WebFeatures() => WebComposition.Features(this);
}
