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
    public static async Task<string?> ReadText(HttpRequest req, CancellationToken ct) => (await ReadNormalised(req, ct)).Text;

    /// <summary>
    /// <see cref="ReadText"/>, also saying whether the body went through the JSON normalisation (every string and key
    /// normalised, no key twice in one object): a caller that re-serialises parts of it may then skip a second pass.
    /// </summary>
    public static async Task<(string? Text, bool JsonNormalised)> ReadNormalised(HttpRequest req, CancellationToken ct)
    {
        if (await ReadRaw(req, ct) is not { } text) return (null, false);
        if (!Http.IsJson(req)) return (InputNormalizer.Text(text, "body"), false);
        try { return (InputNormalizer.Json(text, "body"), true); }
        catch (InputException) { return (InputNormalizer.Text(text, "body"), false); }
    }

    /// <summary>
    /// <see cref="ReadNormalised"/> for a caller that parses the JSON itself: a JSON body that normalises comes back as
    /// the normalised UTF-8 (<c>Json</c>; the same text <see cref="ReadNormalised"/> gives, without the UTF-16 copy a
    /// parser would transcode back), anything else as <see cref="ReadNormalised"/>'s text (<c>Text</c>). False when the
    /// body is too large.
    /// </summary>
    public static async Task<(bool Read, ReadOnlyMemory<byte>? Json, string? Text)> ReadJsonUtf8(HttpRequest req, CancellationToken ct)
    {
        if (await ReadRaw(req, ct) is not { } text) return (false, null, null);
        if (!Http.IsJson(req)) return (true, null, InputNormalizer.Text(text, "body"));
        try { return (true, InputNormalizer.JsonUtf8(text, "body"), null); }
        catch (InputException) { return (true, null, InputNormalizer.Text(text, "body")); }
    }

    /// <summary>The body as UTF-8 text, at most <see cref="MaxBytes"/>; null when it is larger.</summary>
    private static async Task<string?> ReadRaw(HttpRequest req, CancellationToken ct)
    {
        // One pooled buffer the size the client announced (a CDS prefetch is 30-100 KB): a growing MemoryStream copied
        // the body up to three times and left its last array, often past the large-object threshold, to a gen2 collection.
        var size = req.ContentLength is { } cl and >= 0 and <= MaxBytes ? (int)cl + 1 : 16 * 1024;
        var buf = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var len = 0;
            while (true)
            {
                if (len == buf.Length)
                {
                    var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Min(buf.Length * 2, (int)MaxBytes + 1));
                    buf.AsSpan(0, len).CopyTo(bigger);
                    System.Buffers.ArrayPool<byte>.Shared.Return(buf);
                    buf = bigger;
                }
                var n = await req.Body.ReadAsync(buf.AsMemory(len), ct);
                if (n == 0) break;
                if (len + n > MaxBytes) return null;
                len += n;
            }
            return System.Text.Encoding.UTF8.GetString(buf, 0, len);
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buf); }
    }
}
