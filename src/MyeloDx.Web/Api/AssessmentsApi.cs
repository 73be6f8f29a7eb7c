using MyeloDx.Core.Contract;
using MyeloDx.Core.Knowledge;
using Microsoft.Extensions.Caching.Memory;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Services;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Api;

/// <summary>Stateless endpoints: assess a case (nothing stored), the dose calculator, the knowledge base.</summary>
internal static class AssessmentsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Assessment");

        api.MapPost("/assessments", async (HttpContext ctx, CaseReaders readers, AssessmentCache cache, string? priorContext, string? include) =>
        {
            if (!Http.IsJson(ctx.Request)) return Problems.Result("MDX-WEB415", "Unsupported media type", "send the body as application/json");
            if (!AssessmentDetails.TryParse(include, out var detail, out var unknown))
                return Problems.Result("MDX-WEB400", "Bad request", $"include: unknown part '{unknown}' (known: {string.Join(", ", AssessmentDetails.Names)})", "include");
            var (body, normalised) = await BodyLimit.ReadNormalised(ctx.Request, ctx.RequestAborted);
            if (body is null) return Problems.Result("MDX-IN012", "Request too large", $"the limit is {BodyLimit.MaxBytes / 1024} KB");
            var key = cache.Key(body, priorContext, detail);
            if (cache.TryGet(key, out var hit)) return Results.Bytes(hit, Http.JsonUtf8);
            ParsedInput p;
            try { p = readers.Parse(body, normalised: normalised); }
            catch (InputException e) { return Problems.FromInput(e); }
            var (doc, aerr) = Http.Document(readers, p, priorContext, detail, ctx.RequestAborted);
            if (aerr is not null) return aerr;
            var answer = PooledJsonAnswer.Serialize(doc!, ContractJson.Compact.AssessmentDocument);
            cache.Offer(key, answer.Span);
            return answer;
        })
        .RequireAuthorization(WebHost.ApiPolicy)
        .RequireAssessmentAdmission()
        .WithSummary("Assess a case; nothing is stored")
        .WithDescription("Body: a structured case, {\"text\": \"...\"} (a clinical note), {\"case\": {...}}, or a FHIR R4 Bundle. Returns the same JSON as `myelodx assess --format json`. `include=` (comma-separated: evidence, scores, radiotherapy, decisions or nextTests or management, sensitivity, all) keeps only those optional parts and computes nothing else; without it everything is included.")
        .Accepts<AssessRequest>("application/json")
        .Produces<AssessmentDocument>(200)
        .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415).ProducesProblem(503);

        api.MapPost("/dose", async (HttpContext ctx, IServiceProvider sp) =>
        {
            if (!Http.IsJson(ctx.Request)) return Problems.Result("MDX-WEB415", "Unsupported media type", "send the body as application/json");
            var body = await BodyLimit.ReadText(ctx.Request, ctx.RequestAborted);
            if (body is null) return Problems.Result("MDX-IN012", "Request too large");
            List<string> plans = [];
            double? ab = null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("plans", out var pl) || pl.ValueKind != JsonValueKind.Array)
                    return Problems.Result("MDX-IN002", "Bad input", "expected {\"plans\": [\"30 Gy/10\", ...], \"alphaBeta\": 2}", "body");
                foreach (var x in pl.EnumerateArray())
                {
                    if (x.ValueKind != JsonValueKind.String) return Problems.Result("MDX-IN001", "Bad input", "wrong type of value: each plan must be a string such as \"30 Gy/10\"", "body.plans");
                    plans.Add(x.GetString()!);
                }
                if (plans.Count == 0) return Problems.Result("MDX-IN002", "Bad input", "give at least one plan", "body.plans");
                if (root.TryGetProperty("alphaBeta", out var abEl))
                {
                    if (abEl.ValueKind != JsonValueKind.Number) return Problems.Result("MDX-IN001", "Bad input", "wrong type of value: alphaBeta must be a number (Gy)", "body.alphaBeta");
                    ab = abEl.GetDouble();
                }
            }
            catch (JsonException e) { return Problems.Result("MDX-IN001", "Bad input", "malformed JSON", $"body line {(e.LineNumber ?? 0) + 1}"); }
            var calc = sp.GetRequiredService<IDoseCalculator>();
            try { return Results.Text(JsonSerializer.Serialize(calc.Calculate(plans, ab), ContractJson.Compact.DoseDocument), "application/json", System.Text.Encoding.UTF8); }
            catch (InputException e) { return Problems.FromInput(e); }
        })
        .RequireAuthorization(WebHost.ApiPolicy)
        .WithSummary("Radiotherapy arithmetic: BED and EQD2 of one or more courses")
        .Accepts<DoseRequest>("application/json")
        .Produces<DoseDocument>(200).ProducesProblem(400).ProducesProblem(401);

        api.MapGet("/knowledge", (AssessmentService svc) =>
        {
            var summary = KnowledgeJson.Summary(svc.Knowledge) with { Sources = KnowledgeJson.Sources(svc.Knowledge) };
            return Results.Text(System.Text.Json.JsonSerializer.Serialize(summary, ContractJson.Compact.KnowledgeSummary), "application/json", System.Text.Encoding.UTF8);
        })
        .WithSummary("The knowledge base: version, diagnoses, provenance counts, sources")
        .Produces<KnowledgeSummary>(200);
    }
}

