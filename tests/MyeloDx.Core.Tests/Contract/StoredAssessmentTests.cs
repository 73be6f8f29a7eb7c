using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Contract;

/// <summary>Reading a stored assessment back: typed where it binds, kept as read where it does not, never dropped.</summary>
public sealed class StoredAssessmentTests
{
    public static TheoryData<string> Samples() => new("seed-case.json", "vignette-epidural-compression.json", "vignette-lm-vs-imscm.json", "vignette-suspected-compression-before-mri.json");

    private static AssessmentDocument Assess(string sample)
    {
        var svc = Repo.Service;
        var input = svc.FromCase(CaseJson.Parse(File.ReadAllText(Path.Combine(Repo.Root, "samples", sample)), sample));
        return svc.Document(input, svc.Assess(input));
    }

    [Theory, MemberData(nameof(Samples))]
    public void A_document_this_build_wrote_binds_whole_and_writes_back_the_same_bytes(string sample)
    {
        var written = ContractJson.Write(Assess(sample));
        var stored = StoredAssessment.Read(written);
        Assert.Empty(stored.Unbound);
        // the same bytes back: every member, score details (written without a type marker) included, bound as written
        Assert.Equal(written, ContractJson.Write(stored.Document));
    }

    [Fact]
    public void A_section_the_records_do_not_know_or_cannot_bind_is_kept_as_read()
    {
        var json = JsonNode.Parse(ContractJson.Write(Assess("seed-case.json")))!.AsObject();
        json["deferredTests"] = new JsonArray(new JsonObject { ["name"] = "Angiography" });
        json["radiotherapy"] = new JsonObject { ["summary"] = "a shape of another build" };
        json["scores"]!["mrc"]!["grade"] = "extra member";
        var stored = StoredAssessment.Read(json.ToJsonString());
        Assert.Equal(["radiotherapy", "scores", "deferredTests"], stored.Unbound.Select(u => u.Key));
        Assert.Equal("Angiography", stored.Unbound[2].Value[0].GetProperty("name").GetString());
        Assert.Null(stored.Document.Radiotherapy);
        Assert.Null(stored.Document.Scores);
        Assert.NotEmpty(stored.Document.Differential);
        Assert.NotNull(stored.Document.Management);
    }

    [Fact]
    public void A_document_whose_core_does_not_bind_is_refused()
    {
        var json = JsonNode.Parse(ContractJson.Write(Assess("seed-case.json")))!.AsObject();
        json.Remove("differential");
        Assert.Throws<JsonException>(() => StoredAssessment.Read(json.ToJsonString()));
        Assert.Throws<JsonException>(() => StoredAssessment.Read("[]"));
    }
}
