using System.Text.Json;

namespace MyeloDx.Core.Tests.Gold;

/// <summary>Finds the repository's files from the test's output folder and reads the structured gold cases.</summary>
internal static class GoldCaseFiles
{
    public static string RepoRoot { get; } = FindRoot();

    public static string GoldPath => Path.Combine(RepoRoot, "tests", "TestData", "dev-structured.jsonl");
    public static string SchemaPath => Path.Combine(RepoRoot, "docs", "case.schema.json");
    public static string SeedPath => Path.Combine(RepoRoot, "samples", "seed-case.json");
    public static string KnowledgePath => Path.Combine(RepoRoot, "knowledge");

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

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MyeloDx.slnx")) && Directory.Exists(Path.Combine(d.FullName, "knowledge")))
                return d.FullName;
        throw new DirectoryNotFoundException("repository root (MyeloDx.slnx) not found above " + AppContext.BaseDirectory);
    }
}
