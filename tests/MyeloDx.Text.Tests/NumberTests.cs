using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Cases;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;

namespace MyeloDx.Text.Tests;

/// <summary>Numbers in words and digits, durations, vertebral levels, and numbers with their owners in whole sentences.</summary>
public sealed class NumberTests
{
    private static List<Token> Tokens(string s) => new Tokenizer(new Dictionary<string, string>()).Tokenize(s);

    private static Case Read(string text) => TextFixture.Reader.Analyze(text).Case;

    [Theory]
    [InlineData("three", 3)]
    [InlineData("Eleven", 11)]
    [InlineData("twenty-four", 24)]
    [InlineData("twenty four", 24)]
    [InlineData("one hundred", 100)]
    [InlineData("a couple of", 2)]
    [InlineData("2.25", 2.25)]
    [InlineData("1,5", 1.5)]
    [InlineData("one and a half", 1.5)]
    public void English_and_digit_numbers_are_read(string text, double expected)
    {
        var t = Tokens(text);
        Assert.True(NumberWords.TryParse(t, 0, t.Count, out var v, out var used));
        Assert.Equal(expected, v, 3);
        Assert.Equal(t.Count, used);
    }

    [Theory]
    [InlineData("weakness")]
    [InlineData("the")]
    [InlineData("")]
    public void Words_that_are_not_numbers_are_not_read(string text)
    {
        var t = Tokens(text);
        Assert.False(t.Count > 0 && NumberWords.TryParse(t, 0, t.Count, out _, out _));
    }

    [Theory]
    [InlineData("three months", 3 * 30.44)]
    [InlineData("2 to 3 weeks", 17.5)]
    [InlineData("5-day", 5)]
    [InlineData("a year", 365.25)]
    [InlineData("the past month", 30.44)]
    [InlineData("one and a half years", 547.875)]
    [InlineData("72 hours", 3)]
    [InlineData("several weeks", 21)]
    // one of each way a duration can start (the parser rules out other first words by one look-up)
    [InlineData("recent months", 3 * 30.44)]
    [InlineData("last week", 7)]
    [InlineData("previous year", 365.25)]
    [InlineData("a few days", 3)]
    [InlineData("a dozen years", 12 * 365.25)]
    [InlineData("an hour", 1.0 / 24)]
    [InlineData("3/7", 3)]
    [InlineData("forty-eight hours", 2)]
    [InlineData("single day", 1)]
    [InlineData("half day", 0.5)]
    [InlineData("few weeks", 21)]
    public void Durations_are_read_in_days(string text, double days)
    {
        var t = Tokens(text);
        var start = t[0].Text == "the" ? 1 : 0;
        Assert.True(Durations.TryParse(t, start, t.Count, out var d));
        Assert.Equal(days, d.Days, 2);
    }

    [Theory]
    [InlineData("11th", 11)]
    [InlineData("eleventh", 11)]
    [InlineData("1st", 1)]
    public void Ordinals_are_read(string text, int expected)
    {
        var t = Tokens(text);
        Assert.True(NumberWords.TryOrdinal(t, 0, t.Count, out var v, out _));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("at the T12-L1 level", "T12-L1")]
    [InlineData("from C3 to C5", "C3-C5")]
    [InlineData("at T4-6", "T4-T6")]
    [InlineData("from C4 to C7/T1", "C4-T1")]
    [InlineData("the Th6-Th10 segment", "T6-T10")]
    [InlineData("at the level of the D12 vertebra", "T12")]
    [InlineData("from D6 down to the conus medullaris", "T6-L1")]
    [InlineData("from the obex down to T7", "C1-T7")]
    [InlineData("up to the cervicomedullary junction and down to about T6", "C1-T6")]
    [InlineData("the 11th-12th thoracic vertebrae", "T11-T12")]
    [InlineData("extending from C2 to T2", "C2-T2")]
    [InlineData("from T6-T7 down to the conus", "T6-L1")]
    // an ordinal word, the brainstem and a conal lesion (the first words of a level other than a level token)
    [InlineData("the ninth to eleventh thoracic vertebrae", "T9-T11")]
    [InlineData("from the brainstem to C4", "C1-C4")]
    [InlineData("a conal lesion", "T12-L1")]
    public void Vertebral_levels_and_ranges_are_read(string text, string expected)
    {
        var t = Tokens(text);
        var r = Assert.Single(VertebralLevels.Find(t, 0, t.Count));
        Assert.Equal(expected, r.ToString());
    }

