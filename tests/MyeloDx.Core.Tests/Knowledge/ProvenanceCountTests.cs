using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Knowledge;

public class ProvenanceCountTests
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
            source: S1
            values: {a: {p: 0.3, source: S1, derived: "one minus b"}, b: 0.7}
        """;

    private const string Findings = """
        version: "t"
        group: g
        variables:
          - id: f
            name: F
            kind: binary
            present:
              estimate: "a guess"
              p: {a: 0.5, b: {p: 0.2, source: S1}}
          - id: n
            name: N
            kind: continuous
            densities:
              default: {shape: normal, center: 1, spread: 1, estimate: true, reason: "a guess"}
        """;

    private static KnowledgeBase Load(string findings = Findings, string diagnoses = Diagnoses)
    {
        var (kb, d) = KnowledgeLoader.FromTexts(new Dictionary<string, string>
        {
            ["diagnoses.yaml"] = diagnoses, ["sources.yaml"] = Sources, ["findings/x.yaml"] = findings,
        });
        Assert.Empty(d);
        return kb!;
    }

    [Fact]
    public void Sourced_derived_and_estimate_are_counted_per_number_and_add_up()
    {
        var c = KnowledgeNumbers.Overall(Load());
        // priors: a derived, b sourced; binary: a estimate, b sourced (absent is its complement, not counted); densities: 2 estimates
        Assert.Equal(new NumberCounts(6, 2, 1, 3), c);
        var per = KnowledgeNumbers.PerDiagnosis(Load());
        Assert.Equal(new NumberCounts(3, 0, 1, 2), per["a"]);
        Assert.Equal(new NumberCounts(3, 2, 0, 1), per["b"]);
    }

    [Fact]
    public void A_sourced_row_default_counts_as_an_estimate_for_the_diagnoses_it_fills()
    {
        // a control group's rate read in S1 was measured in no diagnosis: carrying it to 'a' is an assumption, so an
        // estimate that keeps its source for the reviewer; 'b' keeps its own figure read in S1
        var kb = Load(Findings.Replace("p: {a: 0.5, b: {p: 0.2, source: S1}}", "p: {default: {p: 0.05, source: S1}, b: {p: 0.2, source: S1}}"));
        var f = kb.Variables["f"].State("present")!;
        Assert.Equal(ProvenanceKind.Estimate, f.Provenance[0].Kind);
        Assert.True(f.Provenance[0].Carried);
        Assert.Equal("S1", f.Provenance[0].SourceId);
        Assert.StartsWith("estimate from ", f.Provenance[0].Cite);
        Assert.Equal(ProvenanceKind.Sourced, f.Provenance[1].Kind);
        Assert.Equal(new NumberCounts(3, 0, 1, 2), KnowledgeNumbers.PerDiagnosis(kb)["a"]);
    }

    [Fact]
    public void A_source_with_an_estimate_is_a_carried_figure_and_counts_as_an_estimate()
    {
        // one cause's figure used for the whole diagnosis: the entry names the source and says how it was carried
        var kb = Load(Findings.Replace("p: {a: 0.5, b: {p: 0.2, source: S1}}", "p: {a: {p: 0.5, source: S1, estimate: \"carried from one cause of a to all of a\"}, b: {p: 0.2, source: S1}}"));
        var f = kb.Variables["f"].State("present")!;
        Assert.Equal(ProvenanceKind.Estimate, f.Provenance[0].Kind);
        Assert.Equal("carried from one cause of a to all of a", f.Provenance[0].EstimateReason);
        Assert.Equal(ProvenanceKind.Sourced, f.Provenance[1].Kind);
    }

    [Fact]
    public void A_derived_number_must_name_its_source()
    {
        var bad = Diagnoses.Replace("{p: 0.3, source: S1, derived: \"one minus b\"}", "{p: 0.3, derived: \"one minus b\"}");
        var (kb, d) = KnowledgeLoader.FromTexts(new Dictionary<string, string>
        {
            ["diagnoses.yaml"] = bad, ["sources.yaml"] = Sources, ["findings/x.yaml"] = Findings,
        });
        Assert.Null(kb);
        Assert.Contains(d, x => x.Code == "MDX-KB007" && x.Message.Contains("derived"));
    }

    [Fact]
    public void The_real_counts_are_consistent_and_no_estimate_is_counted_as_sourced()
    {
        var kb = Repo.Kb;
        var all = KnowledgeNumbers.All(kb).ToArray();
        var overall = KnowledgeNumbers.Overall(kb);
        Assert.Equal(overall.Total, overall.Sourced + overall.Derived + overall.Estimate);
        Assert.True(overall.Total >= all.Length);
        Assert.Equal(all.Count(x => x.Provenance.IsEstimate) + kb.Robustness.Provenance.Count(p => p.IsEstimate) + (kb.EvidenceWeightProvenance?.IsEstimate == true ? 1 : 0),
            overall.Estimate);
        Assert.DoesNotContain(all, x => x.Provenance.Kind == ProvenanceKind.Sourced && (x.Provenance.SourceId is null || x.Provenance.EstimateReason is not null));
        var per = KnowledgeNumbers.PerDiagnosis(kb);
        Assert.Equal(kb.Diagnoses.Count, per.Count);
        foreach (var (_, c) in per) Assert.Equal(c.Total, c.Sourced + c.Derived + c.Estimate);
        Assert.Equal(all.Length, per.Values.Sum(c => c.Total));
    }

    [Fact]
    public void Default_population_is_the_cancer_clinic_and_each_sourced_population_cites_a_defined_source()
    {
        var kb = Repo.Kb;
        Assert.Equal("cancer_clinic", kb.DefaultContext);
        Assert.Contains("case_reports", kb.Priors.Keys);
        Assert.Contains("no_known_cancer", kb.Priors.Keys);
        foreach (var ctx in new[] { "cancer_clinic", "no_known_cancer" })
        {
            var cited = kb.Priors[ctx].Provenance.Where(p => p.SourceId is not null).Select(p => p.SourceId!).ToArray();
            Assert.NotEmpty(cited);
            Assert.All(cited, s => Assert.True(kb.Sources.ContainsKey(s)));
        }
        var clinic = kb.Priors["cancer_clinic"];
        var escc = clinic.Probabilities[kb.DiagnosisIndex["epidural_cord_compression"]];
        Assert.Equal(escc, clinic.Probabilities.Max());
        // Winkelman: epidural compression about 25 times as frequent as intramedullary metastasis (the share released
        // by lowering infarction and myelitis went to compression, so the ratio is now about 27)
        Assert.InRange(escc / clinic.Probabilities[kb.DiagnosisIndex["intramedullary_metastasis"]], 20, 30);
    }
}
