using System.Text.RegularExpressions;

namespace MyeloDx.Cli.Tests;

/// <summary>The architecture and knowledge pages name files; a renamed or deleted file must fail here, not rot there.</summary>
public partial class ArchitectureDocTests
{
    // A repository path in backticks: `src/...`, `tests/...`, `knowledge/...`, `docs/...`, `samples/...`, `bench/...`.
    [GeneratedRegex(@"`((?:src|tests|knowledge|docs|samples|bench)/[^`\s]*)`")]
    private static partial Regex RepoPath();

    public static TheoryData<string> Pages => new() { "docs/architecture.md", "docs/knowledge.md" };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_file_path_the_page_names_exists(string page)
    {
        var text = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, page));
        var paths = RepoPath().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('/')).Distinct().ToList();
        Assert.True(paths.Count >= 10, $"{page} names only {paths.Count} paths; the pattern no longer finds them");
        var missing = paths.Where(p => !File.Exists(Path.Combine(CliProcess.RepoRoot, p)) && !Directory.Exists(Path.Combine(CliProcess.RepoRoot, p))).ToList();
        Assert.True(missing.Count == 0, $"{page} names paths that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_knowledge_file_has_its_schema_on_the_knowledge_page()
    {
        var text = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "docs", "knowledge.md"));
        var knowledge = Path.Combine(CliProcess.RepoRoot, "knowledge");
        var files = Directory.EnumerateFiles(knowledge, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(knowledge, f).Replace('\\', '/'))
            // The finding files share one schema, named once as findings/*.yaml.
            .Select(f => f.StartsWith("findings/", StringComparison.Ordinal) ? "findings/*.yaml" : f)
            .Distinct().ToList();
        Assert.NotEmpty(files);
        var undocumented = files.Where(f => !text.Contains($"`{f}`", StringComparison.Ordinal) && !text.Contains($"`knowledge/{f}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "knowledge files without a schema in docs/knowledge.md: " + string.Join(", ", undocumented));
    }
}
