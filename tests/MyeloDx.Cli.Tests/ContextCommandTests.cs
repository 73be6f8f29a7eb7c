using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyeloDx.Cli.Tests;

/// <summary>`myelodx context IN.jsonl`: one line out per line in, in order, with the product.md fields.</summary>
public class ContextCommandTests
{
    [Fact]
    public void Context_prints_the_contract_fields_in_order_and_an_error_line_for_bad_input()
    {
        var lines = new[]
        {
            new JsonObject { ["id"] = "n1", ["text"] = "She denies bowel or bladder\n   incontinence.", ["target"] = "bladder incontinence" }.ToJsonString(),
            "{ not json",
            new JsonObject { ["id"] = 3, ["text"] = "FAMILY HISTORY:\nHER SISTER HAD OVARIAN CANCER.", ["target"] = "ovarian   cancer" }.ToJsonString(),
            new JsonObject { ["id"] = "m4", ["text"] = "Knee pain.", ["target"] = "hip pain" }.ToJsonString(),
            new JsonObject { ["id"] = "p5", ["text"] = "Seen by [**Doctor Name**] today; new left leg weakness since Tuesday.", ["target"] = "left leg weakness" }.ToJsonString(),
        };
        var r = CliProcess.Run("context", CliProcess.Temp("ctx.jsonl", string.Join("\n", lines) + "\n"));
        Assert.Equal(0, r.ExitCode);
        var outs = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(5, outs.Length);
        Assert.Equal("n1", outs[0].GetProperty("id").GetString());
        Assert.True(outs[0].GetProperty("negated").GetBoolean());
        Assert.Equal("patient", outs[0].GetProperty("experiencer").GetString());
        Assert.Contains("denies", outs[0].GetProperty("triggers").EnumerateArray().Select(t => t.GetString()));
        foreach (var f in new[] { "uncertain", "historical", "hypothetical" }) Assert.False(outs[0].GetProperty(f).GetBoolean());
        Assert.True(outs[1].TryGetProperty("error", out _));
        Assert.Equal(3, outs[2].GetProperty("id").GetInt32());
        Assert.Equal("other", outs[2].GetProperty("experiencer").GetString());
        Assert.Contains("not found", outs[3].GetProperty("error").GetString());
        Assert.False(outs[4].GetProperty("negated").GetBoolean());
        Assert.Empty(outs[4].GetProperty("triggers").EnumerateArray());
    }

    [Fact]
    public void Missing_context_file_is_exit_2()
    {
        var r = CliProcess.Run("context", "/nonexistent/ctx.jsonl");
        Assert.Equal(2, r.ExitCode);
    }
}
