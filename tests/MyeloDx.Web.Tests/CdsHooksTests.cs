using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Web.Cds;

namespace MyeloDx.Web.Tests;

/// <summary>CDS Hooks 2.0: discovery, and the patient-view service on good, missing and broken prefetch.</summary>
public sealed class CdsHooksTests(AppFixture f) : IClassFixture<AppFixture>
{
    private WebApp App => f.App;

    /// <summary>The demo case as an EHR would hold it: FHIR R4 resources, dates relative to today.</summary>
    public static JsonObject DemoPrefetch()
    {
        var today = DateTime.UtcNow.Date;
        string D(DateTime d) => d.ToString("yyyy-MM-dd");
        JsonObject Bundle(params JsonObject[] rs) => new() { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray(rs.Select(r => (JsonNode)new JsonObject { ["resource"] = r }).ToArray()) };
        JsonObject Cond(string text) => new()
        {
            ["resourceType"] = "Condition", ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
            ["code"] = new JsonObject { ["text"] = text },
        };
        return new JsonObject
        {
            ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = "p1", ["gender"] = "female", ["birthDate"] = D(today.AddYears(-35).AddDays(-20)) },
            ["conditions"] = Bundle(
                Cond("Invasive ductal carcinoma of the breast, grade 3, HER2-positive, estrogen and progesterone receptor positive"),
                Cond("Metastases to the brain, liver and bone"),
                Cond("Incomplete paraplegia")),
            ["procedures"] = Bundle(new JsonObject
            {
                ["resourceType"] = "Procedure", ["status"] = "completed", ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
                ["code"] = new JsonObject { ["text"] = "Whole-brain radiotherapy, 30 Gy in 10 fractions" },
                ["performedPeriod"] = new JsonObject { ["start"] = D(today.AddMonths(-3).AddDays(-14)), ["end"] = D(today.AddMonths(-3)) },
            }),
            ["observations"] = Bundle(new JsonObject
            {
                ["resourceType"] = "Observation", ["status"] = "final", ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
                ["code"] = new JsonObject { ["text"] = "Leg strength" },
                ["valueString"] = "left leg MRC 1/5, right leg MRC 3/5",
            }),
            ["diagnosticReports"] = Bundle(new JsonObject
            {
                ["resourceType"] = "DiagnosticReport", ["status"] = "final", ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
                ["code"] = new JsonObject { ["text"] = "MRI spine" },
                ["conclusion"] = "Three nodular intramedullary lesions in the conus medullaris at T12-L1, the largest 13 x 7 x 8 mm, hyperintense on STIR. No epidural disease.",
            }),
        };
    }

    private static JsonObject Call(JsonObject? prefetch) => new()
    {
        ["hook"] = "patient-view",
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["context"] = new JsonObject { ["userId"] = "Practitioner/1", ["patientId"] = "p1" },
        ["prefetch"] = prefetch,
    };

    [Fact]
    public async Task Discovery_lists_the_patient_view_service_with_its_prefetch()
    {
        var r = await App.As(null).GetAsync("/cds-services");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var s = (await Json.Read(r)).GetProperty("services")[0];
        Assert.Equal("patient-view", s.GetProperty("hook").GetString());
        Assert.Equal("myelodx-patient-view", s.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(s.GetProperty("description").GetString()));
        foreach (var k in new[] { "patient", "conditions", "observations", "procedures", "diagnosticReports" })
            Assert.Contains("{{context.patientId}}", s.GetProperty("prefetch").GetProperty(k).GetString());
    }

    /// <summary>The demo case as the EHR holds it in coded FHIR: MyeloDx's own export, split into the prefetch keys.</summary>
    internal static JsonObject CodedDemoPrefetch()
    {
        var svc = WebApp.Service;
        var input = svc.FromCase(MyeloDx.Core.Cases.CaseJson.Parse(Samples.SeedCase));
        var bundle = JsonNode.Parse(WebApp.Features.FhirExporter!.Export(input, svc.Assess(input)))!;
        // As an EHR serves them: each resource with an id, references relative ("Patient/...") instead of urn:uuid.
        var entries = bundle["entry"]!.AsArray().Select(e => (Url: e!["fullUrl"]?.GetValue<string>(), Res: e["resource"]!.DeepClone())).ToList();
        var ids = new Dictionary<string, string>();
        var n = 0;
        foreach (var (url, res) in entries)
        {
            var id = res["id"]?.GetValue<string>() ?? $"r{++n}";
            res["id"] = id;
            if (url is not null) ids[url] = $"{res["resourceType"]!.GetValue<string>()}/{id}";
        }
        var text = new JsonArray(entries.Select(e => (JsonNode)e.Res).ToArray()).ToJsonString();
        foreach (var (urn, rel) in ids) text = text.Replace($"\"{urn}\"", $"\"{rel}\"");
        var resources = JsonNode.Parse(text)!.AsArray().Select(x => x!.DeepClone()).ToList();
        JsonObject Search(string type) => new()
        {
            ["resourceType"] = "Bundle", ["type"] = "searchset",
            ["entry"] = new JsonArray(resources.Where(r => r["resourceType"]!.GetValue<string>() == type).Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() }).ToArray()),
        };
        return new JsonObject
        {
            ["patient"] = resources.First(r => r["resourceType"]!.GetValue<string>() == "Patient").DeepClone(),
            ["conditions"] = Search("Condition"), ["observations"] = Search("Observation"),
            ["procedures"] = Search("Procedure"), ["diagnosticReports"] = Search("DiagnosticReport"),
        };
    }

    private static async Task<JsonElement> CardFor(HttpClient c, JsonObject prefetch)
    {
        var r = await c.PostAsync("/cds-services/myelodx-patient-view", Json.Body(Call(prefetch).ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        Assert.DoesNotContain(":null", text.Replace(" ", "")); // CDS Hooks: leave optional fields out rather than null
        var card = (await Json.Read(r)).GetProperty("cards")[0];
        Assert.True(card.GetProperty("summary").GetString()!.Length < 140);
        Assert.StartsWith("MyeloDx knowledge base", card.GetProperty("source").GetProperty("label").GetString());
        Assert.Equal("absolute", card.GetProperty("links")[0].GetProperty("type").GetString());
        Assert.Contains("supports, and does not replace, clinical judgment", card.GetProperty("detail").GetString());
        return card;
    }

    [Fact]
    public async Task The_demo_patient_in_coded_fhir_gets_a_card_naming_intramedullary_metastasis()
    {
        var card = await CardFor(App.As("alice"), CodedDemoPrefetch());
        Assert.StartsWith("Intramedullary", card.GetProperty("summary").GetString());
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.Contains("through the FHIR importer", card.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_demo_patient_in_narrative_fhir_is_read_by_the_text_reader()
    {
        Assert.NotNull(WebApp.TextReader);
        var card = await CardFor(App.As("alice"), DemoPrefetch());
        Assert.StartsWith("Intramedullary", card.GetProperty("summary").GetString());
        Assert.Contains("restated as a note for the text reader", card.GetProperty("detail").GetString());
    }

    [Fact]
    public void A_coded_observation_is_restated_as_a_label_and_its_result_so_a_denial_stays_a_denial()
    {
        var readers = (MyeloDx.Web.Input.CaseReaders)App.Services.GetService(typeof(MyeloDx.Web.Input.CaseReaders))!;
        var reader = new MyeloDx.Web.Cds.PrefetchReader(readers, TimeProvider.System);
        var obs = JsonDocument.Parse("""{"resourceType":"Observation","status":"final","code":{"text":"Epidural tumour"},"valueBoolean":false}""").RootElement;
        var note = reader.Narrative([obs], []);
        Assert.Contains("Finding: Epidural tumour: absent", note);
        var stated = readers.FromText(note, "prefetch").Observations.Select(o => o.VariableId + "=" + o.State).ToArray();
        Assert.Contains("epidural_disease=absent", stated);
        Assert.DoesNotContain("compartment=epidural", stated);
    }

    [Fact]
    public async Task The_prefetch_is_restated_as_a_note_with_age_and_intervals()
    {
        var readers = (MyeloDx.Web.Input.CaseReaders)App.Services.GetService(typeof(MyeloDx.Web.Input.CaseReaders))!;
        var reader = new MyeloDx.Web.Cds.PrefetchReader(readers, TimeProvider.System);
        var prefetch = JsonDocument.Parse(DemoPrefetch().ToJsonString()).RootElement;
        var resources = new List<JsonElement>();
        foreach (var p in prefetch.EnumerateObject())
            if (p.Value.GetProperty("resourceType").GetString() == "Bundle")
                resources.AddRange(p.Value.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")));
            else resources.Add(p.Value);
        var note = reader.Narrative(resources, []);
        Assert.Contains("35-year-old woman", note);
        Assert.Contains("Whole-brain radiotherapy, 30 Gy in 10 fractions; completed 3 months ago", note);
        Assert.Contains("conus medullaris at T12-L1", note);
    }

    [Fact]
    public async Task Missing_prefetch_gets_412_with_an_operation_outcome()
    {
        foreach (var body in new[] { Call(null), Call(new JsonObject()) })
        {
            var r = await App.As("alice").PostAsync("/cds-services/myelodx-patient-view", Json.Body(body.ToJsonString()));
            Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode);
            var j = await Json.Read(r);
            Assert.Equal("OperationOutcome", j.GetProperty("resourceType").GetString());
            Assert.Contains("prefetch", j.GetProperty("issue")[0].GetProperty("diagnostics").GetString());
        }
    }

    [Fact]
    public async Task Broken_prefetch_gets_an_info_card_not_a_500()
    {
        var broken = new JsonObject
        {
            ["patient"] = "Patient/p1",
            ["conditions"] = new JsonObject { ["resourceType"] = "OperationOutcome" },
            ["observations"] = new JsonObject { ["resourceType"] = "Bundle", ["entry"] = new JsonArray(new JsonObject { ["resource"] = 42 }) },
            ["procedures"] = null,
        };
        var r = await App.As("alice").PostAsync("/cds-services/myelodx-patient-view", Json.Body(Call(broken).ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var card = (await Json.Read(r)).GetProperty("cards")[0];
        Assert.Equal("info", card.GetProperty("indicator").GetString());
        var detail = card.GetProperty("detail").GetString()!;
        Assert.Contains("'patient' is not a FHIR resource", detail);
        Assert.Contains("OperationOutcome", detail);
    }

    [Theory]
    [InlineData("{\"hook\": ", HttpStatusCode.BadRequest, "MDX-IN001")]
    [InlineData("[]", HttpStatusCode.BadRequest, "MDX-CDS001")]
    [InlineData("{\"hook\": \"order-sign\", \"prefetch\": {}}", HttpStatusCode.BadRequest, "MDX-CDS002")]
    public async Task Malformed_hook_calls_get_coded_problems(string body, HttpStatusCode status, string code)
    {
        var r = await App.As("alice").PostAsync("/cds-services/myelodx-patient-view", Json.Body(body));
        Assert.Equal(status, r.StatusCode);
        Assert.Equal(code, await Json.ProblemCode(r));
    }

    [Fact]
    public async Task An_unknown_service_is_404()
    {
        var r = await App.As("alice").PostAsync("/cds-services/something-else", Json.Body(Call(DemoPrefetch()).ToJsonString()));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("MDX-CDS404", await Json.ProblemCode(r));
    }

    [Fact]
    public void A_likely_epidural_compression_makes_the_card_critical()
    {
        var svc = WebApp.Service;
        var a = svc.Assess(MyeloDx.Core.Cases.CaseJson.Parse(Samples.EpiduralCase));
        var p = a.Get("epidural_cord_compression")!.Probability;
        var card = CdsHooksApi.ResultCard(svc, a, "http://x", new MyeloDx.Web.Cds.PrefetchResult(null, [], 1, "text"));
        Assert.Equal(p >= CdsHooksApi.CriticalEpiduralProbability ? CdsIndicator.Critical : CdsIndicator.Warning, card.Indicator);
        Assert.True(p >= CdsHooksApi.CriticalEpiduralProbability, $"the epidural test case gives p={p:0.00}");
        var input = svc.FromCase(MyeloDx.Core.Cases.CaseJson.Parse(Samples.EpiduralCase));
        var json = svc.Document(input, a);
        var withTests = CdsHooksApi.ResultCard(svc, a, "http://x", new MyeloDx.Web.Cds.PrefetchResult(null, [], 1, "text"), json, "p9");
        if (json.NextTests is { Count: > 0 } nt)
        {
            Assert.Equal("any", withTests.SelectionBehavior);
            var sr = JsonNode.Parse(JsonSerializer.Serialize(withTests.Suggestions![0].Actions[0].Resource, MyeloDx.Web.Api.WebJsonContext.Default.DraftServiceRequest))!;
            Assert.Equal("ServiceRequest", sr["resourceType"]!.GetValue<string>());
            Assert.Equal("draft", sr["status"]!.GetValue<string>());
            Assert.Equal("Patient/p9", sr["subject"]!["reference"]!.GetValue<string>());
            Assert.Equal(nt[0].Name, sr["code"]!["text"]!.GetValue<string>());
        }
        var seed = svc.Assess(MyeloDx.Core.Cases.CaseJson.Parse(Samples.SeedCase));
        Assert.Equal(CdsIndicator.Warning, CdsHooksApi.ResultCard(svc, seed, "http://x", new MyeloDx.Web.Cds.PrefetchResult(null, [], 1, "text")).Indicator);
    }
}
