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

    [Fact]
    public void Full_dates_are_still_read_whole()
    {
        var d = Assert.Single(Dates("Clinic 02/12/2026."));
        Assert.Equal(new DateOnly(2026, 12, 2), d.Date);
    }
}
