using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Decisions;

/// <summary>
/// Words for clinicians: no internal id, team jargon or placeholder in any text the decision knowledge shows a user,
/// nor in the rendered recommendations of several cases; every reference is a real, public citation.
/// </summary>
public sealed partial class UserFacingTextTests
{
    [GeneratedRegex(@"\bseed\b|\bTODO\b|\bverify\b|\bvignette|\bdigest\b|dev case|round one|placeholder|\bTBD\b|\bXXX\b|lorem|not retrieved|recalled", RegexOptions.IgnoreCase)]
    private static partial Regex Jargon();

    /// <summary>snake_case words: knowledge-base, test and diagnosis ids.</summary>
    [GeneratedRegex(@"\b[a-z0-9]+_[a-z0-9_]+\b")]
    private static partial Regex SnakeId();

    [GeneratedRegex(@"localhost|//\d{1,3}(\.\d{1,3}){3}|//[^/]+:\d{2,5}/|//staging\.|//dev\d*\.|proxy|weglot|bibliotheek", RegexOptions.IgnoreCase)]
    private static partial Regex NonPublic();

    private static IEnumerable<string> Problems(string where, string text)
    {
        if (Jargon().Match(text) is { Success: true } j) yield return $"{where}: jargon '{j.Value}' in \"{text}\"";
        if (SnakeId().Match(text) is { Success: true } s) yield return $"{where}: internal id '{s.Value}' in \"{text}\"";
        foreach (var id in DecisionFixtures.Kb.Sources.Keys.Where(id => id.Length > 3 && Regex.IsMatch(text, $@"\b{Regex.Escape(id)}\b")))
            yield return $"{where}: source id '{id}' in \"{text}\"";
    }

    private static IEnumerable<(string Where, string Text)> KnowledgeTexts()
    {
        var s = DecisionFixtures.Support;
        foreach (var t in s.Tests.Tests)
        {
            yield return ($"test {t.Id} name", t.Name);
            if (t.Note is { } n) yield return ($"test {t.Id} note", n);
            foreach (var p in t.Preconditions) yield return ($"test {t.Id} precondition", p.Text);
            foreach (var c in t.Contraindications) yield return ($"test {t.Id} contraindication", c.Reason);
            foreach (var r in t.Routes)
            {
                yield return ($"route {r.Id}", r.Name);
                if (r.Note is { } rn) yield return ($"route {r.Id} note", rn);
                if (r.WithholdReason is { } w) yield return ($"route {r.Id} withhold", w);
            }
        }
        foreach (var p in s.Tests.Procedures.Values)
        {
            foreach (var x in p.Preconditions) yield return ($"procedure {p.Id}", x.Text);
            foreach (var x in p.Contraindications) yield return ($"procedure {p.Id}", x.Reason);
        }
        var items = s.Management.Entries.SelectMany(e => e.UrgentActions.Concat(e.Treatment).Concat(e.Prognosis).Concat(e.Scores).Concat(e.FirstActions)
            .Select(i => ($"management {e.DiagnosisId}", i))).Concat(s.Management.General.Select(i => ("management general", i)));
        foreach (var (w, i) in items)
        {
            yield return (w, i.Text);
            if (i.Provenance.EstimateReason is { } r) yield return (w + " estimate reason", r);
        }
    }

