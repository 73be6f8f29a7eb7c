using System.Text.Json.Nodes;
using MyeloDx.Core.Errors;

namespace MyeloDx.Fhir.Tests;

public sealed class ImportTests
{
    private static string DemoBundle()
    {
        var c = Fixture.LoadCase("seed-case.json");
        return Fixture.Exporter.ExportJson(c, Fixture.Service.Assess(c));
    }

    private static InputException Fails(string json) =>
        Assert.Throws<InputException>(() => FhirImporter.Import(json, "b.json"));

    private static JsonArray Entries(JsonObject b) => b["entry"]!.AsArray();

    [Fact]
    public void A_resource_that_is_not_a_bundle_is_refused()
    {
        var e = Fails("""{"resourceType":"Patient","gender":"female"}""");
        Assert.Equal("MDX-FH001", e.Code);
        Assert.Contains("Patient", e.Message);
    }

    [Theory]
    [InlineData("""{"resourceType": "Bundle", "type": """)]
    [InlineData("[1,2]")]
    public void Malformed_json_is_refused(string json) =>
        Assert.Contains(Fails(json).Code, new[] { "MDX-FH001", "MDX-FH002" });

    [Fact]
    public void An_r5_element_is_refused_with_its_place()
    {
        var b = Fixture.Node(DemoBundle());
        var ci = Entries(b).Select(e => e!["resource"]!.AsObject()).Single(r => (string?)r["resourceType"] == "ClinicalImpression");
        var finding = ci["finding"]![0]!.AsObject();
        var concept = finding["itemCodeableConcept"]!.DeepClone();
        finding.Remove("itemCodeableConcept");
        finding["item"] = new JsonObject { ["concept"] = concept }; // R5: CodeableReference
        var e = Fails(b.ToJsonString());
        Assert.Equal("MDX-FH003", e.Code);
        Assert.Contains("finding", e.Message);
        Assert.Contains("R5", e.Message);
    }

    [Fact]
    public void An_r5_bundle_element_is_refused()
    {
        var b = Fixture.Node(DemoBundle());
        b["issues"] = new JsonObject { ["resourceType"] = "OperationOutcome" };
        Assert.Equal("MDX-FH003", Fails(b.ToJsonString()).Code);
    }

    [Fact]
    public void A_resource_type_r4_does_not_have_is_refused()
    {
        var b = Fixture.Node(DemoBundle());
        Entries(b).Add(new JsonObject { ["fullUrl"] = "urn:uuid:5f7b6a4e-4d1c-4b8a-9a77-2a1a0d0d0001", ["resource"] = new JsonObject { ["resourceType"] = "Transport", ["status"] = "completed" } });
        var e = Fails(b.ToJsonString());
        Assert.Equal("MDX-FH003", e.Code);
        Assert.Contains("'Transport' is not part of FHIR R4", e.Message);
    }

    [Fact]
    public void A_broken_reference_is_refused()
    {
        var b = Fixture.Node(DemoBundle());
        Entries(b)[1]!["resource"]!["subject"]!["reference"] = "urn:uuid:00000000-0000-4000-8000-000000000000";
        var e = Fails(b.ToJsonString());
        Assert.Equal("MDX-FH004", e.Code);
        Assert.Contains("entry[1]", e.Where);
    }

    [Fact]
    public void A_bundle_without_exactly_one_patient_is_refused()
    {
        var b = Fixture.Node(DemoBundle());
        var patient = Entries(b)[0]!.DeepClone().AsObject();
        patient["fullUrl"] = "urn:uuid:5f7b6a4e-4d1c-4b8a-9a77-2a1a0d0d0002";
        Entries(b).Add(patient);
        Assert.Equal("MDX-FH005", Fails(b.ToJsonString()).Code);
        Assert.Equal("MDX-FH005", Fails("""{"resourceType":"Bundle","type":"collection"}""").Code);
    }

