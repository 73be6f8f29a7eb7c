using Xunit.Abstractions;

namespace MyeloDx.Text.Tests;

/// <summary>
/// The reader's findings on the dev vignettes against the hand-encoded gold cases. The floors are the level reached
/// when the test was written (a little below, to allow for wording changes); raise them when extraction improves.
/// </summary>
public sealed class GoldExtractionTests(ITestOutputHelper output)
{
    // 0.865 since 2026-12-04 (was 0.87, measured 0.869): two deliberate reading changes disagree with the hand-encoded
    // gold, which predates them: a stated duration now decides the tempo over an earlier tempo word (C009, D003), and a
    // treated tumour the vocabulary cannot name is read as primary_cancer=other where the gold names its site (B004).
    // 0.875 since 2026-12-05 (measured 0.880) once the variables added after the encodings were set aside (below).
    private const double MinPrecision = 0.875, MinRecall = 0.90;

    // Findings added to the knowledge base after the structured dev cases were hand-encoded: the encodings say nothing
    // about them, so a correct reading would count as a false positive here. They are measured on the sentence gold set
    // (tests/TestData/text-gold), which annotates them.
    private static readonly HashSet<string> NotEncoded =
    [
        "recent_infection_or_vaccination", "constitutional_symptoms", "hilar_lymphadenopathy", "exertional_worsening",
        "onset_during_exertion", "peripheral_neuropathy", "uveitis", "vitamin_replacement_response", "spinal_tenderness",
        "meningism", "vertebral_body_infarct", "bright_spotty_lesions", "peripheral_short_lesion",
        "brain_leptomeningeal_enhancement", "macrocytosis", "ace_raised", "csf_igg_index_high", "csf_opening_pressure_high",
        "csf_neutrophil_predominance", "vep_delayed",
        // added 2026-12-04 (issue #13, the missing variables), after the encodings
        "cancer_found_on_workup", "smoker", "black_ancestry", "optic_or_area_postrema", "procedure_before_onset", "tract_columns",
        // added 2026-12-07 (session 17): the encodings' epiduralDisease field marks whether the case had epidural disease
        // (true for every compression, false where the encoder judged it absent), not whether the text states it; the
        // reader reads only a report's statement, measured on the sentence gold set
        "epidural_disease",
    ];

    [Fact]
    public void Extraction_matches_the_gold_cases_above_the_floor()
    {
        var pairs = GoldExtraction.Load();
        Assert.True(pairs.Count >= 60, $"only {pairs.Count} gold cases with text");
        var r = GoldExtraction.Measure(pairs, NotEncoded);
        output.WriteLine(GoldExtraction.Describe(r));
        foreach (var d in r.Differences) output.WriteLine(d);
        Assert.True(r.WithoutDefaults.Precision >= MinPrecision, $"precision fell: {r.WithoutDefaults}");
        Assert.True(r.WithoutDefaults.Recall >= MinRecall, $"recall fell: {r.WithoutDefaults}");
    }

    [Fact]
    public void The_measure_counts_a_missing_and_a_wrong_finding()
    {
        // a gold case that says intramedullary and one extra finding the text does not give
        var gold = MyeloDx.Core.Cases.CaseJson.Parse("""{"imaging": {"compartment": "intramedullary"}, "findings": {"fever": "present"}}""");
        var pair = new GoldExtraction.Pair("x", gold, "MRI shows an epidural mass compressing the cord.");
        var r = GoldExtraction.Measure([pair]);
        Assert.Equal(0, r.PerVariable["compartment"].TruePositive);
        Assert.Equal(1, r.PerVariable["compartment"].FalsePositive);
        Assert.Equal(1, r.PerVariable["fever"].FalseNegative);
    }
}
