using System.Text.RegularExpressions;
using MyeloDx.Core.Errors;

namespace MyeloDx.Cli.Tests;

/// <summary>The error catalogue in code, docs/error-codes.md and the codes the sources raise must be one list.</summary>
public partial class ErrorCatalogueTests
{
    [GeneratedRegex(@"^\| (MDX-[A-Z]+\d+) \|(.*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex DocRow();

    [GeneratedRegex(@"""(MDX-[A-Z]+\d{3})""")]
    private static partial Regex SourceLiteral();

    private static string Docs => File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "docs", "error-codes.md"));

    [Fact]
    public void Every_documented_code_is_in_the_catalogue_with_the_same_http_status_and_back()
    {
        var documented = new Dictionary<string, int?>();
        foreach (Match m in DocRow().Matches(Docs))
        {
            var cells = m.Groups[2].Value.Split('|').Select(c => c.Trim()).ToArray();
            int? http = cells.Length >= 2 && Regex.IsMatch(cells[0], @"^(\d{3}|—)$") ? (cells[0] == "—" ? null : int.Parse(cells[0])) : -1;
            documented[m.Groups[1].Value] = http;
        }
        // Codes described in prose (the MDX-KM codes shared with MDX-KT) are listed in one sentence.
        foreach (Match m in Regex.Matches(Docs, @"\bKM(\d{3})\b")) documented.TryAdd("MDX-KM" + m.Groups[1].Value, -1);

        var catalogue = ErrorCatalogue.All.ToDictionary(e => e.Code);
        Assert.Equal(catalogue.Count, ErrorCatalogue.All.Count); // no code twice
        Assert.Empty(documented.Keys.Except(catalogue.Keys));
        Assert.Empty(catalogue.Keys.Except(documented.Keys));
        foreach (var (code, http) in documented.Where(d => d.Value != -1))
            Assert.True(catalogue[code].Http == http, $"{code}: docs say HTTP {http?.ToString() ?? "—"}, the catalogue {catalogue[code].Http?.ToString() ?? "—"}");
    }

    [Fact]
    public void Every_code_the_sources_raise_is_catalogued()
    {
        var src = Path.Combine(CliProcess.RepoRoot, "src");
        var used = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.EndsWith("ErrorCatalogue.cs", StringComparison.Ordinal))
            .SelectMany(f => SourceLiteral().Matches(File.ReadAllText(f)).Select(m => (Code: m.Groups[1].Value, File: Path.GetFileName(f))))
            .ToList();
        Assert.NotEmpty(used);
        var missing = used.Where(u => ErrorCatalogue.Find(u.Code) is null).Select(u => $"{u.Code} in {u.File}").Distinct().ToList();
        Assert.True(missing.Count == 0, "not in the catalogue: " + string.Join(", ", missing));
    }

    [Fact]
    public void Exit_statuses_follow_the_documented_rule_and_the_cli_uses_them()
    {
        Assert.Contains("| 1 | MDX-INT001", Docs);
        Assert.Contains("| 2 | Every other code", Docs);
        Assert.All(ErrorCatalogue.All, e => Assert.Equal(e.Code == "MDX-INT001" ? 1 : e.Code.StartsWith("MDX-FH1", StringComparison.Ordinal) ? 0 : 2, e.Exit));
        // The mismatch the attack run found: the dose page promised exit 3 for a refused knowledge file.
        Assert.DoesNotContain("exit with code 3", File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "docs", "dose.md")));
        var r = CliProcess.Run("dose", "400 Gy/0");
        Assert.Equal(ErrorCatalogue.Exit("MDX-DOSE002"), r.ExitCode);
    }
}
