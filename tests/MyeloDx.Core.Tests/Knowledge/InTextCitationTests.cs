using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Knowledge;

/// <summary>Running text cites sources the way a clinician reads them, never by the knowledge base's key (issue #14).</summary>
public sealed class InTextCitationTests
{
    [Theory]
    [InlineData("Kirkpatrick JP, van der Kogel AJ, Schultheiss TE. Radiation dose-volume effects in the spinal cord (QUANTEC). IJROBP 2010;76(3 Suppl):S42-9.", "Kirkpatrick et al. 2010")]
    [InlineData("Schultheiss TE. The radiation dose-response of the human spinal cord. IJROBP 2008;71:1455-9.", "Schultheiss 2008")]
    [InlineData("van der Kogel AJ, Smith B. A made-up title about 1999 things. J Test 2001;1:1.", "van der Kogel et al. 2001")]
    public void Author_year_comes_from_the_first_author_and_the_publication_year(string citation, string expected) =>
        Assert.Equal(expected, InTextCitation.For(citation));

    [Fact]
    public void Radiotherapy_sentences_cite_by_author_and_year_not_by_source_key()
    {
        var k = MyeloDx.Core.Dose.RadiotherapyKnowledgeLoader.Load(TestPaths.Knowledge);
        var cite = k.Conventional.Td50.Cite;
        Assert.DoesNotMatch(@"^[A-Z][A-Za-z-]+\d{4}$", cite);
        Assert.Matches(@"^[A-Z][a-z].* \d{4}$", cite);
    }
}
