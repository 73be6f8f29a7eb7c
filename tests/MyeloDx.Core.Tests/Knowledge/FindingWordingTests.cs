using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Knowledge;

public class FindingWordingTests
{
    [Theory]
    [InlineData("Back or neck pain", "no back or neck pain")]
    [InlineData("Brain metastases", "no brain metastases")]
    [InlineData("CSF pleocytosis", "no CSF pleocytosis")]
    [InlineData("AQP4-IgG positive", "no AQP4-IgG positive")]
    [InlineData("T1-bright marrow", "no T1-bright marrow")]
    public void A_negated_finding_reads_as_a_sentence(string name, string expected) =>
        Assert.Equal(expected, FindingWording.Absent(name));
}
