using System.Text.Json;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;

namespace MyeloDx.Text.Tests;

/// <summary>What the reader promises beyond single sentences: spans, one count per fact, sections, and effects on the differential.</summary>
public sealed class ReaderBehaviourTests
{
    private const string Seed = "A 35-year-old woman has grade 3 invasive ductal carcinoma of the breast, with metastases to the brain, liver and bone. " +
                                "The brain disease was treated with whole-brain radiotherapy to 30 Gy. Three months after that course she develops an incomplete paraplegia. " +
                                "Spinal MRI shows three nodular lesions inside the cord at the conus medullaris, at the T12-L1 level; the largest measures 13 x 7 x 8 mm.";

    private static double P(Assessment a, string id) => a.Get(id)!.Probability;

    /// <summary>How much the evidence moved a diagnosis: the ratio of its posterior odds.</summary>
    private static double OddsRatio(Assessment with, Assessment without, string id)
    {
        double Odds(Assessment a) { var p = Math.Clamp(P(a, id), 1e-12, 1 - 1e-12); return p / (1 - p); }
        return Odds(with) / Odds(without);
    }

    [Fact]
    public void Every_observation_with_a_span_points_at_the_words_that_state_it()
    {
        var input = TextFixture.Reader.Read(Seed);
        var compartment = input.Observations.Single(o => o.VariableId == "compartment");
        Assert.Contains("inside the cord", Seed.Substring(compartment.Span!.Start, compartment.Span.Length));
        var age = input.Observations.Single(o => o.VariableId == "age_years");
        Assert.Equal("35-year-old", Seed.Substring(age.Span!.Start, age.Span.Length));
        Assert.All(input.Observations.Where(o => o.Span is not null), o => Assert.InRange(o.Span!.End, 1, Seed.Length));
    }

    // a clinic summary printed in capitals, its lines wrapped by the printer mid-sentence (written for this test)
    private const string CapitalsPrintout =
        "CLINIC SUMMARY PRINTED 14/03/2026 FROM THE PATIENT ADMINISTRATION SYSTEM\n" +
        "HX: FOUR MONTHS OF SLOWLY PROGRESSIVE NUMBNESS IN BOTH LEGS WITH DIFFICULTY WALKING AND\n" +
        "URINARY URGENCY. NO BACK PAIN. NO FEVER.\n" +
        "MRI THORACIC SPINE 10/03/2026: LONG CENTRAL T2 SIGNAL T4-T9 WITH MILD SWELLING AND PATCHY\n" +
        "ENHANCEMENT OF THE RIGHT HEMICORD. INTRAMEDULLARY METASTASIS NOT\n" +
        "EXCLUDED BUT NO DISCRETE MASS IS SEEN.\n" +
        "PLAN: REPEAT MRI IN SIX WEEKS.";

    [Fact]
    public void A_printout_in_capitals_keeps_a_sentence_whole_across_the_printer_s_line_wrap()
    {
        var input = TextFixture.Reader.Read(CapitalsPrintout);
        Assert.Contains(input.Observations, o => o.VariableId == "enhancement_pattern" && o.State == "patchy");
        Assert.Contains(input.Observations, o => o.VariableId == "focal_cord_mass" && o.State == "absent");
        Assert.DoesNotContain(input.Observations, o => o.VariableId == "focal_cord_mass" && o.State == "present");
    }

    [Fact]
    public void A_heading_after_a_line_in_capitals_still_opens_its_own_section()
    {
        var input = TextFixture.Reader.Read(CapitalsPrintout);
        // "PLAN: REPEAT MRI IN SIX WEEKS." is a plan, not a repeat study whose result was stable or changed
        Assert.DoesNotContain(input.Observations, o => o.VariableId == "interval_mri_change");
        Assert.Contains(input.Observations, o => o.VariableId == "sphincter_dysfunction" && o.State == "present");
    }

    [Fact]
    public void One_fact_said_twice_counts_once()
    {
        var input = TextFixture.Reader.Read("MRI: an intramedullary lesion at T9. The lesion is intramedullary and lies within the cord.");
        Assert.Single(input.Observations, o => o.VariableId == "compartment");
        var a = TextFixture.Service.Assess(input);
        Assert.Single(a.Observations, o => o.VariableId == "compartment");
    }

    [Fact]
    public void Repeated_negative_cytology_lowers_leptomeningeal_metastasis_by_a_large_factor()
    {
        const string note = "A 60-year-old woman with metastatic breast cancer has leg weakness and radicular pain. MRI shows nodular enhancement along the cauda equina roots. ";
        var positive = TextFixture.Assess(note + "CSF cytology was positive for malignant cells.");
        var negative = TextFixture.Assess(note + "CSF cytology was negative on three samples.");
        Assert.True(OddsRatio(positive, negative, "leptomeningeal_metastasis") > 20,
            $"{P(positive, "leptomeningeal_metastasis"):0.000} vs {P(negative, "leptomeningeal_metastasis"):0.000}");
    }

    [Fact]
    public void Saying_the_cord_was_never_irradiated_moves_radiation_myelopathy_by_a_large_factor()
    {
        const string note = "A 62-year-old man with non-small cell lung cancer develops progressive weakness of both legs over months. " +
                            "MRI shows an intramedullary T2 lesion at T9-T10 without enhancement. ";
        var irradiated = TextFixture.Assess(note + "He received radiotherapy 30 Gy in 10 fractions to T8-T11 fourteen months before onset.");
        var never = TextFixture.Assess(note + "He was never irradiated.");
        Assert.True(OddsRatio(irradiated, never, "radiation_myelopathy") > 20,
            $"{P(irradiated, "radiation_myelopathy"):0.0000} vs {P(never, "radiation_myelopathy"):0.0000}");
    }