/// <summary>
/// The assessment is a pure function of (body, prior context, knowledge), so a repeated body (a CDS client re-firing,
/// a form re-submitted, a batch re-run) is answered from memory. An answer is kept from the second time its body is
/// seen: most bodies are sent once, and keeping every answer (~100 KB each, 1,024 of them) held ~100 MB of
/// large-object memory that a stream of distinct requests replaced every few seconds, each replacement freed only by a
/// full collection (issue 17, round 6: the p99 at 500/s). Bounded (entries, sliding 10 min; bodies seen once: four
/// times as many hashes), in-process only, never written anywhere; `--MyeloDx:AssessmentCacheEntries=0` turns it off.
/// </summary>
internal sealed class AssessmentCache(IConfiguration config, AssessmentService service)
{
    private readonly int _capacity = int.TryParse(config["MyeloDx:AssessmentCacheEntries"], out var n) ? Math.Max(0, n) : 1024;
    private readonly Lazy<MemoryCache> _cache = new(() => new(new MemoryCacheOptions
    {
        SizeLimit = int.TryParse(config["MyeloDx:AssessmentCacheEntries"], out var m) ? Math.Max(1, m) : 1024,
    }));
    /// <summary>Keys of bodies answered once (hashes only, no answer, no body).</summary>
    private readonly Lazy<MemoryCache> _seen = new(() => new(new MemoryCacheOptions
    {
        SizeLimit = 4L * (int.TryParse(config["MyeloDx:AssessmentCacheEntries"], out var m) ? Math.Max(1, m) : 1024),
    }));

    public string Key(string body, string? context, AssessmentDetail detail = AssessmentDetail.All) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{service.Knowledge.Version}\n{context}\n{(int)detail}\n{body}")));

    /// <summary>The answer as UTF-8 JSON bytes, written to the response as they are.</summary>
    public bool TryGet(string key, out byte[] value)
    {
        value = [];
        if (_capacity == 0) return false;
        if (_cache.Value.TryGetValue(key, out byte[]? v) && v is not null) { value = v; return true; }
        return false;
    }

    /// <summary>Keeps a copy of the answer if this body was answered before; otherwise only notes its key.</summary>
    public void Offer(string key, ReadOnlySpan<byte> answer)
    {
        if (_capacity == 0) return;
        if (_seen.Value.TryGetValue(key, out _))
        {
            _seen.Value.Remove(key);
            Set(key, answer.ToArray());
        }
        else _seen.Value.Set(key, true, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
    }

    private void Set(string key, byte[] value)
    {
        _cache.Value.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
    }
}
