using MyeloDx.Core.Inference;
using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Tests;

/// <summary>Reading beyond the listed word forms, and silence versus statement (sentences written for these tests).</summary>
public class GeneralReadingTests
{
    private static IReadOnlyList<string> Stated(string text) => TextFixture.Stated(text);

    private static Observation? Obs(string text, string variable)
    {
        var r = TextFixture.Reader;
        return r.ToInput(r.Analyze(text)).Observations.FirstOrDefault(o => o.VariableId == variable);
    }

    [Theory]
    [InlineData("An epidural mass compresses the cord at T7.", "An epidural mass compressing the cord at T7.")]
    [InlineData("An epidural mass compresses the cord at T7.", "An epidural mass with compression of the cord at T7.")]
    [InlineData("MRI: the lesion enhances after gadolinium.", "MRI: the lesion is enhancing after gadolinium.")]
    [InlineData("MRI: the cord is expanded at C5.", "MRI: expansion of the cord at C5.")]
    public void Inflections_and_derivations_read_the_same(string a, string b)
    {
        var x = Stated(a);
        Assert.NotEmpty(x);
        Assert.Equal(x, Stated(b));
    }

    [Fact]
    public void The_stemmer_keeps_abbreviations_and_short_words_whole()
    {
        var s = new Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer();
        var none = System.Collections.Frozen.FrozenSet<string>.Empty;
        Assert.Equal("t2", Stems.Of("t2", s, none));
        Assert.Equal("aqp4", Stems.Of("aqp4", s, none));
        Assert.Equal("has", Stems.Of("has", s, none));
        Assert.Equal(Stems.Of("compression", s, none), Stems.Of("compressing", s, none));
        Assert.Equal(Stems.Of("enhancement", s, none), Stems.Of("enhancing", s, none));
    }

    [Fact]
    public void A_word_the_stemmer_would_join_to_a_word_of_another_meaning_is_matched_as_written()
    {
        var s = new Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer();
        var unstemmed = TextFixture.Reader.Rules.Words.Unstemmed;
        // the stemmer alone conflates them; the shipped list keeps them apart
        Assert.Equal(Stems.Of("positive", s, System.Collections.Frozen.FrozenSet<string>.Empty), Stems.Of("position", s, System.Collections.Frozen.FrozenSet<string>.Empty));
        Assert.NotEqual(Stems.Of("positive", s, unstemmed), Stems.Of("position", s, unstemmed));
        Assert.NotEqual(Stems.Of("presentation", s, unstemmed), Stems.Of("present", s, unstemmed));
    }

    [Fact]
    public void An_exact_word_keeps_its_number()
    {
        Assert.Contains("focal_cord_mass=present", Stated("MRI: a single intramedullary lesion at T4."));
        Assert.DoesNotContain("focal_cord_mass=present", Stated("MRI: several intramedullary lesions from T2 to T9."));
    }

    [Fact]
    public void Silence_about_radiotherapy_and_drugs_counts_only_as_uncertain_never_as_an_observed_absence()
    {
        const string note = "A 58-year-old man with prostate cancer has had two weeks of progressive leg weakness.";
        // unknown, not absent: a note that never names the exposure is weak evidence (uncertain, half weight, no span,
        // saying it was not mentioned), never the full-weight absence an explicit denial gives
        foreach (var v in new[] { "cord_rt_exposure", "ici_exposure", "neurotoxic_chemotherapy" })
        {
            var o = Obs(note, v);
            Assert.NotNull(o);
            Assert.True(o.Uncertain, v);
            Assert.Null(o.Span);
            Assert.Contains("mentioned in the text", o.Detail);
        }
    }

    [Theory]
    [InlineData("A 58-year-old man with prostate cancer. He has never received radiotherapy.", "cord_rt_exposure", "none")]
    [InlineData("A 61-year-old woman with melanoma. She has never received a checkpoint inhibitor.", "ici_exposure", "absent")]
    public void An_explicit_denial_is_an_observed_absence(string note, string variable, string state)
    {
        var o = Obs(note, variable);
        Assert.NotNull(o);
        Assert.Equal(state, o.State);
        Assert.False(o.Uncertain);
        Assert.NotNull(o.Span);
    }

    [Fact]
    public void No_cancer_mentioned_is_at_most_uncertain()
    {
        var o = Obs("A 44-year-old woman has had numb feet for a month. She walks with a stick.", "primary_cancer");
        Assert.True(o is null || o.Uncertain && o.Span is null);
    }

    [Fact]
    public void A_cancer_the_vocabulary_does_not_name_is_still_a_cancer_when_treated()
    {
        var o = Obs("A 39-year-old man completed chemotherapy last year for a rare tumour of the pleura. He now has leg weakness.", "primary_cancer");
        Assert.NotNull(o);
        Assert.Equal("other", o.State);
        Assert.NotNull(o.Span);
    }

