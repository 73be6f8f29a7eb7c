using System.Text.Json;

namespace MyeloDx.Core.Tests.Gold;

/// <summary>Paths of the gold-case files and a reader for the structured gold cases.</summary>
internal static class GoldCaseFiles
{
    public static string GoldPath => Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "dev-structured.jsonl");
    public static string SchemaPath => Path.Combine(TestPaths.RepoRoot, "docs", "case.schema.json");
    public static string SeedPath => Path.Combine(TestPaths.RepoRoot, "samples", "seed-case.json");

    /// <summary>One gold line: the dev id, its label, and the raw "case" object as JSON text.</summary>
    public sealed record GoldLine(int LineNumber, string Id, string Label, string CaseJson);

    public static IReadOnlyList<GoldLine> Lines()
    {
        var list = new List<GoldLine>();
        var n = 0;
        foreach (var raw in File.ReadLines(GoldPath))
        {
            n++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            using var doc = JsonDocument.Parse(raw);
            var root = doc.RootElement;
            list.Add(new GoldLine(n, root.GetProperty("id").GetString()!, root.GetProperty("label").GetString()!, root.GetProperty("case").GetRawText()));
        }
        return list;
    }

    /// <summary>Gold ids for xunit theories, so that a failure names the case.</summary>
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var l in Lines()) data.Add(l.Id);
        return data;
    }

    public static GoldLine Get(string id) => Lines().Single(l => l.Id == id);
}
