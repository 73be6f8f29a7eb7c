using System.Text.Json;

namespace MyeloDx.Cli.Tests;

public class AssessCommandTests
{
    private static readonly string[] Labels =
        File.ReadAllLines(Path.Combine(CliProcess.RepoRoot, "knowledge", "diagnoses.yaml"))
            .Where(l => l.TrimStart().StartsWith("- id: ", StringComparison.Ordinal))
            .Select(l => l.Trim()[6..]).ToArray();

    [Fact]
    public void Demo_json_ranks_intramedullary_metastasis_first_over_all_15_ids_summing_to_one()
    {
        var r = CliProcess.Run("assess", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var diff = doc.RootElement.GetProperty("differential").EnumerateArray().ToArray();
        Assert.Equal("intramedullary_metastasis", diff[0].GetProperty("id").GetString());
        Assert.Equal(Labels.Order(), diff.Select(d => d.GetProperty("id").GetString()!).Order());
        Assert.Equal(1.0, diff.Sum(d => d.GetProperty("probability").GetDouble()), 9);
        Assert.Contains("does not replace", doc.RootElement.GetProperty("caveat").GetString());
    }

    [Fact]
    public void Demo_readable_output_explains_radiation_paraneoplastic_and_leptomeningeal_ranks_and_carries_the_caveat()
    {
        var r = CliProcess.Run("assess");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Radiation myelopathy ranks", r.Out);
        Assert.Contains("Paraneoplastic myelopathy ranks", r.Out);
        Assert.Contains("Leptomeningeal metastasis ranks", r.Out);
        Assert.Contains("does not replace", r.Out);
    }

    [Fact]
    public void Markdown_output_has_a_differential_table()
    {
        var r = CliProcess.Run("assess", "--format", "markdown");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("| 1 | Intramedullary spinal cord metastasis", r.Out);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("malformed")]
    [InlineData("empty")]
    [InlineData("age")]
    [InlineData("strength")]
    [InlineData("unknown-field")]
    public void Bad_input_gets_exit_2_and_one_clear_line_without_a_stack_trace(string kind)
    {
        var path = kind switch
        {
            "missing" => "/nonexistent/case.json",
            "malformed" => CliProcess.Temp("c.json", """{"patient": {"ageYears": 35,"""),
            "empty" => CliProcess.Temp("c.txt", ""),
            "age" => CliProcess.Temp("c.json", """{"patient": {"ageYears": -5}}"""),
            "strength" => CliProcess.Temp("c.json", """{"presentation": {"motor": {"rightLeg": 7}}}"""),
            _ => CliProcess.Temp("c.json", """{"imaging": {"compartmnt": "intramedullary"}}"""),
        };
        var r = CliProcess.Run("assess", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Matches("MDX-IN0\\d\\d", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Impossible_strength_names_the_field()
    {
        var r = CliProcess.Run("assess", CliProcess.Temp("c.json", """{"presentation": {"motor": {"rightLeg": 7}}}"""));
        Assert.Contains("presentation.motor.rightLeg", r.Err);
    }
}
