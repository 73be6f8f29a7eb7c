namespace MyeloDx.Fhir.Tests;

/// <summary>
/// The FHIR JSON written and read, compared with checked-in files in golden/: a rich case exported as a Bundle (fixed
/// clock; ids are derived from the case, so the same case gives the same bytes), and a foreign Bundle imported into a
/// case with the importer's notes. The assessment resources are left out on purpose: their numbers follow the
/// knowledge base, which changes on its own schedule, and the export tests check their shape. After an intended
/// change: tests/approve-golden.sh, then review the diff.
/// </summary>
public sealed class GoldenTests
{
    [Fact]
    public void A_rich_case_exports_to_the_golden_bundle() =>
        Golden.Matches("rich-case.bundle.json", Fixture.Exporter.ExportJson(Fixture.LoadCase("rich-case.json")));

    [Fact]
    public void A_foreign_bundle_imports_to_the_golden_case_and_notes()
    {
        var r = FhirImporter.Import(Fixture.Data("foreign-bundle.json"), "foreign.json", FhirImportPolicy.Recoverable, new FakeTimeProvider(Fixture.Now));
        var notes = string.Join("\n", r.Notes.Select(n => n.OneLine));
        Golden.Matches("foreign-bundle.case.txt", Core.Cases.CaseJson.Write(r.Case) + "\n\n" + notes + "\n");
    }
}
