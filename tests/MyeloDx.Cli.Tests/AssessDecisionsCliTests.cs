using System.Text.Json.Nodes;

namespace MyeloDx.Cli.Tests;

/// <summary>`myelodx assess` sections for next tests, management, what-if and sensitivity (the real executable).</summary>
public sealed class AssessDecisionsCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = CliProcess.Run(["assess", .. args]);
        return (r.ExitCode, r.Out, r.Err);
    }

    private static string Sample(string name) => Path.Combine(CliProcess.RepoRoot, "samples", name);

    [Fact]
    public void Json_carries_next_tests_in_safe_order_and_management()
    {
        var (code, output, _) = Run("--format", "json");
        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!.AsObject();
        var tests = json["nextTests"]!.AsArray();
        Assert.NotEmpty(tests);
        Assert.Equal(Enumerable.Range(1, tests.Count), tests.Select(t => t!["rank"]!.GetValue<int>()));
        // a test never comes before a listed test it must wait for
        var ids = tests.Select(t => t!["id"]!.GetValue<string>()).ToList();
        foreach (var t in tests)
            foreach (var after in t!["after"]!.AsArray().Select(a => a!["test"]?.GetValue<string>()).OfType<string>().Where(ids.Contains))
                Assert.True(ids.IndexOf(after) < ids.IndexOf(t["id"]!.GetValue<string>()), $"{t["id"]} is listed before {after}");
        var csf = tests.First(t => t!["id"]!.GetValue<string>() == "csf_cytology")!;
        Assert.Contains(csf["after"]!.AsArray(), a => a!["text"]!.GetValue<string>().Contains("brain imaging", StringComparison.Ordinal));
        Assert.DoesNotContain(tests, t => t!["name"]!.GetValue<string>().Contains("Open biopsy", StringComparison.Ordinal));
        Assert.All(tests, t =>
        {
            Assert.NotNull(t!["id"]); Assert.NotNull(t["name"]); Assert.NotNull(t["invasiveness"]);
            Assert.NotNull(t["resultsThatChangeRanking"]);
        });
        Assert.NotNull(json["management"]!["diagnoses"]);
    }

    [Fact]
    public void Readable_and_markdown_outputs_have_next_tests_and_management_sections()
    {
        var (code, text, _) = Run();
        Assert.Equal(0, code);
        Assert.Contains("Next tests", text);
        Assert.Contains("Management", text);
        var (mcode, md, _) = Run("--format", "markdown");
        Assert.Equal(0, mcode);
        Assert.Contains("## Next tests", md);
        Assert.Contains("## Management", md);
    }

    [Fact]
    public void Urgent_management_comes_before_the_tests_when_epidural_compression_leads()
    {
        var (code, text, _) = Run(Sample("vignette-epidural-compression.json"));
        Assert.Equal(0, code);
        var urgent = text.IndexOf("Management — urgent", StringComparison.Ordinal);
        Assert.True(urgent > 0);
        Assert.True(urgent < text.IndexOf("Next tests", StringComparison.Ordinal));
        Assert.Contains("dexamethasone", text[urgent..], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void With_plausible_epidural_compression_the_first_line_of_every_format_says_what_to_do_within_hours()
    {
        var (code, text, _) = Run(Sample("vignette-epidural-compression.json"));
        Assert.Equal(0, code);
        var first = text.Split('\n').First(l => l.Trim().Length > 0);
        Assert.StartsWith("Act within hours", first.Trim());
        var (_, md, _) = Run(Sample("vignette-epidural-compression.json"), "--format", "markdown");
        Assert.StartsWith("**Act within hours", md.TrimStart());
        var (_, js, _) = Run(Sample("vignette-epidural-compression.json"), "--format", "json");
        var json = JsonNode.Parse(js)!.AsObject();
        Assert.Equal("firstAction", json.First().Key);
        Assert.Contains("dexamethasone", json["firstAction"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Set_re_runs_the_assessment_and_reports_the_change()
    {
        var (code, output, _) = Run("--format", "json", "--set", "csf_cytology=positive", "--set", "enhancement_pattern=pial");
        Assert.Equal(0, code);
        var w = JsonNode.Parse(output)!["whatIf"]!;
        Assert.Equal("intramedullary_metastasis", w["leadingBefore"]!.GetValue<string>());
        Assert.Equal("leptomeningeal_metastasis", w["leadingAfter"]!.GetValue<string>());
        Assert.Equal(2, w["edits"]!.AsArray().Count);
        var (_, text, _) = Run("--set", "csf_cytology=positive");
        Assert.Contains("What-if", text);
    }

    [Fact]
    public void Set_to_the_known_value_reports_no_change()
    {
        var (code, output, _) = Run("--format", "json", "--set", "compartment=intramedullary");
        Assert.Equal(0, code);
        var w = JsonNode.Parse(output)!["whatIf"]!;
        Assert.False(w["leaderChanged"]!.GetValue<bool>());
        Assert.All(w["changes"]!.AsArray(), c => Assert.Equal(0, c!["delta"]!.GetValue<double>()));
    }

    [Fact]
    public void A_bad_set_is_a_one_line_coded_error_with_exit_code_2()
    {
        var (code, output, err) = Run("--set", "csf_cytolgy=positive");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("MDX-WI002", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void Sensitivity_view_is_available_in_every_format()
    {
        var (_, text, _) = Run("--sensitivity");
        Assert.Contains("Sensitivity", text);
        var (_, md, _) = Run("--sensitivity", "--format", "markdown");
        Assert.Contains("## Sensitivity", md);
        var (_, json, _) = Run("--format", "json");
        Assert.NotNull(JsonNode.Parse(json)!["sensitivity"]!["marginFactor"]);
    }
}
