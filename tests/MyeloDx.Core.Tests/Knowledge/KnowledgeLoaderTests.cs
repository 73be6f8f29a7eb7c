using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Knowledge;

public class KnowledgeLoaderTests
{
    private const string Sources = """
        version: "t"
        sources:
          - id: S1
            citation: "A paper."
            pmid: "123"
        """;

    private const string Diagnoses = """
        version: "t"
        default_context: c
        diagnoses:
          - id: a
            name: A
          - id: b
            name: B
        priors:
          - context: c
            estimate: true
            reason: test
            values: {a: 0.5, b: 0.5}
        """;

    private static (KnowledgeBase? kb, IReadOnlyList<KnowledgeDiagnostic> d) Load(string findings, string? diagnoses = null, string? sources = null) =>
        KnowledgeLoader.FromTexts(new Dictionary<string, string>
        {
            ["diagnoses.yaml"] = diagnoses ?? Diagnoses,
            ["sources.yaml"] = sources ?? Sources,
            ["findings/x.yaml"] = findings,
        });

    [Fact]
    public void Real_knowledge_base_loads_with_zero_diagnostics()
    {
        var (kb, d) = KnowledgeLoader.TryLoad(TestPaths.Knowledge);
        Assert.Empty(d);
        Assert.NotNull(kb);
        Assert.Equal(0, kb!.UnsourcedCount);
        Assert.True(kb.FindingCount >= 80, $"{kb.FindingCount} findings");
    }

    [Fact]
    public void Real_knowledge_base_has_exactly_the_15_label_ids_in_order()
    {
        // The label contract (a copy of ../shared/labels.tsv kept in the repository so the tests run on a bare clone).
        var labels = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "labels.tsv"))
            .Skip(1).Where(x => x.Trim().Length > 0).Select(x => x.Split('\t')[0]).ToArray();
        var ids = TestPaths.KnowledgeBase.Diagnoses.Select(d => d.Id).ToArray();
        Assert.Equal(labels, ids);
        Assert.Equal(15, ids.Length);
    }

    // Replaces a test that summed the real knowledge base's states to one: the loader normalises them, so it could not
    // fail. This one states what the normalisation must give for known relative frequencies.
    [Fact]
    public void Categorical_states_given_as_relative_frequencies_are_normalised_per_diagnosis()
    {
        var (kb, d) = Load("""
            variables:
              - id: f
                name: F
                kind: categorical
                states:
                  - id: x
                    source: S1
                    p: {a: 0.2, b: 0.3}
                  - id: y
                    source: S1
                    p: {a: 0.6, b: 0.3}
            """);
        Assert.Empty(d);
        var states = kb!.Variables["f"].States;
        Assert.Equal([0.25, 0.5], states.Single(s => s.Id == "x").Likelihood, (e, a) => Math.Abs(e - a) < 1e-12);
        Assert.Equal([0.75, 0.5], states.Single(s => s.Id == "y").Likelihood, (e, a) => Math.Abs(e - a) < 1e-12);
    }

    [Fact]
    public void A_minimal_valid_file_loads()
    {
        var (kb, d) = Load("""
            variables:
              - id: f
                name: F
                kind: binary
                present: {source: S1, p: {a: 0.9, b: 0.1}}
            """);
        Assert.Empty(d);
        Assert.Equal(0.9, kb!.Variables["f"].States[0].Likelihood[0]);
        Assert.Equal(0.1, kb.Variables["f"].States[1].Likelihood[0], 9);
    }

    [Theory]
    [InlineData("present: {source: S1, p: {a: 0.9, b: 0.1}, colour: red}", "MDX-KB002")]
    [InlineData("present: {source: S1, p: {a: 0.9, zz: 0.1}}", "MDX-KB005")]
    [InlineData("present: {source: S1, p: {a: 1.2, b: 0.1}}", "MDX-KB006")]
    [InlineData("present: {source: S1, p: {a: 0, b: 0.1}}", "MDX-KB006")]
    [InlineData("present: {p: {a: 0.9, b: 0.1}}", "MDX-KB007")]
    [InlineData("present: {estimate: true, p: {a: 0.9, b: 0.1}}", "MDX-KB007")]
    [InlineData("present: {source: Nope, p: {a: 0.9, b: 0.1}}", "MDX-KB008")]
    [InlineData("present: {source: S1, p: {a: 0.9}}", "MDX-KB007")]
    public void Loader_refuses_bad_rows_with_a_coded_located_diagnostic(string row, string code)
    {
        var (kb, d) = Load($"""
            variables:
              - id: f
                name: F
                kind: binary
                {row}
            """);
        Assert.Null(kb);
        var diag = d.First(x => x.Code == code);
        Assert.Equal("findings/x.yaml", diag.File);
        Assert.True(diag.Line >= 1);
    }

    [Fact]
    public void Unknown_diagnosis_id_in_priors_is_refused()
    {
        var (kb, d) = Load("variables: []", Diagnoses.Replace("{a: 0.5, b: 0.5}", "{a: 0.5, q: 0.5}"));
        Assert.Null(kb);
        Assert.Contains(d, x => x.Code == "MDX-KB005");
    }

    [Fact]
    public void Unknown_kind_is_refused()
    {
        var (_, d) = Load("""
            variables:
              - id: f
                name: F
                kind: fuzzy
            """);
        Assert.Contains(d, x => x.Code == "MDX-KB009");
    }

    [Fact]
    public void Source_without_identifier_is_refused()
    {
        var (_, d) = Load("variables: []", sources: """
            sources:
              - id: S1
                citation: "No link"
            """);
        Assert.Contains(d, x => x.Code == "MDX-KB010");
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var (kb, d) = Load("variables:\n  - id: f\n    name: [unclosed\n");
        Assert.Null(kb);
        Assert.Contains(d, x => x.Code == "MDX-KB002" && x.Line > 0);
    }

    [Fact]
    public void Estimate_with_a_reason_counts_as_provenance()
    {
        var (kb, d) = Load("""
            variables:
              - id: f
                name: F
                kind: binary
                present: {estimate: "expert guess from two case series", p: {a: 0.9, b: 0.1}}
            """);
        Assert.Empty(d);
        Assert.True(kb!.Variables["f"].States[0].Provenance[0].IsEstimate);
        Assert.Equal(0, kb.UnsourcedCount);
    }
}
