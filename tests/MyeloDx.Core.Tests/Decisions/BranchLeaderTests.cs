using MyeloDx.Core.Decisions;
using TestResult = MyeloDx.Core.Decisions.TestResult;

namespace MyeloDx.Core.Tests.Decisions;

/// <summary>
/// A branch's leader is the first diagnosis holding its largest mass (issue 17, round 16 finds it in the pass that
/// makes the branch, lane by lane): ties across lanes and across vectors must still go to the earlier diagnosis.
/// </summary>
public sealed class BranchLeaderTests
{
    [Theory]
    [InlineData(6, 9)]   // different lanes of different vectors
    [InlineData(3, 4)]   // the last lane of one vector and the first of the next
    [InlineData(1, 2)]   // neighbouring lanes of one vector
    [InlineData(4, 12)]  // the same lane of different vectors
    [InlineData(0, 14)]
    public void Ties_go_to_the_earlier_diagnosis(int first, int second)
    {
        const int nd = 15;
        var p = new double[nd];
        for (var i = 0; i < nd; i++) p[i] = 0.4 / (nd - 2);
        p[first] = p[second] = 0.3;
        // a result that tells nothing keeps the tie in both branches
        var flat = Factor("flat", Enumerable.Repeat(0.5, nd).ToArray(), Enumerable.Repeat(0.5, nd).ToArray());
        Assert.Equal(0, ValueOfInformation.ExpectedGain(p, [flat], first).PLeaderChanges, 12);
        Assert.Equal(1, ValueOfInformation.ExpectedGain(p, [flat], second).PLeaderChanges, 12);

        // a result that favours the second diagnosis makes it the leader in that branch only
        var present = Enumerable.Repeat(0.5, nd).ToArray(); present[second] = 0.9;
        var absent = present.Select(x => 1 - x).ToArray();
        var tipping = Factor("tipping", present, absent);
        var pPresent = p.Select((x, i) => x * present[i]).Sum();
        Assert.Equal(pPresent, ValueOfInformation.ExpectedGain(p, [tipping], first).PLeaderChanges, 12);
        Assert.Equal(1 - pPresent, ValueOfInformation.ExpectedGain(p, [tipping], second).PLeaderChanges, 12);
    }

    private static TestFactor Factor(string id, double[] present, double[] absent) =>
        new(id, id, null, [new TestResult("present", "present", present, []), new TestResult("absent", "absent", absent, [])]);
}
