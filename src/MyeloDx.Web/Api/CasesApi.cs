using System.Globalization;
using System.Text.Json;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using MyeloDx.Web.Input;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Api;

/// <summary>The case registry over HTTP. Every call is authenticated and audited (in <see cref="CaseRegistry"/>).</summary>
internal static class CasesApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(WebHost.ApiPolicy)
            .ProducesProblem(401);

        g.MapPost("/", async (HttpContext ctx, CaseReaders readers, CaseRegistry reg, string? priorContext) =>
        {
            var (p, err) = await Http.ReadCase(ctx, readers);
            if (err is not null) return err;
            var (a, doc, aerr) = Http.Assess(readers, p!, priorContext, ctx.RequestAborted);
            if (aerr is not null) return aerr;
            var id = await reg.Create(Http.ActorOf(ctx), p!, a!, doc!, ctx.RequestAborted);
            if (id is null) return Problems.Result("MDX-WEB409", "Conflict", "the case could not be created because of a conflicting write; send it again");
            ctx.Response.Headers.Location = $"/api/cases/{id}";
            ctx.Response.Headers.ETag = Concurrency.ETag(1);
            return Http.Json(new CaseCreated(id, 1, a!.Leading.Id, $"/api/cases/{id}", $"/cases/{id}"), WebJsonContext.Default.CaseCreated, 201);
        })
        .RequireAssessmentAdmission()
        .WithSummary("Assess and save a case").Accepts<AssessRequest>("application/json")
        .Produces<CaseCreated>(201).ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(503);

        g.MapGet("/", async (HttpContext ctx, CaseRegistry reg, string? diagnosis, string? from, string? to, string? q, bool? deleted, int? limit, int? offset) =>
        {
            DateTimeOffset? f = null, t = null;
            if (from is not null)
            {
                if (!TryDate(from, false, out var v)) return Problems.Result("MDX-WEB030", "Bad query", "from must be a date (yyyy-mm-dd) or an ISO 8601 time", "from");
                f = v;
            }
            if (to is not null)
            {
                if (!TryDate(to, true, out var v)) return Problems.Result("MDX-WEB030", "Bad query", "to must be a date (yyyy-mm-dd) or an ISO 8601 time", "to");
                t = v;
            }
            var rows = await reg.List(Http.ActorOf(ctx), new CaseQuery(diagnosis, f, t, q, deleted ?? false, limit ?? 50, offset ?? 0), ctx.RequestAborted);
            return Http.Json(new CaseList(rows.Select(ListEntry).ToArray()), WebJsonContext.Default.CaseList);
        })
        .WithSummary("List and search your cases: by leading diagnosis, date range (updated), title or id")
        .Produces<CaseList>(200).ProducesProblem(400);

        g.MapGet("/{id}", async (HttpContext ctx, CaseRegistry reg, string id, int? version) =>
        {
            var d = await reg.Get(Http.ActorOf(ctx), id, ctx.RequestAborted, version);
            if (d is null) return Problems.NotFound();
            // The ETag names the case's current version: send it back in If-Match to update safely.
            ctx.Response.Headers.ETag = Concurrency.ETag(d.Summary.Version);
            return Http.Json(Detail(d), WebJsonContext.Default.CaseResponse);
        })
        .WithSummary("A case: input as given, the case as understood, the assessment, its versions")
        .Produces<CaseResponse>(200).ProducesProblem(404);

        g.MapPut("/{id}", async (HttpContext ctx, CaseReaders readers, CaseRegistry reg, IConfiguration config, string id, string? priorContext) =>
        {
            var (expected, perr) = Concurrency.IfMatch(ctx.Request, config);
            if (perr is not null) return perr;
            var (p, err) = await Http.ReadCase(ctx, readers);
            if (err is not null) return err;
            var (a, doc, aerr) = Http.Assess(readers, p!, priorContext, ctx.RequestAborted);
            if (aerr is not null) return aerr;
            var r = await reg.Update(Http.ActorOf(ctx), id, p!, a!, doc!, ctx.RequestAborted, expected);
            if (r.Version is { } cv) ctx.Response.Headers.ETag = Concurrency.ETag(cv);
            return r.Status switch
            {
                UpdateStatus.Updated => Http.Json(new CaseUpdated(id, r.Version ?? 0, a!.Leading.Id), WebJsonContext.Default.CaseUpdated),
                UpdateStatus.Stale => Problems.Result("MDX-WEB412", "Precondition failed", $"the case is at version {r.Version}, not the one in If-Match; read it again and reapply your change", "If-Match"),
                UpdateStatus.Conflict => Problems.Result("MDX-WEB409", "Conflict", $"another update of this case was saved at the same time (now version {r.Version}); read it again and reapply your change"),
                _ => Problems.NotFound(),
            };
        })
        .RequireAssessmentAdmission()
        .WithSummary("Replace a case's content; the earlier versions are kept. Send If-Match with the ETag of your read.").Accepts<AssessRequest>("application/json")
        .Produces<CaseUpdated>(200).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428).ProducesProblem(503);

        g.MapDelete("/{id}", async (HttpContext ctx, CaseRegistry reg, string id) =>
            Status(await reg.Delete(Http.ActorOf(ctx), id, ctx.RequestAborted)))
        .WithSummary("Soft-delete a case (its owner or an admin); an admin can restore it").Produces(204).ProducesProblem(404).ProducesProblem(403);

        g.MapPost("/{id}/restore", async (HttpContext ctx, CaseRegistry reg, string id) =>
            Status(await reg.Restore(Http.ActorOf(ctx), id, ctx.RequestAborted)))
        .WithSummary("Restore a deleted case (admin)").Produces<Acknowledged>(200).ProducesProblem(403).ProducesProblem(404);

        g.MapPost("/{id}/shares", async (HttpContext ctx, CaseRegistry reg, string id) =>
        {
            var user = await ReadUser(ctx);
            if (user is null) return Problems.Result("MDX-WEB031", "Bad input", "expected {\"user\": \"name\"}", "body.user");
            return Status(await reg.Share(Http.ActorOf(ctx), id, user, true, ctx.RequestAborted));
        })
        .WithSummary("Share a case with another user (owner or admin)").Accepts<ShareRequest>("application/json")
        .Produces(204).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);

        g.MapDelete("/{id}/shares/{user}", async (HttpContext ctx, CaseRegistry reg, string id, string user) =>
            Status(await reg.Share(Http.ActorOf(ctx), id, user, false, ctx.RequestAborted)))
        .WithSummary("Stop sharing a case with a user").Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);

        g.MapGet("/{id}/audit", async (HttpContext ctx, CaseRegistry reg, string id, int? limit) =>
        {
            var rows = await reg.AuditTrail(Http.ActorOf(ctx), id, limit ?? 500, ctx.RequestAborted);
            return rows is null ? Problems.NotFound() : Http.Json(AuditOf(rows), WebJsonContext.Default.AuditList);
        })
        .WithSummary("The audit trail of a case (its owner or an admin)").Produces<AuditList>(200).ProducesProblem(404);

        g.MapGet("/{id}/report", async (HttpContext ctx, CaseRegistry reg, CaseReaders readers, IServiceProvider sp, string id, string? format, string? kind, int? version) =>
        {
            var fmt = (format ?? "md").ToLowerInvariant();
            if (fmt == "markdown") fmt = "md";
            if (fmt is not ("md" or "html" or "pdf")) return Problems.Result("MDX-WEB032", "Bad query", "format must be md, html or pdf", "format");
            var k = (kind ?? "case-report").ToLowerInvariant();
            if (k is not ("case-report" or "summary")) return Problems.Result("MDX-WEB034", "Bad query", "kind must be case-report or summary", "kind");
            var d = await reg.Get(Http.ActorOf(ctx), id, ctx.RequestAborted, version, "report");
            if (d is null) return Problems.NotFound();
            var renderer = sp.GetRequiredService<ICaseReportRenderer>();
            var (input, a, doc) = Reassess(readers, d.Current);
            var images = await reg.ImagesOf(d, withContent: true, ctx.RequestAborted);
            var (bytes, type, ext) = renderer.Render(input, a, doc, fmt, k, d.Summary.Title ?? $"case {id}", images);
            // PDF and HTML open in the browser (inline, with a sensible name if saved); Markdown downloads.
            var name = $"myelodx-{id}-v{d.Current.Version}-{k}.{ext}";
            var disposition = fmt == "md" ? "attachment" : "inline";
            ctx.Response.Headers.ContentDisposition = $"{disposition}; filename=\"{name}\"";
            if (fmt == "html") ctx.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'";
            return Results.Bytes(bytes, type);
        })
        .WithSummary("The case report (kind=case-report) or the clinician summary (kind=summary) as Markdown, HTML or PDF").ProducesProblem(404);

        g.MapGet("/{id}/fhir", async (HttpContext ctx, CaseRegistry reg, CaseReaders readers, IServiceProvider sp, string id, int? version) =>
        {
            var d = await reg.Get(Http.ActorOf(ctx), id, ctx.RequestAborted, version, "fhir");
            if (d is null) return Problems.NotFound();
            var exporter = sp.GetRequiredService<ICaseFhirExporter>();
            var (input, a, _) = Reassess(readers, d.Current);
            var images = await reg.ImagesOf(d, withContent: true, ctx.RequestAborted);
            ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"myelodx-{id}-v{d.Current.Version}.fhir.json\"";
            return Results.Text(exporter.Export(input, a, images), "application/fhir+json", System.Text.Encoding.UTF8);
        })
        .WithSummary("The case and its assessment as a FHIR R4 Bundle").ProducesProblem(404);

        app.MapGet("/api/audit", async (HttpContext ctx, CaseRegistry reg, int? limit) =>
        {
            var rows = await reg.AuditTrail(Http.ActorOf(ctx), null, limit ?? 500, ctx.RequestAborted);
            return rows is null ? Problems.Result("MDX-AUTH003", "Forbidden", "the full audit trail is for admins") : Http.Json(AuditOf(rows), WebJsonContext.Default.AuditList);
        })
        .WithTags("Cases").RequireAuthorization(WebHost.ApiPolicy).WithSummary("The whole audit trail (admin)")
        .Produces<AuditList>(200).ProducesProblem(401).ProducesProblem(403);
    }

    /// <summary>Rebuilds the case input of a stored version (for reports and FHIR) from the input as given.</summary>
    internal static (CaseInput Input, Assessment A, AssessmentDocument Document) Reassess(CaseReaders readers, CaseVersionRow v)
    {
        CaseInput input;
        try { input = readers.Parse(v.InputGiven).Input; }
        catch (MyeloDx.Core.Errors.InputException)
        {
            // The reader that understood it is gone from this build: fall back to the case as it was understood.
            input = readers.Service.FromCase(MyeloDx.Core.Cases.CaseJson.Parse(v.CaseUnderstood, "stored case"));
        }
        var a = readers.Service.Assess(input, v.PriorContext);
        return (input, a, readers.Service.Document(input, a));
    }

    internal static CaseResponse Detail(CaseDetail d)
    {
        var s = d.Summary;
        JsonElement given;
        // A note or other non-JSON input is given back as the string it was.
        try { given = JsonElement.Parse(d.Current.InputGiven); }
        catch (JsonException) { given = JsonSerializer.SerializeToElement(d.Current.InputGiven, WebJsonContext.Default.String); }
        return new CaseResponse(s.Id, s.Title, s.Owner, d.Current.Version, s.Version, s.CreatedAt, s.UpdatedAt, s.Deleted,
            d.Current.LeadingDiagnosis, d.Current.KnowledgeVersion, new CaseGiven(d.Current.InputKind, given),
            JsonElement.Parse(d.Current.CaseUnderstood), JsonElement.Parse(d.Current.AssessmentJson),
            d.Versions.Select(v => new CaseVersionEntry(v.Version, v.At, v.By, v.InputKind, v.LeadingDiagnosis, Math.Round(v.LeadingProbability, 6), v.KnowledgeVersion)).ToArray(),
            d.SharedWith);
    }

    // The registry's rows are mapped to the API's records here, at the edge, so that a change to what the registry keeps
    // cannot change a body without a change to ApiContracts.cs (and the OpenAPI document made from it).
    private static CaseListEntry ListEntry(CaseSummary s) =>
        new(s.Id, s.Title, s.Owner, s.LeadingDiagnosis, s.LeadingProbability, s.Version, s.CreatedAt, s.UpdatedAt, s.Deleted);

    private static AuditList AuditOf(IReadOnlyList<AuditEntry> rows) =>
        new(rows.Select(a => new AuditListEntry(a.At, a.User, a.Action, a.CaseId, a.Version, a.Status, a.Channel)).ToArray());

    private static IResult Status(int status) => status switch
    {
        200 => Http.Json(new Acknowledged(true), WebJsonContext.Default.Acknowledged),
        204 => Results.NoContent(),
        403 => Problems.Result("MDX-AUTH003", "Forbidden", "only the owner or an admin may do this"),
        422 => Problems.Result("MDX-WEB033", "Unknown user", "no such user"),
        _ => Problems.NotFound(),
    };

    private static async Task<string?> ReadUser(HttpContext ctx)
    {
        if (!Http.IsJson(ctx.Request)) return null;
        var body = await BodyLimit.ReadText(ctx.Request, ctx.RequestAborted);
        if (body is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    private static bool TryDate(string s, bool endOfDay, out DateTimeOffset value)
    {
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            value = new DateTimeOffset(d.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