    [Theory]
    [InlineData("T2 hyperintensity in the cord")]
    [InlineData("hypointense on both T1- and T2-weighted images")]
    [InlineData("bright on T2 and dark on T1")]
    [InlineData("STIR/T2 signal")]
    [InlineData("unenhanced T1 shows")]
    public void Mri_sequences_are_not_levels(string text)
    {
        var t = Tokens(text);
        Assert.Empty(VertebralLevels.Find(t, 0, t.Count));
    }

    [Fact]
    public void Two_named_vertebrae_are_two_levels()
    {
        var t = Tokens("metastases in the 9th and 11th thoracic vertebrae");
        var r = VertebralLevels.Find(t, 0, t.Count);
        Assert.Equal(["T9", "T11"], r.Select(x => x.ToString()));
    }

    [Theory]
    [InlineData("She received radiotherapy, 30 Gy in 10 fractions, to the thoracic spine.", 30, 10)]
    [InlineData("Radiotherapy 20 Gy/5 to the lumbar spine.", 20, 5)]
    [InlineData("Palliative radiotherapy 8 Gy x 1 to L2.", 8, 1)]
    [InlineData("Radiotherapy 10 x 3 Gy to T4-T6.", 30, 10)]
    [InlineData("Radiotherapy to the thoracic spine, 3000 cGy in 10 fractions.", 30, 10)]
    [InlineData("Radiotherapy to T8-T12, 36 Gy in daily 3 Gy fractions.", 36, 12)]
    [InlineData("Radiotherapy, 1.8 Gy/fx to 50.4 Gy, to the neck.", 50.4, 28)]
    public void Radiotherapy_dose_and_fractions_are_read(string text, double total, int fractions)
    {
        var rt = Assert.Single(Read(text).Treatments!.Radiotherapy!);
        Assert.Equal(total, rt.TotalDoseGy!.Value, 2);
        Assert.Equal(fractions, rt.Fractions);
    }

    [Theory]
    [InlineData("She had 30 Gy in 10 fractions to T4-T8 a year ago. She was referred to radiation oncology for a second opinion.")]
    [InlineData("She had 30 Gy in 10 fractions to T4-T8 a year ago. Re-irradiation was requested but not given.")]
    public void A_department_or_a_course_never_given_adds_no_second_course(string text)
    {
        // a phantom course would be added to the cumulative cord dose
        var rt = Assert.Single(Read(text).Treatments!.Radiotherapy!);
        Assert.Equal(30, rt.TotalDoseGy!.Value, 2);
    }

    [Fact]
    public void A_later_dose_with_its_own_field_is_a_second_course_not_the_dose_of_the_first()
    {
        var c = Read("She had breast cancer treated with mastectomy and chest wall radiotherapy. In 2023 she received 20 Gy in 5 fractions to T4-T8. Now she has an intramedullary lesion at T6.");
        var rt = c.Treatments!.Radiotherapy!;
        Assert.Equal(2, rt.Count);
        Assert.Null(rt[0].TotalDoseGy); // the chest wall course's dose is not stated
        Assert.Equal("T4-T8", rt[1].Levels);
        Assert.Equal(20, rt[1].TotalDoseGy!.Value, 2);
    }

