using System.Text.Json;
using Json.Schema;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Contract;

/// <summary>
/// docs/assessment.schema.json is the schema the exporter generates from the contract types today, and the documents
/// the pipeline writes validate against it. After an intended contract change: MYELODX_UPDATE_GOLDEN=1 dotnet test
/// tests/MyeloDx.Core.Tests --filter AssessmentSchemaTests, then review the diff of the schema.
/// </summary>
public sealed class AssessmentSchemaTests
{
    private static string SchemaPath => Path.Combine(Repo.Root, "docs", "assessment.schema.json");

    internal static JsonSchema Load() =>
        JsonSchema.FromText(File.ReadAllText(SchemaPath), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    internal static string Errors(EvaluationResults r) =>
        string.Join("; ", (r.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Fact]
    public void Checked_in_schema_equals_the_one_generated_from_the_contract_types()
    {
        var generated = AssessmentSchema.Generate();
        if (Environment.GetEnvironmentVariable("MYELODX_UPDATE_GOLDEN") == "1") File.WriteAllText(SchemaPath, generated);
        Assert.True(File.Exists(SchemaPath), "docs/assessment.schema.json is missing: run with MYELODX_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(SchemaPath).ReplaceLineEndings("\n"), generated);
    }

    public static TheoryData<string> Cases() => new(
        Path.Combine(Repo.Root, "samples", "seed-case.json"),
        Path.Combine(Repo.Root, "samples", "vignette-epidural-compression.json"),
        Path.Combine(Repo.Root, "samples", "vignette-lm-vs-imscm.json"),
        Path.Combine(Repo.Root, "samples", "vignette-suspected-compression-before-mri.json"));

    [Theory, MemberData(nameof(Cases))]
    public void Assessment_document_of_a_sample_case_validates_against_the_schema(string path)
    {
        var svc = Repo.Service;
        var input = svc.FromCase(CaseJson.Parse(File.ReadAllText(path), Path.GetFileName(path)));
        var json = ContractJson.Write(svc.Document(input, svc.Assess(input)));
        using var doc = JsonDocument.Parse(json);
        var r = Load().Evaluate(doc.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(r.IsValid, Errors(r));
    }

    [Fact]
    public void Schema_rejects_a_document_without_its_differential_or_with_an_unknown_verdict()
    {
        var svc = Repo.Service;
        var input = svc.FromCase(CaseJson.Parse(File.ReadAllText(Path.Combine(Repo.Root, "samples", "seed-case.json")), "seed"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(ContractJson.Write(svc.Document(input, svc.Assess(input))))!.AsObject();
        var schema = Load();
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };

        var withoutDifferential = node.DeepClone().AsObject();
        withoutDifferential.Remove("differential");
        Assert.False(schema.Evaluate(JsonDocument.Parse(withoutDifferential.ToJsonString()).RootElement.Clone(), options).IsValid);

        var badDirection = node.DeepClone().AsObject();
        badDirection["differential"]![0]!["supporting"]![0]!["direction"] = "sideways";
        Assert.False(schema.Evaluate(JsonDocument.Parse(badDirection.ToJsonString()).RootElement.Clone(), options).IsValid);
    }
}
