using System.Text.Json;
using Json.Schema;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Tests.Gold;

/// <summary>docs/case.schema.json describes the same case JSON that CaseJson.Parse accepts.</summary>
public sealed class CaseSchemaTests
{
    private readonly JsonSchema _schema = JsonSchema.FromText(File.ReadAllText(GoldCaseFiles.SchemaPath),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private EvaluationResults Evaluate(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return _schema.Evaluate(doc.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Errors(EvaluationResults r) =>
        string.Join("; ", (r.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Fact]
    public void Seed_sample_is_valid_against_the_schema_and_parses()
    {
        var json = File.ReadAllText(GoldCaseFiles.SeedPath);
        var r = Evaluate(json);
        Assert.True(r.IsValid, Errors(r));
        Assert.NotNull(CaseJson.Parse(json, "samples/seed-case.json"));
    }

    public static TheoryData<string> GoldIds() => GoldCaseFiles.Ids();

    [Theory]
    [MemberData(nameof(GoldIds))]
    public void Gold_case_is_valid_against_the_schema(string id)
    {
        var r = Evaluate(GoldCaseFiles.Get(id).CaseJson);
        Assert.True(r.IsValid, $"{id}: {Errors(r)}");
    }

    [Theory]
    [MemberData(nameof(GoldIds))]
    public void Gold_case_loads_through_CaseJson_Parse(string id)
    {
        var line = GoldCaseFiles.Get(id);
        var c = CaseJson.Parse(line.CaseJson, $"dev-structured.jsonl:{line.LineNumber}");
        Assert.NotNull(c);
    }

    [Theory]
    [InlineData("""{"patient": {"ageYears": -5}}""")]
    [InlineData("""{"presentation": {"motor": {"leftLeg": 7}}}""")]
    [InlineData("""{"presentation": {"onsetTempo": "slowly"}}""")]
    [InlineData("""{"imaging": {"compartment": "somewhere"}}""")]
    [InlineData("""{"imaging": {"levels": "thoracic"}}""")]
    [InlineData("""{"treatments": {"radiotherapy": [{"fractions": 0}]}}""")]
    [InlineData("""{"labs": {"antibodies": {"aqp4": "weakly"}}}""")]
    [InlineData("""{"imaging": {"lesionCount": 2.5}}""")]
    [InlineData("""{"patient": {"age": 40}}""")]
    public void Schema_and_parser_both_refuse_an_impossible_case(string json)
    {
        var r = Evaluate(json);
        Assert.False(r.IsValid, "schema accepted " + json);
        Assert.ThrowsAny<InputException>(() => CaseJson.Parse(json));
    }

    [Fact]
    public void Schema_accepts_explicit_nulls_as_unknown_like_the_parser()
    {
        const string json = """{"patient": {"ageYears": null, "sex": null}, "imaging": {"enhancement": null, "levels": ""}, "treatments": {"radiotherapy": []}}""";
        var r = Evaluate(json);
        Assert.True(r.IsValid, Errors(r));
        Assert.NotNull(CaseJson.Parse(json));
    }

    public static TheoryData<string, string[]> CodedFields() => new()
    {
        { "/properties/patient/properties/sex", CaseValidator.Sexes },
        { "/properties/presentation/properties/onsetTempo", CaseValidator.Tempos },
        { "/properties/presentation/properties/pain", CaseValidator.Pains },
        { "/properties/presentation/properties/reflexes", CaseValidator.Reflexes },
        { "/properties/presentation/properties/syndrome", CaseValidator.Syndromes },
        { "/properties/imaging/properties/compartment", CaseValidator.Compartments },
        { "/properties/imaging/properties/enhancement", CaseValidator.Enhancements },
        { "/properties/imaging/properties/greyMatterPattern", CaseValidator.GreyPatterns },
        { "/properties/labs/properties/csf/properties/cytology", CaseValidator.Cytology },
        { "/properties/labs/properties/csf/properties/oligoclonalBands", CaseValidator.PosNeg },
        { "/$defs/drug/properties/class", CaseValidator.DrugClasses },
        { "/$defs/radiotherapyCourse/properties/technique", CaseValidator.Techniques },
    };

    [Theory]
    [MemberData(nameof(CodedFields))]
    public void Schema_enum_lists_exactly_the_validator_values(string pointer, string[] allowed)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(GoldCaseFiles.SchemaPath));
        var node = doc.RootElement;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)) node = node.GetProperty(part);
        var values = node.GetProperty("enum").EnumerateArray()
            .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Order().ToArray();
        Assert.Equal(allowed.Order().ToArray(), values);
    }
}
