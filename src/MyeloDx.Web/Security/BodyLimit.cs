using Microsoft.AspNetCore.Http.Features;
using MyeloDx.Core.Errors;

namespace MyeloDx.Web;

/// <summary>Refuses bodies over 1 MB with 413 before reading them (Content-Length), and caps streamed bodies too.</summary>
internal static class BodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Room for a key-image upload's form fields (caption, antiforgery token) and multipart boundaries beside the file.</summary>
    public const long FormOverhead = 64 * 1024;

    public static async Task Middleware(HttpContext ctx, Func<Task> next)
    {
        var limit = LimitFor(ctx);
        if (ctx.Request.ContentLength > limit)
        {
            // Do not read the body: answer at once (curl's Expect: 100-continue then never sends it).
            ctx.Response.Headers.Connection = "close";
            await Problems.Write(ctx, "MDX-IN012", "Request too large", $"the body is {ctx.Request.ContentLength / 1024} KB; the limit is {limit / 1024} KB");
            return;
        }
        var f = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (f is { IsReadOnly: false }) f.MaxRequestBodySize = limit;
        await next();
    }

    /// <summary>
    /// 1 MB for everything but a key-image upload (the API's POST /api/cases/{id}/images or the case page's image form),
    /// which may carry the image cleaner's largest file; the cleaner then refuses a larger file with its own code.
    /// </summary>
    private static long LimitFor(HttpContext ctx)
    {
        var r = ctx.Request;
        if (!HttpMethods.IsPost(r.Method)) return MaxBytes;
        var segments = (r.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var upload = segments is ["api", "cases", _, "images"]
                     || (segments is ["cases", _] && string.Equals(r.Query["handler"], "Image", StringComparison.OrdinalIgnoreCase));
        if (!upload) return MaxBytes;
        return Math.Max(MaxBytes, ctx.RequestServices.GetRequiredService<IKeyImageCleaner>().MaxBytes + FormOverhead);
    }

    /// <summary>
    /// Reads the body as UTF-8 text, at most <see cref="MaxBytes"/>; null when it is larger. A JSON body comes back
    /// through the shared normalisation step (lone surrogates, NUL and controls, NFKC, digits), so no endpoint reads a
    /// string that throws or that PostgreSQL cannot store; malformed JSON comes back as given for the caller's coded error.
    /// </summary>
    public static async Task<string?> ReadText(HttpRequest req, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        var buf = new byte[16 * 1024];
        int n;
        while ((n = await req.Body.ReadAsync(buf, ct)) > 0)
        {
            if (ms.Length + n > MaxBytes) return null;
            ms.Write(buf, 0, n);
        }
        var text = System.Text.Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
        if (!Http.IsJson(req)) return InputNormalizer.Text(text, "body");
        try { return InputNormalizer.Json(text, "body"); }
        catch (InputException) { return InputNormalizer.Text(text, "body"); }
    }
}