    [Fact]
    public void Negating_the_checkpoint_inhibitor_moves_checkpoint_myelitis_by_a_large_factor()
    {
        const string tail = " for metastatic melanoma. MRI shows a longitudinally extensive intramedullary lesion with patchy enhancement; CSF shows a lymphocytic pleocytosis.";
        var on = TextFixture.Assess("A 63-year-old man is treated with pembrolizumab" + tail);
        var off = TextFixture.Assess("A 63-year-old man has never received immunotherapy or a checkpoint inhibitor" + tail);
        Assert.True(OddsRatio(on, off, "immune_checkpoint_myelitis") > 20);
    }

    [Fact]
    public void The_extracted_case_assessed_as_a_structured_case_gives_the_same_differential()
    {
        foreach (var p in GoldExtraction.Load().Take(25))
        {
            var analysis = TextFixture.Reader.Analyze(p.Text);
            var textInput = TextFixture.Reader.ToInput(analysis);
            var viaText = TextFixture.Service.Assess(textInput);
            var json = CaseJson.Write(analysis.Case);
            // a structured case states its empty drug and radiotherapy lists; a note that is merely silent leaves those
            // exposures unknown, and a silent cancer counts half: give the structured input the same silence and doubt
            var silent = textInput.Observations.Where(o => o.Uncertain && o.Span is null).Select(o => (o.VariableId, o.State)).ToHashSet();
            var seen = textInput.Observations.Select(o => o.VariableId).ToHashSet();
            var jsonInput = TextFixture.Service.FromCase(CaseJson.Parse(json));
            jsonInput = jsonInput with
            {
                Observations = jsonInput.Observations
                    .Where(o => seen.Contains(o.VariableId) || !o.Origin.StartsWith("treatments.", StringComparison.Ordinal))
                    .Select(o => silent.Contains((o.VariableId, o.State)) ? o with { Uncertain = true } : o).ToList(),
            };
            var viaJson = TextFixture.Service.Assess(jsonInput);
            Assert.Equal(viaText.Differential.Select(d => d.Id), viaJson.Differential.Select(d => d.Id));
            Assert.Equal(viaText.Leading.Probability, viaJson.Leading.Probability, 9);
        }
    }

    [Fact]
    public void The_reader_is_thread_safe()
    {
        var texts = GoldExtraction.Load().Select(p => p.Text).ToArray();
        var sequential = texts.Select(t => JsonSerializer.Serialize(TextFixture.Reader.Read(t).Observations.Select(TextFixture.Format))).ToArray();
        var parallel = new string[texts.Length];
        Parallel.For(0, texts.Length * 4, i => { var k = i % texts.Length; parallel[k] = JsonSerializer.Serialize(TextFixture.Reader.Read(texts[k]).Observations.Select(TextFixture.Format)); });
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void A_family_history_section_is_about_someone_else()
    {
        var stated = TextFixture.Stated("History: 50-year-old woman with leg weakness.\nFamily history: breast cancer and multiple sclerosis.\nMRI: intramedullary lesion at T4.");
        Assert.DoesNotContain(stated, s => s.StartsWith("primary_cancer=breast", StringComparison.Ordinal));
        Assert.DoesNotContain(stated, s => s.StartsWith("demyelinating_history", StringComparison.Ordinal));
        Assert.Contains("compartment=intramedullary", stated);
    }

    [Fact]
    public void A_past_history_section_counts_as_history()
    {
        var stated = TextFixture.Stated("Past medical history: optic neuritis, hypertension.\nMRI: normal.");
        Assert.Contains("demyelinating_history=present", stated);
    }

    [Fact]
    public void A_header_does_not_hide_a_negation_right_after_it()
    {
        Assert.Contains("fever=absent", TextFixture.Stated("REVIEW OF SYSTEMS: No fever."));
        Assert.Contains("back_pain=absent", TextFixture.Stated("Symptoms: back pain: none."));
    }

    [Fact]
    public void A_bulleted_list_is_split_into_sentences()
    {
        var stated = TextFixture.Stated("Findings:\n- no fever\n- back pain\n- urinary retention");
        Assert.Equal(["back_pain=present", "fever=absent", "sphincter_dysfunction=present"], stated);
    }

    [Fact]
    public void The_explanation_covers_the_whole_note_exactly_once()
    {
        var a = TextFixture.Reader.Analyze(Seed);
        var segments = TextExplanation.Segments(a);
        Assert.Equal(Seed, string.Concat(segments.Select(s => s.Text)));
        Assert.Contains(segments, s => s.Kind == MarkKind.Finding && s.Label!.Contains("compartment=intramedullary"));
        Assert.Contains(segments, s => s.Kind == MarkKind.Number && s.Label!.StartsWith("rt_dose_gy", StringComparison.Ordinal));
    }

    [Fact]
    public void The_seed_case_in_words_ranks_intramedullary_metastasis_first()
    {
        Assert.Equal("intramedullary_metastasis", TextFixture.Assess(Seed).Leading.Id);
    }
}
