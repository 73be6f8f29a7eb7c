using MyeloDx.Core.Contract;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using MyeloDx.Web.Input;
using MyeloDx.Web.Security;

namespace MyeloDx.Web;

/// <summary>Small helpers shared by the API areas.</summary>
internal static class Http
{
    public static Actor ActorOf(HttpContext ctx, string channel = "api") =>
        Actor.From(ctx.User, channel) ?? throw new InvalidOperationException("endpoint requires authentication");

    public static bool IsJson(HttpRequest r) =>
        r.ContentType is { } ct && (ct.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || ct.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads and parses a JSON case body; the failure is a ready ProblemDetails result.</summary>
    public static async Task<(ParsedInput? Input, IResult? Error)> ReadCase(HttpContext ctx, CaseReaders readers)
    {
        if (!IsJson(ctx.Request))
            return (null, Problems.Result("MDX-WEB415", "Unsupported media type", "send the body as application/json"));
        var (body, normalised) = await BodyLimit.ReadNormalised(ctx.Request, ctx.RequestAborted);
        if (body is null) return (null, Problems.Result("MDX-IN012", "Request too large", $"the limit is {BodyLimit.MaxBytes / 1024} KB"));
        try { return (readers.Parse(body, normalised: normalised), null); }
        catch (InputException e) { return (null, Problems.FromInput(e)); }
    }

    /// <summary>
    /// Assesses; an unknown prior context or similar becomes a coded 400. <paramref name="aborted"/> is checked before
    /// each stage (the case was read, the engine ran, the sections such as next tests are the costliest part), so a
    /// request whose caller hung up stops using a core at the next stage instead of computing an answer nobody reads.
    /// </summary>
    public static (Assessment? A, AssessmentDocument? Document, IResult? Error) Assess(CaseReaders readers, ParsedInput p, string? context, CancellationToken aborted)
    {
        try
        {
            aborted.ThrowIfCancellationRequested();
            var a = readers.Service.Assess(p.Input, context ?? p.PriorContext);
            aborted.ThrowIfCancellationRequested();
            return (a, readers.Service.Document(p.Input, a), null);
        }
        catch (InputException e) { return (null, null, Problems.FromInput(e)); }
    }

    /// <summary>A typed body through its source-generated type info.</summary>
    public static IResult Json<T>(T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, int status = 200) =>
        Results.Text(System.Text.Json.JsonSerializer.Serialize(body, type), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>
    /// As <see cref="Assess(CaseInput, ParsedInput, string?, CancellationToken)"/>, computing only the optional parts in
    /// <paramref name="detail"/> and returning the typed document, for callers that write it straight to the response.
    /// </summary>
    public static (AssessmentDocument? Document, IResult? Error) Document(CaseReaders readers, ParsedInput p, string? context, AssessmentDetail detail, CancellationToken aborted)
    {
        try
        {
            aborted.ThrowIfCancellationRequested();
            var svc = readers.Service;
            var a = svc.Assess(p.Input, context ?? p.PriorContext, detail);
            aborted.ThrowIfCancellationRequested();
            return (svc.Document(p.Input, a, null, detail), null);
        }
        catch (InputException e) { return (null, Problems.FromInput(e)); }
    }

    public const string JsonUtf8 = "application/json; charset=utf-8";

}
