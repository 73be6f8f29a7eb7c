using MyeloDx.Core.Cases;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Tests.Gold;
using Xunit.Abstractions;

namespace MyeloDx.Core.Tests.Decisions;

public sealed class GoldCaseNextTestsTests(ITestOutputHelper output)
{
    [Fact]
    public void On_every_gold_case_the_tests_are_ranked_non_negative_and_management_starts_with_emergencies()
    {
        var lines = GoldCaseFiles.Lines();
        Assert.NotEmpty(lines);
        int misses = 0, fixable = 0;
        foreach (var l in lines)
        {
            var input = DecisionFixtures.Service.FromCase(CaseJson.Parse(l.CaseJson, l.Id));
            var a = DecisionFixtures.Service.Assess(input);
            var report = DecisionFixtures.Support.NextTests(input, null);
            var gains = report.Ranked.Select(t => t.ExpectedInformationGainBits).ToArray();
            Assert.Equal(gains.OrderByDescending(g => g), gains);
            Assert.All(report.Ranked.Concat(report.Deferred), t => Assert.InRange(t.ExpectedInformationGainBits, 0, report.EntropyBits + 1e-9));
            var plan = DecisionFixtures.Support.Plan(a);
            var urgencies = plan.Urgent.Select(u => (int)u.Urgency).ToArray();
            Assert.Equal(urgencies.Order(), urgencies);
            if (a.Leading.Id == l.Label) continue;
            misses++;
            // would one result of one of the three best tests put the true diagnosis first?
            var hit = report.Ranked.Take(3).SelectMany(t => t.Results.Select(r => (t, r))).FirstOrDefault(x => x.r.LeadingAfter == l.Label);
            if (hit.t is not null) fixable++;
            output.WriteLine($"{l.Id}: {l.Label} ranked #{a.Differential.ToList().FindIndex(d => d.Id == l.Label) + 1} behind {a.Leading.Id}; top tests {string.Join(", ", report.Ranked.Take(3).Select(t => t.Test.Id))}"
                + (hit.t is null ? "" : $"; {hit.t.Test.Id} '{hit.r.Label}' (p {hit.r.Probability:0.00}) would make it lead"));
        }
        output.WriteLine($"{misses} misses, {fixable} of them fixable by one result of a top-3 test");
    }
}

public sealed class DecisionsAugmenterTests
{
    [Fact]
    public void The_json_assessment_gains_next_tests_management_and_sensitivity()
    {
        var svc = new Services.AssessmentService(DecisionFixtures.Kb, null, [new DecisionsAugmenter(DecisionFixtures.Support)]);
        var input = DecisionFixtures.Demo;
        var json = System.Text.Json.Nodes.JsonNode.Parse(MyeloDx.Core.Contract.ContractJson.Write(svc.Document(input, svc.Assess(input))))!.AsObject();
        var tests = json["nextTests"]!.AsArray();
        Assert.NotEmpty(tests);
        Assert.All(tests, t =>
        {
            Assert.False(string.IsNullOrEmpty(t!["id"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(t["name"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(t["invasiveness"]!.GetValue<string>()));
            Assert.True(t["expectedInformationGainBits"]!.GetValue<double>() >= 0);
            Assert.NotNull(t["resultsThatChangeRanking"]);
        });
        Assert.Contains(tests, t => t!["resultsThatChangeRanking"]!.AsArray().Count > 0);
        Assert.NotEmpty(json["management"]!["diagnoses"]!.AsArray());
        Assert.NotNull(json["sensitivity"]!["marginFactor"]);
    }

    [Fact]
    public void An_assessment_from_another_knowledge_version_gets_a_note_instead_of_wrong_tests()
    {
        var svc = new Services.AssessmentService(DecisionFixtures.Kb, null, [new DecisionsAugmenter(DecisionFixtures.Support)]);
        var input = DecisionFixtures.Demo;
        var a = svc.Assess(input) with { KnowledgeVersion = "some-other-version" };
        var json = System.Text.Json.Nodes.JsonNode.Parse(MyeloDx.Core.Contract.ContractJson.Write(svc.Document(input, a)))!.AsObject();
        Assert.Empty(json["nextTests"]!.AsArray());
        Assert.Contains("knowledge version", json["management"]!["note"]!.GetValue<string>());
    }
}
