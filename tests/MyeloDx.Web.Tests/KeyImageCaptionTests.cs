using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Correcting the caption (figure legend) of an attached key image, through the API and on the case page: the new
/// legend shows wherever the image does (every version, the report), a refused caption keeps the old one, and the
/// audit trail records the correction.
/// </summary>
public sealed partial class KeyImageCaptionTests(AppFixture f) : IClassFixture<AppFixture>
{
    private const string Corrected = "Sagittal T2-weighted MRI: an enhancing intramedullary nodule at the conus (T12-L1), corrected legend";

    private WebApp App => f.App;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRx();

    private static HttpRequestMessage Patch(string url, string body, string type = "application/json") =>
        new(HttpMethod.Patch, url) { Content = new StringContent(body, Encoding.UTF8, type) };

    private static async Task<string[]> Captions(HttpClient c, string id, int? version = null) =>
        (await Json.Read(await c.GetAsync($"/api/cases/{id}/images{(version is { } v ? $"?version={v}" : "")}")))
        .GetProperty("images").EnumerateArray().Select(i => i.GetProperty("caption").GetString()!).ToArray();

    [Fact]
    public async Task A_corrected_caption_shows_with_every_version_and_in_the_report_and_is_audited()
    {
        var c = App.As("alice");
        var id = await KeyImageTests.SaveCase(c);
        var url = (await KeyImageTests.Attach(c, id, TestImages.Png())).GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await c.PutAsync($"/api/cases/{id}", Json.Body(Samples.SeedCase))).StatusCode);

        var r = await c.SendAsync(Patch(url, System.Text.Json.JsonSerializer.Serialize(new { caption = "  " + Corrected + " " })));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(Corrected, (await Json.Read(r)).GetProperty("caption").GetString());
        Assert.Equal([Corrected], await Captions(c, id));
        Assert.Equal([Corrected], await Captions(c, id, 1));

        var html = System.Net.WebUtility.HtmlDecode(await (await c.GetAsync($"/api/cases/{id}/report?format=html")).Content.ReadAsStringAsync());
        Assert.Contains(Corrected, html);
        Assert.DoesNotContain(TestImages.Caption, html);
        var audit = await Json.Read(await c.GetAsync($"/api/cases/{id}/audit"));
        Assert.Contains(audit.GetProperty("audit").EnumerateArray(), a => a.GetProperty("action").GetString() == "image-caption" && a.GetProperty("status").GetInt32() == 200);
        Assert.DoesNotContain("corrected legend", audit.GetRawText()); // the audit trail never holds case content
    }

    [Fact]
    public async Task A_refused_caption_edit_is_coded_and_keeps_the_old_legend()
    {
        var alice = App.As("alice");
        var id = await KeyImageTests.SaveCase(alice);
        var url = (await KeyImageTests.Attach(alice, id, TestImages.Png())).GetProperty("url").GetString()!;
        async Task<(HttpStatusCode, string)> Try(HttpClient c, string body, string type = "application/json")
        {
            var r = await c.SendAsync(Patch(url, body, type));
            return (r.StatusCode, await Json.ProblemCode(r));
        }
        Assert.Equal((HttpStatusCode.BadRequest, "MDX-IMG004"), await Try(alice, """{"caption": "   "}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "MDX-IMG004"), await Try(alice, $$"""{"caption": "{{new string('x', 501)}}"}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "MDX-IMG004"), await Try(alice, """{"legend": "wrong field"}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "MDX-IN001"), await Try(alice, """{"caption": """));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "MDX-WEB415"), await Try(alice, "caption=x", "application/x-www-form-urlencoded"));
        // someone the case is not shared with cannot tell it exists
        Assert.Equal(HttpStatusCode.NotFound, (await Try(App.As("bob"), """{"caption": "bob's legend"}""")).Item1);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.SendAsync(Patch($"/api/cases/{id}/images/999999", """{"caption": "no such image"}"""))).StatusCode);
        Assert.Equal([TestImages.Caption], await Captions(alice, id));
    }

    [Fact]
    public async Task The_case_page_corrects_a_caption_and_shows_a_refusal_with_its_code()
    {
        var id = await KeyImageTests.SaveCase(App.As("alice"));
        var imageId = (await KeyImageTests.Attach(App.As("alice"), id, TestImages.Png())).GetProperty("id").GetInt64();
        var browser = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await LoginForm.Post(browser, "alice", WebApp.Password)).StatusCode);

        var page = await browser.GetStringAsync($"/cases/{id}");
        Assert.Contains($"id=\"caption-{imageId}\"", page);
        Assert.Contains($"action=\"/cases/{id}?handler=Caption\"", page);
        var token = TokenRx().Match(page).Groups[1].Value;
        FormUrlEncodedContent Form(string caption) => new(new Dictionary<string, string>
        {
            ["imageId"] = imageId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["caption"] = caption, ["__RequestVerificationToken"] = token,
        });

        var post = await browser.PostAsync($"/cases/{id}?handler=Caption", Form(Corrected));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var shown = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(post.Headers.Location!.ToString()));
        Assert.Contains("Caption saved.", shown);
        Assert.Contains("<strong>Figure 1.</strong> " + Corrected, shown);

        var bad = await browser.PostAsync($"/cases/{id}?handler=Caption", Form(" "));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"image-error\"", body);
        Assert.Contains("MDX-IMG004", body);
        Assert.Equal([Corrected], await Captions(App.As("alice"), id));

        // without the page's token the form is refused (a form on another site cannot change a legend)
        var forged = await browser.PostAsync($"/cases/{id}?handler=Caption", new FormUrlEncodedContent(new Dictionary<string, string> { ["imageId"] = "1", ["caption"] = "forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }
}
