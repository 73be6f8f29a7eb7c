using System.Text.Json.Nodes;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Fhir.Tests;

internal static class Fixture
{
    public static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static FhirExporter Exporter => new(new FakeTimeProvider(Now));

    public static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static Case LoadCase(string name) => CaseJson.Parse(Data(name), name);

    private static readonly Lazy<AssessmentService> Real = new(() =>
        AssessmentService.CreateDefault(KnowledgeLoader.Load(AssessmentService.DefaultKnowledgeFolder())));

    public static AssessmentService Service => Real.Value;

    /// <summary>The canonical JSON of a case, for comparing cases by value.</summary>
    public static string Canonical(Case c) => CaseJson.Write(CaseNormalizer.Normalize(c));

    public static JsonObject Node(string json) => JsonNode.Parse(json)!.AsObject();
}

/// <summary>The FHIR validator loads the R4 specification once (seconds) and is shared by the tests that need it.</summary>
public sealed class ValidatorFixture
{
    public FhirValidator Validator { get; } = new();
}
