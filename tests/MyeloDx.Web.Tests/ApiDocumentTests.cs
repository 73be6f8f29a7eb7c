using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MyeloDx.Web.Api;

namespace MyeloDx.Web.Tests;

/// <summary>The OpenAPI document: typed bodies, the two security schemes, coded errors, examples.</summary>
public sealed class ApiDocumentTests
{

    private static async Task<JsonElement> Document()
    {
        using var app = new WebApp();
        return await Document(app);
    }

    private static async Task<JsonElement> Document(WebApp app)
    {
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
    public async Task The_case_list_audit_trails_and_restore_send_the_records_the_document_names()
    {
        using var app = new WebApp();
        var doc = await Document(app);
        var alice = app.As("alice");
        var root = app.As("root");
        var untitled = await Saved(alice, Samples.SeedCase);
        var titled = await Saved(alice, $$"""{"title": "Tumour board 12", "case": {{Samples.SeedCase}}}""");

        // One type for the case list: what is sent binds to CaseList, the record the document names.
        var list = await Sent(doc, "/api/cases", "get", await alice.GetAsync("/api/cases"), WebJsonContext.Default.CaseList);
        Assert.Equal(new[] { titled, untitled }.Order(StringComparer.Ordinal), list.Cases.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Null(list.Cases.Single(c => c.Id == untitled).Title);
        Assert.Equal("Tumour board 12", list.Cases.Single(c => c.Id == titled).Title);

        var trail = await Sent(doc, "/api/cases/{id}/audit", "get", await alice.GetAsync($"/api/cases/{untitled}/audit"), WebJsonContext.Default.AuditList);
        Assert.Equal(("alice", "create", 201), (trail.Audit[^1].User, trail.Audit[^1].Action, trail.Audit[^1].Status));

        Assert.Equal(HttpStatusCode.NoContent, await NoBody(doc, "/api/cases/{id}", "delete", await alice.DeleteAsync($"/api/cases/{untitled}")));
        var restored = await Sent(doc, "/api/cases/{id}/restore", "post", await root.PostAsync($"/api/cases/{untitled}/restore", null), WebJsonContext.Default.Acknowledged);
        Assert.True(restored.Ok);
        Assert.Equal(HttpStatusCode.NoContent, await NoBody(doc, "/api/cases/{id}/shares", "post", await alice.PostAsync($"/api/cases/{titled}/shares", Json.Body("""{"user": "bob"}"""))));
        Assert.Equal(HttpStatusCode.NoContent, await NoBody(doc, "/api/cases/{id}/shares/{user}", "delete", await alice.DeleteAsync($"/api/cases/{titled}/shares/bob")));

        // The whole trail holds rows about no case (the list reads above): caseId and version are sent as null, as documented.
        var all = await Sent(doc, "/api/audit", "get", await root.GetAsync("/api/audit"), WebJsonContext.Default.AuditList);
        Assert.Contains(all.Audit, a => a is { Action: "list", CaseId: null, Version: null });
        Assert.Contains(all.Audit, a => a.Action == "restore" && a.CaseId == untitled);
    }

    [Fact]
    public void No_endpoint_writes_an_anonymous_object()
    {
        // An anonymous body is serialised by reflection and described by nothing in the OpenAPI document.
        var web = Path.Combine(Samples.Root, "src", "MyeloDx.Web");
        var found = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => System.Text.RegularExpressions.Regex.IsMatch(x.line, @"(Results\.(Ok|Json|Created|Accepted)|WriteAsJsonAsync)\(\s*new\s*\{"))
            .Select(x => $"{Path.GetRelativePath(Samples.Root, x.f)}:{x.i + 1}").ToList();
        Assert.Empty(found);
    }

    private static async Task<string> Saved(HttpClient c, string body)
    {
        var r = await c.PostAsync("/api/cases", Json.Body(body));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await Json.Read(r)).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// The body of a documented JSON answer: the document names <typeparamref name="T"/> for this status, the body binds
    /// to it through WebJsonContext, writing the record again gives the same bytes (nothing sent that the record lacks),
    /// and at every level the schema names exactly the properties sent.
    /// </summary>
    private static async Task<T> Sent<T>(JsonElement doc, string path, string method, HttpResponseMessage r, JsonTypeInfo<T> type)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{method} {path}: {(int)r.StatusCode}");
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        var status = ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture);
        var schema = doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal($"#/components/schemas/{typeof(T).Name}", schema.GetProperty("$ref").GetString());
        var value = JsonSerializer.Deserialize(text, type);
        Assert.NotNull(value);
        Assert.Equal(text, JsonSerializer.Serialize(value, type));
        using var body = JsonDocument.Parse(text);
        SameProperties(body.RootElement, schema, doc.GetProperty("components").GetProperty("schemas"), typeof(T).Name);
        return value;
    }

    /// <summary>An answer with no body, documented as such for its status.</summary>
    private static async Task<HttpStatusCode> NoBody(JsonElement doc, string path, string method, HttpResponseMessage r)
    {
        Assert.Empty(await r.Content.ReadAsByteArrayAsync());
        var status = ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture);
        var documented = doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.True(documented.TryGetProperty(status, out var response), $"{method} {path} answers {status}, which the document does not list");
        Assert.False(response.TryGetProperty("content", out _), $"{method} {path} {status} is documented with a body");
        return r.StatusCode;
    }

    private static void SameProperties(JsonElement sent, JsonElement schema, JsonElement schemas, string where)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            schema = schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
        if (sent.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var described))
        {
            var documented = string.Join(", ", described.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            var written = string.Join(", ", sent.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.True(documented == written, $"{where}: sent [{written}], documented [{documented}]");
            foreach (var p in sent.EnumerateObject()) SameProperties(p.Value, described.GetProperty(p.Name), schemas, $"{where}.{p.Name}");
        }
        else if (sent.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
            foreach (var item in sent.EnumerateArray()) SameProperties(item, items, schemas, $"{where}[]");
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
