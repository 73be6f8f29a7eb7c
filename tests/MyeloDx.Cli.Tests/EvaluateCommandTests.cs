using System.Text.Json;

namespace MyeloDx.Cli.Tests;

public class EvaluateCommandTests
{
    private static string TestData(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "tests", "TestData", name);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException(name);
    }

    [Fact]
    public void Evaluate_reports_the_figures_and_writes_a_reliability_diagram()
    {
        var svg = Path.Combine(Path.GetTempPath(), "myelodx-cli-tests", Guid.NewGuid().ToString("N") + ".svg");
        Directory.CreateDirectory(Path.GetDirectoryName(svg)!);
        var r = CliProcess.Run("evaluate", TestData("eval-small.jsonl"), "--format", "json", "--diagram", svg);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var o = doc.RootElement;
        Assert.Equal(4, o.GetProperty("n").GetInt32());
        Assert.Equal("cancer_clinic", o.GetProperty("priorContext").GetString());
        var top1 = o.GetProperty("top1").GetDouble();
        var top3 = o.GetProperty("top3").GetDouble();
        Assert.InRange(top1, 0, top3);
        Assert.True(top3 >= 0.75, $"top3 {top3}");
        var recall = o.GetProperty("recall");
        Assert.Equal(4, recall.EnumerateObject().Sum(p => p.Value.GetProperty("cases").GetInt32()));
        Assert.Equal(top1 * 4, recall.EnumerateObject().Sum(p => p.Value.GetProperty("correct").GetInt32()), 6);
        Assert.Equal(4, o.GetProperty("calibration").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
        Assert.InRange(o.GetProperty("brier").GetDouble(), 0, 2);
        Assert.StartsWith("<svg", File.ReadAllText(svg));
    }

    [Fact]
    public void Evaluate_text_ends_with_the_score_figure_line_and_names_the_population()
    {
        var r = CliProcess.Run("evaluate", TestData("eval-small.jsonl"), "--prior-context", "case_reports");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("case_reports", r.Out);
        Assert.Contains("supports, and does not replace, clinical judgment", r.Out);
        Assert.Matches(@"top1=\d\.\d{3} top3=\d\.\d{3} mrr=\d\.\d{3} brier=\d\.\d{3}", r.Out.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void A_line_without_a_known_label_is_a_coded_error()
    {
        var path = CliProcess.Temp("bad.jsonl", "{\"id\": 1, \"label\": \"no_such_thing\", \"text\": \"leg weakness\"}\n");
        var r = CliProcess.Run("evaluate", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MDX-IN050", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void An_early_epidural_compression_note_ranks_compression_first_under_the_default_population()
    {
        var note = CliProcess.Temp("note.txt",
            "Known lung cancer with vertebral metastases. Five days of increasing low thoracic back pain, worse lying down; " +
            "since this morning new weakness of both legs and he needs help to stand. No MRI done yet.");
        var r = CliProcess.Run("assess", note, "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("cancer_clinic", doc.RootElement.GetProperty("priorContext").GetString());
        Assert.Equal("epidural_cord_compression", doc.RootElement.GetProperty("differential")[0].GetProperty("id").GetString());
    }
}
