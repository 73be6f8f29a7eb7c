using MyeloDx.Core.Decisions;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Decisions;

public sealed class DecisionKnowledgeTests
{
    [Fact]
    public void Real_tests_and_management_files_load_with_zero_diagnostics()
    {
        var files = new Dictionary<string, string>
        {
            [DecisionKnowledgeLoader.TestsFile] = File.ReadAllText(Path.Combine(DecisionFixtures.KnowledgeFolder, DecisionKnowledgeLoader.TestsFile)),
            [DecisionKnowledgeLoader.ManagementFile] = File.ReadAllText(Path.Combine(DecisionFixtures.KnowledgeFolder, DecisionKnowledgeLoader.ManagementFile)),
        };
        var (tests, mgmt, diags) = DecisionKnowledgeLoader.FromTexts(files, DecisionFixtures.Kb);
        Assert.Empty(diags);
        Assert.NotNull(tests);
        Assert.NotNull(mgmt);
        Assert.True(tests!.Tests.Count >= 10);
        Assert.All(DecisionFixtures.Kb.Diagnoses, d => Assert.NotNull(mgmt!.For(d.Id)));
    }

    [Fact]
    public void Every_test_result_row_is_a_distribution_under_each_diagnosis()
    {
        foreach (var t in DecisionFixtures.Support.Tests.Tests)
        {
            var factors = t.Reveals.Select(v => ValueOfInformation.VariableFactor(DecisionFixtures.Kb.Variables[v])).Concat(t.OwnResults);
            foreach (var f in factors)
                for (var i = 0; i < DecisionFixtures.Kb.Diagnoses.Count; i++)
                    Assert.Equal(1.0, f.Results.Sum(r => r.Likelihood[i]), 9);
        }
    }

    [Fact]
    public void Every_management_statement_cites_a_known_source_or_gives_its_reasoning()
    {
        var m = DecisionFixtures.Support.Management;
        var items = m.General.Concat(m.Entries.SelectMany(e => e.UrgentActions.Concat(e.Treatment).Concat(e.Prognosis).Concat(e.Scores)));
        Assert.All(items, i => Assert.True(
            i.Provenance.SourceId is { } s ? DecisionFixtures.Kb.Sources.ContainsKey(s) : !string.IsNullOrWhiteSpace(i.Provenance.EstimateReason)));
    }

    // ---- each rejection on a tiny inline file ----

    private const string Scale = """
        version: "t"
        invasiveness_scale:
          - {id: none, label: none, level: 0, weight: 1, estimate: "test"}
        cost_classes: [low]
        tests:
        """;

    private static string OneTest(string body) => Scale + "\n" + body;

    private const string GoodTest = """
          - id: t1
            name: A test
            category: csf
            invasiveness: none
            cost: low
            turnaround_days: 1
            estimate: "test"
            reveals: [csf_cytology]
        """ + "\n";

    private static string Management(string? first = null, bool skipOne = false)
    {
        var lines = new List<string> { "version: \"t\"", "show_at_probability: {p: 0.1, estimate: \"t\"}", "diagnoses:" };
        if (first is not null) lines.Add(first);
        foreach (var d in DecisionFixtures.Kb.Diagnoses.Skip(skipOne ? 1 : 0))
            if (first is null || !first.Contains("id: " + d.Id + "\n", StringComparison.Ordinal))
                lines.Add($"  - {{id: {d.Id}, urgency: routine}}");
        return string.Join("\n", lines);
    }

    private static IReadOnlyList<KnowledgeDiagnostic> Load(string tests, string? management = null) =>
        DecisionKnowledgeLoader.FromTexts(new Dictionary<string, string>
        {
            [DecisionKnowledgeLoader.TestsFile] = tests,
            [DecisionKnowledgeLoader.ManagementFile] = management ?? Management(),
        }, DecisionFixtures.Kb).Diagnostics;

    [Fact]
    public void A_minimal_valid_pair_of_files_loads()
    {
        Assert.Empty(Load(OneTest(GoodTest)));
    }

    [Theory]
    [InlineData("    colour: blue\n", "MDX-KT003")]                             // unknown key
    [InlineData("    reveals: [no_such_finding]\n", "MDX-KT005")]              // unknown knowledge-base finding
    [InlineData("    reveals: [age_years]\n", "MDX-KT016")]                    // continuous finding
    [InlineData("    applies_if: {primary_cancer: [martian]}\n", "MDX-KT006")] // unknown state
    [InlineData("    after: [nope]\n", "MDX-KT013")]                           // unknown prerequisite test
    public void A_bad_test_attribute_is_refused_with_its_code(string extra, string code)
    {
        var test = GoodTest.Replace("    reveals: [csf_cytology]\n", "") + extra;
        if (!extra.Contains("reveals", StringComparison.Ordinal)) test += "    reveals: [csf_cytology]\n";
        Assert.Contains(Load(OneTest(test)), d => d.Code == code);
    }

