using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Web;

/// <summary>
/// Errors as RFC 9457 ProblemDetails carrying the same MDX codes as the CLI (`code`, and `where` when known).
/// Messages name the field, never echo the patient's text.
/// </summary>
internal static class Problems
{
    public static ProblemDetails Create(int status, string code, string title, string? detail = null, string? where = null)
    {
        var p = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = "urn:myelodx:error:" + code };
        p.Extensions["code"] = code;
        if (where is not null) p.Extensions["where"] = where;
        return p;
    }

    public static IResult Result(int status, string code, string title, string? detail = null, string? where = null) =>
        TypedResults.Problem(Create(status, code, title, detail, where));

    /// <summary>An input error as a problem, with the HTTP status the error catalogue gives its code (400 when none).</summary>
    public static IResult FromInput(InputException e)
    {
        var status = ErrorCatalogue.Http(e.Code);
        if (status is < 400 or >= 600 || status == 500) status = 400; // a knowledge code met while reading input is still about the input
        var title = status == 413 ? "Request too large" : "Bad input";
        return Result(status, e.Code, title, e.Message, e.Where);
    }

    public static IResult NotFound(string what = "case") =>
        Result(StatusCodes.Status404NotFound, "MDX-WEB404", "Not found", $"no such {what}, or not visible to you");


    public static async Task Write(HttpContext ctx, int status, string code, string title, string? detail = null)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/problem+json";
        var p = Create(status, code, title, detail);
        p.Extensions["traceId"] = ctx.TraceIdentifier;
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(p, JsonOpts), ctx.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOpts = new(JsonSerializerDefaults.Web);

    /// <summary>Last-chance handler: a coded problem, no stack trace, and only the exception type in the log.</summary>
    public static async Task HandleException(HttpContext ctx)
    {
        var e = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
        var log = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MyeloDx.Web.Errors");
        switch (e)
        {
            case InputException ie:
                await Write(ctx, StatusCodes.Status400BadRequest, ie.Code, "Bad input", ie.Message);
                break;
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                await Write(ctx, 413, "MDX-IN012", "Request too large", $"the limit is {BodyLimit.MaxBytes / 1024 / 1024} MB");
                break;
            case BadHttpRequestException bad:
                await Write(ctx, bad.StatusCode, "MDX-WEB400", "Bad request", "the request could not be read");
                break;
            case JsonException:
                await Write(ctx, 400, "MDX-IN001", "Bad input", "malformed JSON");
                break;
            case not null when Registry.StoreErrors.Classify(e) is var f && f != Registry.StoreFailure.None:
                // Type only in the log: database messages can quote the values being written.
                log.LogWarning("store failure {Failure} ({Type})", f, e.GetType().Name);
                if (f == Registry.StoreFailure.Full)
                    await Write(ctx, StatusCodes.Status507InsufficientStorage, "MDX-WEB507", "Insufficient storage", "the case registry is out of disk space; nothing was saved");
                else if (f == Registry.StoreFailure.Conflict)
                    await Write(ctx, StatusCodes.Status409Conflict, "MDX-WEB409", "Conflict", "another request changed the same record; read it again and retry");
                else
                {
                    ctx.Response.Headers.RetryAfter = "5";
                    await Write(ctx, StatusCodes.Status503ServiceUnavailable, "MDX-WEB503", "Registry unavailable", "the case registry cannot be written just now; nothing was saved; try again shortly");
                }
                break;
            case KnowledgeException:
                log.LogError("knowledge base failed to load ({Type})", e.GetType().Name);
                await Write(ctx, 500, "MDX-WEB500", "Knowledge base unavailable", "the knowledge base did not load; see the server log");
                break;
            default:
                // Exception messages can quote input; log the type and where only.
                log.LogError("unhandled {Type} at {Site}", e?.GetType().Name, e?.TargetSite?.DeclaringType?.Name + "." + e?.TargetSite?.Name);
                await Write(ctx, 500, "MDX-INT001", "Internal error", "an internal error occurred; it was logged without patient data");
                break;
        }
    }
}
