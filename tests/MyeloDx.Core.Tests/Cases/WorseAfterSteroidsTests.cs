using MyeloDx.Core.Cases;

namespace MyeloDx.Core.Tests.Cases;

public sealed class WorseAfterSteroidsTests
{
    private static Case With(bool? worse) => new() { Presentation = new Presentation { WorseAfterSteroidsOrExertion = worse } };

    [Fact]
    public void Worsening_after_steroids_becomes_the_worsened_steroid_response()
    {
        var o = new FindingDeriver(TestPaths.KnowledgeBase).Derive(With(true));
        var s = Assert.Single(o, x => x.VariableId == "steroid_response");
        Assert.Equal("worsened", s.State);
    }

    [Fact]
    public void Not_worsening_says_nothing_about_the_steroid_response()
    {
        var o = new FindingDeriver(TestPaths.KnowledgeBase).Derive(With(false));
        Assert.DoesNotContain(o, x => x.VariableId == "steroid_response");
    }

    [Fact]
    public void A_case_stating_worsening_after_steroids_is_assessed()
    {
        var a = TestPaths.Service.Assess(With(true));
        Assert.Equal(15, a.Differential.Count);
    }
}
