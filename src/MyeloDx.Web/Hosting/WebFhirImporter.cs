using MyeloDx.Core.Cases;
using MyeloDx.Fhir;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Hosting;

/// <summary>The web app's FHIR import: the same importer as `assess`, recoverable (what cannot be mapped is skipped).</summary>
internal sealed class WebFhirImporter : IFhirCaseImporter
{
    public Case Import(string bundleJson, string where) =>
        FhirImporter.Import(bundleJson, where, FhirImportPolicy.Recoverable, TimeProvider.System).Case;

    public Case Import(ReadOnlyMemory<byte> bundleUtf8, string where) =>
        FhirImporter.Import(bundleUtf8, where, FhirImportPolicy.Recoverable, TimeProvider.System).Case;
}
