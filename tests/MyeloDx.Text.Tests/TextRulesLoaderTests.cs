using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Tests;

/// <summary>The rule files load like the knowledge base: strictly, with coded diagnostics naming file and line.</summary>
public sealed class TextRulesLoaderTests
{
    private const string Sections = """
        version: "t"
        sections:
          - category: imaging
            topic: imaging
            headers: ["mri"]
        """;

    private const string Context = """
        version: "t"
        categories:
          NEGATED_EXISTENCE: negated
          TERMINATE: none
        rules:
          - {literal: "no", category: NEGATED_EXISTENCE, direction: forward}
          - {literal: "but", category: TERMINATE, direction: terminate}
        """;

    private static (TextRules? Rules, IReadOnlyList<MyeloDx.Core.Knowledge.KnowledgeDiagnostic> D) Load(string vocabulary, string context = Context, string sections = Sections) =>
        TextRulesLoader.FromTexts(new Dictionary<string, string>
        {
            [TextRulesLoader.VocabularyFile] = vocabulary,
            [TextRulesLoader.ContextFile] = context,
            [TextRulesLoader.SectionsFile] = sections,
            [WordListsLoader.File] = File.ReadAllText(Path.Combine(TextFixture.KnowledgeFolder(), WordListsLoader.File)),
        }, TextFixture.Knowledge);

    [Fact]
    public void The_real_rule_files_load_with_zero_diagnostics()
    {
        var (rules, d) = TextRulesLoader.TryLoad(TextFixture.KnowledgeFolder(), TextFixture.Knowledge);
        Assert.Empty(d);
        Assert.NotNull(rules);
        Assert.True(rules!.Terms.Count > 150);
        Assert.True(rules.Context.Count > 60);
    }

