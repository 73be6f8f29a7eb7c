using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;

namespace MyeloDx.Web;

/// <summary>Renders a case report (md, html or pdf). Provided by the reports feature; absent in builds without it.</summary>
public interface ICaseReportRenderer
{
    /// <summary>The formats this renderer can produce (e.g. md, html, pdf).</summary>
    IReadOnlyCollection<string> Formats { get; }
    /// <param name="kind">case-report (the seed's structure) or summary (one page for the chart).</param>
    /// <param name="images">The case's key images, placed as Figure 1, 2... with their legends (none when null).</param>
    (byte[] Content, string ContentType, string Extension) Render(CaseInput input, Assessment assessment, AssessmentDocument document, string format, string kind, string title, IReadOnlyList<CaseImage>? images = null);
}

/// <summary>Exports a case and its assessment as a FHIR R4 Bundle (JSON). Provided by the FHIR feature.</summary>
public interface ICaseFhirExporter
{
    /// <param name="images">The case's key images, carried as Media resources (none when null).</param>
    string Export(CaseInput input, Assessment assessment, IReadOnlyList<CaseImage>? images = null);
}

/// <summary>
/// Checks and cleans an uploaded key image: recognised by content (PNG or JPEG), size-limited, decoded and re-encoded
/// so that no metadata (EXIF, GPS location) survives. Provided by the reports feature.
/// </summary>
public interface IKeyImageCleaner
{
    /// <summary>The largest file accepted (bytes).</summary>
    long MaxBytes { get; }
    /// <summary>The cleaned image; throws an InputException with an MDX-IMG code when the file or caption is refused.</summary>
    CleanedImage Clean(byte[] raw, string caption, string where);
    /// <summary>A corrected caption as it will be stored; throws an InputException (MDX-IMG004) when it is refused.</summary>
    string Caption(string caption, string where);
}

/// <summary>An image as the cleaner re-encoded it: nothing of the uploaded file but its pixels.</summary>
public sealed record CleanedImage(byte[] Content, string ContentType, int Width, int Height, string Caption);

/// <summary>
/// A key image of a saved case: the cleaned bytes, their type, the legend, and the version of the case that was
/// current when it was attached (it belongs to that version and to every later one).
/// </summary>
public sealed record CaseImage(long Id, int Version, string ContentType, byte[] Content, int Width, int Height, string Caption, DateTimeOffset AttachedAt);

/// <summary>The radiotherapy calculator behind POST /api/dose. Provided by the dose feature.</summary>
public interface IDoseCalculator
{
    /// <summary>Plans such as "30 Gy/10"; returns the same document as `myelodx dose --format json`.</summary>
    MyeloDx.Core.Contract.DoseDocument Calculate(IReadOnlyList<string> plans, double? alphaBeta);
}
