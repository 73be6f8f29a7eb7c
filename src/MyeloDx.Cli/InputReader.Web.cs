using MyeloDx.Core.Cases;
using MyeloDx.Core.Services;
using MyeloDx.Web.Input;

namespace MyeloDx.Cli;

/// <summary>Hands the CLI's free-text reader and FHIR importer (when this build has them) to the web app.</summary>
internal static partial class InputReader
{
    public static ITextCaseReader? AvailableTextReader() => TextReaderOrNull();

    public static IFhirCaseImporter? AvailableFhirImporter()
    {
        // Probe with an empty Bundle: a build without FHIR support leaves the hook unimplemented (null).
        Case? probe = null;
        try { Fhir("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}", "probe", ref probe); }
        catch (Exception) { return new HookImporter(); }
        return probe is null ? null : new HookImporter();
    }

    private sealed class HookImporter : IFhirCaseImporter
    {
        public Case Import(string bundleJson, string where) =>
            FhirOrNull(bundleJson, where) ?? throw new MyeloDx.Core.Errors.InputException("MDX-IN031", where, "FHIR resources are not supported in this build");
    }
}
