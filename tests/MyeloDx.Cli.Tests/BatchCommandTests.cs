using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyeloDx.Cli.Tests;

public class BatchCommandTests
{
    [Fact]
    public void Batch_prints_one_line_per_input_in_order_with_errors_for_bad_lines_and_keeps_going()
    {
        var seed = JsonNode.Parse(File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "samples", "seed-case.json")))!;
        var lines = new[]
        {
            new JsonObject { ["id"] = "t1", ["case"] = seed.DeepClone() }.ToJsonString(),
            "this line is not json",
            new JsonObject { ["id"] = "t3" }.ToJsonString(),
            new JsonObject { ["id"] = "t4", ["case"] = JsonNode.Parse("""{"patient": {"ageYears": -5}}""") }.ToJsonString(),
            new JsonObject { ["id"] = 5, ["case"] = seed.DeepClone(), ["label"] = "ignored" }.ToJsonString(),
        };
        var r = CliProcess.Run("batch", CliProcess.Temp("in.jsonl", string.Join("\n", lines) + "\n"));
        Assert.Equal(0, r.ExitCode);
        var outs = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(5, outs.Length);
        Assert.Equal("t1", outs[0].GetProperty("id").GetString());
        Assert.Equal("intramedullary_metastasis", outs[0].GetProperty("differential")[0].GetProperty("id").GetString());
        Assert.True(outs[1].TryGetProperty("error", out _));
        Assert.Equal("t3", outs[2].GetProperty("id").GetString());
        Assert.True(outs[2].TryGetProperty("error", out _));
        Assert.Contains("ageYears", outs[3].GetProperty("error").GetString());
        Assert.Equal(5, outs[4].GetProperty("id").GetInt32());
        Assert.Equal(15, outs[4].GetProperty("differential").GetArrayLength());
        Assert.Contains("does not replace", r.Err);
    }

    /// <summary>
    /// The fast path (one reader pass, the case bound from the bytes) must answer exactly as the general path (JSON
    /// tree, normalisation): an unknown root field sends a line down the general path, so the same lines with one
    /// more field must give the same bytes, answers and error lines alike.
    /// </summary>
    [Fact]
    public void Fast_and_general_path_give_the_same_bytes()
    {
        var seed = JsonNode.Parse(File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "samples", "seed-case.json")))!.ToJsonString();
        var lines = new[]
        {
            $$"""{"id":"seed","case":{{seed}}}""",
            """{"id":7,"case":{"patient":{"ageYears":50,"sex":"male"},"presentation":{"syndrome":"paraplegia"}}}""",
            """{"id":1e3,"case":{"treatments":{"radiotherapy":[{"target":"thoracic spine","totalDoseGy":40,"fractions":20,"monthsBeforeOnset":9}]},"presentation":{"syndrome":"paraplegia"}}}""",
            """{"id":"a<b>&+c","text":"62 year old woman with breast cancer, 30 Gy to T4-T8 a year ago\nnow paraparesis"}""",
            """{"id":"é","text":"paraplégie, café ١٢ Gy, cord compression at T9"}""",
            """{"id":"n","text":"a\tb\bc paraplegia; MRI: intramedullary enhancing lesion at C5"}""",
            """{"id":"d","case":{"presentation":{"syndrome":"paraplegia","bogus":1}}}""",
            """{"id":"u","case":{"patient":{"ageYears":-5}}}""",
            """{"id":"e","case":{"patient":{"sex":"male"}}}""",
            """{"id":"h","text":""}""",
            """{"id":"g","text":5}""",
            """{"id":"f","text":"lung cancer and paraplegia","case":{"presentation":{"syndrome":"paraplegia"}}}""",
        };
        var general = lines.Select(l => l[..l.LastIndexOf('}')] + ""","zz":0}""").ToArray();
        var a = CliProcess.Run("batch", CliProcess.Temp("fast.jsonl", string.Join("\n", lines) + "\n"));
        var b = CliProcess.Run("batch", CliProcess.Temp("general.jsonl", string.Join("\n", general) + "\n"));
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(lines.Length, a.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(b.Out, a.Out);
    }

    [Fact]
    public void Missing_batch_file_is_exit_2()
    {
        var r = CliProcess.Run("batch", "/nonexistent/in.jsonl");
        Assert.Equal(2, r.ExitCode);
    }
}