    [Theory]
    [InlineData("An epidural mass in the canal at T8 is compressing the cord. Abnormal signal in the conus.")]
    [InlineData("Abnormal T2 signal in the cord at T8 with oedema. There is a soft tissue mass in the spinal canal at T8 compressing the cord.")]
    [InlineData("Cord compressed at T8 by an epidural metastasis; the cord shows T2 hyperintensity.")]
    public void A_mass_compressing_the_cord_is_the_lesion_and_cord_signal_beside_it_is_its_consequence(string note) =>
        Assert.Equal("epidural", Obs(note, "compartment")?.State);

    [Fact]
    public void A_denied_epidural_mass_leaves_the_intramedullary_lesion()
        => Assert.Equal("intramedullary", Obs("There is an intramedullary enhancing lesion at T8. No epidural mass and no compression.", "compartment")?.State);
}

/// <summary>Ward shorthand, terse normals, opinions and stated durations (sentences written for these tests).</summary>
public class WardNoteTests
{
    private static IReadOnlyList<string> Stated(string text) => TextFixture.Stated(text);

    [Theory]
    [InlineData("Exam: continent.", "sphincter_dysfunction=absent")]
    [InlineData("Bloods: B12 normal.", "b12_low=absent")]
    [InlineData("MRI: T2 hyper C5-C6, gad+.", "enhancement_pattern=enhancing")]
    [InlineData("O/E: sens level T8.", "sensory_level=present")]
    [InlineData("CSF protein within normal limits.", "csf_protein_high=absent")]
    public void Terse_ward_statements_are_findings(string text, string expected) => Assert.Contains(expected, Stated(text));

    // A diagnosis held as the writer's opinion about this illness is not a history of that disease: counting it would
    // feed the conclusion back into the evidence
    [Theory]
    [InlineData("Picture felt to fit with sarcoidosis.", "systemic_sarcoidosis")]
    [InlineData("? sarcoid.", "systemic_sarcoidosis")]
    [InlineData("?Neurosarcoid.", "systemic_sarcoidosis")]
    [InlineData("Neurosarcoidosis is the main differential.", "systemic_sarcoidosis")]
    [InlineData("Features suggestive of a dural AV fistula.", "angiography_fistula")]
    public void A_diagnosis_held_as_an_opinion_is_not_counted(string text, string variable) =>
        Assert.DoesNotContain(Stated(text), f => f.StartsWith(variable + "=", StringComparison.Ordinal));

    [Theory]
    [InlineData("Known pulmonary sarcoidosis.", "systemic_sarcoidosis=present")]
    [InlineData("Spinal angiography confirmed a dural AV fistula.", "angiography_fistula=present")]
    public void The_same_diagnosis_stated_as_a_fact_counts(string text, string expected) => Assert.Contains(expected, Stated(text));

    [Theory]
    [InlineData("Possible cord oedema at T6.", "cord_edema=present?")]
    [InlineData("? leptomeningeal enhancement along the conus.", "compartment=leptomeningeal?")]
    public void A_hedged_finding_counts_as_uncertain(string text, string expected)
    {
        var s = Stated(text);
        Assert.Contains(expected, s);
        Assert.DoesNotContain(expected.TrimEnd('?'), s);
    }

    [Fact]
    public void An_impression_states_what_it_sees_and_hedges_only_its_opinions()
    {
        // what the images show is seen, in the impression as in the findings
        Assert.Contains("dwi_restriction=present", Stated("IMPRESSION:\nRestricted diffusion in the cord."));
        Assert.Contains("compartment=intramedullary", Stated("IMPRESSION:\nLong-segment central cord signal C4-T1, most likely myelitis."));
        // a hedge in the impression still makes what it governs an opinion
        Assert.Contains("dwi_restriction=present?", Stated("IMPRESSION:\nCord signal at T4, possibly with restricted diffusion."));
        Assert.Contains("disc_osteophyte_compression=absent", Stated("IMPRESSION:\nNo cord compression."));
    }

    [Theory]
    [InlineData("72M. Leg weakness x 3/7.", "onset_tempo=days")]
    [InlineData("2/52 of increasing leg weakness.", "onset_tempo=weeks")]
    [InlineData("Sudden onset of leg weakness, worsening over 5 weeks.", "onset_tempo=weeks")]
    public void A_stated_duration_decides_the_tempo(string text, string expected) => Assert.Contains(expected, Stated(text));

    [Fact]
    public void Age_and_sex_shorthand_after_a_header()
    {
        var s = Stated("Referral: 47F with leg numbness.");
        Assert.Contains("age_years=47", s);
        Assert.Contains("sex=female", s);
    }
}
