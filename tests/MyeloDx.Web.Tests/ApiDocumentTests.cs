using System.Text.Json;

namespace MyeloDx.Web.Tests;

/// <summary>The OpenAPI document: typed bodies, the two security schemes, coded errors, examples.</summary>
public sealed class ApiDocumentTests
{

    private static async Task<JsonElement> Document()
    {
        using var app = new WebApp();
        var r = await app.As(null).GetAsync("/openapi/v1.json");
        Assert.True(r.IsSuccessStatusCode, $"openapi: {(int)r.StatusCode}");
        return await Json.Read(r);
    }

    [Fact]
    public async Task The_assessment_case_and_error_bodies_have_typed_schemas()
    {
        var doc = await Document();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var assessment = schemas.GetProperty("AssessmentResponse").GetProperty("properties");
        foreach (var p in new[] { "leading", "differential", "findings", "priorContext", "caveat" }) Assert.True(assessment.TryGetProperty(p, out _), $"AssessmentResponse.{p}");
        Assert.True(schemas.GetProperty("DifferentialEntry").GetProperty("properties").TryGetProperty("probability", out _));
        Assert.True(schemas.GetProperty("CaseResponse").GetProperty("properties").TryGetProperty("versions", out _));
        Assert.True(schemas.GetProperty("CaseCreated").GetProperty("properties").TryGetProperty("id", out _));
        var problem = schemas.GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("code", out _), "problem bodies carry the MDX code");

        var post = doc.GetProperty("paths").GetProperty("/api/assessments").GetProperty("post");
        var body = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.Equal("#/components/schemas/AssessRequest", body.GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(body.GetProperty("examples").TryGetProperty("note", out _), "a note example");
        Assert.Equal("#/components/schemas/AssessmentResponse",
            post.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/ProblemDetails",
            post.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        // no /api body is an untyped JsonElement any more
        foreach (var path in doc.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
            Assert.False(path.Value.GetRawText().Contains("JsonElement", StringComparison.Ordinal), path.Name + " has an untyped body");
    }

    [Fact]
    public async Task The_cds_hooks_discovery_request_and_cards_have_typed_schemas()
    {
        var doc = await Document();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        static string Ref(JsonElement content, string type) => content.GetProperty(type).GetProperty("schema").GetProperty("$ref").GetString()!;
        var paths = doc.GetProperty("paths");

        var discovery = paths.GetProperty("/cds-services").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal("#/components/schemas/CdsDiscovery", Ref(discovery, "application/json"));
        Assert.True(schemas.GetProperty("CdsServiceEntry").GetProperty("properties").TryGetProperty("prefetch", out _));

        var post = paths.GetProperty("/cds-services/{id}").GetProperty("post");
        Assert.Equal("#/components/schemas/CdsHookRequest", Ref(post.GetProperty("requestBody").GetProperty("content"), "application/json"));
        var request = schemas.GetProperty("CdsHookRequest").GetProperty("properties");
        foreach (var p in new[] { "hook", "hookInstance", "context", "prefetch", "fhirServer" }) Assert.True(request.TryGetProperty(p, out _), $"CdsHookRequest.{p}");
        Assert.True(schemas.GetProperty("CdsHookContext").GetProperty("properties").TryGetProperty("patientId", out _));

        var responses = post.GetProperty("responses");
        Assert.Equal("#/components/schemas/CdsCardList", Ref(responses.GetProperty("200").GetProperty("content"), "application/json"));
        Assert.Equal("#/components/schemas/OperationOutcome", Ref(responses.GetProperty("412").GetProperty("content"), "application/fhir+json"));
        Assert.Equal("#/components/schemas/ProblemDetails", Ref(responses.GetProperty("400").GetProperty("content"), "application/problem+json"));
        var card = schemas.GetProperty("CdsCard").GetProperty("properties");
        foreach (var p in new[] { "uuid", "summary", "detail", "indicator", "source", "links", "suggestions" }) Assert.True(card.TryGetProperty(p, out _), $"CdsCard.{p}");
        Assert.Equal(["info", "warning", "critical"], schemas.GetProperty("CdsIndicator").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("JsonElement", paths.GetProperty("/cds-services/{id}").GetRawText());
    }

    [Fact]
    public async Task A_card_as_sent_has_only_the_fields_the_openapi_card_schema_names()
    {
        var schemas = (await Document()).GetProperty("components").GetProperty("schemas");
        var svc = WebApp.Service;
        var seed = svc.Assess(MyeloDx.Core.Cases.CaseJson.Parse(Samples.SeedCase));
        var card = CdsHooksApi.ResultCard(svc, seed, "http://x", new MyeloDx.Web.Cds.PrefetchResult(null, [], 1, "text"));
        using var sent = JsonDocument.Parse(JsonSerializer.Serialize(card, MyeloDx.Web.Api.WebJsonContext.Default.CdsCard));
        var described = schemas.GetProperty("CdsCard").GetProperty("properties");
        foreach (var p in sent.RootElement.EnumerateObject()) Assert.True(described.TryGetProperty(p.Name, out _), $"the card sends '{p.Name}', which the OpenAPI card does not describe");
        var indicators = schemas.GetProperty("CdsIndicator").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(sent.RootElement.GetProperty("indicator").GetString(), indicators);
    }

    [Fact]
    public async Task Bearer_and_cookie_schemes_are_declared_and_required()
    {
        var doc = await Document();
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var cookie = schemes.GetProperty("Cookie");
        Assert.Equal("apiKey", cookie.GetProperty("type").GetString());
        Assert.Equal("cookie", cookie.GetProperty("in").GetString());
        var required = doc.GetProperty("security").EnumerateArray().SelectMany(x => x.EnumerateObject().Select(p => p.Name)).ToList();
        Assert.Contains("Bearer", required);
        Assert.Contains("Cookie", required);
    }

    [Fact]
    public async Task The_api_reference_page_loads_no_fonts_from_elsewhere()
    {
        using var app = new WebApp();
        var c = app.As("alice");
        var r = await c.GetAsync("/scalar");
        // Scalar answers /scalar with a redirect to its document page; follow it (never to /login: the key is accepted)
        for (var i = 0; i < 3 && (int)r.StatusCode is 301 or 302 && r.Headers.Location is { } next; i++)
        {
            Assert.DoesNotContain("/login", next.ToString());
            r = await c.GetAsync(next);
        }
        var html = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"/scalar: {(int)r.StatusCode}");
        Assert.DoesNotContain("fonts.scalar.com", html);
        Assert.DoesNotContain("cdn.jsdelivr", html);
    }
}
