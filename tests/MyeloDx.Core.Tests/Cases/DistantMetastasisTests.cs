using MyeloDx.Core.Cases;

namespace MyeloDx.Core.Tests.Cases;

/// <summary>A bone or brain metastasis on imaging is a distant metastasis, however the case states it.</summary>
public sealed class DistantMetastasisTests
{
    private static IReadOnlyList<MyeloDx.Core.Inference.Observation> Derive(Case c) => new FindingDeriver(TestPaths.KnowledgeBase).Derive(c);

    [Fact]
    public void Bone_metastases_on_imaging_mean_systemic_metastases_are_present()
    {
        var o = Derive(new Case { Imaging = new Imaging { BoneMetastases = true } });
        Assert.Equal("present", Assert.Single(o, x => x.VariableId == "systemic_metastases").State);
    }

    [Fact]
    public void Brain_metastases_on_imaging_mean_systemic_metastases_are_present()
    {
        var o = Derive(new Case { Imaging = new Imaging { BrainMetastases = true } });
        Assert.Equal("present", Assert.Single(o, x => x.VariableId == "systemic_metastases").State);
    }

    [Fact]
    public void No_bone_metastases_on_imaging_says_nothing_about_metastases_elsewhere()
    {
        var o = Derive(new Case { Imaging = new Imaging { BoneMetastases = false } });
        Assert.DoesNotContain(o, x => x.VariableId == "systemic_metastases");
    }
}
