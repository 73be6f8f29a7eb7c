using System.Net;
using System.Text.Json;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Issue 17: `POST /api/assessments?include=...` answers with only the optional parts asked for (and computes nothing
/// else); an unknown part is a coded 400; without the parameter the answer is the full document, as before.
/// </summary>
public sealed class AssessmentIncludeTests(AppFixture f) : IClassFixture<AppFixture>
{
    private WebApp App => f.App;

    [Fact]
    public async Task Include_next_tests_gives_next_tests_and_management_without_sensitivity_scores_or_evidence()
    {
        var r = await App.As("alice").PostAsync("/api/assessments?include=nextTests", Json.Body(Samples.SeedCase));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/json; charset=utf-8", r.Content.Headers.ContentType?.ToString());
        var doc = await Json.Read(r);
        Assert.True(doc.GetProperty("nextTests").GetArrayLength() > 0);
        Assert.True(doc.TryGetProperty("management", out _));
        Assert.False(doc.TryGetProperty("sensitivity", out _));
        Assert.False(doc.TryGetProperty("scores", out _));
        Assert.Equal(0, doc.GetProperty("differential")[0].GetProperty("supporting").GetArrayLength());
        Assert.Equal("intramedullary_metastasis", doc.GetProperty("differential")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Without_include_the_answer_keeps_every_section()
    {
        var doc = await Json.Read(await App.As("alice").PostAsync("/api/assessments", Json.Body(Samples.SeedCase)));
        foreach (var section in new[] { "nextTests", "management", "sensitivity", "references" })
            Assert.True(doc.TryGetProperty(section, out _), section);
        Assert.True(doc.GetProperty("differential")[0].GetProperty("supporting").GetArrayLength() > 0);
    }

    [Fact]
    public async Task An_unknown_include_part_is_a_coded_400_naming_it()
    {
        var r = await App.As("alice").PostAsync("/api/assessments?include=nextTests,everything", Json.Body(Samples.SeedCase));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("MDX-WEB400", await Json.ProblemCode(r));
        Assert.Contains("everything", (await Json.Read(r)).GetProperty("detail").GetString());
    }
}