    [Fact]
    public void Two_doses_each_with_its_own_fractions_are_two_courses_not_one_mixed_dose()
    {
        // mixing them (36 Gy with the 5 fractions of the other course) would give a cord EQD2 of 82.8 Gy instead of 30 + 45
        var rt = Read("Re-irradiation of C5-C7 (20 Gy/5) in 2025 after 36 Gy/12 in 2023. Now a cord lesion at C6.").Treatments!.Radiotherapy!;
        Assert.Equal(2, rt.Count);
        Assert.Equal((20.0, 5), (rt[0].TotalDoseGy!.Value, rt[0].Fractions!.Value));
        Assert.Equal((36.0, 12), (rt[1].TotalDoseGy!.Value, rt[1].Fractions!.Value));
        Assert.All(rt, c => Assert.Equal("C5-C7", c.Levels));
    }

    [Fact]
    public void Two_courses_in_one_sentence_keep_the_levels_named_after_their_own_dose()
    {
        var rt = Read("Radiotherapy: 30 Gy in 10 fractions to T4-T8 in 2023, then 20 Gy in 5 fractions to T6-T9 in 2025. Now a cord lesion at T7.").Treatments!.Radiotherapy!;
        Assert.Equal(2, rt.Count);
        Assert.Equal(("T4-T8", 30.0), (rt[0].Levels, rt[0].TotalDoseGy!.Value));
        Assert.Equal(("T6-T9", 20.0), (rt[1].Levels, rt[1].TotalDoseGy!.Value));
    }

    [Fact]
    public void A_cord_dose_received_during_radiotherapy_does_not_make_the_course_current()
    {
        // "during" here says what the course gave, not that the symptoms began while it was given
        var rt = Assert.Single(Read("The spinal cord received a maximum of 44 Gy during radiotherapy for nasopharyngeal cancer in 2021; new C2 lesion.").Treatments!.Radiotherapy!);
        Assert.Equal(44, rt.CordMaxDoseGy!.Value, 2);
        Assert.Null(rt.MonthsBeforeOnset);
        var during = Assert.Single(Read("During radiotherapy to T4-T8 she developed numb legs.").Treatments!.Radiotherapy!);
        Assert.True(during.MonthsBeforeOnset < 1);
    }

    [Theory]
    [InlineData("Stereotactic radiosurgery 16 Gy single fraction to the T9 metastasis 7 months ago. New T9 cord lesion.", "spine")]
    [InlineData("Gamma knife radiosurgery for two brain metastases in 2024. New T4 cord lesion.", "brain")]
    [InlineData("Proton craniospinal 23.4 Gy RBE in 13 fractions in 2020. New C4 cord lesion.", "whole spine")]
    public void Radiosurgery_to_a_spinal_level_is_the_spines_and_craniospinal_fields_are_read_by_name(string text, string target)
    {
        var rt = Assert.Single(Read(text).Treatments!.Radiotherapy!);
        Assert.Equal(target, rt.Target);
    }