    [Fact]
    public void No_user_facing_text_in_the_decision_knowledge_has_an_internal_id_jargon_or_a_placeholder()
    {
        var problems = KnowledgeTexts().SelectMany(x => Problems(x.Where, x.Text)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_management_item_states_a_level_of_evidence_and_a_source_or_a_reasoned_estimate()
    {
        foreach (var e in DecisionFixtures.Support.Management.Entries)
            foreach (var i in e.UrgentActions.Concat(e.Treatment).Concat(e.Prognosis).Concat(e.Scores))
            {
                Assert.Contains(i.Level, DecisionKnowledgeLoader.EvidenceLevels);
                Assert.True(i.Provenance.SourceId is not null || !string.IsNullOrWhiteSpace(i.Provenance.EstimateReason), $"{e.DiagnosisId}: {i.Text}");
            }
        Assert.All(DecisionFixtures.Kb.Diagnoses, d => Assert.NotNull(DecisionFixtures.Support.Management.For(d.Id)));
    }

    /// <summary>A reference is real when it names its work and can be found: a PMID, a DOI or a public address.</summary>
    private static IEnumerable<string> ReferenceProblems(Source s)
    {
        if (s.Citation.Trim().Length < 25) yield return $"{s.Id}: citation too short to identify the work: \"{s.Citation}\"";
        if (Jargon().Match(s.Citation) is { Success: true } j) yield return $"{s.Id}: '{j.Value}' in the citation";
        if (Regex.IsMatch(s.Citation, @"\[[^\]\d]*\]")) yield return $"{s.Id}: bracketed note in the citation";
        if (s.Pmid is null && s.Doi is null && string.IsNullOrWhiteSpace(s.Url)) yield return $"{s.Id}: no PMID, DOI or address";
        if (s.Url is { } u && (NonPublic().IsMatch(u) || !u.StartsWith("http", StringComparison.Ordinal))) yield return $"{s.Id}: non-public address {u}";
    }

    [Fact]
    public void Every_reference_the_decisions_cite_names_a_real_findable_work()
    {
        var ids = KnowledgeCitations().ToHashSet();
        Assert.NotEmpty(ids);
        var problems = ids.SelectMany(id => ReferenceProblems(DecisionFixtures.Kb.Sources[id])).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // the decision citations are full references: authors or issuing body, title, journal or publisher, and a year
        foreach (var id in ids.Where(id => DecisionFixtures.Kb.Sources[id].Pmid is not null || DecisionFixtures.Kb.Sources[id].Doi is not null))
            Assert.Matches(@"(19|20)\d{2}", DecisionFixtures.Kb.Sources[id].Citation);
    }

    [Fact]
    public void No_reference_in_the_knowledge_base_is_empty_a_placeholder_or_a_non_public_address()
    {
        var problems = DecisionFixtures.Kb.Sources.Values.SelectMany(ReferenceProblems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<string> KnowledgeCitations()
    {
        var s = DecisionFixtures.Support;
        IEnumerable<Provenance> all = s.Tests.Tests.SelectMany(t => new[] { t.Practical }.Concat(t.Preconditions.Select(p => p.Provenance))
                .Concat(t.Contraindications.Select(c => c.Provenance)).Concat(t.Routes.Select(r => r.Provenance)))
            .Concat(s.Tests.Procedures.Values.SelectMany(p => p.Preconditions.Select(x => x.Provenance).Concat(p.Contraindications.Select(x => x.Provenance))))
            .Concat(s.Management.Entries.SelectMany(e => e.UrgentActions.Concat(e.Treatment).Concat(e.Prognosis).Concat(e.Scores).Concat(e.FirstActions)).Select(i => i.Provenance));
        return all.Select(p => p.SourceId).OfType<string>();
    }

    public static TheoryData<string> Cases()
    {
        var d = new TheoryData<string>();
        foreach (var p in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "decision-cases"), "*.json").Order(StringComparer.Ordinal)) d.Add(Path.GetFileName(p));
        d.Add("seed-case.json");
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_rendered_recommendations_have_no_internal_id_jargon_or_unresolved_citation(string name)
    {
        var path = name == "seed-case.json" ? Path.Combine(TestPaths.Samples, name) : Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "decision-cases", name);
        var input = DecisionFixtures.Service.FromCase(CaseJson.Parse(File.ReadAllText(path), name));
        var a = DecisionFixtures.Service.Assess(input);
        var r = DecisionFixtures.Support.Recommend(input, a);
        var texts = new List<(string, string)>();
        if (r.FirstLine is { } f) texts.Add(("first line", f.Text));
        foreach (var t in r.Tests)
        {
            texts.Add(("test", t.Name));
            if (t.Note is { } n) texts.Add(("test note", n));
            texts.AddRange(t.After.Select(x => ("after", x.Text)));
            foreach (var c in t.Citations) Assert.Matches(@"^\[\d+\]$", r.Cite(c));
        }
        foreach (var w in r.Withheld) texts.Add(("withheld", w.Name + ": " + w.Reason));
        foreach (var u in r.Plan.Urgent) texts.Add(("urgent", u.Item.Text));
        foreach (var i in r.Plan.Diagnoses.SelectMany(d => d.Treatment.Concat(d.Prognosis).Concat(d.Scores)))
        {
            texts.Add(("management", i.Text));
            Assert.True(r.Cite(i.Provenance).Length > 0, i.Text);
        }
        var problems = texts.SelectMany(x => Problems(x.Item1, x.Item2)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        foreach (var x in r.References)
        {
            Assert.Empty(ReferenceProblems(DecisionFixtures.Kb.Sources[x.SourceId]));
            Assert.False(string.IsNullOrWhiteSpace(x.Link));
        }
        // the machine-readable form carries the same words
        var json = System.Text.Json.JsonSerializer.Serialize(RecommendationsJson.NextTests(r)) + System.Text.Json.JsonSerializer.Serialize(RecommendationsJson.Withheld(r));
        Assert.DoesNotMatch(Jargon(), json);
    }
}
