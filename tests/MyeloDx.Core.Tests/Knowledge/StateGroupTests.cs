using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Knowledge;

/// <summary>
/// A group of states ("enhancing, pattern not stated", "no cord compression") adds no number of its own: under every
/// diagnosis its likelihood is the sum of its members', so it can never say more than they say together.
/// </summary>
public sealed class StateGroupTests
{
    public static TheoryData<string, string> Groups()
    {
        var data = new TheoryData<string, string>();
        foreach (var v in Repo.Kb.Variables.Values.Where(v => v.Kind == VariableKind.Categorical))
            foreach (var s in v.States.Where(s => s.IsGroup)) data.Add(v.Id, s.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void A_group_state_is_the_sum_of_its_members_under_every_diagnosis(string variable, string group)
    {
        var v = Repo.Kb.Variables[variable];
        var g = v.State(group)!;
        for (var d = 0; d < Repo.Kb.Diagnoses.Count; d++)
        {
            var sum = g.Members!.Sum(m => v.State(m)!.Likelihood[d]);
            Assert.Equal(Math.Min(sum, 1 - 1e-9), g.Likelihood[d], 12);
            Assert.InRange(g.Likelihood[d], 0, 1);
        }
    }

    [Fact]
    public void No_cord_compression_leaves_epidural_compression_only_its_rare_other_sites()
    {
        var v = Repo.Kb.Variables["compartment"];
        var noCompression = v.State("no_compression")!;
        var epidural = Repo.Kb.Diagnoses.ToList().FindIndex(d => d.Id == "epidural_cord_compression");
        var intramedullary = Repo.Kb.Diagnoses.ToList().FindIndex(d => d.Id == "intramedullary_metastasis");
        // an MRI without compression makes epidural compression far less likely than an intramedullary metastasis
        Assert.True(noCompression.Likelihood[epidural] < 0.05, $"{noCompression.Likelihood[epidural]}");
        Assert.True(noCompression.Likelihood[intramedullary] > 0.9, $"{noCompression.Likelihood[intramedullary]}");
    }
}
