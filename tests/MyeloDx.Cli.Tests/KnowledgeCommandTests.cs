using System.Text.Json;

namespace MyeloDx.Cli.Tests;

public class KnowledgeCommandTests
{
    [Fact]
    public void Knowledge_json_reports_15_diagnoses_at_least_80_findings_and_no_unsourced_numbers()
    {
        var r = CliProcess.Run("knowledge", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(15, o.GetProperty("diagnoses").GetArrayLength());
        Assert.True(o.GetProperty("findingCount").GetInt32() >= 80);
        Assert.Equal(0, o.GetProperty("unsourcedCount").GetInt32());
    }

    [Fact]
    public void Knowledge_json_counts_sourced_derived_and_estimate_numbers_consistently()
    {
        var r = CliProcess.Run("knowledge", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("cancer_clinic", o.GetProperty("defaultContext").GetString());
        var n = o.GetProperty("numbers");
        int Get(JsonElement e, string k) => e.GetProperty(k).GetInt32();
        Assert.Equal(Get(n, "total"), Get(n, "sourced") + Get(n, "derived") + Get(n, "estimate"));
        var per = n.GetProperty("perDiagnosis");
        Assert.Equal(15, per.EnumerateObject().Count());
        foreach (var d in per.EnumerateObject())
            Assert.Equal(Get(d.Value, "total"), Get(d.Value, "sourced") + Get(d.Value, "derived") + Get(d.Value, "estimate"));
        Assert.True(per.EnumerateObject().Sum(d => Get(d.Value, "total")) <= Get(n, "total"));
    }

    [Fact]
    public void Knowledge_base_with_an_unknown_diagnosis_id_is_refused_with_file_and_line()
    {
        var src = Path.Combine(CliProcess.RepoRoot, "knowledge");
        var dst = Path.Combine(Path.GetTempPath(), "myelodx-kb-" + Guid.NewGuid().ToString("N"));
        CopyDir(src, dst);
        var f = Path.Combine(dst, "findings", "30-imaging.yaml");
        // Misspell the first diagnosis key of a likelihood map (whatever its number), as a reviewer's typo would.
        var yaml = File.ReadAllText(f);
        var at = yaml.IndexOf("p: {intramedullary_metastasis: ", StringComparison.Ordinal);
        Assert.True(at > 0, "no likelihood map naming intramedullary_metastasis in 30-imaging.yaml");
        File.WriteAllText(f, yaml.Insert(at + "p: {intramedullary_metastasis".Length, "_typo"));
        var r = CliProcess.Run("knowledge", "--folder", dst);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MDX-KB005", r.Err);
        Assert.Contains("30-imaging.yaml:", r.Err);
    }

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) CopyDir(d, Path.Combine(to, Path.GetFileName(d)));
    }
}
