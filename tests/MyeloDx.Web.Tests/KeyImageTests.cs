using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SkiaSharp;
using UglyToad.PdfPig;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Key images of a saved case: uploaded through the API or the case page, checked by content, size-limited, cleaned
/// of metadata, stored with the case version, shown on the page, served only to who may read the case, placed as
/// Figure 1 in the reports and carried in the FHIR export.
/// </summary>
public sealed partial class KeyImageTests(AppFixture f) : IClassFixture<AppFixture>
{
    private WebApp App => f.App;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRx();

    [GeneratedRegex("<img src=\"(/api/cases/[^/\"]+/images/\\d+)\"")]
    private static partial Regex ImgRx();

    internal static async Task<string> SaveCase(HttpClient c)
    {
        var r = await c.PostAsync("/api/cases", Json.Body(Samples.SeedCase));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await Json.Read(r)).GetProperty("id").GetString()!;
    }

    internal static async Task<JsonElement> Attach(HttpClient c, string id, byte[] file, string caption = TestImages.Caption)
    {
        var r = await c.PostAsync($"/api/cases/{id}/images", TestImages.Form(file, "mri.png", "image/png", caption));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return await Json.Read(r);
    }

    private async Task<HttpClient> SignedIn(string user)
    {
        var c = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var t = TokenRx().Match(await c.GetStringAsync("/login")).Groups[1].Value;
        var r = await c.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = user, ["Password"] = WebApp.Password, ["__RequestVerificationToken"] = t }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return c;
    }

    [Fact]
    public async Task An_uploaded_png_is_served_as_png_with_nosniff_and_listed_with_its_caption()
    {
        var c = App.As("alice");
        var id = await SaveCase(c);
        var png = TestImages.Png();
        var created = await Attach(c, id, png);
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal(TestImages.Caption, created.GetProperty("caption").GetString());
        var url = created.GetProperty("url").GetString()!;

        var r = await c.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("image/png", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", r.Headers.GetValues("X-Content-Type-Options")));
        var bytes = await r.Content.ReadAsByteArrayAsync();
        using (var back = SKBitmap.Decode(bytes)) Assert.Equal((96, 128), (back.Width, back.Height));

        var list = await Json.Read(await c.GetAsync($"/api/cases/{id}/images"));
        var item = Assert.Single(list.GetProperty("images").EnumerateArray());
        Assert.Equal(url, item.GetProperty("url").GetString());
        Assert.Equal("image/png", item.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task Wrong_type_oversize_and_missing_caption_uploads_are_refused_with_coded_problems()
    {
        var c = App.As("alice");
        var id = await SaveCase(c);
        async Task<(HttpStatusCode, string)> Upload(byte[] file, string name, string type, string? caption = TestImages.Caption)
        {
            var r = await c.PostAsync($"/api/cases/{id}/images", TestImages.Form(file, name, type, caption));
            return (r.StatusCode, await Json.ProblemCode(r));
        }
        // a GIF, and a text file named and declared as a PNG: judged by content, not by name or type
        Assert.Equal((HttpStatusCode.BadRequest, "MDX-IMG001"), await Upload(TestImages.Gif(), "mri.gif", "image/gif"));
        Assert.Equal((HttpStatusCode.BadRequest, "MDX-IMG001"), await Upload(Encoding.UTF8.GetBytes("Patient notes, not an image\n"), "mri.png", "image/png"));
        // over 8 MB (starting like a JPEG)
        var big = new byte[8 * 1024 * 1024 + 1];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "MDX-IMG002"), await Upload(big, "huge.jpg", "image/jpeg"));
        // a body far over the limit is refused before it is read
        var r = await c.PostAsync($"/api/cases/{id}/images", TestImages.Form(new byte[12 * 1024 * 1024], "huge.jpg", "image/jpeg"));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "MDX-IN012"), (r.StatusCode, await Json.ProblemCode(r)));
        Assert.Equal((HttpStatusCode.BadRequest, "MDX-IMG004"), await Upload(TestImages.Png(), "mri.png", "image/png", caption: null));
        var notForm = await c.PostAsync($"/api/cases/{id}/images", new ByteArrayContent(TestImages.Png()) { Headers = { ContentType = new("image/png") } });
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "MDX-WEB415"), (notForm.StatusCode, await Json.ProblemCode(notForm)));
        var noFile = new MultipartFormDataContent { { new StringContent(TestImages.Caption), "caption" } };
        var none = await c.PostAsync($"/api/cases/{id}/images", noFile);
        Assert.Equal((HttpStatusCode.BadRequest, "MDX-IMG006"), (none.StatusCode, await Json.ProblemCode(none)));
        // nothing refused was stored
        var list = await Json.Read(await c.GetAsync($"/api/cases/{id}/images"));
        Assert.Empty(list.GetProperty("images").EnumerateArray());
    }

    [Fact]
    public async Task A_jpeg_with_exif_gps_comes_back_re_encoded_without_the_exif()
    {
        var c = App.As("alice");
        var id = await SaveCase(c);
        var raw = TestImages.JpegWithGps();
        Assert.True(TestImages.Contains(raw, "Exif\0\0"u8.ToArray()) && TestImages.Contains(raw, TestImages.Latitude));
        var created = await Attach(c, id, raw);
        var r = await c.GetAsync(created.GetProperty("url").GetString());
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal(r.Content.Headers.ContentType?.MediaType, created.GetProperty("contentType").GetString());
        Assert.False(TestImages.Contains(bytes, "Exif"u8.ToArray()), "EXIF segment survived");
        Assert.False(TestImages.Contains(bytes, TestImages.Latitude), "GPS latitude survived");
        Assert.False(TestImages.Contains(bytes, [0xFF, 0xE1]) && r.Content.Headers.ContentType?.MediaType == "image/jpeg", "APP1 survived");
        using var back = SKBitmap.Decode(bytes);
        Assert.Equal((96, 128), (back.Width, back.Height));
    }

    [Fact]
    public async Task Another_user_cannot_fetch_or_attach_until_the_case_is_shared()
    {
        var alice = App.As("alice");
        var id = await SaveCase(alice);
        var url = (await Attach(alice, id, TestImages.Png())).GetProperty("url").GetString()!;
        var bob = App.As("bob");
        var denied = await bob.GetAsync(url);
        Assert.Equal((HttpStatusCode.NotFound, "MDX-WEB404"), (denied.StatusCode, await Json.ProblemCode(denied)));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/cases/{id}/images")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/cases/{id}/images", TestImages.Form(TestImages.Png(), "x.png", "image/png"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.As(null).GetAsync(url)).StatusCode);
        // the image id alone does not open it under another case of bob's
        var bobs = await SaveCase(bob);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(url.Replace(id, bobs))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.PostAsync($"/api/cases/{id}/shares", Json.Body(new { user = "bob" }))).StatusCode);
        var shared = await bob.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal("image/png", shared.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_image_is_kept_by_later_versions_and_not_shown_with_earlier_ones()
    {
        var c = App.As("alice");
        var id = await SaveCase(c);
        await Attach(c, id, TestImages.Png(), "first image, attached to version 1");
        var put = await c.PutAsync($"/api/cases/{id}", Json.Body(Samples.SeedCase));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var v2 = await Json.Read(await c.GetAsync($"/api/cases/{id}/images"));
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        var kept = Assert.Single(v2.GetProperty("images").EnumerateArray());
        Assert.Equal(1, kept.GetProperty("version").GetInt32());

        await Attach(c, id, TestImages.Png(), "second image, attached to version 2");
        var now = await Json.Read(await c.GetAsync($"/api/cases/{id}/images"));
        Assert.Equal(2, now.GetProperty("images").GetArrayLength());
        var v1 = await Json.Read(await c.GetAsync($"/api/cases/{id}/images?version=1"));
        Assert.Equal(["first image, attached to version 1"], v1.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("caption").GetString()));
    }

    [Fact]
    public async Task The_case_report_places_the_image_as_figure_1_with_its_legend_in_html_and_pdf()
    {
        var c = App.As("alice");
        var id = await SaveCase(c);
        var plain = await (await c.GetAsync($"/api/cases/{id}/report?format=html")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<figure class=\"key-image\">", plain); // without an image, Figure 1 is the imaging described in words
        await Attach(c, id, TestImages.Png());

        var html = await (await c.GetAsync($"/api/cases/{id}/report?format=html")).Content.ReadAsStringAsync();
        var figure = html.IndexOf("<figure class=\"key-image\">", StringComparison.Ordinal);
        Assert.True(figure >= 0, "no key-image figure in the HTML report");
        var fig = html[figure..html.IndexOf("</figure>", figure, StringComparison.Ordinal)];
        Assert.Contains("data:image/png;base64,", fig);
        Assert.Contains("Figure 1.", fig);
        Assert.Contains(TestImages.Caption, System.Net.WebUtility.HtmlDecode(fig));

        var pdf = await c.GetAsync($"/api/cases/{id}/report?format=pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var doc = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", doc.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Figure 1.", text);
        Assert.Contains("intramedullary nodule in the conus medullaris", text);
        Assert.Contains(doc.GetPages(), p => p.GetImages().Any());
        Assert.InRange(doc.NumberOfPages, 2, 5); // the figure does not push the demo case past five pages
    }

    [Fact]
    public async Task The_fhir_export_carries_the_image_as_media_with_caption_type_and_data()
    {
        var c = App.As("alice");
        var id = await SaveCase(c);
        var url = (await Attach(c, id, TestImages.Png())).GetProperty("url").GetString()!;
        var served = await (await c.GetAsync(url)).Content.ReadAsByteArrayAsync();
        using var bundle = JsonDocument.Parse(await (await c.GetAsync($"/api/cases/{id}/fhir")).Content.ReadAsStringAsync());
        var entries = bundle.RootElement.GetProperty("entry").EnumerateArray().ToList();
        var media = Assert.Single(entries, e => e.GetProperty("resource").GetProperty("resourceType").GetString() == "Media");
        var content = media.GetProperty("resource").GetProperty("content");
        Assert.Equal("image/png", content.GetProperty("contentType").GetString());
        Assert.Equal($"Figure 1. {TestImages.Caption}", content.GetProperty("title").GetString());
        Assert.Equal(served, content.GetProperty("data").GetBytesFromBase64());
        var mediaUrl = media.GetProperty("fullUrl").GetString();
        Assert.Contains(entries, e => e.GetProperty("resource").TryGetProperty("media", out var m)
            && m.EnumerateArray().Any(x => x.GetProperty("link").GetProperty("reference").GetString() == mediaUrl));
    }

    [Fact]
    public async Task The_case_page_uploads_an_image_and_shows_it_with_its_caption()
    {
        var alice = App.As("alice");
        var id = await SaveCase(alice);
        var browser = await SignedIn("alice");
        var page = await browser.GetStringAsync($"/cases/{id}");
        Assert.Contains("id=\"image-form\"", page);
        Assert.Matches($"<form method=\"post\" enctype=\"multipart/form-data\"[^>]*action=\"/cases/{id}\\?handler=Image\"|<form[^>]*action=\"/cases/{id}\\?handler=Image\"[^>]*enctype=\"multipart/form-data\"", page);
        Assert.DoesNotContain("<figure class=\"key-image\">", page);
        var token = TokenRx().Match(page[page.IndexOf("id=\"image-form\"", StringComparison.Ordinal)..]).Groups[1].Value;

        var post = await browser.PostAsync($"/cases/{id}?handler=Image", TestImages.Form(TestImages.Png(), "mri.png", "image/png", token: token));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var shown = await browser.GetStringAsync(post.Headers.Location!.ToString());
        Assert.Contains("<figure class=\"key-image\">", shown);
        Assert.Contains("<strong>Figure 1.</strong> " + TestImages.Caption, System.Net.WebUtility.HtmlDecode(shown));
        var src = ImgRx().Match(shown).Groups[1].Value;
        var img = await browser.GetAsync(src); // the browser's cookie opens it, as the page's <img> does
        Assert.Equal(HttpStatusCode.OK, img.StatusCode);
        Assert.Equal("image/png", img.Content.Headers.ContentType?.MediaType);

        // a GIF through the page: refused, the code shown on the page, nothing added
        token = TokenRx().Match(shown[shown.IndexOf("id=\"image-form\"", StringComparison.Ordinal)..]).Groups[1].Value;
        var bad = await browser.PostAsync($"/cases/{id}?handler=Image", TestImages.Form(TestImages.Gif(), "scan.png", "image/png", token: token));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"image-error\"", body);
        Assert.Contains("MDX-IMG001", body);
        Assert.Single(ImgRx().Matches(body));

        // the owner removes it from the page
        token = TokenRx().Match(shown).Groups[1].Value;
        var imageId = src[(src.LastIndexOf('/') + 1)..];
        var remove = await browser.PostAsync($"/cases/{id}?handler=RemoveImage", new FormUrlEncodedContent(new Dictionary<string, string> { ["imageId"] = imageId, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.DoesNotContain("<figure class=\"key-image\">", await browser.GetStringAsync($"/cases/{id}"));
    }

    [Fact]
    public async Task An_image_attached_by_mistake_is_removed_from_every_version_by_the_owner_only()
    {
        var alice = App.As("alice");
        var id = await SaveCase(alice);
        var url = (await Attach(alice, id, TestImages.Png(), "another patient's scan")).GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsync($"/api/cases/{id}", Json.Body(Samples.SeedCase))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.PostAsync($"/api/cases/{id}/shares", Json.Body(new { user = "bob" }))).StatusCode);
        var bob = await App.As("bob").DeleteAsync(url);
        Assert.Equal((HttpStatusCode.Forbidden, "MDX-AUTH003"), (bob.StatusCode, await Json.ProblemCode(bob)));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(url)).StatusCode);
        foreach (var v in new[] { 1, 2 })
            Assert.Empty((await Json.Read(await alice.GetAsync($"/api/cases/{id}/images?version={v}"))).GetProperty("images").EnumerateArray());
        var audit = await Json.Read(await alice.GetAsync($"/api/cases/{id}/audit"));
        Assert.Contains(audit.GetProperty("audit").EnumerateArray(), a => a.GetProperty("action").GetString() == "image-remove" && a.GetProperty("status").GetInt32() == 204);
    }

    [PostgresFact]
    public async Task On_postgres_an_image_is_stored_with_its_version_kept_by_the_next_and_served_byte_for_byte()
    {
        using var db = TestDatabase.Postgres();
        using var app = new WebApp(db);
        var c = app.As("alice");
        var id = await SaveCase(c);
        var created = await Attach(c, id, TestImages.JpegWithGps());
        Assert.Equal(HttpStatusCode.OK, (await c.PutAsync($"/api/cases/{id}", Json.Body(Samples.SeedCase))).StatusCode);
        var list = await Json.Read(await c.GetAsync($"/api/cases/{id}/images"));
        var kept = Assert.Single(list.GetProperty("images").EnumerateArray());
        Assert.Equal((2, 1), (list.GetProperty("version").GetInt32(), kept.GetProperty("version").GetInt32()));
        var first = await (await c.GetAsync(created.GetProperty("url").GetString())).Content.ReadAsByteArrayAsync();
        Assert.Equal("image/png", ImageTypeOf(first));
        Assert.False(TestImages.Contains(first, TestImages.Latitude));
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bob").GetAsync(created.GetProperty("url").GetString())).StatusCode);
    }

    private static string? ImageTypeOf(byte[] b) => b is [0x89, 0x50, 0x4E, 0x47, ..] ? "image/png" : b is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg" : null;

    [Fact]
    public async Task A_browser_upload_to_the_api_without_the_page_token_is_refused()
    {
        var id = await SaveCase(App.As("alice"));
        var browser = await SignedIn("alice");
        var r = await browser.PostAsync($"/api/cases/{id}/images", TestImages.Form(TestImages.Png(), "mri.png", "image/png"));
        Assert.Equal((HttpStatusCode.Forbidden, "MDX-AUTH003"), (r.StatusCode, await Json.ProblemCode(r)));
        var list = await Json.Read(await App.As("alice").GetAsync($"/api/cases/{id}/images"));
        Assert.Empty(list.GetProperty("images").EnumerateArray());
    }
}
