using MyeloDx.Core.Cases;
using MyeloDx.Text.Extraction;

namespace MyeloDx.Text.Tests;

/// <summary>
/// Radiotherapy summaries typed as tables: each row is a course, each column keeps its own meaning (prescription, the
/// cord's physical maximum, a computed equivalent dose that nobody received), and equivalent doses in prose are not
/// read as doses given.
/// </summary>
public sealed class DoseTableTests
{
    private static Case Read(string text) => TextFixture.Reader.Analyze(text).Case;

    private const string PipeTable = """
        Oncology clinic, 01/12/2026
        Prior radiotherapy to the spine
        | # | Date       | Field         | Prescription  | Max cord dose | EQD2 cord (a/b 2) |
        |---|------------|---------------|---------------|---------------|-------------------|
        | 1 | 03/04/2023 | C5-T1         | 30 Gy / 10    | 31.2 Gy       | approx. 37 Gy     |
        | 2 | 20/10/2025 | C7 SBRT       | 24 Gy / 2     | 14 Gy         | 39 Gy             |
        Summed cord EQD2 approx. 76 Gy.
        Two months of progressive arm and leg weakness.
        """;

    [Fact]
    public void Each_row_of_a_dose_table_is_a_course_with_its_own_prescription_cord_maximum_and_field()
    {
        var rt = Read(PipeTable).Treatments!.Radiotherapy!;
        Assert.Equal(2, rt.Count);
        Assert.Equal((30.0, 10, 31.2, "C5-T1"), (rt[0].TotalDoseGy!.Value, rt[0].Fractions!.Value, rt[0].CordMaxDoseGy!.Value, rt[0].Levels));
        Assert.Equal((24.0, 2, 14.0, "C7"), (rt[1].TotalDoseGy!.Value, rt[1].Fractions!.Value, rt[1].CordMaxDoseGy!.Value, rt[1].Levels));
        Assert.Equal("sbrt", rt[1].Technique);
        Assert.Null(rt[0].Technique);
    }

    [Fact]
    public void Equivalent_doses_in_a_table_or_in_prose_are_never_read_as_doses_given()
    {
        var rt = Read(PipeTable).Treatments!.Radiotherapy!;
        var every = rt.SelectMany(c => new[] { c.TotalDoseGy, c.CordMaxDoseGy }).Where(d => d is not null).Select(d => d!.Value).ToList();
        Assert.DoesNotContain(37.0, every);
        Assert.DoesNotContain(39.0, every);
        Assert.DoesNotContain(76.0, every);
    }

    [Fact]
    public void The_date_column_dates_each_course_against_the_note()
    {
        var rt = Read(PipeTable).Treatments!.Radiotherapy!;
        Assert.InRange(rt[0].MonthsBeforeOnset!.Value, 40, 45); // April 2023 to December 2026
        Assert.InRange(rt[1].MonthsBeforeOnset!.Value, 12, 15); // October 2025 to December 2026
    }

    private const string OrganAtRiskTable = """
        Radiotherapy to the cervical spine, 70 Gy in 35 fractions.

        | Organ at risk    | Constraint | Achieved |
        |------------------|------------|----------|
        | Spinal cord Dmax | < 48 Gy    | 47.6 Gy  |
        | Brainstem Dmax   | < 54 Gy    | 41.2 Gy  |
        | Parotid mean     | < 26 Gy    | 31.0 Gy  |

        Leg weakness. MRI: T2 signal C2 to C6.
        """;

    [Fact]
    public void An_organ_at_risk_table_gives_the_plans_cord_maximum_not_a_course_per_organ()
    {
        var rt = Assert.Single(Read(OrganAtRiskTable).Treatments!.Radiotherapy!);
        Assert.Equal(47.6, rt.CordMaxDoseGy!.Value);
        // the constraints (48, 54, 26 Gy) and the other organs' doses (41.2, 31 Gy) are no dose the cord received
        Assert.DoesNotContain(rt.TotalDoseGy, new double?[] { 48, 54, 26, 41.2, 31 });
    }

