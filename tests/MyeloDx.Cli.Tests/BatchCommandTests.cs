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

    [Fact]
    public void Missing_batch_file_is_exit_2()
    {
        var r = CliProcess.Run("batch", "/nonexistent/in.jsonl");
        Assert.Equal(2, r.ExitCode);
    }
}
