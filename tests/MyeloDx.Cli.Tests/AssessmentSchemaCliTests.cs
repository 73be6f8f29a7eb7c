using System.Text.Json;
using Json.Schema;

namespace MyeloDx.Cli.Tests;

/// <summary>
/// What `assess --format json` prints validates against docs/assessment.schema.json (the schema generated from the
/// contract types): the demo case, structured samples, a free-text note with --explain-text, a what-if with
/// --sensitivity. A property printed but not in the types, or of another type, fails here.
/// </summary>
public sealed class AssessmentSchemaCliTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(
        File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "docs", "assessment.schema.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static readonly string Note = string.Join(' ',
        "A 58-year-old man with lung adenocarcinoma metastatic to bone has had thoracic back pain for three weeks",
        "and over two days weakness of both legs with numbness below the umbilicus and urinary retention.",
        "He received 30 Gy in 10 fractions to T6-T9 eight months ago. MRI shows an epidural mass at T7 compressing the cord.");

    public static TheoryData<string[]> Runs() => new()
    {
        new[] { "assess", "--format", "json" },
        new[] { "assess", Path.Combine(CliProcess.RepoRoot, "samples", "vignette-epidural-compression.json"), "--format", "json" },
        new[] { "assess", Path.Combine(CliProcess.RepoRoot, "samples", "vignette-lm-vs-imscm.json"), "--format", "json", "--prior-context", "case_reports" },
        new[] { "assess", Path.Combine(CliProcess.RepoRoot, "samples", "vignette-suspected-compression-before-mri.json"), "--format", "json", "--sensitivity", "--set", "back_pain=absent" },
        new[] { "assess", Path.Combine(CliProcess.RepoRoot, "tests", "TestData", "decision-cases", "08-dural-arteriovenous-fistula-leading-avoid-steroids.json"), "--format", "json" },
    };

    [Theory, MemberData(nameof(Runs))]
    public void Assess_json_output_validates_against_the_generated_schema(string[] args)
    {
        var r = CliProcess.Run(args);
        Assert.Equal(0, r.ExitCode);
        AssertValid(r.Out);
    }

    [Fact]
    public void Free_text_with_explain_text_validates_against_the_generated_schema()
    {
        var path = Path.Combine(Path.GetTempPath(), $"myelodx-schema-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, Note);
        try
        {
            var r = CliProcess.Run("assess", path, "--format", "json", "--explain-text");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            Assert.True(doc.RootElement.TryGetProperty("textAnalysis", out _), "textAnalysis missing");
            AssertValid(r.Out);
        }
        finally { File.Delete(path); }
    }

    private static void AssertValid(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = Schema.Evaluate(doc.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        Assert.True(result.IsValid, errors);
    }
}
