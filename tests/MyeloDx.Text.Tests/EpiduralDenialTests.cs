namespace MyeloDx.Text.Tests;

/// <summary>
/// A spinal MRI report that denies epidural tumour is the reference test saying there is none: beside an
/// intramedullary lesion it must not leave epidural compression open (sentences written for these tests).
/// </summary>
public class EpiduralDenialTests
{
    private const string Lesion = "Breast cancer. 3 weeks of leg numbness. MRI: T2 hyperintensity within the cord T7-T8";

    [Fact]
    public void An_intramedullary_lesion_with_no_epidural_disease_leaves_epidural_compression_unlikely()
    {
        var denied = TextFixture.Assess(Lesion + ", no epidural disease, no cord compression.");
        var silent = TextFixture.Assess(Lesion + ".");
        var p = denied.Get("epidural_cord_compression")!.Probability;
        Assert.True(p < 0.05, $"epidural compression {p:0.000} after a report that denies epidural disease");
        Assert.True(p < silent.Get("epidural_cord_compression")!.Probability / 3, "the denial should weigh against epidural compression");
    }

    [Fact]
    public void A_report_of_epidural_tumour_still_puts_epidural_compression_first()
    {
        var a = TextFixture.Assess("Breast cancer with bone metastases. Back pain and leg weakness for 2 days. MRI: epidural mass at T8 compressing the cord.");
        Assert.Equal("epidural_cord_compression", a.Leading.Id);
    }
}
