using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using MyeloDx.Core.Errors;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Api;

/// <summary>
/// Key images of a saved case over HTTP: attach (multipart), list, fetch. Uploads are cleaned by the reports feature
/// (<see cref="IKeyImageCleaner"/>: content check, size limit, re-encode, metadata stripped); images are served only
/// from here, behind the case's own access rule, with the type of the re-encoded bytes and no sniffing.
/// </summary>
internal static class CaseImagesApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/cases/{id}/images").WithTags("Cases").RequireAuthorization(WebHost.ApiPolicy).ProducesProblem(401);

        g.MapPost("/", async (HttpContext ctx, CaseRegistry reg, IServiceProvider sp, string id) =>
        {
            var cleaner = sp.GetRequiredService<IKeyImageCleaner>();
            // A browser's cookie alone is not enough to write (a form on another site could send it): it needs the
            // page's antiforgery token. API clients send their key in Authorization, which no other site can forge.
            if (ctx.Request.Headers.Authorization.Count == 0 && !await sp.GetRequiredService<IAntiforgery>().IsRequestValidAsync(ctx))
                return Problems.Result("MDX-AUTH003", "Forbidden", "a browser upload must come from the case page");
            CleanedImage image;
            try { image = await ReadUpload(ctx.Request, cleaner, ctx.RequestAborted); }
            catch (InputException e) { return Problems.FromInput(e); }
            var r = await reg.AttachImage(Http.ActorOf(ctx), id, image, ctx.RequestAborted);
            if (r.Status == ImageStatus.NotFound) return Problems.NotFound();
            if (r.Status == ImageStatus.Full)
                return Problems.Result("MDX-IMG005", "Too many images", $"a case holds at most {CaseRegistry.MaxImagesPerCase} key images");
            var url = Url(id, r.Image!.Id);
            ctx.Response.Headers.Location = url;
            return Http.Json(Describe(id, r.Image), WebJsonContext.Default.ImageInfo, 201);
        })
        .WithSummary("Attach a key image (PNG or JPEG, multipart/form-data: `file` and `caption`) to the case's current version. " +
                     "It is checked by content, size-limited, re-encoded and stripped of metadata (EXIF, GPS); later versions keep it.")
        .Accepts<ImageUpload>("multipart/form-data").Produces<ImageInfo>(201)
        .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

        g.MapGet("/", async (HttpContext ctx, CaseRegistry reg, string id, int? version) =>
        {
            var d = await reg.Get(Http.ActorOf(ctx), id, ctx.RequestAborted, version, "images");
            if (d is null) return Problems.NotFound();
            var images = await reg.ImagesOf(d, withContent: false, ctx.RequestAborted);
            return Http.Json(new ImageList(id, d.Current.Version, images.Select(i => Describe(id, i)).ToArray()), WebJsonContext.Default.ImageList);
        })
        .WithSummary("The key images shown with a version of the case (the current one unless ?version=): those attached with it or before")
        .Produces<ImageList>(200).ProducesProblem(404);

        g.MapGet("/{imageId:long}", async (HttpContext ctx, CaseRegistry reg, string id, long imageId) =>
        {
            var img = await reg.Image(Http.ActorOf(ctx), id, imageId, ctx.RequestAborted);
            if (img is null) return Problems.NotFound("image");
            // The type comes from the stored (re-encoded) bytes, never from what the uploader declared.
            var type = ImageTypes.Of(img.Content);
            if (type is null) return Problems.NotFound("image");
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.ContentDisposition = $"inline; filename=\"myelodx-{id}-image-{imageId}.{(type == "image/png" ? "png" : "jpg")}\"";
            h.ContentSecurityPolicy = "default-src 'none'; sandbox";
            h.CacheControl = "private, no-store";
            return Results.Bytes(img.Content, type);
        })
        .WithSummary("One key image, as image/png or image/jpeg").Produces(200, contentType: "image/png").ProducesProblem(404);

        g.MapPatch("/{imageId:long}", async (HttpContext ctx, CaseRegistry reg, IServiceProvider sp, string id, long imageId) =>
        {
            var cleaner = sp.GetRequiredService<IKeyImageCleaner>();
            if (!Http.IsJson(ctx.Request))
                return Problems.Result("MDX-WEB415", "Unsupported media type", "send the body as application/json");
            string caption;
            try { caption = await ReadCaption(ctx, cleaner); }
            catch (InputException e) { return Problems.FromInput(e); }
            var (status, image) = await reg.EditImageCaption(Http.ActorOf(ctx), id, imageId, caption, ctx.RequestAborted);
            return status == StatusCodes.Status200OK ? Http.Json(Describe(id, image!), WebJsonContext.Default.ImageInfo) : Problems.NotFound("image");
        })
        .WithSummary("Correct the caption (figure legend) of a key image; the image itself never changes, and the new legend shows with every version and report that shows the image")
        .Accepts<CaptionEdit>("application/json").Produces<ImageInfo>(200)
        .ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415);

        g.MapDelete("/{imageId:long}", async (HttpContext ctx, CaseRegistry reg, string id, long imageId) =>
            await reg.RemoveImage(Http.ActorOf(ctx), id, imageId, ctx.RequestAborted) switch
            {
                204 => Results.NoContent(),
                403 => Problems.Result("MDX-AUTH003", "Forbidden", "only the case's owner or an admin may remove an image"),
                _ => Problems.NotFound("image"),
            })
        .WithSummary("Remove a key image attached by mistake (owner or admin): deleted from every version; the audit trail records it")
        .ProducesProblem(403).ProducesProblem(404);
    }

    internal static string Url(string caseId, long imageId) => $"/api/cases/{caseId}/images/{imageId}";

    private static ImageInfo Describe(string caseId, CaseImage i) =>
        new(i.Id, i.Version, i.Caption, i.ContentType, i.Width, i.Height, i.AttachedAt, Url(caseId, i.Id));

    /// <summary>Reads <c>{"caption": "..."}</c>, normalised like every input and checked as an upload's caption is.</summary>
    private static async Task<string> ReadCaption(HttpContext ctx, IKeyImageCleaner cleaner)
    {
        var body = await BodyLimit.ReadText(ctx.Request, ctx.RequestAborted)
            ?? throw new InputException("MDX-IN012", "body", $"the limit is {BodyLimit.MaxBytes / 1024} KB");
        var node = InputNormalizer.ParseJson(body, "body");
        if (node is not JsonObject o || o["caption"] is not JsonValue v || !v.TryGetValue<string>(out var caption))
            throw new InputException("MDX-IMG004", "body.caption", "expected {\"caption\": \"the figure legend\"}");
        return cleaner.Caption(caption, "body.caption");
    }

    /// <summary>
    /// Reads a multipart upload (one file part and a <c>caption</c> field) and hands it to the cleaner. The file's name and
    /// declared type are ignored: only its bytes count. Refusals are InputExceptions with MDX-IMG codes.
    /// </summary>
    internal static async Task<CleanedImage> ReadUpload(HttpRequest req, IKeyImageCleaner cleaner, CancellationToken ct)
    {
        if (!req.HasFormContentType || !(req.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new InputException("MDX-IMG006", "body", "send multipart/form-data with a `file` part and a `caption` field");
        IFormCollection form;
        try { form = await req.ReadFormAsync(ct); }
        catch (InvalidDataException) { throw new InputException("MDX-IMG006", "body", "the multipart body could not be read"); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new InputException("MDX-IMG002", "file", $"the image is larger than {cleaner.MaxBytes / 1024 / 1024} MB");
        }
        if (form.Files.Count != 1) throw new InputException("MDX-IMG006", "file", $"send exactly one file part ({form.Files.Count} given)");
        var file = form.Files[0];
        if (file.Length > cleaner.MaxBytes) throw new InputException("MDX-IMG002", "file", $"the image is larger than {cleaner.MaxBytes / 1024 / 1024} MB");
        var bytes = new byte[file.Length];
        await using (var s = file.OpenReadStream()) await s.ReadExactlyAsync(bytes, ct);
        var caption = InputNormalizer.Text(form["caption"].ToString(), "caption");
        return cleaner.Clean(bytes, caption, "file");
    }
}

/// <summary>The image type of stored bytes, by their first bytes.</summary>
internal static class ImageTypes
{
    public static string? Of(ReadOnlySpan<byte> b) =>
        b is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] ? "image/png"
        : b is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg"
        : null;
}
