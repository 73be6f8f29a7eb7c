using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyeloDx.Cli.Tests;

public class FhirCommandTests
{
    private static string ExportDemo()
    {
        var path = Path.Combine(Path.GetDirectoryName(CliProcess.Temp("x", ""))!, "bundle.json");
        var r = CliProcess.Run("fhir", "export", "-o", path);
        Assert.Equal(0, r.ExitCode);
        return path;
    }

    [Fact]
    public void Exported_demo_bundle_assesses_to_the_same_leading_diagnosis()
    {
        var bundle = ExportDemo();
        var types = JsonNode.Parse(File.ReadAllText(bundle))!["entry"]!.AsArray().Select(e => (string)e!["resource"]!["resourceType"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "Patient", "Condition", "Observation", "RiskAssessment", "ClinicalImpression" }, types);
        var r = CliProcess.Run("assess", bundle, "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("intramedullary_metastasis", doc.RootElement.GetProperty("leading").GetString());
        Assert.Equal("", r.Err); // MyeloDx's own assessment resources are recomputed silently
    }

    [Fact]
    public void Import_prints_the_same_case_as_the_demo()
    {
        var r = CliProcess.Run("fhir", "import", ExportDemo());
        Assert.Equal(0, r.ExitCode);
        var seed = JsonNode.Parse(File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "samples", "seed-case.json")));
        Assert.True(JsonNode.DeepEquals(seed, JsonNode.Parse(r.Out)), r.Out);
    }

    [Fact]
    public void Exported_bundle_validates()
    {
        var r = CliProcess.Run("fhir", "validate", ExportDemo());
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Bundle: 0 error(s)", r.Out);
    }

    [Fact]
    public void A_resource_that_is_not_a_bundle_is_refused_with_a_code()
    {
        var path = CliProcess.Temp("patient.json", """{"resourceType":"Patient","gender":"male"}""");
        foreach (var args in new[] { new[] { "fhir", "import", path }, new[] { "assess", path } })
        {
            var r = CliProcess.Run(args);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("MDX-FH001", r.Err);
        }
    }

    [Fact]
    public void Unmapped_resources_are_reported_on_stderr_and_strict_import_fails()
    {
        var b = JsonNode.Parse(File.ReadAllText(ExportDemo()))!.AsObject();
        var patientUrl = (string)b["entry"]![0]!["fullUrl"]!;
        b["entry"]!.AsArray().Add(new JsonObject
        {
            ["fullUrl"] = "urn:uuid:0f0e0d0c-0b0a-4909-8807-060504030201",
            ["resource"] = new JsonObject { ["resourceType"] = "AllergyIntolerance", ["patient"] = new JsonObject { ["reference"] = patientUrl } },
        });
        var path = CliProcess.Temp("with-allergy.json", b.ToJsonString());
        var r = CliProcess.Run("fhir", "import", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("MDX-FH100", r.Err);
        Assert.Contains("AllergyIntolerance", r.Err);
        var strict = CliProcess.Run("fhir", "import", "--strict", path);
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("MDX-FH100", strict.Err);
    }
}
