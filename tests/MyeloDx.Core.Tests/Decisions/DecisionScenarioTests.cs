using MyeloDx.Core.Cases;
using MyeloDx.Core.Decisions;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Tests.Decisions;

/// <summary>
/// Runs the clinical scenarios of scenarios.yaml through the one decision service: next tests and their order,
/// preconditions shown as "after …", withheld tests with reasons, the biopsy route and management lines.
/// </summary>
public sealed class DecisionScenarioTests
{
    public static TheoryData<string> Names()
    {
        var d = new TheoryData<string>();
        foreach (var s in Load()) d.Add(((YamlScalarNode)s.Children[new YamlScalarNode("name")]).Value!);
        return d;
    }

    private static IEnumerable<YamlMappingNode> Load()
    {
        var ys = new YamlStream();
        ys.Load(new StringReader(File.ReadAllText(DecisionFixtures.RepoFile(Path.Combine("tests", "MyeloDx.Core.Tests", "Decisions", "scenarios.yaml")))));
        var root = (YamlMappingNode)ys.Documents[0].RootNode;
        return ((YamlSequenceNode)root.Children[new YamlScalarNode("scenarios")]).Children.Cast<YamlMappingNode>();
    }

    [Fact]
    public void The_spec_has_at_least_thirty_scenarios_and_every_diagnosis_leads_in_one()
    {
        var all = Load().ToList();
        Assert.True(all.Count >= 30, $"{all.Count} scenarios");
        var leaders = all.Select(s => s.Children.TryGetValue(new YamlScalarNode("leading"), out var l) ? ((YamlScalarNode)l).Value : null).OfType<string>().ToHashSet();
        var missing = DecisionFixtures.Kb.Diagnoses.Select(d => d.Id).Where(id => !leaders.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "no scenario leads with: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Scenario(string name)
    {
        var s = Load().Single(x => ((YamlScalarNode)x.Children[new YamlScalarNode("name")]).Value == name);
        string Str(YamlNode n) => ((YamlScalarNode)n).Value!;
        YamlNode? Get(string k) => s.Children.TryGetValue(new YamlScalarNode(k), out var v) ? v : null;
        IEnumerable<string> List(YamlNode? n) => n is YamlSequenceNode q ? q.Children.Select(Str) : [];

        var input = DecisionFixtures.Service.FromCase(CaseJson.Parse(Str(Get("case")!), name));
        var a = DecisionFixtures.Service.Assess(input);
        var r = DecisionFixtures.Support.Recommend(input, a);
        var listed = r.Tests.Select(t => t.Test.Id).ToList();
        var why = $"leading {a.Leading.Id}; listed {string.Join(", ", listed)}; withheld {string.Join("; ", r.Withheld.Select(w => w.TestId + ": " + w.Reason))}";

        if (Get("leading") is { } lead) Assert.True(Str(lead) == a.Leading.Id, $"expected {Str(lead)} to lead; {why}");
        if (Get("first_line") is { } fl) Assert.True((Str(fl) == "true") == (r.FirstLine is not null), $"first line: {r.FirstLine?.Text ?? "none"}; {why}");
        foreach (var p in List(Get("first_line_contains"))) Assert.Contains(p, r.FirstLine?.Text ?? "");
        foreach (var t in List(Get("listed"))) Assert.True(listed.Contains(t), $"{t} not listed; {why}");
        foreach (var t in List(Get("not_listed"))) Assert.False(listed.Contains(t), $"{t} listed; {why}");
        if (Get("order") is YamlSequenceNode order)
            foreach (var pair in order.Children.Cast<YamlSequenceNode>())
            {
                var (first, then) = (Str(pair.Children[0]), Str(pair.Children[1]));
                Assert.True(listed.Contains(first) && listed.Contains(then) && listed.IndexOf(first) < listed.IndexOf(then), $"{first} should come before {then}; {why}");
            }
        if (Get("after_contains") is YamlMappingNode ac)
            foreach (var (k, v) in ac.Children)
            {
                var t = r.Tests.FirstOrDefault(x => x.Test.Id == Str(k));
                Assert.True(t is not null, $"{Str(k)} not listed; {why}");
                var notes = string.Join(" | ", t!.After.Select(n => n.Text));
                foreach (var p in List(v)) Assert.True(notes.Contains(p, StringComparison.OrdinalIgnoreCase), $"'{p}' not in the notes of {Str(k)}: {notes}");
            }
        foreach (var t in List(Get("no_after")))
        {
            var x = r.Tests.FirstOrDefault(y => y.Test.Id == t);
            Assert.True(x is not null, $"{t} not listed; {why}");
            Assert.True(x!.After.Count == 0, $"{t} still waits for: {string.Join(" | ", x.After.Select(n => n.Text))}");
        }
        if (Get("withheld") is YamlSequenceNode wh)
            foreach (var pair in wh.Children.Cast<YamlSequenceNode>())
            {
                var (id, reason) = (Str(pair.Children[0]), Str(pair.Children[1]));
                Assert.True(r.Withheld.Any(w => w.TestId == id && w.Reason.Contains(reason, StringComparison.OrdinalIgnoreCase)), $"{id} not withheld for '{reason}'; {why}");
            }
        if (Get("route") is YamlMappingNode route)
            foreach (var (k, v) in route.Children)
                Assert.True(r.Tests.Any(t => t.Test.Id == Str(k) && t.RouteId == Str(v)), $"{Str(k)} should use route {Str(v)}; routes: {string.Join(", ", r.Tests.Select(t => t.Test.Id + "=" + t.RouteId))}; {why}");
        var lines = r.Plan.Urgent.Select(u => u.Item.Text)
            .Concat(r.Plan.Diagnoses.SelectMany(d => d.Treatment.Concat(d.Prognosis).Concat(d.Scores)).Select(i => i.Text)).ToList();
        foreach (var p in List(Get("management")))
            Assert.True(lines.Any(l => l.Contains(p, StringComparison.OrdinalIgnoreCase)), $"no management line contains '{p}'; {why}");
    }
}