    [Theory]
    [InlineData("invasiveness: none", "invasiveness: extreme", "MDX-KT012")]
    [InlineData("cost: low", "cost: priceless", "MDX-KT012")]
    [InlineData("estimate: \"test\"", "note: no provenance here", "MDX-KT009")]
    [InlineData("estimate: \"test\"", "source: NoSuchPaper1999", "MDX-KT010")]
    [InlineData("turnaround_days: 1", "turnaround_days: soon", "MDX-KT008")]
    [InlineData("reveals: [csf_cytology]", "note: reveals nothing", "MDX-KT014")]
    public void A_bad_value_is_refused_with_its_code(string from, string to, string code)
    {
        Assert.Contains(Load(OneTest(GoodTest.Replace(from, to))), d => d.Code == code);
    }

    [Theory]
    [InlineData("{default: 1.5}", "", "MDX-KT008")]                          // outside (0,1)
    [InlineData("{martian_myelitis: 0.2, default: 0.1}", "", "MDX-KT007")]   // unknown diagnosis
    [InlineData("{default: 0.4}", "          - {id: c, label: c, estimate: t, p: {default: 0.7}}\n", "MDX-KT015")] // nothing left for the remainder
    public void A_bad_result_table_is_refused_with_its_code(string p, string extraOutcome, string code)
    {
        var test = GoodTest.Replace("    reveals: [csf_cytology]\n", "")
                   + "    results:\n"
                   + "      - id: f\n"
                   + "        label: f\n"
                   + "        outcomes:\n"
                   + $"          - {{id: a, label: a, estimate: t, p: {p}}}\n"
                   + extraOutcome
                   + "          - {id: b, label: b, remainder: true}\n";
        Assert.Contains(Load(OneTest(test)), d => d.Code == code);
    }

    [Fact]
    public void A_duplicate_test_is_refused_and_located()
    {
        var diags = Load(OneTest(GoodTest + GoodTest));
        var d = Assert.Single(diags, x => x.Code == "MDX-KT011");
        Assert.Equal(DecisionKnowledgeLoader.TestsFile, d.File);
        Assert.Equal(14, d.Line); // the second "- id: t1" line
    }

    [Fact]
    public void Broken_yaml_is_a_coded_diagnostic_not_an_exception()
    {
        Assert.Contains(Load("tests: [unclosed"), d => d.Code == "MDX-KT002");
    }

    [Fact]
    public void A_diagnosis_without_management_is_refused()
    {
        Assert.Contains(Load(OneTest(GoodTest), Management(skipOne: true)), d => d.Code == "MDX-KM013");
    }

    [Theory]
    [InlineData("  - id: epidural_cord_compression\n    urgency: soonish\n", "MDX-KM012")]
    [InlineData("  - id: epidural_cord_compression\n    urgency: routine\n    treatment:\n      - text: Operate.\n", "MDX-KM009")]
    [InlineData("  - id: epidural_cord_compression\n    urgency: routine\n    treatment:\n      - {text: Operate., source: NoSuchPaper1999}\n", "MDX-KM010")]
    [InlineData("  - id: epidural_cord_compression\n    urgency: emergency\n    urgent:\n      - {text: Act., source: Patchell2005}\n", "MDX-KM004")]
    [InlineData("  - id: martian_myelitis\n    urgency: routine\n", "MDX-KM007")]
    [InlineData("  - id: epidural_cord_compression\n    urgency: routine\n    treatment:\n      - {text: Act., source: Patchell2005, unless_known: [nope]}\n", "MDX-KM005")]
    public void A_bad_management_entry_is_refused_with_its_code(string entry, string code)
    {
        Assert.Contains(Load(OneTest(GoodTest), Management(entry)), d => d.Code == code);
    }

    [Fact]
    public void Loading_a_broken_folder_throws_a_knowledge_exception_listing_the_problem()
    {
        var dir = Directory.CreateTempSubdirectory("myelodx-kt-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, DecisionKnowledgeLoader.TestsFile), OneTest(GoodTest.Replace("cost: low", "cost: priceless")));
            File.WriteAllText(Path.Combine(dir.FullName, DecisionKnowledgeLoader.ManagementFile), Management());
            var e = Assert.Throws<KnowledgeException>(() => DecisionKnowledgeLoader.Load(dir.FullName, DecisionFixtures.Kb));
            Assert.Contains(e.Diagnostics, d => d.Code == "MDX-KT012");
        }
        finally { dir.Delete(true); }
    }
}
