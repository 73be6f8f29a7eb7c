using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Assessment = MyeloDx.Core.Inference.Assessment;

namespace MyeloDx.Fhir.Tests;

public sealed class ExportTests(ValidatorFixture v) : IClassFixture<ValidatorFixture>
{
    private static (Bundle Bundle, Assessment Assessment) Demo(string file = "seed-case.json")
    {
        var c = Fixture.LoadCase(file);
        var a = Fixture.Service.Assess(c);
        return (Fixture.Exporter.Export(c, a), a);
    }

    private static List<T> All<T>(Bundle b) => b.Entry.Select(e => e.Resource).OfType<T>().ToList();

    [Fact]
    public void Demo_bundle_holds_the_case_and_assessment_resources()
    {
        var (b, _) = Demo();
        Assert.Equal(Bundle.BundleType.Collection, b.Type);
        Assert.Single(All<Hl7.Fhir.Model.Patient>(b));
        var types = b.Entry.Select(e => e.Resource!.TypeName).ToHashSet();
        foreach (var t in new[] { "Condition", "Observation", "Procedure", "MedicationStatement", "DiagnosticReport", "ImagingStudy", "DocumentReference", "RiskAssessment", "ClinicalImpression" })
            Assert.Contains(t, types);
        Assert.Equal(3, All<Condition>(b).Count(c => FhirCodes.RoleOf(c) == "metastasis"));
        var rt = Assert.Single(All<Procedure>(b));
        Assert.Equal(FhirCodes.SctRadiotherapyCourse, FhirCodes.CodeIn(rt.Code, FhirCodes.Snomed));
    }

    [Fact]
    public void Risk_assessment_has_one_prediction_per_diagnosis_in_ranked_order_summing_to_one()
    {
        var (b, a) = Demo();
        var risk = Assert.Single(All<RiskAssessment>(b));
        Assert.Equal(a.Differential.Select(d => d.Id), risk.Prediction.Select(p => FhirCodes.CodeIn(p.Outcome, FhirCodes.Diagnosis)));
        var sum = risk.Prediction.Sum(p => ((FhirDecimal)p.Probability!).Value!.Value);
        Assert.Equal(1m, sum, 4);
        Assert.Contains("does not replace, clinical judgment", risk.Note.Single().Text);
        Assert.All(risk.Basis, r => Assert.Contains(b.Entry, e => e.FullUrl == r.Reference));
    }

    [Fact]
    public void Clinical_impression_points_at_the_problem_findings_and_risk_assessment()
    {
        var (b, a) = Demo();
        var ci = Assert.Single(All<ClinicalImpression>(b));
        Assert.Equal(ClinicalImpression.ClinicalImpressionStatus.Completed, ci.Status);
        Assert.Equal(a.Leading.Id, FhirCodes.CodeIn(ci.Finding[0].ItemCodeableConcept, FhirCodes.Diagnosis));
        var riskUrl = b.Entry.Single(e => e.Resource is RiskAssessment).FullUrl;
        Assert.Equal(riskUrl, ci.PrognosisReference.Single().Reference);
        var problem = b.Entry.Single(e => e.FullUrl == ci.Problem.Single().Reference).Resource!;
        Assert.Equal("myelopathy", FhirCodes.RoleOf(problem));
        // R4 allows only Observation, DiagnosticReport, ImagingStudy... as investigation items
        var allowed = new[] { "Observation", "DiagnosticReport", "ImagingStudy", "RiskAssessment", "QuestionnaireResponse", "FamilyMemberHistory", "Media" };
        Assert.All(ci.Investigation.Single().Item, i => Assert.Contains(b.Entry.Single(e => e.FullUrl == i.Reference).Resource!.TypeName, allowed));
    }

    [Fact]
    public void A_written_report_travels_as_a_diagnostic_report_and_is_not_read_back()
    {
        var c = Fixture.LoadCase("seed-case.json");
        var a = Fixture.Service.Assess(c);
        var html = System.Text.Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>report</body></html>");
        var b = Fixture.Exporter.Export(c, a, new PresentedReport("Case report", "text/html", html));
        var dr = All<DiagnosticReport>(b).Single(d => FhirCodes.RoleOf(d) == "written-report");
        Assert.Equal(html, dr.PresentedForm.Single().Data);
        Assert.Contains("does not replace, clinical judgment", dr.Conclusion);
        var r = FhirImporter.Import(FhirJson.Serialize(b), "b.json", FhirImportPolicy.Strict);
        Assert.Equal(Fixture.Canonical(c), Fixture.Canonical(r.Case));
        Assert.Equal(4, r.Notes.Count(n => n.Code == "MDX-FH102"));
    }

    [Fact]
    public void Export_is_deterministic_for_the_same_case_and_clock()
    {
        var c = Fixture.LoadCase("rich-case.json");
        var a = Fixture.Service.Assess(c);
        Assert.Equal(Fixture.Exporter.ExportJson(c, a), Fixture.Exporter.ExportJson(c, a));
        Assert.Contains("2030-01-02T03:04:05", Fixture.Exporter.ExportJson(c, a));
    }

    [Fact]
    public void Unknown_fields_produce_no_resources()
    {
        var b = Fixture.Exporter.Export(new Core.Cases.Case { Patient = new Core.Cases.Patient { AgeYears = 40 } });
        Assert.Equal(["Patient", "Observation"], b.Entry.Select(e => e.Resource!.TypeName));
    }

    [Theory]
    [InlineData("seed-case.json")]
    [InlineData("rich-case.json")]
    public void Exported_bundle_validates_against_fhir_r4(string file)
    {
        var (b, _) = Demo(file);
        var errors = v.Validator.Validate(b).Where(i => i.Severity == FhirIssueSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_validator_does_find_errors()
    {
        var (b, _) = Demo();
        var obs = All<Observation>(b).First();
        obs.Status = null; // required in R4
        var errors = v.Validator.Validate(b).Where(i => i.Severity == FhirIssueSeverity.Error).ToList();
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void MyeloDx_extensions_are_checked_against_their_definitions()
    {
        var (b, _) = Demo();
        var all = v.Validator.Validate(b);
        Assert.DoesNotContain(all, i => i.Message.Contains(FhirCodes.Base + "/StructureDefinition", StringComparison.Ordinal)); // every own extension resolves
        var primary = All<Condition>(b).Single(c => FhirCodes.RoleOf(c) == "primary-cancer");
        primary.Extension.Single(e => e.Url == FhirCodes.ExtTumourGrade).Value = new FhirString("three");
        var errors = v.Validator.Validate(b).Where(i => i.Severity == FhirIssueSeverity.Error).ToList();
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Extension_definitions_state_their_urls_and_contexts()
    {
        var defs = ExtensionDefinitions.All();
        Assert.Equal(defs.Count, defs.Select(d => d.Url).Distinct().Count());
        Assert.All(defs, d => Assert.StartsWith(FhirCodes.Base, d.Url));
        Assert.All(defs, d => Assert.NotEmpty(d.Context));
    }

    [Fact]
    public void Serialized_bundle_is_r4_json_with_a_resource_type()
    {
        var json = JsonNode.Parse(FhirJson.Serialize(Demo().Bundle))!;
        Assert.Equal("Bundle", (string?)json["resourceType"]);
        Assert.All(json["entry"]!.AsArray(), e => Assert.StartsWith("urn:uuid:", (string?)e!["fullUrl"]));
    }
}