    [Fact]
    public void Tab_separated_tables_with_other_header_words_are_read_the_same_way()
    {
        var text = "Site\tRx\tDmax spinal cord\tBED\nT9-T12\t20 Gy in 5 fractions\t19 Gy\t60 Gy\nNew numb legs over 5 weeks.";
        var rt = Assert.Single(Read(text).Treatments!.Radiotherapy!);
        Assert.Equal((20.0, 5, 19.0, "T9-T12"), (rt.TotalDoseGy!.Value, rt.Fractions!.Value, rt.CordMaxDoseGy!.Value, rt.Levels));
    }

    [Fact]
    public void The_caption_above_a_table_gives_its_field_to_rows_that_name_none_and_is_not_a_course_of_its_own()
    {
        var text = "Radiotherapy to the thoracic spine:\n| Course | Dose |\n| 1 | 8 Gy single fraction |\n| 2 | 20 Gy / 5 |\nNow weak legs.";
        var rt = Read(text).Treatments!.Radiotherapy!;
        Assert.Equal(2, rt.Count);
        Assert.All(rt, c => Assert.Equal("thoracic spine", c.Target));
        Assert.Equal(8.0, rt[0].TotalDoseGy!.Value);
        Assert.Equal((20.0, 5), (rt[1].TotalDoseGy!.Value, rt[1].Fractions!.Value));
    }

    [Fact]
    public void A_bare_mention_of_reirradiation_is_not_a_course_beside_the_courses_described()
    {
        var text = "RE-IRRADIATION REVIEW\nShe received 30 Gy in 10 fractions to T4-T8 in 2024. New leg weakness.";
        var rt = Assert.Single(Read(text).Treatments!.Radiotherapy!);
        Assert.Equal(30.0, rt.TotalDoseGy!.Value);
        // alone it still says an earlier course was given, of unknown dose
        Assert.Single(Read("Referred to discuss re-irradiation. New leg weakness.").Treatments!.Radiotherapy!);
    }

    [Theory]
    [InlineData("Cumulative cord EQD2 approx. 70 Gy after 30 Gy in 10 fractions to T6-T9.")]
    [InlineData("30 Gy in 10 fractions to T6-T9 (BED 48 Gy, EQD2 40 Gy).")]
    [InlineData("30 Gy in 10 fractions to T6-T9, cord dose 40 Gy EQD2.")]
    public void A_computed_equivalent_dose_in_prose_is_not_a_prescription_or_cord_maximum(string text)
    {
        var rt = Assert.Single(Read(text + " New leg weakness.").Treatments!.Radiotherapy!);
        Assert.Equal((30.0, 10), (rt.TotalDoseGy!.Value, rt.Fractions!.Value));
        Assert.Null(rt.CordMaxDoseGy);
    }

    [Fact]
    public void A_field_named_in_the_site_column_is_not_where_the_cord_lesion_lies()
    {
        var c = Read("| Site | Dose |\n| T2-T5 | 20 Gy / 5 |\nMRI: intramedullary T2 signal at C4-C6.");
        Assert.Equal("T2-T5", Assert.Single(c.Treatments!.Radiotherapy!).Levels);
        Assert.Equal("C4-C6", c.Imaging!.Levels);
    }

    [Theory]
    [InlineData("| a | b |\n|---|---|\n| | |")]
    [InlineData("||||\n|\t|\t|\n")]
    [InlineData("| Dose | Cord |\n| Gy | 12 |\n| 10 Gy / | x |")]
    [InlineData("\t\t\t\n\t20 Gy\t\t")]
    public void Malformed_tables_are_read_without_error(string text)
    {
        var result = TextFixture.Reader.Analyze(text);
        Assert.NotNull(result.Case);
    }

    [Fact]
    public void Header_cells_name_the_column_roles_and_rule_lines_are_skipped()
    {
        var text = "| Course | Dates | Target | Dose/fx | Cord Dmax | Cord EQD2 |\n|:--|:--|:--|:--|:--|:--|\n| 1 | 2024 | T4 | 8 Gy | 8 Gy | 12 Gy |";
        var tokens = new MyeloDx.Text.Matching.Tokenizer(new Dictionary<string, string>()).Tokenize(text);
        var row = Assert.Single(DoseTables.Find(text, tokens));
        Assert.Equal([DoseColumn.Other, DoseColumn.Date, DoseColumn.Site, DoseColumn.Prescription, DoseColumn.CordDose, DoseColumn.Equivalent],
                     row.Cells.Select(c => c.Role).ToArray());
    }
}