    [Fact]
    public void An_impossible_value_is_refused_by_the_case_rules()
    {
        var b = Fixture.Node(DemoBundle());
        var age = Entries(b).Select(e => e!["resource"]!.AsObject()).First(r => (string?)r["resourceType"] == "Observation");
        age["valueQuantity"]!["value"] = 300;
        var e = Fails(b.ToJsonString());
        Assert.StartsWith("MDX-IN", e.Code);
        Assert.Contains("ageYears", e.Where);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_refused_not_guessed()
    {
        var b = Fixture.Node(DemoBundle());
        var obs = Entries(b).Select(e => e!["resource"]!.AsObject()).First(r => r.ToJsonString().Contains("presentation.bladderDysfunction"));
        obs.Remove("valueBoolean");
        obs["valueString"] = "maybe";
        Assert.Equal("MDX-FH010", Fails(b.ToJsonString()).Code);
    }

    [Fact]
    public void A_foreign_bundle_maps_by_standard_codes_and_reports_what_it_cannot_map()
    {
        var r = FhirImporter.Import(Fixture.Data("foreign-bundle.json"), "foreign.json");
        var c = r.Case;
        Assert.Equal("female", c.Patient!.Sex);
        Assert.Equal("Ann Example", c.Patient.Name);
        Assert.Null(c.Patient.AgeYears); // no clock given: the age stays unknown
        Assert.Equal("Breast cancer", c.Cancer!.PrimarySite);
        Assert.Equal("active", c.Cancer.Status);
        Assert.Equal(["Brain"], c.Cancer.MetastaticSites!);
        Assert.True(c.Cancer.Receptors!.Her2Positive);
        Assert.Null(c.Cancer.Receptors.EstrogenPositive);
        Assert.Equal(90, c.Labs!.Csf!.ProteinMgPerDl!.Value, 6); // 0.9 g/L
        Assert.Equal("whole brain", Assert.Single(c.Treatments!.Radiotherapy!).Target);
        Assert.Equal("tamoxifen", Assert.Single(c.Treatments.Systemic!).Name);
        Assert.Contains(r.Notes, n => n.Code == "MDX-FH101" && n.Where.Contains("entry[5]")); // heart rate
        Assert.Contains(r.Notes, n => n.Code == "MDX-FH100" && n.Message.StartsWith("AllergyIntolerance"));
    }

    [Fact]
    public void A_foreign_patient_age_comes_from_the_birth_date_when_a_clock_is_given()
    {
        var r = FhirImporter.Import(Fixture.Data("foreign-bundle.json"), "foreign.json", FhirImportPolicy.Recoverable, new FakeTimeProvider(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(60, r.Case.Patient!.AgeYears);
        Assert.Contains(r.Notes, n => n.Code == "MDX-FH104");
    }

    [Fact]
    public void Strict_import_fails_on_the_first_unmapped_resource()
    {
        var e = Assert.Throws<InputException>(() => FhirImporter.Import(Fixture.Data("foreign-bundle.json"), "foreign.json", FhirImportPolicy.Strict));
        Assert.Equal("MDX-FH101", e.Code);
    }

    [Fact]
    public void The_assessment_in_a_bundle_is_recognised_and_not_read()
    {
        var r = FhirImporter.Import(DemoBundle(), "b.json", FhirImportPolicy.Strict);
        Assert.Equal(3, r.Notes.Count(n => n.Code == "MDX-FH102"));
        Assert.DoesNotContain(r.Notes, n => n.Code != "MDX-FH102");
    }

    [Fact]
    public void A_unit_it_does_not_understand_is_refused()
    {
        var b = Fixture.Node(Fixture.Data("foreign-bundle.json"));
        Entries(b)[3]!["resource"]!["valueQuantity"]!["code"] = "furlong";
        Assert.Equal("MDX-FH011", Fails(b.ToJsonString()).Code);
    }
}
