using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Knowledge;
using MyeloDx.Web.Api;

namespace MyeloDx.Web;

/// <summary>
/// Errors as RFC 9457 problem details carrying the same MDX codes as the CLI (`code`, and `where` when known).
/// The HTTP status of every problem is the one the error catalogue gives its code, so a code answers with one status
/// wherever it is raised. Messages name the field, never echo the patient's text.
/// </summary>
internal static class Problems
{
    /// <summary>The media type of every problem body.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>
    /// The status a code answers with: its catalogue status. A code with none (a command-line code, which the web never
    /// raises on purpose) answers 400: whatever reached the API with it came from the request.
    /// </summary>
    public static int StatusOf(string code) => ErrorCatalogue.Http(code);

    /// <summary>The body, as docs/error-codes.md describes it; the trace id lets a user's report be found in the server log.</summary>
    public static ApiProblem Body(HttpContext ctx, string code, string title, string? detail = null, string? where = null) =>
        new("urn:myelodx:error:" + code, title, StatusOf(code), detail, code, where, Activity.Current?.Id ?? ctx.TraceIdentifier);

    /// <summary>A problem as an endpoint's result.</summary>
    public static IResult Result(string code, string title, string? detail = null, string? where = null) =>
        new ProblemResult(code, title, detail, where);

    /// <summary>An input error as a problem; a too-large input is titled as such.</summary>
    public static IResult FromInput(InputException e) => Result(e.Code, InputTitle(e.Code), e.Message, e.Where);

    public static IResult NotFound(string what = "case") =>
        Result("MDX-WEB404", "Not found", $"no such {what}, or not visible to you");

    /// <summary>Writes a problem straight to the response (middleware, authentication events); nothing once a response has started.</summary>
    public static Task Write(HttpContext ctx, string code, string title, string? detail = null, string? where = null)
    {
        if (ctx.Response.HasStarted) return Task.CompletedTask;
        var body = Body(ctx, code, title, detail, where);
        ctx.Response.StatusCode = body.Status;
        return ctx.Response.WriteAsJsonAsync(body, WebJsonContext.Default.ApiProblem, MediaType, ctx.RequestAborted);
    }

    /// <summary>
    /// The code for a status the framework set without a body (no route, a method the route does not take, a refused
    /// binding): the catalogued code that answers with that status. A status no code answers with becomes the catalogue's
    /// generic bad request or internal error, so no uncatalogued code or status pair reaches a client.
    /// </summary>
    public static string CodeForStatus(int status)
    {
        foreach (var code in (ReadOnlySpan<string>)["MDX-WEB" + status, "MDX-AUTH001", "MDX-AUTH003", "MDX-IN012"])
            if (ErrorCatalogue.Find(code)?.Http == status) return code;
        return status >= 500 ? "MDX-INT001" : "MDX-WEB400";
    }

    /// <summary>Last-chance handler: a coded problem, no stack trace, and only the exception type in the log.</summary>
    public static async Task HandleException(HttpContext ctx)
    {
        var e = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
        var log = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MyeloDx.Web.Errors");
        switch (e)
        {
            case InputException ie:
                await Write(ctx, ie.Code, InputTitle(ie.Code), ie.Message, ie.Where);
                break;
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                await Write(ctx, "MDX-IN012", "Request too large", $"the limit is {BodyLimit.MaxBytes / 1024 / 1024} MB");
                break;
            case BadHttpRequestException bad:
                var code = CodeForStatus(bad.StatusCode);
                await Write(ctx, code, Reason(StatusOf(code)), "the request could not be read");
                break;
            case JsonException:
                await Write(ctx, "MDX-IN001", "Bad input", "malformed JSON");
                break;
            case not null when Registry.StoreErrors.Classify(e) is var f && f != Registry.StoreFailure.None:
                // Type only in the log: database messages can quote the values being written.
                log.LogWarning("store failure {Failure} ({Type})", f, e.GetType().Name);
                if (f == Registry.StoreFailure.Full)
                    await Write(ctx, "MDX-WEB507", "Insufficient storage", "the case registry is out of disk space; nothing was saved");
                else if (f == Registry.StoreFailure.Conflict)
                    await Write(ctx, "MDX-WEB409", "Conflict", "another request changed the same record; read it again and retry");
                else
                {
                    ctx.Response.Headers.RetryAfter = "5";
                    await Write(ctx, "MDX-WEB503", "Registry unavailable", "the case registry cannot be written just now; nothing was saved; try again shortly");
                }
                break;
            case KnowledgeException:
                log.LogError("knowledge base failed to load ({Type})", e.GetType().Name);
                await Write(ctx, "MDX-WEB500", "Knowledge base unavailable", "the knowledge base did not load; see the server log");
                break;
            default:
                // Exception messages can quote input; log the type and where only.
                log.LogError("unhandled {Type} at {Site}", e?.GetType().Name, e?.TargetSite?.DeclaringType?.Name + "." + e?.TargetSite?.Name);
                await Write(ctx, "MDX-INT001", "Internal error", "an internal error occurred; it was logged without patient data");
                break;
        }
    }

    /// <summary>The standard reason phrase of a status ("Not Found"), for problems the framework started.</summary>
    public static string Reason(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : "Error";

    private static string InputTitle(string code) => StatusOf(code) == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad input";
}
