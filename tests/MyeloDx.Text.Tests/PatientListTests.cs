namespace MyeloDx.Text.Tests;

/// <summary>
/// A handover list holds several patients: the reader takes one entry (the flagged one, else the longest) and shows the
/// others as set aside, so no neighbour's cancer, age or scan is pooled into the patient assessed.
/// </summary>
public sealed class PatientListTests
{
    private const string Handover =
        "WEEKEND HANDOVER\n" +
        "BED 2 - Mr D., 77 M. Prostate cancer, epidural disease at T11, on radiotherapy.\n" +
        "BED 6 - Ms R., 33 F  <-- NEW, please review\n" +
        "  Three days of numbness rising to the waist. MRI: short lesion in the cord at C3.\n" +
        "BED 8 - Mrs T., 85 F. Low B12, on replacement.\n";

    [Fact]
    public void Only_the_flagged_entry_is_read()
    {
        var a = TextFixture.Reader.Analyze(Handover);
        Assert.Equal(33, a.Case.Patient?.AgeYears);
        Assert.Equal("female", a.Case.Patient?.Sex);
        Assert.DoesNotContain(a.Mentions, m => m.Used && m.Findings.Any(f => f.Variable is "epidural_disease" or "b12_low"));
        Assert.Contains(a.Mentions, m => m.Used && m.Findings.Any(f => f.Variable == "sensory_level"));
    }

    [Fact]
    public void The_entries_set_aside_are_named_with_their_place_in_the_note()
    {
        var a = TextFixture.Reader.Analyze(Handover);
        Assert.Equal(2, a.OtherPatientEntries.Count);
        Assert.StartsWith("BED 2", Handover.Substring(a.OtherPatientEntries[0].Start, a.OtherPatientEntries[0].Length));
        Assert.StartsWith("BED 8", Handover.Substring(a.OtherPatientEntries[1].Start, a.OtherPatientEntries[1].Length));
        var setAside = TextExplanation.Segments(a).Where(s => s.Kind == MarkKind.Dropped).Select(s => s.Text).ToList();
        Assert.Contains(setAside, t => t.StartsWith("BED 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_flag_the_longest_entry_is_read()
    {
        const string note = "Bed 1: 70 M, myeloma, stable.\nBed 5: 52 F, lung cancer, two weeks of leg weakness and urinary retention, sensory level at T8.\n";
        var a = TextFixture.Reader.Analyze(note);
        Assert.Equal(52, a.Case.Patient?.AgeYears);
        Assert.Single(a.OtherPatientEntries);
    }

    [Fact]
    public void An_ordinary_note_with_one_bed_number_is_read_whole()
    {
        const string note = "Bed 4: 61 M, lung cancer and new leg weakness. Known myeloma in his brother.";
        var a = TextFixture.Reader.Analyze(note);
        Assert.Empty(a.OtherPatientEntries);
        Assert.Equal(61, a.Case.Patient?.AgeYears);
    }
}
