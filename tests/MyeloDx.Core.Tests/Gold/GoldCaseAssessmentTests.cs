using MyeloDx.Core.Cases;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Tests.Gold;

/// <summary>
/// Every structured gold case goes through the full assessment. These tests check the shape of the answer, not
/// whether it is right: accuracy is measured by ../shared/eval/score on the same file.
/// </summary>
public sealed class GoldCaseAssessmentTests
{
    private readonly AssessmentService _service = AssessmentService.CreateDefault(TestPaths.KnowledgeBase);

    public static TheoryData<string> GoldIds() => GoldCaseFiles.Ids();

    [Theory]
    [MemberData(nameof(GoldIds))]
    public void Gold_case_yields_a_full_differential_summing_to_one(string id)
    {
        var line = GoldCaseFiles.Get(id);
        var a = _service.Assess(CaseJson.Parse(line.CaseJson, id));

        var expected = _service.Knowledge.Diagnoses.Select(d => d.Id).Order().ToArray();
        Assert.Equal(15, expected.Length);
        Assert.Equal(expected, a.Differential.Select(d => d.Id).Order().ToArray());
        Assert.All(a.Differential, d => Assert.InRange(d.Probability, 0.0, 1.0));
        Assert.Equal(1.0, a.Differential.Sum(d => d.Probability), 9);
        // best first, as the batch contract says
        Assert.True(a.Differential.Zip(a.Differential.Skip(1)).All(p => p.First.Probability >= p.Second.Probability), id + ": differential not sorted");
    }

    [Fact]
    public void Gold_file_covers_every_diagnosis_at_least_twice_with_unique_ids()
    {
        var lines = GoldCaseFiles.Lines();
        Assert.True(lines.Count >= 40, $"only {lines.Count} gold cases");
        Assert.Equal(lines.Count, lines.Select(l => l.Id).Distinct().Count());
        var ids = _service.Knowledge.Diagnoses.Select(d => d.Id).ToHashSet();
        Assert.All(lines, l => Assert.Contains(l.Label, ids));
        foreach (var d in ids) Assert.True(lines.Count(l => l.Label == d) >= 2, $"fewer than two gold cases for {d}");
    }

    [Fact]
    public void Gold_cases_never_carry_the_answer_in_the_case()
    {
        var ids = _service.Knowledge.Diagnoses.Select(d => d.Id).ToArray();
        foreach (var l in GoldCaseFiles.Lines())
            Assert.DoesNotContain(ids, d => l.CaseJson.Contains('"' + d + '"', StringComparison.Ordinal));
    }
}
