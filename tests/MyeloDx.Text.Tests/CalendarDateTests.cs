using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;

namespace MyeloDx.Text.Tests;

/// <summary>Dates as notes write them, including a month and year in digits.</summary>
public sealed class CalendarDateTests
{
    private static List<WrittenDate> Dates(string text) =>
        CalendarDates.FindAllWithMonths(new Tokenizer(new Dictionary<string, string>()).Tokenize(text));

    [Theory]
    [InlineData("MRI 11/2026: flow voids.", 2026, 11)]
    [InlineData("LP 3-2025 was normal.", 2025, 3)]
    [InlineData("Seen in March 2025.", 2025, 3)]
    public void A_month_and_year_is_read_as_the_middle_of_that_month(string text, int year, int month)
    {
        var d = Assert.Single(Dates(text));
        Assert.Equal(new DateOnly(year, month, 15), d.Date);
    }

    [Theory]
    [InlineData("ANA titre 1/2000.")]
    [InlineData("Back pain for 2/52.")]
    [InlineData("Power 4/5 in both legs.")]
    [InlineData("13/2026 is not a month.")]
    public void Titres_weeks_grades_and_impossible_months_are_not_dates(string text) => Assert.Empty(Dates(text));

    [Theory]
    [InlineData("CSF (11-NOV-26): protein 1.2 g/L.", 2026, 11, 11)]
    [InlineData("LP 02-Dec-2026: cytology negative.", 2026, 12, 2)]
    public void A_printed_date_with_the_month_in_letters_is_read_whole(string text, int year, int month, int day)
    {
        var d = Assert.Single(Dates(text));
        Assert.Equal(new DateOnly(year, month, day), d.Date);
        Assert.False(d.MonthOnly);
    }

    [Fact]
    public void A_month_written_alone_may_mean_any_day_up_to_its_last()
    {
        var d = Assert.Single(Dates("PET-CT 12/2025: no FDG-avid disease."));
        Assert.True(d.MonthOnly);
        Assert.Equal(new DateOnly(2025, 12, 31), d.LatestDay);
        var full = Assert.Single(Dates("PET-CT 02/12/2025: no FDG-avid disease."));
        Assert.Equal(full.Date, full.LatestDay);
    }

    [Fact]
    public void Full_dates_are_still_read_whole()
    {
        var d = Assert.Single(Dates("Clinic 02/12/2026."));
        Assert.Equal(new DateOnly(2026, 12, 2), d.Date);
    }
}
