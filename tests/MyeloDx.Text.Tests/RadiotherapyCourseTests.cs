using MyeloDx.Core.Cases;

namespace MyeloDx.Text.Tests;

/// <summary>
/// Which radiotherapy a note counts as a course the cord had before the myelopathy: not one given to the lesion after
/// its diagnosis, planned, offered and declined, or answered "N" on a checklist (sentences written for these tests).
/// </summary>
public sealed class RadiotherapyCourseTests
{
    private static IReadOnlyList<RadiotherapyCourse> Courses(string text) =>
        TextFixture.Reader.Analyze(text).Case.Treatments?.Radiotherapy ?? [];

    [Theory]
    [InlineData("Nodule in the conus. SRS to the conus lesion, 24 Gy in 3 fractions, was given after the diagnosis.")]
    [InlineData("Intramedullary deposit at T6. SBRT 27 Gy in 3 fractions to T6 was delivered after the MRI.")]
    [InlineData("Breast cancer. No previous radiotherapy. 20 Gy in 5 fractions planned if not for surgery.")]
    [InlineData("Breast cancer. Radiotherapy to T4-T8 was offered but she declined.")]
    [InlineData("Breast cancer. Epidural mass at T7. Oncology to review re post-op RT to T7.")]
    [InlineData("Breast cancer.\nPrior whole-spine RT: N")]
    public void A_course_not_given_before_the_onset_is_not_counted(string text) => Assert.Empty(Courses(text));

    [Theory]
    [InlineData("Breast cancer. Radiotherapy to T4-T8 in 2023, 30 Gy in 10 fractions. Now weak legs.")]
    [InlineData("Breast cancer. SBRT 27 Gy in 3 fractions to T6 in March, before the weakness began.")]
    public void A_course_given_before_the_onset_is_counted(string text) => Assert.NotEmpty(Courses(text));
}
