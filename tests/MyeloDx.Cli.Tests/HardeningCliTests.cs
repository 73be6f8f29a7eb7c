using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyeloDx.Cli.Tests;

/// <summary>The CLI half of issue #15's attack run, repeated: every finding now has a coded answer.</summary>
public class HardeningCliTests
{
    [Fact]
    public void Batch_answers_every_line_with_odd_characters_and_never_stops()
    {
        var lines = new[]
        {
            // Non-ASCII digits (full-width, Arabic-Indic, Devanagari), a lone surrogate escape, NUL, controls, then a normal line.
            """{"id":1,"text":"68 year old man, prostate cancer, leg weakness ４/５ for ３ days"}""",
            """{"id":2,"text":"Woman of ٦٥ years with breast cancer, weak legs for ٣ days"}""",
            """{"id":3,"text":"Man aged ६५, lung cancer, paraparesis for २ days after २० Gy in ५ fractions"}""",
            """{"id":4,"text":"weak legs \ud800 since yesterday, breast cancer"}""",
            """{"id":5,"text":"weak legs \u0000 and \u001b[31m breast cancer"}""",
            """{"id":6,"case":{"findings":{"x":null}}}""",
            """{"id":7,"case":{}}""",
            new string('[', 500) + new string(']', 500),
            """{"id":9,"text":"70 year old woman with breast cancer and back pain, weakness of both legs"}""",
        };
        var r = CliProcess.Run("batch", CliProcess.Temp("odd.jsonl", string.Join("\n", lines) + "\n"));
        Assert.Equal(0, r.ExitCode);
        var outs = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(lines.Length, outs.Length);
        foreach (var i in new[] { 0, 1, 2, 3, 4, 8 }) Assert.True(outs[i].TryGetProperty("differential", out _), $"line {i + 1}: {outs[i]}");
        Assert.StartsWith("MDX-IN021", outs[5].GetProperty("error").GetString());
        Assert.StartsWith("MDX-IN002", outs[6].GetProperty("error").GetString());
        Assert.StartsWith("MDX-IN014", outs[7].GetProperty("error").GetString());
        Assert.DoesNotContain("MDX-INT", r.Out);
    }

