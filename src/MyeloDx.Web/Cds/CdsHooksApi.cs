using System.Globalization;
using System.Text;
using System.Text.Json;
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

    public static CdsDiscovery Discovery() => new([
        new CdsServiceEntry("patient-view", ServiceId, "MyeloDx: new myelopathy in a patient with cancer",
            "Ranks the causes of new spinal cord dysfunction in a patient with cancer (intramedullary, leptomeningeal and epidural metastasis, radiation and paraneoplastic myelopathy and others) with probabilities and cited evidence.",
            new Dictionary<string, string>
            {
                ["patient"] = "Patient/{{context.patientId}}",
                ["conditions"] = "Condition?patient={{context.patientId}}",
                ["observations"] = "Observation?patient={{context.patientId}}",
                ["procedures"] = "Procedure?patient={{context.patientId}}",
                ["diagnosticReports"] = "DiagnosticReport?patient={{context.patientId}}",
                ["imagingStudies"] = "ImagingStudy?patient={{context.patientId}}",
            },
            "Send Authorization: Bearer <MyeloDx API key>. Meant for patients with cancer and new myelopathy."),
    ]);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/cds-services", () => Results.Text(JsonSerializer.Serialize(Discovery(), WebJsonContext.Default.CdsDiscovery), "application/json"))
            .WithTags("CDS Hooks").WithSummary("CDS Hooks discovery").Produces<CdsDiscovery>(200);

        app.MapPost("/cds-services/{id}", async (HttpContext ctx, CaseReaders readers, TimeProvider time, string id) =>
        {
            if (id != ServiceId) return Problems.Result("MDX-CDS404", "Unknown CDS service", $"this server offers '{ServiceId}'");
            // the normalised body as UTF-8 when it is JSON: the document is parsed from the bytes it would transcode a string to
            var (read, utf8, text) = await BodyLimit.ReadJsonUtf8(ctx.Request, ctx.RequestAborted);
            if (!read) return Problems.Result("MDX-IN012", "Request too large");
            var normalised = utf8 is not null;
            JsonDocument doc;
            try { doc = utf8 is { } json ? JsonDocument.Parse(json) : JsonDocument.Parse(text!); }
            catch (JsonException) { return Problems.Result("MDX-IN001", "Bad input", "the hook request is not valid JSON"); }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return Problems.Result("MDX-CDS001", "Bad hook request", "expected a JSON object");
                if (root.TryGetProperty("hook", out var hook) && hook.ValueKind == JsonValueKind.String && hook.GetString() != "patient-view")
                    return Problems.Result("MDX-CDS002", "Wrong hook", $"this service answers patient-view, not '{hook.GetString()}'");
                if (!root.TryGetProperty("prefetch", out var prefetch) || prefetch.ValueKind != JsonValueKind.Object || !prefetch.EnumerateObject().Any())
                    return Results.Text(JsonSerializer.Serialize(Outcome("required", "No prefetch: send patient, conditions, observations, procedures and diagnosticReports as listed by GET /cds-services (this service does not query the FHIR server itself)."), WebJsonContext.Default.OperationOutcome),
                        "application/fhir+json", Encoding.UTF8, 412);
                var baseUrl = $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}";
                var fhirServer = root.TryGetProperty("fhirServer", out var fs) && fs.ValueKind == JsonValueKind.String ? fs.GetString() : null;
                var result = new PrefetchReader(readers, time).Read(prefetch, fhirServer, normalised);
                var patientId = root.TryGetProperty("context", out var hc) && hc.ValueKind == JsonValueKind.Object && hc.TryGetProperty("patientId", out var pid) && pid.ValueKind == JsonValueKind.String ? pid.GetString() : null;
                var cards = Answer(readers.Service, result, baseUrl, patientId, ctx.RequestAborted);
                return Cards(cards);
            }
        })
        .RequireAuthorization(WebHost.ApiPolicy)
        .RequireAssessmentAdmission()
        .WithTags("CDS Hooks").WithSummary("The patient-view service: cards with the ranked differential")
        .Accepts<CdsHookRequest>("application/json").Produces<CdsCardList>(200).Produces<OperationOutcome>(412, "application/fhir+json")
        .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(413).ProducesProblem(503);
    }

    /// <summary>
    /// The cards for what the prefetch gave: the assessment's (with an urgent card first when one applies), or an info
    /// card saying what could not be read. Also run by the start-up warm-up, so its first real call is not the slow one.
    /// </summary>
    internal static List<CdsCard> Answer(AssessmentService svc, PrefetchResult result, string baseUrl, string? patientId, CancellationToken aborted)
    {
        var cards = new List<CdsCard>();
        if (result.Input is { } input)
        {
            // Between stages: a caller that hung up (an EHR gives a hook a few seconds) stops costing a core.
            aborted.ThrowIfCancellationRequested();
            Assessment a;
            try { a = svc.Assess(input); }
            catch (MyeloDx.Core.Errors.InputException e) { cards.Add(InfoCard(svc, baseUrl, "MyeloDx could not assess this patient", e.OneLine)); return cards; }
            aborted.ThrowIfCancellationRequested();
            // only what the cards read (first action, next tests, withheld tests, references): no sensitivity, scores or
            // dose, and the next tests without the effect of each of their results (the cards name the tests, their order,
            // their "after" notes and citations; working out every result's posterior was ~4% of a call, round 13)
            var json = svc.Document(input, a, null, AssessmentDetail.Decisions, testResults: false);
            // what to do within hours comes before everything else
            if (CdsRecommendations.UrgentCard(json, Source(svc, baseUrl), baseUrl) is { } urgent) cards.Add(urgent);
            cards.Add(ResultCard(svc, a, baseUrl, result, json, patientId));
        }
        else
        {
            cards.Add(InfoCard(svc, baseUrl, "MyeloDx could not read enough of this record to assess it",
                "What went wrong:\n\n" + string.Join("\n", result.Problems.Select(p => "- " + p))));
        }
        return cards;
    }

    internal static string CardsJson(List<CdsCard> cards) => JsonSerializer.Serialize(new CdsCardList(cards), WebJsonContext.Default.CdsCardList);

    private static IResult Cards(List<CdsCard> cards) => Results.Text(CardsJson(cards), "application/json");

    internal static CdsCard ResultCard(AssessmentService svc, Assessment a, string baseUrl, PrefetchResult r, AssessmentDocument? json = null, string? patientId = null)
    {
        var top = a.Differential.Take(3).ToList();
        var epidural = a.Get("epidural_cord_compression");
        var critical = epidural is not null && epidural.Probability >= CriticalEpiduralProbability;
        var summary = critical
            ? $"Epidural cord compression possible (p≈{ProbabilityText.Decimal(epidural!.Probability)}): urgent MRI and treatment; {Short(top[0].Name)} leads"
            : $"{Short(top[0].Name)} most likely (p≈{ProbabilityText.Decimal(top[0].Probability)}); {Short(top[1].Name)} second (p≈{ProbabilityText.Decimal(top[1].Probability)})";
        if (summary.Length > 139) summary = summary[..136] + "...";
        var md = new StringBuilder();
        md.AppendLine("| Diagnosis | Probability |").AppendLine("|---|---:|");
        foreach (var d in a.Differential.Take(5)) md.AppendLine($"| {d.Name} | {ProbabilityText.Decimal(d.Probability)} |");
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
        // The most informative next tests as proposed orders (draft ServiceRequests the clinician may accept).
        var tests = (json?.NextTests ?? []).Take(3).ToList();
        return new CdsCard
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = summary,
            Detail = md.ToString(),
            Indicator = critical ? CdsIndicator.Critical : CdsIndicator.Warning,
            Source = Source(svc, baseUrl),
            Links = [new CdsLink("Open MyeloDx to assess and save this case", baseUrl + "/")],
            SelectionBehavior = tests.Count > 0 ? "any" : null,
            Suggestions = tests.Count == 0 ? null : tests.Select(t =>
            {
                var label = "Propose: " + t.Name;
                var sr = new DraftServiceRequest(new FhirCodeText(t.Name), patientId is null ? null : new FhirReference("Patient/" + patientId));
                return new CdsSuggestion(label.Length > 120 ? label[..117] + "..." : label, Guid.NewGuid().ToString(), false,
                    [new CdsAction("create", "Draft order for " + t.Name, sr)]);
            }).ToArray(),
        };
    }

    private static CdsCard InfoCard(AssessmentService svc, string baseUrl, string summary, string detail) => new()
    {
        Uuid = Guid.NewGuid().ToString(),
        Summary = summary,
        Detail = detail + "\n\n_" + Assessment.Caveat + "_",
        Indicator = CdsIndicator.Info,
        Source = Source(svc, baseUrl),
        Links = [new CdsLink("Open MyeloDx", baseUrl + "/")],
    };

    private static CdsSource Source(AssessmentService svc, string baseUrl) =>
        new($"MyeloDx knowledge base {svc.Knowledge.Version}", baseUrl + "/api/knowledge");

    private static OperationOutcome Outcome(string code, string text) => new([new OperationOutcomeIssue("error", code, text)]);

    private static string Cite(AssessmentService svc, string? sourceId) =>
        sourceId is null ? ", estimate" : svc.Knowledge.Sources.TryGetValue(sourceId, out var s) && s.Link.Length > 0 ? ", " + s.Link : ", " + sourceId;

    private static string Short(string name) => name.Length > 45 ? name[..45] : name;
}
