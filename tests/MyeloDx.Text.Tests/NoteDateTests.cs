namespace MyeloDx.Text.Tests;

/// <summary>
/// A note's own date (in its head) places what it dates: a study of the past days is the current one, an event half a
/// year or more before is history, a course's date gives its latency (notes written for these tests).
/// </summary>
public class NoteDateTests
{
    private const string Head = "Neurology clinic letter\n4 December 2026\n\nDear colleague,\n";

    [Fact]
    public void An_event_dated_years_before_the_notes_own_date_is_history()
    {
        Assert.DoesNotContain("sphincter_dysfunction=present", TextFixture.Stated(Head + "Urinary retention in 2020 after hernia surgery. She now has new leg weakness."));
        // without a date for the note, the year alone cannot place it: it stays a finding
        Assert.Contains("sphincter_dysfunction=present", TextFixture.Stated("Urinary retention in 2020 after hernia surgery. She now has new leg weakness."));
    }

    [Fact]
    public void A_complaint_running_since_a_date_is_part_of_the_present_illness()
    {
        Assert.Contains("sphincter_dysfunction=present", TextFixture.Stated(Head + "Progressive leg weakness since June 2026 with urinary retention."));
    }

    [Fact]
    public void A_past_episode_stays_a_past_history_finding()
    {
        var stated = TextFixture.Stated(Head + "In March 2024 she had an episode of optic neuritis. She now has a sensory level at T6.");
        Assert.Contains("demyelinating_history=present", stated);
        Assert.Contains("sensory_level=present", stated);
    }

    [Fact]
    public void A_course_dated_in_full_gets_its_latency_from_the_notes_own_date()
    {
        var stated = TextFixture.Stated(Head + "MRI: T2 signal in the cord at T6-T8.\nSBRT to T7, 24 Gy in 2 fractions on 10/03/2025.");
        Assert.Contains("cord_rt_exposure=in_field", stated);
        var latency = stated.Single(x => x.StartsWith("rt_latency_months=", StringComparison.Ordinal));
        Assert.InRange(double.Parse(latency["rt_latency_months=".Length..], System.Globalization.CultureInfo.InvariantCulture), 20.5, 21.0);
    }

    [Fact]
    public void A_date_in_the_body_of_a_short_note_is_not_taken_for_its_own_date()
    {
        var stated = TextFixture.Stated("MRI: T2 signal in the cord at T6-T8. SBRT to T7, 24 Gy in 2 fractions in March 2025. Review planned for January 2027.");
        Assert.DoesNotContain(stated, x => x.StartsWith("rt_latency_months=", StringComparison.Ordinal));
    }
}
