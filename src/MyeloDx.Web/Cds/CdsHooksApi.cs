using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using MyeloDx.Web.Api;
using MyeloDx.Web.Cds;
using MyeloDx.Web.Input;

namespace MyeloDx.Web;

/// <summary>
/// CDS Hooks 2.0: discovery and the <c>myelodx-patient-view</c> service. Cards name the leading diagnoses with their
/// probabilities; the indicator is critical when epidural cord compression is likely. Bad or missing prefetch gives a
/// useful answer (412 with an OperationOutcome, or an info card), never a 500. Nothing is stored.
/// </summary>
internal static class CdsHooksApi
{
    public const string ServiceId = "myelodx-patient-view";
    /// <summary>Epidural compression is an emergency, so a modest probability already makes the card critical (an estimate, not a published cut-off).</summary>
    public const double CriticalEpiduralProbability = 0.30;

    private static readonly JsonSerializerOptions Opts = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static JsonObject Discovery() => new()
    {
        ["services"] = new JsonArray(new JsonObject
        {
            ["hook"] = "patient-view",
            ["id"] = ServiceId,
            ["title"] = "MyeloDx: new myelopathy in a patient with cancer",
            ["description"] = "Ranks the causes of new spinal cord dysfunction in a patient with cancer (intramedullary, leptomeningeal and epidural metastasis, radiation and paraneoplastic myelopathy and others) with probabilities and cited evidence.",
            ["prefetch"] = new JsonObject
            {
                ["patient"] = "Patient/{{context.patientId}}",
                ["conditions"] = "Condition?patient={{context.patientId}}",
                ["observations"] = "Observation?patient={{context.patientId}}",
                ["procedures"] = "Procedure?patient={{context.patientId}}",
                ["diagnosticReports"] = "DiagnosticReport?patient={{context.patientId}}",
                ["imagingStudies"] = "ImagingStudy?patient={{context.patientId}}",
            },
            ["usageRequirements"] = "Send Authorization: Bearer <MyeloDx API key>. Meant for patients with cancer and new myelopathy.",
        }),
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/cds-services", () => Results.Text(Discovery().ToJsonString(), "application/json"))
            .WithTags("CDS Hooks").WithSummary("CDS Hooks discovery");

        app.MapPost("/cds-services/{id}", async (HttpContext ctx, CaseReaders readers, TimeProvider time, string id) =>
        {
            if (id != ServiceId) return Problems.Result(404, "MDX-CDS404", "Unknown CDS service", $"this server offers '{ServiceId}'");
            var body = await BodyLimit.ReadText(ctx.Request, ctx.RequestAborted);
            if (body is null) return Problems.Result(413, "MDX-IN012", "Request too large");
            JsonDocument doc;
            try { doc = JsonDocument.Parse(body); }
            catch (JsonException) { return Problems.Result(400, "MDX-IN001", "Bad input", "the hook request is not valid JSON"); }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return Problems.Result(400, "MDX-CDS001", "Bad hook request", "expected a JSON object");
                if (root.TryGetProperty("hook", out var hook) && hook.ValueKind == JsonValueKind.String && hook.GetString() != "patient-view")
                    return Problems.Result(400, "MDX-CDS002", "Wrong hook", $"this service answers patient-view, not '{hook.GetString()}'");
                if (!root.TryGetProperty("prefetch", out var prefetch) || prefetch.ValueKind != JsonValueKind.Object || !prefetch.EnumerateObject().Any())
                    return Results.Json(OperationOutcome("required", "No prefetch: send patient, conditions, observations, procedures and diagnosticReports as listed by GET /cds-services (this service does not query the FHIR server itself)."),
                        statusCode: 412, contentType: "application/fhir+json");
                var baseUrl = $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}";
                var fhirServer = root.TryGetProperty("fhirServer", out var fs) && fs.ValueKind == JsonValueKind.String ? fs.GetString() : null;
                var result = new PrefetchReader(readers, time).Read(prefetch, fhirServer);
                var cards = new JsonArray();
                if (result.Input is { } input)
                {
                    // Between stages: a caller that hung up (an EHR gives a hook a few seconds) stops costing a core.
                    ctx.RequestAborted.ThrowIfCancellationRequested();
                    Assessment a;
                    try { a = readers.Service.Assess(input); }
                    catch (MyeloDx.Core.Errors.InputException e) { cards.Add(InfoCard(readers.Service, baseUrl, "MyeloDx could not assess this patient", e.OneLine)); return Cards(cards); }
                    var patientId = root.TryGetProperty("context", out var hc) && hc.ValueKind == JsonValueKind.Object && hc.TryGetProperty("patientId", out var pid) && pid.ValueKind == JsonValueKind.String ? pid.GetString() : null;
                    ctx.RequestAborted.ThrowIfCancellationRequested();
                    // only what the cards read (first action, next tests, withheld tests, references): no sensitivity, scores or dose
                    var json = ContractJson.ToNode(readers.Service.Document(input, a, null, AssessmentDetail.Decisions));
                    // what to do within hours comes before everything else
                    if (CdsRecommendations.UrgentCard(json, Source(readers.Service, baseUrl), baseUrl) is { } urgent) cards.Add(urgent);
                    cards.Add(ResultCard(readers.Service, a, baseUrl, result, json, patientId));
                }
                else
                {
                    cards.Add(InfoCard(readers.Service, baseUrl, "MyeloDx could not read enough of this record to assess it",
                        "What went wrong:\n\n" + string.Join("\n", result.Problems.Select(p => "- " + p))));
                }
                return Cards(cards);
            }
        })
        .RequireAuthorization(WebHost.ApiPolicy)
        .RequireAssessmentAdmission()
        .WithTags("CDS Hooks").WithSummary("The patient-view service: cards with the ranked differential")
        .Accepts<JsonElement>("application/json");
    }

    private static IResult Cards(JsonArray cards) => Results.Text(new JsonObject { ["cards"] = cards }.ToJsonString(Opts), "application/json");

    internal static JsonObject ResultCard(AssessmentService svc, Assessment a, string baseUrl, PrefetchResult r, JsonObject? json = null, string? patientId = null)
    {
        var top = a.Differential.Take(3).ToList();
        var epidural = a.Get("epidural_cord_compression");
        var critical = epidural is not null && epidural.Probability >= CriticalEpiduralProbability;
        var summary = critical
            ? $"Epidural cord compression possible (p≈{P(epidural!.Probability)}): urgent MRI and treatment; {Short(top[0].Name)} leads"
            : $"{Short(top[0].Name)} most likely (p≈{P(top[0].Probability)}); {Short(top[1].Name)} second (p≈{P(top[1].Probability)})";
        if (summary.Length > 139) summary = summary[..136] + "...";
        var md = new StringBuilder();
        md.AppendLine("| Diagnosis | Probability |").AppendLine("|---|---:|");
        foreach (var d in a.Differential.Take(5)) md.AppendLine($"| {d.Name} | {P(d.Probability)} |");
        md.AppendLine();
        var lead = a.Leading;
        if (lead.Supporting.Count > 0)
        {
            md.AppendLine($"**For {lead.Name}:**").AppendLine();
            foreach (var c in lead.Supporting.Take(4)) md.AppendLine($"- {c.Finding} (LR {c.LikelihoodRatio:0.0}{Cite(svc, c.SourceId)})");
            md.AppendLine();
        }
        md.Append(CdsRecommendations.TestsMarkdown(json));
        md.AppendLine($"_Read from {r.ResourceCount} FHIR resource(s) {(r.Route == "fhir" ? "through the FHIR importer" : r.Route == "text" ? "restated as a note for the text reader" : "")}._").AppendLine();
        if (r.Problems.Count > 0) md.AppendLine($"_Not read from the record: {string.Join("; ", r.Problems.Take(5))}._").AppendLine();
        md.AppendLine($"_{Assessment.Caveat}_");
        var card = new JsonObject
        {
            ["uuid"] = Guid.NewGuid().ToString(),
            ["summary"] = summary,
            ["detail"] = md.ToString(),
            ["indicator"] = critical ? "critical" : "warning",
            ["source"] = Source(svc, baseUrl),
            ["links"] = new JsonArray(new JsonObject { ["label"] = "Open MyeloDx to assess and save this case", ["url"] = baseUrl + "/", ["type"] = "absolute" }),
        };
        // The most informative next tests as proposed orders (draft ServiceRequests the clinician may accept).
        var tests = (json?["nextTests"] as JsonArray ?? []).OfType<JsonObject>().Take(3).ToList();
        if (tests.Count > 0)
        {
            card["selectionBehavior"] = "any";
            card["suggestions"] = new JsonArray(tests.Select(t =>
            {
                var name = t["name"]?.GetValue<string>() ?? "test";
                var sr = new JsonObject { ["resourceType"] = "ServiceRequest", ["status"] = "draft", ["intent"] = "proposal", ["code"] = new JsonObject { ["text"] = name } };
                if (patientId is not null) sr["subject"] = new JsonObject { ["reference"] = "Patient/" + patientId };
                return (JsonNode)new JsonObject
                {
                    ["label"] = ("Propose: " + name).Length > 120 ? ("Propose: " + name)[..117] + "..." : "Propose: " + name,
                    ["uuid"] = Guid.NewGuid().ToString(),
                    ["isRecommended"] = false,
                    ["actions"] = new JsonArray(new JsonObject { ["type"] = "create", ["description"] = "Draft order for " + name, ["resource"] = sr }),
                };
            }).ToArray());
        }
        return card;
    }

    private static JsonObject InfoCard(AssessmentService svc, string baseUrl, string summary, string detail) => new()
    {
        ["uuid"] = Guid.NewGuid().ToString(),
        ["summary"] = summary,
        ["detail"] = detail + "\n\n_" + Assessment.Caveat + "_",
        ["indicator"] = "info",
        ["source"] = Source(svc, baseUrl),
        ["links"] = new JsonArray(new JsonObject { ["label"] = "Open MyeloDx", ["url"] = baseUrl + "/", ["type"] = "absolute" }),
    };

    private static JsonObject Source(AssessmentService svc, string baseUrl) => new()
    {
        ["label"] = $"MyeloDx knowledge base {svc.Knowledge.Version}",
        ["url"] = baseUrl + "/api/knowledge",
    };

    private static JsonObject OperationOutcome(string code, string text) => new()
    {
        ["resourceType"] = "OperationOutcome",
        ["issue"] = new JsonArray(new JsonObject { ["severity"] = "error", ["code"] = code, ["diagnostics"] = text }),
    };

    private static string Cite(AssessmentService svc, string? sourceId) =>
        sourceId is null ? ", estimate" : svc.Knowledge.Sources.TryGetValue(sourceId, out var s) && s.Link.Length > 0 ? ", " + s.Link : ", " + sourceId;

    private static string P(double p) => p.ToString(p >= 0.1 ? "0.00" : "0.000", CultureInfo.InvariantCulture);

    private static string Short(string name) => name.Length > 45 ? name[..45] : name;
}
