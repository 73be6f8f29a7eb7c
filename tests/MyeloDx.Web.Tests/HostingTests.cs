using MyeloDx.Core.Services;
using MyeloDx.Web.Hosting;

namespace MyeloDx.Web.Tests;

/// <summary>Every host composes the same full program: no feature can be missing, so no endpoint answers "not in this build".</summary>
public class HostingTests
{
    [Fact]
    public void Every_web_feature_is_present_in_the_composed_host()
    {
        var features = MyeloDxHost.Create(new MyeloDxOptions { KnowledgeFolder = WebApp.Service.KnowledgeFolder }).WebFeatures();
        var missing = typeof(MyeloDx.Web.Input.WebFeatures).GetProperties().Where(p => p.GetValue(features) is null).Select(p => p.Name).ToList();
        Assert.True(missing.Count == 0, "missing features: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_standalone_hosts_dose_calculator_gives_the_cli_figures()
    {
        var host = MyeloDxHost.Create(new MyeloDxOptions { KnowledgeFolder = WebApp.Service.KnowledgeFolder });
        var d = host.WebFeatures().DoseCalculator!.Calculate(["30 Gy/10"], null);
        Assert.Equal(37.5, d.Courses[0].AtAlphaBeta.Single(a => a.AlphaBetaGy == 2).Eqd2Gy);
    }
}