    [Fact]
    public void Notes_doses_and_case_files_with_non_ascii_digits_or_a_lone_surrogate_are_read_not_crashed()
    {
        // Round one: each of these exited 1 (an internal error) from the text reader or the dose parser.
        foreach (var note in new[]
                 {
                     "68 year old man, prostate cancer, leg weakness ４/５ for ３ days after ３０ Gy in １０ fractions",
                     "Woman of ٦٥ years with breast cancer; weakness of both legs for ٣ days; T٨ metastasis",
                     "Man aged ६५, lung cancer, paraparesis since २ days, २० Gy in ५ fractions",
                 })
        {
            var r = CliProcess.Run("assess", CliProcess.Temp("odd.txt", note), "--format", "json");
            Assert.True(r.ExitCode == 0, $"exit {r.ExitCode} for '{note}': {r.Err}");
            Assert.True(JsonNode.Parse(r.Out)!["differential"]!.AsArray().Count > 0);
        }
        foreach (var (plan, gy, fractions) in new[] { ("３０ Gy/１０", 30.0, 10), ("٢٠ Gy/٥", 20.0, 5), ("२० Gy/५", 20.0, 5) })
        {
            var d = CliProcess.Run("dose", plan, "--alpha-beta", "２", "--format", "json");
            Assert.True(d.ExitCode == 0, $"exit {d.ExitCode} for '{plan}': {d.Err}");
            var course = JsonNode.Parse(d.Out)!["courses"]![0]!;
            Assert.Equal((gy, fractions), ((double)course["physicalDoseGy"]!, (int)course["fractions"]!));
        }
        // A lone surrogate escape (and NUL) in a case file's free text is read, not an internal error.
        var seed = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "samples", "seed-case.json"))
            .Replace("invasive ductal carcinoma", "invasive \\ud800 ductal \\u0000 carcinoma", StringComparison.Ordinal);
        Assert.Contains("\\ud800", seed);
        var s = CliProcess.Run("assess", CliProcess.Temp("surrogate.json", seed), "--format", "json");
        Assert.True(s.ExitCode == 0, $"exit {s.ExitCode}: {s.Err}");
        Assert.DoesNotContain("MDX-INT", s.Err);
    }

    [Fact]
    public void An_empty_case_is_a_coded_error_not_a_ranking_of_priors()
    {
        var r = CliProcess.Run("assess", CliProcess.Temp("empty.json", "{}"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MDX-IN002", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_null_finding_is_a_coded_error()
    {
        var r = CliProcess.Run("assess", CliProcess.Temp("null.json", """{"findings": {"x": null}}"""));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MDX-IN", r.Err);
        Assert.DoesNotContain("MDX-INT", r.Err);
    }

    [Fact]
    public void A_decimal_comma_is_read_as_a_decimal_or_refused_never_misread()
    {
        var ab = CliProcess.Run("dose", "30 Gy/10", "--alpha-beta", "1,5", "--format", "json");
        Assert.Equal(0, ab.ExitCode);
        Assert.Equal(1.5, JsonNode.Parse(ab.Out)!["alphaBetaGy"]!.GetValue<double>());
        var thousands = CliProcess.Run("dose", "30 Gy/10", "--alpha-beta", "1,500");
        Assert.Equal(2, thousands.ExitCode);
        Assert.Contains("MDX-IN004", thousands.Err);
        var plan = CliProcess.Run("dose", "30,5 Gy/10", "--format", "json");
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("30.5", plan.Out);
        var cgy = CliProcess.Run("dose", "3,000 cGy/10");
        Assert.Equal(2, cgy.ExitCode);
        Assert.Contains("MDX-DOSE001", cgy.Err);
        Assert.Contains("ambiguous", cgy.Err);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Report_to_a_place_that_cannot_be_written_leaves_no_file()
    {
        // Root may write into a 0500 folder, so as root use sysfs, where no one may create files.
        string dir;
        if (Environment.UserName == "root") dir = "/sys";
        else
        {
            dir = Path.GetDirectoryName(CliProcess.Temp("x", ""))!;
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var target = Path.Combine(dir, "myelodx-report.pdf");
        var r = CliProcess.Run("report", "--format", "pdf", "-o", target);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MDX-IN041", r.Err);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.EnumerateFiles(dir, ".myelodx-report.pdf*"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_evaluation_diagram_to_a_place_that_cannot_be_written_leaves_no_file()
    {
        string dir;
        if (Environment.UserName == "root") dir = "/sys"; // root may write into a 0500 folder; nobody creates files in sysfs
        else
        {
            dir = Path.GetDirectoryName(CliProcess.Temp("x", ""))!;
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var target = Path.Combine(dir, "myelodx-diagram.svg");
        var r = CliProcess.Run("evaluate", Path.Combine(CliProcess.RepoRoot, "tests", "TestData", "eval-small.jsonl"), "--diagram", target);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MDX-IN041", r.Err);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.EnumerateFiles(dir, ".myelodx-diagram.svg*"));
    }

    [Fact]
    public void Report_output_is_written_whole_with_no_temporary_file_left()
    {
        var dir = Path.GetDirectoryName(CliProcess.Temp("x", ""))!;
        var target = Path.Combine(dir, "report.pdf");
        var r = CliProcess.Run("report", "--format", "pdf", "-o", target);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("%PDF", File.ReadAllText(target)[..4]);
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp"));
    }

    [Fact]
    public void A_mistyped_listen_host_is_refused_before_anything_listens()
    {
        foreach (var url in new[] { "http://127.0.0.l:5080", "http://locahost:5080", "http://myhost:5080", "ftp://127.0.0.1:21" })
        {
            var r = CliProcess.Run("serve", "--urls", url, "--data", Path.GetDirectoryName(CliProcess.Temp("x", ""))!);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("MDX-WEB012", r.Err);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Users_can_be_listed_disabled_enabled_rotated_and_deleted()
    {
        var data = Path.GetDirectoryName(CliProcess.Temp("x", ""))!;
        Assert.Equal(2, CliProcess.Run("users", "add", "carol", "--password", "short", "--data", data).ExitCode);
        var common = CliProcess.Run("users", "add", "carol", "--password", "Password2024!", "--data", data);
        Assert.Equal(2, common.ExitCode);
        Assert.Contains("MDX-WEB022", common.Err);
        var add = CliProcess.Run("users", "add", "carol", "--password", "violet tundra marmalade", "--data", data);
        Assert.Equal(0, add.ExitCode);
        var key = add.Out.Trim();
        Assert.Contains("carol\tclinician\tactive", CliProcess.Run("users", "list", "--data", data).Out);
        Assert.Equal(0, CliProcess.Run("users", "disable", "carol", "--data", data).ExitCode);
        Assert.Contains("carol\tclinician\tdisabled", CliProcess.Run("users", "list", "--data", data).Out);
        Assert.Equal(0, CliProcess.Run("users", "enable", "carol", "--data", data).ExitCode);
        var rotated = CliProcess.Run("users", "rotate-key", "carol", "--data", data);
        Assert.Equal(0, rotated.ExitCode);
        Assert.NotEqual(key, rotated.Out.Trim());
        Assert.Equal(0, CliProcess.Run("users", "delete", "carol", "--data", data).ExitCode);
        Assert.Contains("carol\tclinician\tdeleted", CliProcess.Run("users", "list", "--data", data).Out);
        var again = CliProcess.Run("users", "enable", "carol", "--data", data);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("MDX-WEB026", again.Err);
        // The registry holds patient data: owner-only folder and file.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "registry.db")));
    }

    [Fact]
    public void A_partial_fhir_birth_date_is_kept_at_its_precision_and_reported()
    {
        var bundle = """
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"urn:uuid:11111111-1111-1111-1111-111111111111","resource":{"resourceType":"Patient","id":"p","gender":"female","birthDate":"1980"}},
              {"fullUrl":"urn:uuid:22222222-2222-2222-2222-222222222222","resource":{"resourceType":"Condition","id":"c",
                "subject":{"reference":"urn:uuid:11111111-1111-1111-1111-111111111111"},
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009","display":"Malignant neoplasm of breast"}]}}}]}
            """;
        var r = CliProcess.Run("assess", CliProcess.Temp("bundle.json", bundle), "--format", "json");
        Assert.Contains("MDX-FH104", r.Err);
        Assert.Contains("year", r.Err);
        Assert.Equal(0, r.ExitCode);
    }
}
