using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MyeloDx.Core.Contract;
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
        var assessment = schemas.GetProperty("AssessmentDocument").GetProperty("properties");
        foreach (var p in new[] { "leading", "differential", "findings", "priorContext", "caveat" }) Assert.True(assessment.TryGetProperty(p, out _), $"AssessmentDocument.{p}");
        Assert.True(schemas.GetProperty("DiagnosisEntry").GetProperty("properties").TryGetProperty("probability", out _));
        Assert.True(schemas.GetProperty("CaseResponse").GetProperty("properties").TryGetProperty("versions", out _));
        Assert.True(schemas.GetProperty("CaseCreated").GetProperty("properties").TryGetProperty("id", out _));
        var problem = schemas.GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("code", out _), "problem bodies carry the MDX code");

        var post = doc.GetProperty("paths").GetProperty("/api/assessments").GetProperty("post");
        var body = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.Equal("#/components/schemas/AssessRequest", body.GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(body.GetProperty("examples").TryGetProperty("note", out _), "a note example");
        Assert.Equal("#/components/schemas/AssessmentDocument",
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
    public async Task The_assessment_dose_and_knowledge_answers_are_the_core_types_the_document_describes()
    {
        using var app = new WebApp();
        var doc = await Document(app);
        var alice = app.As("alice");
        // An assessment is read back the way the registry reads one (its score details carry no type marker).
        static string Again(string sent)
        {
            var stored = StoredAssessment.Read(sent);
            Assert.Empty(stored.Unbound);
            return ContractJson.Write(stored.Document);
        }
        foreach (var (query, body) in new[]
        {
            ("", Samples.SeedCase),
            ("?include=scores", Samples.SeedCase),
            ("?priorContext=case_reports", $$"""{"text": {{JsonSerializer.Serialize(Samples.SeedNote)}}}"""),
            ("", File.ReadAllText(Path.Combine(Samples.Root, "samples", "vignette-suspected-compression-before-mri.json"))),
        })
            await Contract<AssessmentDocument>(doc, "/api/assessments", "post", await alice.PostAsync("/api/assessments" + query, Json.Body(body)), Again);

        // One course with SBRT point limits and one without them (the list is left out), at a chosen α/β.
        await Contract<DoseDocument>(doc, "/api/dose", "post", await alice.PostAsync("/api/dose", Json.Body("""{"plans": ["30 Gy/10", "20 Gy/5", "24 Gy/2"], "alphaBeta": 3}""")),
            sent => JsonSerializer.Serialize(JsonSerializer.Deserialize(sent, ContractJson.Compact.DoseDocument), ContractJson.Compact.DoseDocument));
        await Contract<KnowledgeSummary>(doc, "/api/knowledge", "get", await alice.GetAsync("/api/knowledge"),
            sent => JsonSerializer.Serialize(JsonSerializer.Deserialize(sent, ContractJson.Compact.KnowledgeSummary), ContractJson.Compact.KnowledgeSummary));
    }

    [Fact]
    public async Task The_body_check_refuses_an_undescribed_property_a_missing_required_one_and_an_unknown_enum_value()
    {
        using var app = new WebApp();
        var doc = await Document(app);
        var sent = JsonNode.Parse(await (await app.As("alice").PostAsync("/api/assessments", Json.Body(Samples.SeedCase))).Content.ReadAsStringAsync())!;
        void Refused(Action<JsonNode> change)
        {
            var body = sent.DeepClone();
            change(body);
            using var tampered = JsonDocument.Parse(body.ToJsonString());
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => OpenApiBody.Matches(tampered.RootElement, "AssessmentDocument", doc));
        }
        using (var untouched = JsonDocument.Parse(sent.ToJsonString())) OpenApiBody.Matches(untouched.RootElement, "AssessmentDocument", doc);
        Refused(b => b["differential"]![0]!["odds"] = 2);
        Refused(b => b.AsObject().Remove("leading"));
        Refused(b => b["differential"]![0]!["supporting"]![0]!.AsObject().Remove("source")); // sent even when null
        Refused(b => b["differential"]![0]!["probability"] = "0.6");
        Refused(b => b["differential"]![0]!["supporting"]![0]!["direction"] = "sideways");
    }

    [Fact]
    public async Task Every_answer_body_the_document_names_is_a_type_the_server_writes()
    {
        // A record written only for the document (as AssessmentResponse once was) is in no serialiser context: every
        // 2xx body must name a type one of the source-generated contexts writes.
        var written = new[] { typeof(WebJsonContext), typeof(AssessmentJsonContext) }
            .SelectMany(c => c.GetProperties())
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0].Name).ToHashSet(StringComparer.Ordinal);
        var named = new List<string>();
        foreach (var path in (await Document()).GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')))
                    foreach (var media in response.Value.TryGetProperty("content", out var content) ? content.EnumerateObject().ToList() : [])
                        if (media.Value.TryGetProperty("schema", out var schema) && schema.TryGetProperty("$ref", out var r))
                        {
                            var name = r.GetString()!["#/components/schemas/".Length..];
                            named.Add(name);
                            Assert.True(written.Contains(name), $"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name} names {name}, which no serialiser context writes");
                        }
        Assert.Contains("AssessmentDocument", named);
        Assert.Contains("DoseDocument", named);
        Assert.Contains("KnowledgeSummary", named);
        Assert.DoesNotContain("AssessmentResponse", named);
    }

    [Fact]
    public async Task Every_schema_in_the_document_is_reached_from_a_call()
    {
        // The framework's own descriptions of the Core types are replaced; none of them may stay behind unreferenced.
        var doc = await Document();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<JsonElement>([doc.GetProperty("paths")]);
        while (todo.TryPop(out var e))
        {
            if (e.ValueKind == JsonValueKind.Array) foreach (var x in e.EnumerateArray()) todo.Push(x);
            if (e.ValueKind != JsonValueKind.Object) continue;
            foreach (var p in e.EnumerateObject())
                if (p.Name == "$ref" && p.Value.GetString() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    if (reached.Add(r["#/components/schemas/".Length..])) todo.Push(schemas.GetProperty(r["#/components/schemas/".Length..]));
                }
                else todo.Push(p.Value);
        }
        var unreached = schemas.EnumerateObject().Select(p => p.Name).Where(n => !reached.Contains(n)).ToList();
        Assert.True(unreached.Count == 0, "referred to by no call: " + string.Join(", ", unreached));
    }

    [Fact]
    public async Task Core_types_are_described_as_the_core_serialiser_writes_them()
    {
        var schemas = (await Document()).GetProperty("components").GetProperty("schemas");
        var seen = 0;
        foreach (var type in ContractTypes())
        {
            var name = Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            if (name is null) continue;
            Assert.True(schemas.TryGetProperty(name, out var schema), $"{type.Type} has no schema named {name}");
            seen++;
            if (type.Type.IsEnum)
            {
                // the strings the serialiser writes, not the numbers the web's default options would
                var sent = Enum.GetValues(type.Type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type).Trim('"')).Order(StringComparer.Ordinal);
                Assert.Equal(sent, schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
                continue;
            }
            if (type.Kind != JsonTypeInfoKind.Object || !schema.TryGetProperty("properties", out var described)) continue;
            Assert.Equal(type.Properties.Select(p => p.Name).Order(StringComparer.Ordinal), described.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
            foreach (var p in type.Properties)
            {
                // The contract's serialiser leaves a null out unless the property says [JsonIgnore(Condition = Never)].
                var writtenAsNull = p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true).OfType<JsonIgnoreAttribute>()
                    .Any(a => a.Condition == JsonIgnoreCondition.Never) == true;
                if (p.IsGetNullable && !writtenAsNull)
                    Assert.False(required.Contains(p.Name), $"{name}.{p.Name} is left out when null but marked required");
                if (p.IsGetNullable && writtenAsNull)
                    Assert.True(required.Contains(p.Name) && described.GetProperty(p.Name).GetRawText().Contains("\"null\"", StringComparison.Ordinal),
                        $"{name}.{p.Name} is always sent, null or not: required and nullable");
            }
        }
        Assert.True(seen > 40, $"only {seen} Core types found");
    }

    /// <summary>Every type the Core serialiser meets below the three answers, as that serialiser sees it.</summary>
    private static IEnumerable<JsonTypeInfo> ContractTypes()
    {
        var options = ContractJson.Compact.Options;
        var seen = new HashSet<Type>();
        var todo = new Queue<Type>([typeof(AssessmentDocument), typeof(DoseDocument), typeof(KnowledgeSummary)]);
        while (todo.TryDequeue(out var t))
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            if (!seen.Add(t)) continue;
            var info = options.GetTypeInfo(t);
            yield return info;
            foreach (var p in info.Properties) todo.Enqueue(p.PropertyType);
            if (info.ElementType is { } element) todo.Enqueue(element);
            foreach (var derived in info.PolymorphismOptions?.DerivedTypes ?? []) todo.Enqueue(derived.DerivedType);
        }
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
        var (text, schema) = await Documented<T>(doc, path, method, r);
        var value = JsonSerializer.Deserialize(text, type);
        Assert.NotNull(value);
        Assert.Equal(text, JsonSerializer.Serialize(value, type));
        using var body = JsonDocument.Parse(text);
        SameProperties(body.RootElement, schema, doc.GetProperty("components").GetProperty("schemas"), typeof(T).Name);
        return value;
    }

    /// <summary>
    /// The body of an answer written by the Core serialiser: the document names <typeparamref name="T"/> (the type the
    /// handler writes) for this status, reading the body into it and writing it again gives the same bytes (nothing sent
    /// that the type lacks), and the body fits the schema the document gives (<see cref="OpenApiBody"/>).
    /// </summary>
    private static async Task Contract<T>(JsonElement doc, string path, string method, HttpResponseMessage r, Func<string, string> writtenAgain)
    {
        var (text, _) = await Documented<T>(doc, path, method, r);
        Assert.Equal(text, writtenAgain(text));
        using var body = JsonDocument.Parse(text);
        OpenApiBody.Matches(body.RootElement, typeof(T).Name, doc);
    }

    /// <summary>A successful JSON answer and the schema the document gives for its status, which must name <typeparamref name="T"/>.</summary>
    private static async Task<(string Text, JsonElement Schema)> Documented<T>(JsonElement doc, string path, string method, HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{method} {path}: {(int)r.StatusCode}");
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        var status = ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture);
        var schema = doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal($"#/components/schemas/{typeof(T).Name}", schema.GetProperty("$ref").GetString());
        return (text, schema);
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