    [Fact]
    public void A_mantle_field_named_without_the_word_radiotherapy_is_a_course()
    {
        var rt = Assert.Single(Read("Mantle field 36 Gy in 1995. Cord lesion at C5 now.").Treatments!.Radiotherapy!);
        Assert.Equal(36, rt.TotalDoseGy!.Value, 2);
        Assert.Contains("mantle", rt.Target!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_course_keeps_its_target_levels_and_months_before_onset()
    {
        var c = Read("A 60-year-old woman received palliative radiotherapy to T10-L2, 30 Gy in 10 fractions. Eleven months after the radiotherapy she develops weakness of both legs.");
        var rt = Assert.Single(c.Treatments!.Radiotherapy!);
        Assert.Equal("T10-L2", rt.Levels);
        Assert.Equal(11, rt.MonthsBeforeOnset!.Value, 1);
    }

    [Theory]
    [InlineData("She had radiotherapy to the thoracic spine, 20 Gy in 5 fractions. Hormone therapy began two months after radiotherapy. A year later she develops weakness.")]
    [InlineData("Radiotherapy 30 Gy in 10 fractions to T4-T8 in May. Since radiotherapy she has been well until new numb legs.")]
    public void A_bare_mention_that_only_dates_something_refers_to_the_course_already_described(string text)
    {
        var rt = Assert.Single(Read(text).Treatments!.Radiotherapy!);
        Assert.NotNull(rt.TotalDoseGy);
    }

    [Fact]
    public void Two_courses_in_one_sentence_get_their_own_targets()
    {
        var c = Read("He was treated with chemotherapy, thoracic radiotherapy and prophylactic cranial irradiation.");
        var rt = c.Treatments!.Radiotherapy!;
        Assert.Equal(2, rt.Count);
        Assert.Equal("thorax", rt[0].Target);
        Assert.Equal("whole brain", rt[1].Target);
    }

    [Fact]
    public void A_dose_reaching_the_cord_in_the_next_sentence_belongs_to_the_course()
    {
        var c = Read("She was treated with radiotherapy for carcinoma of the tonsil. The dose reaching the spinal cord was about 48 Gy, delivered in 2.0 Gy fractions.");
        var rt = Assert.Single(c.Treatments!.Radiotherapy!);
        Assert.Equal(48, rt.CordMaxDoseGy);
        Assert.True(rt.CordInField);
        Assert.Equal(24, rt.Fractions);
    }

    [Theory]
    [InlineData("The brain disease was treated with whole-brain radiotherapy to 30 Gy. Three months after that course she develops paraplegia.", 3)]
    [InlineData("He was treated for lymphoma ten years ago, including irradiation of the mediastinum.", 120)]
    [InlineData("A 52-year-old man had Hodgkin lymphoma at age 18, treated with mantle-field radiotherapy.", 408)]
    [InlineData("He is receiving palliative radiotherapy for rib metastases when he develops weakness.", 0.25)]
    public void Months_from_radiotherapy_to_onset_are_read(string text, double months)
    {
        var rt = Read(text).Treatments!.Radiotherapy!.First();
        Assert.Equal(months, rt.MonthsBeforeOnset!.Value, 0);
    }

    [Fact]
    public void A_later_event_moves_the_timeline_on()
    {
        var c = Read("He was treated with chemotherapy and radiotherapy. One year after the diagnosis CT showed brain metastases. Six months later he reports weakness.");
        Assert.Null(Assert.Single(c.Treatments!.Radiotherapy!).MonthsBeforeOnset);
    }

    [Theory]
    [InlineData("A 35-year-old woman.", 35)]
    [InlineData("A forty-five-year-old man.", 45)]
    [InlineData("Patient aged 60 with back pain.", 60)]
    [InlineData("A 71 yo man.", 71)]
    public void Ages_are_read(string text, double age) => Assert.Equal(age, Read(text).Patient!.AgeYears);

    [Fact]
    public void An_age_at_a_past_event_is_not_the_patients_age()
    {
        Assert.Null(Read("Hodgkin lymphoma at age 18, now with leg weakness.").Patient?.AgeYears);
    }

    [Theory]
    [InlineData("MRI: the largest lesion measures 13 x 7 x 8 mm.", new double[] { 13, 7, 8 })]
    [InlineData("MRI: a nodule of 1.3 x 0.7 cm.", new double[] { 13, 7 })]
    [InlineData("MRI: the nodule had doubled to 18 mm.", new double[] { 18 })]
    public void Lesion_sizes_are_read_in_mm(string text, double[] mm) => Assert.Equal(mm, Read(text).Imaging!.LargestLesionMm!);

    [Fact]
    public void A_length_along_the_cord_is_not_a_lesion_size()
    {
        Assert.Null(Read("MRI: a lesion expands the cord from C4 to C7 (about 7.6 cm long).").Imaging?.LargestLesionMm);
    }

    [Fact]
    public void Lesion_counts_ignore_lesions_in_other_organs()
    {
        Assert.Equal(3, Read("Spinal MRI shows three nodular lesions inside the cord.").Imaging!.LesionCount);
        Assert.Null(Read("PET-CT found three FDG-avid lung nodules.").Imaging?.LesionCount);
    }

    [Theory]
    [InlineData("T2 hyperintensity extends from C2 to C7.", 6)]
    [InlineData("A long intramedullary T2 lesion extending over more than three vertebral segments.", 4)]
    [InlineData("T2 signal change from T6 down to the conus medullaris.", 8)]
    public void T2_extent_is_counted_in_segments(string text, double segments) => Assert.Equal(segments, Read(text).Imaging!.T2ExtentSegments);

    [Theory]
    [InlineData("Abnormal T2 signal in the conus.")]
    [InlineData("Expansile signal change within the conus medullaris.")]
    [InlineData("T2 hyperintense lesion of the conal region with oedema.")]
    public void The_conus_alone_says_where_not_how_long(string text) => Assert.Null(Read(text).Imaging?.T2ExtentSegments);

    [Fact]
    public void Mrc_grades_are_read_with_their_limbs()
    {
        var m = Read("Examination: right biceps strength 2/5, hip flexors 4/5 bilaterally.").Presentation!.Motor!;
        Assert.Equal(2, m.RightArm);
        Assert.Null(m.LeftArm);
        Assert.Equal(4, m.RightLeg);
        Assert.Equal(4, m.LeftLeg);
    }

    [Theory]
    [InlineData("Back pain 7/10 in the legs.")]
    [InlineData("She received 3/5 fractions to the legs.")]
    [InlineData("Seen on 3/5/2020 for leg weakness.")]
    public void Fractions_that_are_not_mrc_grades_are_ignored(string text) => Assert.Null(Read(text).Presentation?.Motor);

    [Fact]
    public void Csf_values_are_converted_to_the_case_units()
    {
        var csf = Read("CSF: 25 white cells, protein 0.9 g/L, glucose 3.1 mmol/L.").Labs!.Csf!;
        Assert.Equal(25, csf.WhiteCellsPerUl);
        Assert.Equal(90, csf.ProteinMgPerDl!.Value, 1);
        Assert.Equal(55.8, csf.GlucoseMgPerDl!.Value, 1);
    }

    [Fact]
    public void B12_and_copper_are_converted_and_reference_ranges_ignored()
    {
        var labs = Read("Serum vitamin B12 (800 pg/ml; 211-911) and copper 10 umol/L.").Labs!;
        Assert.Equal(800, labs.B12PgPerMl);
        Assert.Equal(63.55, labs.CopperUgPerDl!.Value, 1);
        Assert.Equal(203.25, Read("Vitamin B12 was 150 pmol/L.").Labs!.B12PgPerMl!.Value, 1);
    }

    [Fact]
    public void A_sensory_level_is_kept_apart_from_the_lesion_levels()
    {
        var c = Read("Examination: sensory level at T9. MRI: intramedullary lesion at T11-T12.");
        Assert.Equal("T9", c.Presentation!.SensoryLevel);
        Assert.Equal("T11-T12", c.Imaging!.Levels);
    }

    [Fact]
    public void Radiotherapy_levels_are_kept_apart_from_the_lesion_levels()
    {
        var c = Read("Radiotherapy to T8-T12 two years ago. MRI now shows an intramedullary lesion at C5.");
        Assert.Equal("T8-T12", Assert.Single(c.Treatments!.Radiotherapy!).Levels);
        Assert.Equal("C5", c.Imaging!.Levels);
    }

    [Fact]
    public void Spinal_levels_read_by_the_text_reader_agree_with_the_core_parser()
    {
        foreach (var s in new[] { "T12-L1", "C3-C5", "T6-T10", "C1-T7" })
            Assert.Equal(SpinalLevels.Ranges(s).Single(), VertebralLevels.Find(Tokens(s), 0, Tokens(s).Count).Select(r => (r.From, r.To)).Single());
    }
}
