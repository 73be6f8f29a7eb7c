using MyeloDx.Core.Cases;
using MyeloDx.Fhir;

namespace MyeloDx.Cli;

/// <summary>FHIR import for `assess`, `report` and `batch`: a Bundle becomes a case; what could not be mapped is reported on stderr.</summary>
internal static partial class InputReader
{
    static partial void Fhir(string json, string where, ref Case? result)
    {
        var r = FhirImporter.Import(json, where, FhirImportPolicy.Recoverable, TimeProvider.System);
        foreach (var n in r.Notes.Where(n => n.Code != "MDX-FH102")) Console.Error.WriteLine("note " + n.OneLine);
        result = r.Case;
    }
}
