using MyeloDx.Core.Dose;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Dose;

public class RadiotherapyKnowledgeTests
{
    [Fact]
    public void The_real_radiotherapy_file_loads_with_zero_diagnostics()
    {
        var (k, diagnostics) = RadiotherapyKnowledgeLoader.TryLoad(Repo.KnowledgeFolder);
        Assert.Empty(diagnostics);
        Assert.NotNull(k);
    }

    [Fact]
    public void Loading_over_the_loaded_knowledge_base_cites_as_reading_sources_yaml_does()
    {
        // The pipeline takes the source ids and in-text forms from the knowledge base instead of parsing sources.yaml again.
        static string[] Cites(RadiotherapyKnowledge k) =>
            new[] { k.CordAlphaBeta, k.QuantecAlphaBeta, k.ValidatedMaxDosePerFraction, k.Conventional.Td50, k.Nieder.CumulativeBed, k.Sahgal.SbrtShare }
                .Select(v => v.Cite).Concat(k.SbrtLimits.Select(l => l.Provenance.Cite)).ToArray();
        var fromKb = RadiotherapyKnowledgeLoader.Load(Repo.KnowledgeFolder, Repo.Kb);
        Assert.Equal(Cites(Repo.Radiotherapy), Cites(fromKb));
        Assert.Contains(Cites(fromKb), c => c.Contains(" et al") || c.Contains(" and ") || char.IsDigit(c[^1]));
    }

    [Fact]
    public void Every_source_cited_by_the_radiotherapy_file_has_an_identifier_in_sources_yaml()
    {
        var k = Repo.Radiotherapy;
        var cited = new[] { k.CordAlphaBeta, k.QuantecAlphaBeta, k.ValidatedMaxDosePerFraction, k.Conventional.Td50, k.Nieder.CumulativeBed, k.Sahgal.SbrtShare }
            .Select(v => v.Provenance.SourceId)
            .Concat(k.SbrtLimits.Select(l => l.Provenance.SourceId))
            .Where(s => s is not null).Distinct();
        foreach (var id in cited)
        {
            Assert.True(Repo.Kb.Sources.TryGetValue(id!, out var src), $"{id} missing");
            Assert.False(string.IsNullOrEmpty(src!.Link), $"{id} has no pmid, doi or url");
        }
    }

    [Fact]
    public void Sahgal_SBRT_limits_are_isoeffective_at_about_44_6_Gy_EQD2()
    {
        foreach (var l in Repo.Radiotherapy.SbrtLimits.Where(l => l.Provenance.SourceId == "Sahgal2013"))
        {
            var eqd2 = Fractionation.Create(l.PointMaxGy, l.Fractions).Eqd2(AlphaBetaGy.Cord).Value;
            Assert.InRange(eqd2, 44.4, 44.7);
        }
    }

    [Theory]
    [InlineData(45, 0.0003, 0.0001)]   // Schultheiss: 0.03% at 45 Gy
    [InlineData(50, 0.002, 0.0005)]    // Schultheiss: 0.2% at 50 Gy
    [InlineData(59.3, 0.05, 0.0001)]   // the fit's 5% point
    [InlineData(69.4, 0.5, 0.0001)]    // TD50
    public void The_conventional_dose_response_reproduces_the_published_points(double eqd2, double risk, double tol) =>
        Assert.Equal(risk, Repo.Radiotherapy.Conventional.Risk(eqd2), tol);

    [Fact]
    public void The_conventional_dose_response_respects_the_QUANTEC_anchors()
    {
        var dr = Repo.Radiotherapy.Conventional;
        Assert.NotEmpty(dr.Anchors);
        foreach (var (eqd2, below, _) in dr.Anchors) Assert.True(dr.Risk(eqd2) < below, $"risk at {eqd2} Gy should be below {below}");
    }

    // ---- the loader refuses bad files with coded, located diagnostics ----

    private static readonly string Real = File.ReadAllText(Path.Combine(Repo.KnowledgeFolder, RadiotherapyKnowledgeLoader.FileName));
    private static IReadOnlySet<string> Ids => Repo.Kb.Sources.Keys.ToHashSet();

    private static IReadOnlyList<MyeloDx.Core.Knowledge.KnowledgeDiagnostic> Load(string yaml)
    {
        var (k, d) = RadiotherapyKnowledgeLoader.FromText(yaml, Ids);
        if (d.Count > 0) Assert.Null(k);
        return d;
    }

    private static int LineOf(string yaml, string needle) =>
        yaml.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(needle, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void An_unknown_key_is_reported_with_its_line()
    {
        var yaml = Real.Replace("lq_model:\n", "lq_model:\n  typo_key: {value: 1, estimate: \"x\"}\n");
        var d = Assert.Single(Load(yaml));
        Assert.Equal("MDX-RT002", d.Code);
        Assert.Equal(LineOf(yaml, "typo_key"), d.Line);
        Assert.Equal("radiotherapy.yaml", d.File);
    }

    [Fact]
    public void A_number_without_source_or_estimate_is_refused()
    {
        var yaml = Real.Replace("td50: {value: 69.4, source: Schultheiss2008}", "td50: {value: 69.4}");
        var d = Assert.Single(Load(yaml));
        Assert.Equal("MDX-RT005", d.Code);
        Assert.Equal(LineOf(yaml, "td50:"), d.Line);
    }

    [Fact]
    public void A_source_missing_from_sources_yaml_is_refused()
    {
        var yaml = Real.Replace("td50: {value: 69.4, source: Schultheiss2008}", "td50: {value: 69.4, source: NoSuchPaper1999}");
        Assert.Equal("MDX-RT006", Assert.Single(Load(yaml)).Code);
    }

    [Fact]
    public void A_number_out_of_range_is_refused()
    {
        var yaml = Real.Replace("cord: {value: 2, source: Nieder2006", "cord: {value: -2, source: Nieder2006");
        Assert.Equal("MDX-RT004", Assert.Single(Load(yaml)).Code);
    }

    [Fact]
    public void A_missing_section_is_reported_once()
    {
        var start = Real.IndexOf("lq_model:", StringComparison.Ordinal);
        var end = Real.IndexOf("# Conventional fractionation", StringComparison.Ordinal);
        var d = Assert.Single(Load(Real[..start] + Real[end..]));
        Assert.Equal("MDX-RT003", d.Code);
    }

    [Fact]
    public void SBRT_limits_that_fall_with_more_fractions_are_inconsistent()
    {
        var yaml = Real.Replace("{fractions: 3, point_max: 20.3,", "{fractions: 3, point_max: 15.3,");
        Assert.Contains(Load(yaml), d => d.Code == "MDX-RT007");
    }

    [Fact]
    public void Malformed_YAML_is_reported_not_thrown() =>
        Assert.Equal("MDX-RT002", Load("version: [unclosed").First().Code);
}
