using System.Net;
using System.Text;
using System.Text.Json;

namespace MyeloDx.Web.Tests;

public sealed class AppFixture : IDisposable
{
    public WebApp App { get; } = new();
    public void Dispose() => App.Dispose();
}

/// <summary>The REST API's contract: authentication, the assessment, and every error as a coded ProblemDetails.</summary>
public sealed class ApiTests(AppFixture f) : IClassFixture<AppFixture>
{
    private WebApp App => f.App;

    public static TheoryData<string, string> CaseEndpoints => new()
    {
        { "GET", "/api/cases" }, { "POST", "/api/cases" }, { "GET", "/api/cases/abc" }, { "PUT", "/api/cases/abc" },
        { "DELETE", "/api/cases/abc" }, { "POST", "/api/cases/abc/restore" }, { "POST", "/api/cases/abc/shares" },
        { "GET", "/api/cases/abc/audit" }, { "GET", "/api/cases/abc/report?format=pdf" }, { "GET", "/api/cases/abc/fhir" },
        { "GET", "/api/audit" }, { "POST", "/api/assessments" }, { "POST", "/api/dose" }, { "POST", "/cds-services/myelodx-patient-view" },
    };

    [Theory, MemberData(nameof(CaseEndpoints))]
    public async Task Every_case_endpoint_answers_401_without_a_key(string method, string path)
    {
        var req = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? Json.Body(Samples.SeedCase) : null };
        var r = await App.As(null).SendAsync(req);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("MDX-AUTH001", await Json.ProblemCode(r));
    }

    [Theory]
    [InlineData("Bearer mdx_not-a-real-key-at-all-000000000")]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer x")]
    public async Task A_wrong_key_gets_401(string header)
    {
        var c = App.As(null);
        c.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        var r = await c.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("MDX-AUTH001", await Json.ProblemCode(r));
    }

    [Fact]
    public async Task Health_answers_200_without_a_key()
    {
        var r = await App.As(null).GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        foreach (var probe in new[] { "/health/live", "/health/ready" })
            Assert.Equal(HttpStatusCode.OK, (await App.As(null).GetAsync(probe)).StatusCode);
    }

    [Fact]
    public async Task The_assessment_is_the_same_json_as_the_cli()
    {
        var r = await App.As("alice").PostAsync("/api/assessments", Json.Body(Samples.SeedCase));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var got = await r.Content.ReadAsStringAsync();
        // What `myelodx assess --format json` computes for the same file, through the same service.
        var svc = WebApp.Service;
        var input = svc.FromCase(MyeloDx.Core.Cases.CaseJson.Parse(Samples.SeedCase));
        var expected = System.Text.Json.Nodes.JsonNode.Parse(MyeloDx.Core.Contract.ContractJson.Write(svc.Document(input, svc.Assess(input))))!.AsObject();
        Assert.True(JsonNodeEquals(expected, System.Text.Json.Nodes.JsonNode.Parse(got)!), "API JSON differs from the service's JSON");
        Assert.Equal("intramedullary_metastasis", (await Json.Read(r)).GetProperty("differential")[0].GetProperty("id").GetString());
        Assert.Equal(15, (await Json.Read(r)).GetProperty("differential").GetArrayLength());
    }

    private static bool JsonNodeEquals(System.Text.Json.Nodes.JsonNode a, System.Text.Json.Nodes.JsonNode b) => System.Text.Json.Nodes.JsonNode.DeepEquals(a, b);

    [Fact]
    public async Task A_repeated_body_gets_the_same_answer_and_other_contexts_are_not_confused()
    {
        var c = App.As("alice");
        var first = await (await c.PostAsync("/api/assessments", Json.Body(Samples.SeedCase))).Content.ReadAsStringAsync();
        var again = await (await c.PostAsync("/api/assessments", Json.Body(Samples.SeedCase))).Content.ReadAsStringAsync();
        Assert.Equal(first, again);
        var ctx = WebApp.Service.Knowledge.Priors.Keys.First(k => k != WebApp.Service.Knowledge.DefaultContext);
        var other = await Json.Read(await c.PostAsync($"/api/assessments?priorContext={ctx}", Json.Body(Samples.SeedCase)));
        Assert.Equal(ctx, other.GetProperty("priorContext").GetString());
        var bad = await c.PostAsync("/api/assessments?priorContext=martians", Json.Body(Samples.SeedCase));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_case_in_a_wrapper_with_a_prior_context_is_assessed_in_that_context()
    {
        var ctx = WebApp.Service.Knowledge.Priors.Keys.First(k => k != WebApp.Service.Knowledge.DefaultContext);
        var r = await App.As("alice").PostAsync("/api/assessments", Json.Body($$"""{"case": {{Samples.SeedCase}}, "priorContext": "{{ctx}}"}"""));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(ctx, (await Json.Read(r)).GetProperty("priorContext").GetString());
        var q = await App.As("alice").PostAsync($"/api/assessments?priorContext={ctx}", Json.Body(Samples.SeedCase));
        Assert.Equal(ctx, (await Json.Read(q)).GetProperty("priorContext").GetString());
    }

    [Fact]
    public async Task The_seed_note_is_read_by_the_text_reader_with_intramedullary_metastasis_first()
    {
        Assert.NotNull(WebApp.TextReader);
        var r = await App.As("alice").PostAsync("/api/assessments", Json.Body(new { text = Samples.SeedNote }));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var j = await Json.Read(r);
        Assert.Equal("intramedullary_metastasis", j.GetProperty("differential")[0].GetProperty("id").GetString());
        Assert.Equal("text", j.GetProperty("input").GetString());
        Assert.Contains(j.GetProperty("findings").EnumerateArray(), f => f.TryGetProperty("span", out _));
        var empty = await App.As("alice").PostAsync("/api/assessments", Json.Body(new { text = "   " }));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("MDX-IN011", await Json.ProblemCode(empty));
    }

    [Theory]
    [InlineData("""{"resourceType": "Patient"}""")]
    [InlineData("""{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Observation", "status": 7}}]}""")]
    public async Task A_foreign_or_broken_fhir_body_gets_a_coded_400(string body)
    {
        Assert.NotNull(WebApp.FhirImporter);
        var r = await App.As("alice").PostAsync("/api/assessments", Json.Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.StartsWith("MDX-", await Json.ProblemCode(r));
    }

    [Fact]
    public async Task A_body_over_1_MB_gets_413()
    {
        var big = JsonSerializer.Serialize(new { text = new string('a', 2_100_000) });
        var r = await App.As("alice").PostAsync("/api/assessments", Json.Body(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal("MDX-IN012", await Json.ProblemCode(r));
    }

    [Fact]
    public async Task A_streamed_body_over_1_MB_without_a_length_gets_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = new string('b', 1_200_000) }))));
        content.Headers.ContentType = new("application/json");
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = content };
        req.Headers.TransferEncodingChunked = true;
        var r = await App.As("alice").SendAsync(req);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal("MDX-IN012", await Json.ProblemCode(r));
    }

    [Theory]
    [InlineData("{\"text\": ", "MDX-IN001")]
    [InlineData("not json", "MDX-IN001")]
    [InlineData("[1, 2]", "MDX-IN002")]
    [InlineData("", "MDX-IN011")]
    [InlineData("{\"text\": 42}", "MDX-IN001")]
    [InlineData("{\"patient\": {\"ageYears\": 35, \"favouriteColour\": \"blue\"}}", "MDX-IN001")]
    [InlineData("{\"patient\": {\"ageYears\": \"old\"}}", "MDX-IN001")]
    public async Task Bad_bodies_get_400_problem_details_with_the_cli_codes(string body, string code)
    {
        foreach (var path in new[] { "/api/assessments", "/api/cases" })
        {
            var r = await App.As("alice").PostAsync(path, Json.Body(body));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal(code, await Json.ProblemCode(r));
        }
    }

    [Fact]
    public async Task An_impossible_value_is_refused_with_the_validator_code()
    {
        var r = await App.As("alice").PostAsync("/api/assessments", Json.Body("""{"patient": {"ageYears": -4}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var code = await Json.ProblemCode(r);
        var cli = Assert.Throws<MyeloDx.Core.Errors.InputException>(() => MyeloDx.Core.Cases.CaseJson.Parse("""{"patient": {"ageYears": -4}}"""));
        Assert.Equal(cli.Code, code);
    }

    [Fact]
    public async Task A_body_that_is_not_json_typed_gets_415()
    {
        var r = await App.As("alice").PostAsync("/api/assessments", new StringContent(Samples.SeedCase, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
        Assert.Equal("MDX-WEB415", await Json.ProblemCode(r));
    }

    [Fact]
    public async Task An_unknown_prior_context_is_a_coded_400()
    {
        var r = await App.As("alice").PostAsync("/api/assessments?priorContext=martians", Json.Body(Samples.SeedCase));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.StartsWith("MDX-", await Json.ProblemCode(r));
    }

    [Fact]
    public async Task Reports_of_a_saved_case_come_as_markdown_html_and_pdf_and_of_another_users_case_404()
    {
        var created = await Json.Read(await App.As("alice").PostAsync("/api/cases", Json.Body(Samples.SeedCase)));
        var id = created.GetProperty("id").GetString();
        var md = await App.As("alice").GetAsync($"/api/cases/{id}/report?format=md");
        Assert.Equal(HttpStatusCode.OK, md.StatusCode);
        var mdText = await md.Content.ReadAsStringAsync();
        Assert.Contains("FINAL DIAGNOSIS", mdText.ToUpperInvariant());
        Assert.Contains("Intramedullary", mdText);
        Assert.Contains("does not replace", mdText);
        var html = await App.As("alice").GetAsync($"/api/cases/{id}/report?format=html&kind=summary");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await html.Content.ReadAsStringAsync());
        var pdf = await App.As("alice").GetAsync($"/api/cases/{id}/report?format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]));
        foreach (var fmt in new[] { "md", "html", "pdf" })
            Assert.Equal(HttpStatusCode.NotFound, (await App.As("bob").GetAsync($"/api/cases/{id}/report?format={fmt}")).StatusCode);
        var bad = await App.As("alice").GetAsync($"/api/cases/{id}/report?format=docx");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("MDX-WEB032", await Json.ProblemCode(bad));
        var badKind = await App.As("alice").GetAsync($"/api/cases/{id}/report?kind=novel");
        Assert.Equal("MDX-WEB034", await Json.ProblemCode(badKind));
        Assert.Equal(HttpStatusCode.NotFound, (await App.As("alice").GetAsync("/api/cases/nope/report")).StatusCode);
    }

    [Fact]
    public async Task The_fhir_bundle_of_a_saved_case_assesses_back_to_the_same_leader()
    {
        var created = await Json.Read(await App.As("alice").PostAsync("/api/cases", Json.Body(Samples.SeedCase)));
        var id = created.GetProperty("id").GetString();
        var fhir = await App.As("alice").GetAsync($"/api/cases/{id}/fhir");
        Assert.Equal(HttpStatusCode.OK, fhir.StatusCode);
        Assert.Equal("application/fhir+json", fhir.Content.Headers.ContentType?.MediaType);
        var bundle = await fhir.Content.ReadAsStringAsync();
        var j = await Json.Read(fhir);
        Assert.Equal("Bundle", j.GetProperty("resourceType").GetString());
        Assert.Contains("\"RiskAssessment\"", bundle);
        Assert.Equal(HttpStatusCode.NotFound, (await App.As("bob").GetAsync($"/api/cases/{id}/fhir")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.As("alice").GetAsync("/api/cases/nope/fhir")).StatusCode);
        // The Bundle goes back in through POST /api/assessments (the FHIR importer).
        var again = await App.As("alice").PostAsync("/api/assessments", new StringContent(bundle, System.Text.Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var a = await Json.Read(again);
        Assert.Equal("intramedullary_metastasis", a.GetProperty("leading").GetString());
    }

    [Theory]
    [InlineData("{\"plans\": \"30 Gy/10\"}", "MDX-IN002")]
    [InlineData("{\"plans\": []}", "MDX-IN002")]
    [InlineData("{\"plans\": [30]}", "MDX-IN001")]
    [InlineData("{\"plans\": [\"30 Gy/10\"], \"alphaBeta\": \"two\"}", "MDX-IN001")]
    [InlineData("{\"plans\": ", "MDX-IN001")]
    public async Task Dose_refuses_bad_bodies(string body, string code)
    {
        var r = await App.As("alice").PostAsync("/api/dose", Json.Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(code, await Json.ProblemCode(r));
    }

    [Fact]
    public async Task Dose_gives_the_same_json_as_the_dose_command()
    {
        var r = await App.As("alice").PostAsync("/api/dose", Json.Body("""{"plans": ["30 Gy/10"]}"""));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var j = await Json.Read(r);
        var sw = new StringWriter();
        new MyeloDx.Cli.Commands.DoseCommand().Run(["30 Gy/10"], null, "json", sw);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(sw.ToString()), System.Text.Json.Nodes.JsonNode.Parse(j.GetRawText())));
        Assert.Contains("37.5", j.GetRawText()); // EQD2 at alpha/beta 2 of 30 Gy in 10 fractions
    }

    [Theory]
    [InlineData("{\"plans\": [\"400 Gy/0\"]}")]
    [InlineData("{\"plans\": [\"thirty grey\"]}")]
    [InlineData("{\"plans\": [\"30 Gy/10\"], \"alphaBeta\": -1}")]
    public async Task Dose_refuses_impossible_plans_with_a_coded_400(string body)
    {
        var r = await App.As("alice").PostAsync("/api/dose", Json.Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.StartsWith("MDX-DOSE", await Json.ProblemCode(r));
    }

    [Fact]
    public async Task Knowledge_lists_the_fifteen_diagnoses_and_the_sources()
    {
        var j = await Json.Read(await App.As(null).GetAsync("/api/knowledge"));
        Assert.Equal(15, j.GetProperty("diagnoses").GetArrayLength());
        Assert.Equal(WebApp.Service.Knowledge.Version, j.GetProperty("version").GetString());
        Assert.Equal(WebApp.Service.Knowledge.Sources.Count, j.GetProperty("sources").GetArrayLength());
        Assert.Equal(0, j.GetProperty("unsourcedCount").GetInt32());
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        foreach (var path in new[] { "/api/knowledge", "/login", "/health" })
        {
            var r = await App.As(null).GetAsync(path);
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", r.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", r.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("no-store", r.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_scalar_serves_it()
    {
        var doc = await Json.Read(await App.As(null).GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/assessments", "/api/cases", "/api/cases/{id}", "/api/cases/{id}/report", "/api/cases/{id}/fhir", "/api/dose", "/api/knowledge", "/cds-services" })
            Assert.True(paths.TryGetProperty(p, out _), $"{p} missing from the OpenAPI document");
        var ui = await App.As(null).GetAsync("/scalar");
        if (ui.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect) ui = await App.As(null).GetAsync(ui.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("openapi", await ui.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_api_routes_get_a_problem_404()
    {
        var r = await App.As("alice").GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("MDX-WEB404", await Json.ProblemCode(r));
    }
}

/// <summary>Patient data never reaches the logs: a request carrying a note, at the most verbose log level.</summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task The_log_of_requests_carrying_a_note_holds_none_of_its_text()
    {
        using var app = new WebApp();
        const string marker = "Quetzalcoatl-Vandermeer-7731";
        var note = $"Patient {marker} is a 35-year-old woman with breast cancer and a conus lesion.";
        var alice = app.As("alice");
        await alice.PostAsync("/api/assessments", Json.Body(new { text = note }));
        await alice.PostAsync("/api/cases", Json.Body(new { text = note, title = "case " + marker }));
        var caseWithNotes = Samples.SeedCase.Replace("\"notes\": \"", $"\"notes\": \"{marker} ");
        var saved = await alice.PostAsync("/api/cases", Json.Body(caseWithNotes));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var id = (await Json.Read(saved)).GetProperty("id").GetString();
        await alice.GetAsync($"/api/cases/{id}");
        await alice.PostAsync("/api/assessments", Json.Body($"{{\"text\": \"{marker}")); // malformed
        await alice.PostAsync("/api/assessments", Json.Body($"{{\"patient\": {{\"{marker}\": 1}}}}")); // unknown field named by the patient text
        Assert.NotEmpty(app.Logs.Lines);
        Assert.Contains(app.Logs.Lines, l => l.Contains("/api/cases", StringComparison.Ordinal)); // the sink does see requests
        var leaks = app.Logs.Lines.Where(l => l.Contains(marker, StringComparison.Ordinal) || l.Contains("conus lesion", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "patient text in the log: " + string.Join("\n", leaks.Take(3)));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(app.Keys["alice"], StringComparison.Ordinal));
    }
}

public sealed class RateLimitTests
{
    [Fact]
    public async Task Bursts_above_the_per_user_rate_get_429_problem_details()
    {
        using var app = new WebApp { RatePerSecond = 3 };
        var alice = app.As("alice");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20; i++)
        {
            var r = await alice.GetAsync("/api/cases");
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests) limited ??= r;
        }
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.NotNull(limited);
        Assert.Equal("MDX-WEB429", await Json.ProblemCode(limited!));
        // Another user has a bucket of their own.
        Assert.Equal(HttpStatusCode.OK, (await app.As("bob").GetAsync("/api/cases")).StatusCode);
    }
}