    [Fact]
    public void Every_finding_variable_that_text_can_express_has_vocabulary()
    {
        var rules = TextFixture.Reader.Rules;
        var covered = rules.Terms.SelectMany(t => t.Findings.Concat(t.WhenNegated ?? []).Concat(t.InBrain ?? [])).Select(f => f.Variable).ToHashSet();
        // set from numbers and concepts rather than phrases
        string[] byNumbersOrConcepts = ["age_years", "sex", "primary_cancer", "systemic_metastases", "cord_rt_exposure", "rt_latency_months", "ici_exposure", "neurotoxic_chemotherapy"];
        var missing = TextFixture.Knowledge.Variables.Keys.Where(v => !covered.Contains(v) && !byNumbersOrConcepts.Contains(v)
            && TextFixture.Knowledge.Variables[v].Group is "history" or "presentation" or "imaging" or "laboratory").ToArray();
        Assert.True(missing.Length == 0, "no vocabulary for: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_minimal_vocabulary_loads_and_matches()
    {
        var (rules, d) = Load("""
            version: "t"
            terms:
              - finding: fever=present
                phrases: ["(fever|pyrexia)"]
            """);
        Assert.Empty(d);
        Assert.Single(rules!.Terms);
    }

    [Fact]
    public void An_unknown_variable_is_MDX_TX004_with_its_line()
    {
        var (rules, d) = Load("""
            version: "t"
            terms:
              - finding: fever=present
                phrases: ["fever"]
              - finding: fevre=present
                phrases: ["fevre"]
            """);
        Assert.Null(rules);
        var e = Assert.Single(d);
        Assert.Equal("MDX-TX004", e.Code);
        Assert.Equal(TextRulesLoader.VocabularyFile, e.File);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void A_block_that_competes_with_a_variable_joins_that_variables_free_group()
    {
        var (rules, d) = Load("""
            version: "t"
            terms:
              - finding: cord_expansion=present
                overlap: free
                phrases: ["expansile"]
              - concept: block
                overlap: free
                competes_with: cord_expansion
                phrases: ["expansile lytic"]
            """);
        Assert.Empty(d);
        Assert.Equal(rules!.Terms[0].FreeGroup, rules.Terms[1].FreeGroup);
        Assert.Equal("cord_expansion", rules.Terms[1].FreeGroup);
    }

    [Theory]
    [InlineData("  - concept: block\n    competes_with: cord_expansion\n    phrases: [\"expansile lytic\"]\n", "MDX-TX008")]
    [InlineData("  - finding: fever=present\n    overlap: free\n    competes_with: cord_expansion\n    phrases: [\"hot\"]\n", "MDX-TX008")]
    [InlineData("  - concept: block\n    overlap: free\n    competes_with: cord_expanse\n    phrases: [\"expansile lytic\"]\n", "MDX-TX004")]
    public void Competes_with_only_on_a_free_block_and_a_known_variable(string term, string code)
    {
        var (rules, d) = Load("version: \"t\"\nterms:\n" + term);
        Assert.Null(rules);
        Assert.Contains(d, x => x.Code == code && x.Line > 1);
    }

    [Fact]
    public void An_unknown_state_is_MDX_TX005()
    {
        var (_, d) = Load("""
            version: "t"
            terms:
              - finding: compartment=inside
                phrases: ["inside"]
            """);
        Assert.Equal("MDX-TX005", Assert.Single(d).Code);
    }

    [Fact]
    public void A_continuous_variable_needs_a_number()
    {
        var (_, d) = Load("""
            version: "t"
            terms:
              - finding: t2_extent_segments=long
                phrases: ["long"]
            """);
        Assert.Equal("MDX-TX005", Assert.Single(d).Code);
    }

    [Theory]
    [InlineData("(fever|pyrexia")]
    [InlineData("fever ...")]
    [InlineData("fe*ver")]
    [InlineData("fever ...40 chills")]
    public void A_phrase_that_does_not_compile_is_MDX_TX006(string phrase)
    {
        var (_, d) = Load($"""
            version: "t"
            terms:
              - finding: fever=present
                phrases: ["{phrase}"]
            """);
        Assert.Equal("MDX-TX006", Assert.Single(d).Code);
    }

    [Fact]
    public void An_unknown_key_is_MDX_TX002()
    {
        var (_, d) = Load("""
            version: "t"
            terms:
              - finding: fever=present
                phrase: ["fever"]
            """);
        Assert.Contains(d, x => x.Code == "MDX-TX002" && x.Message.Contains("phrase"));
    }

    [Fact]
    public void An_unknown_concept_is_MDX_TX007()
    {
        var (_, d) = Load("""
            version: "t"
            terms:
              - concept: horoscope
                phrases: ["stars"]
            """);
        Assert.Equal("MDX-TX007", Assert.Single(d).Code);
    }

    [Fact]
    public void A_context_rule_with_an_undeclared_category_or_direction_is_refused()
    {
        var (_, d1) = Load("""
            version: "t"
            terms: []
            """, context: """
            version: "t"
            categories: {NEGATED_EXISTENCE: negated}
            rules:
              - {literal: "no", category: MAYBE, direction: forward}
            """);
        Assert.Equal("MDX-TX007", Assert.Single(d1).Code);
        var (_, d2) = Load("""
            version: "t"
            terms: []
            """, context: """
            version: "t"
            categories: {NEGATED_EXISTENCE: negated}
            rules:
              - {literal: "no", category: NEGATED_EXISTENCE, direction: sideways}
            """);
        Assert.Equal("MDX-TX007", Assert.Single(d2).Code);
    }

    [Fact]
    public void A_missing_file_is_MDX_TX001()
    {
        var (rules, d) = TextRulesLoader.TryLoad(Path.Combine(Path.GetTempPath(), "no-such-knowledge-" + Guid.NewGuid()), TextFixture.Knowledge);
        Assert.Null(rules);
        Assert.All(d, x => Assert.Equal("MDX-TX001", x.Code));
        Assert.Equal(4, d.Count); // vocabulary, sections, context rules, word lists
    }

    [Fact]
    public void Broken_yaml_is_MDX_TX002_with_a_line()
    {
        var (_, d) = Load("version: \"t\"\nterms:\n  - finding: [fever=present\n");
        var e = Assert.Single(d);
        Assert.Equal("MDX-TX002", e.Code);
        Assert.True(e.Line > 0);
    }
}
