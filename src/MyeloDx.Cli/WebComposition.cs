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
        TextReader = InputReader.AvailableTextReader(),
        FhirImporter = InputReader.AvailableFhirImporter(),
    };
}
