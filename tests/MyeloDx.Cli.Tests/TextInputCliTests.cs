using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyeloDx.Cli.Tests;

/// <summary>Free text through the command line: assess FILE.txt, --explain-text, and "text" lines in batch.</summary>
public class TextInputCliTests
{
    private const string Seed = "A 35-year-old woman with metastatic breast cancer had whole-brain radiotherapy to 30 Gy. Three months later she develops " +
                                "an incomplete paraplegia. Spinal MRI shows three nodular lesions inside the cord at the conus medullaris, T12-L1.";

    [Fact]
    public void Assess_reads_a_text_file_and_the_json_carries_spans()
    {
        var r = CliProcess.Run("assess", CliProcess.Temp("note.txt", Seed), "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var o = JsonNode.Parse(r.Out)!;
        Assert.Equal("text", o["input"]!.GetValue<string>());
        Assert.Equal("intramedullary_metastasis", o["leading"]!.GetValue<string>());
        var compartment = o["findings"]!.AsArray().Single(f => f!["finding"]!.GetValue<string>() == "compartment")!;
        var start = compartment["span"]!["start"]!.GetValue<int>();
        var length = compartment["span"]!["length"]!.GetValue<int>();
        Assert.Contains("inside the cord", Seed.Substring(start, length));
    }

    [Fact]
    public void Explain_text_marks_findings_and_modifiers_in_the_note()
    {
        var note = "MRI: no epidural disease. CSF cytology was negative. Possible leptomeningeal enhancement. " + Seed;
        var r = CliProcess.Run("assess", CliProcess.Temp("note.txt", note), "--explain-text", "--format", "markdown");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("csf_cytology=negative_single", r.Out);
        Assert.Contains("[negated]", r.Out);
        Assert.Contains("[uncertain]", r.Out);
        // each reading names the rule behind it: the vocabulary line and the modifier words of the note
        Assert.Contains("| Rule |", r.Out);
        Assert.Contains("negated by 'no' (context-rules.yaml:", r.Out);
        Assert.Contains("uncertain by 'possible' (context-rules.yaml:", r.Out);
        Assert.Contains("<no>", r.Out);
        Assert.Contains("Differential diagnosis", r.Out);
    }

    [Fact]
    public void Explain_text_adds_the_analysis_to_json()
    {
        var r = CliProcess.Run("assess", CliProcess.Temp("note.txt", Seed), "--explain-text", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var a = JsonNode.Parse(r.Out)!["textAnalysis"]!;
        Assert.Contains(a["mentions"]!.AsArray(), m => m!["text"]!.GetValue<string>().Contains("inside the cord"));
        Assert.Contains(a["numbers"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "rt_dose_gy");
    }

    [Fact]
    public void Batch_reads_text_lines_and_reports_a_foreign_text_as_an_error_line()
    {
        var lines = new[]
        {
            new JsonObject { ["id"] = "a", ["text"] = Seed }.ToJsonString(),
            new JsonObject { ["id"] = "b", ["text"] = "Une femme de 60 ans présente une faiblesse des jambes." }.ToJsonString(),
            new JsonObject { ["id"] = "c", ["text"] = "" }.ToJsonString(),
        };
        var r = CliProcess.Run("batch", CliProcess.Temp("in.jsonl", string.Join("\n", lines) + "\n"));
        Assert.Equal(0, r.ExitCode);
        var outs = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(3, outs.Length);
        Assert.Equal("intramedullary_metastasis", outs[0].GetProperty("differential")[0].GetProperty("id").GetString());
        Assert.Contains("MDX-TX010", outs[1].GetProperty("error").GetString());
        Assert.True(outs[2].TryGetProperty("error", out _));
    }

    [Fact]
    public void A_text_with_nothing_clinical_is_exit_2_with_one_line()
    {
        var r = CliProcess.Run("assess", CliProcess.Temp("note.txt", "Lorem ipsum dolor sit amet."));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MDX-TX010", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
