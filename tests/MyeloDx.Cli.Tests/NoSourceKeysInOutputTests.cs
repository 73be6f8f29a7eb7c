using System.Text.RegularExpressions;

namespace MyeloDx.Cli.Tests;

/// <summary>
/// What a clinician reads cites papers by author and year or by reference number, never by the knowledge base's
/// source keys ("Patchell2005", "Kirkpatrick2010"): those are team jargon (issue #14, words for clinicians).
/// </summary>
public sealed class NoSourceKeysInOutputTests
{
    private static readonly Lazy<HashSet<string>> Keys = new(() =>
    {
        var yaml = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "knowledge", "sources.yaml"));
        return Regex.Matches(yaml, @"^\s*- id:\s*(\S+)\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim('"')).ToHashSet(StringComparer.Ordinal);
    });

    private static IReadOnlyList<string> KeysIn(string text) =>
        Regex.Matches(text, @"[A-Za-z][A-Za-z0-9-]*\d{4}[A-Za-z0-9-]*").Select(m => m.Value).Where(Keys.Value.Contains).Distinct().ToArray();

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    public void The_demo_assessment_names_no_source_key(string format)
    {
        var r = CliProcess.Run("assess", "--format", format);
        Assert.Equal(0, r.ExitCode);
        Assert.True(Keys.Value.Count > 100, "sources.yaml was not read");
        Assert.Empty(KeysIn(r.Out));
    }

    [Fact]
    public void The_dose_arithmetic_names_no_source_key()
    {
        var r = CliProcess.Run("dose", "20 Gy/5", "30 Gy/10");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("as a cord point maximum", r.Out);
        Assert.Empty(KeysIn(r.Out));
    }

    [Fact]
    public void The_demo_case_report_names_no_source_key()
    {
        var r = CliProcess.Run("report", "--format", "md");
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(KeysIn(r.Out));
    }
}
