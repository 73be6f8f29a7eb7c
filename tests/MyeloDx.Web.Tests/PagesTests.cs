using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MyeloDx.Web.Tests;

/// <summary>The server-rendered pages over HTTP: login, CSRF, assess, save, list, view, delete.</summary>
public sealed partial class PagesTests(AppFixture f) : IClassFixture<AppFixture>
{
    private WebApp App => f.App;

    private HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRx();

    private static async Task<string> Token(HttpClient c, string path)
    {
        var html = await c.GetStringAsync(path);
        return TokenRx().Match(html).Groups[1].Value;
    }

    private static async Task<HttpClient> LoggedIn(HttpClient c, string user = "alice")
    {
        var t = await Token(c, "/login");
        var r = await c.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = user, ["Password"] = WebApp.Password, ["__RequestVerificationToken"] = t }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return c;
    }

    [Fact]
    public async Task Pages_redirect_to_login_when_not_signed_in()
    {
        foreach (var p in new[] { "/", "/cases", "/cases/abc" })
        {
            var r = await Browser().GetAsync(p);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/login", r.Headers.Location!.IsAbsoluteUri ? r.Headers.Location.PathAndQuery : r.Headers.Location.ToString());
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_a_right_one_signs_in()
    {
        var c = Browser();
        var t = await Token(c, "/login");
        var bad = await c.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "alice", ["Password"] = "wrong password", ["__RequestVerificationToken"] = t }));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("wrong password", await bad.Content.ReadAsStringAsync());
        await LoggedIn(c);
        var home = await c.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"note\">", html);
        Assert.Contains("supports, and does not replace, clinical judgment", html);
    }

    [Fact]
    public async Task A_form_post_without_the_csrf_token_is_refused()
    {
        var c = await LoggedIn(Browser());
        var r = await c.PostAsync("/?handler=Assess", new FormUrlEncodedContent(new Dictionary<string, string> { ["Mode"] = "json", ["CaseJsonText"] = Samples.SeedCase }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var login = await Browser().PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "alice", ["Password"] = WebApp.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Fact]
    public async Task Assess_save_list_and_view_a_case_through_the_pages()
    {
        var c = await LoggedIn(Browser());
        var t = await Token(c, "/");
        var r = await c.PostAsync("/?handler=Assess", new FormUrlEncodedContent(new Dictionary<string, string> { ["Mode"] = "json", ["CaseJsonText"] = Samples.SeedCase, ["__RequestVerificationToken"] = t }));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("id=\"leading-diagnosis\" data-id=\"intramedullary_metastasis\"", html);
        Assert.Contains("<figure class=\"chart\" id=\"chart\"", html);
        Assert.Contains("Evidence for and against", html);
        Assert.Contains("class=\"caveat\"", html);
        // The sections the assessment carries are on the page.
        var svc = WebApp.Service;
        var input = svc.FromCase(MyeloDx.Core.Cases.CaseJson.Parse(Samples.SeedCase));
        var doc = svc.Document(input, svc.Assess(input));
        Assert.NotEmpty(doc.NextTests!);
        Assert.Contains("id=\"next-tests\"", html);
        Assert.NotNull(doc.Radiotherapy);
        Assert.Contains("Radiotherapy and the cord", html);
        Assert.NotNull(doc.Management);
        Assert.Contains("<h2 id=\"management-h\">Management</h2>", html);
        Assert.Contains("id=\"more-scores\"", html);
        // Save: the hidden body goes back with the token; the registry gets it and we land on the case page.
        var body = WebUtility.HtmlDecode(Regex.Match(html, "name=\"Body\" value=\"([^\"]*)\"").Groups[1].Value);
        var token = TokenRx().Match(html).Groups[1].Value;
        var save = await c.PostAsync("/?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = body, ["Mode"] = "json", ["Title"] = "Conus case", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var page = save.Headers.Location!.ToString();
        Assert.Matches("^/cases/[a-z0-9]{16}\\?saved=true$", page);
        var view = await c.GetStringAsync(page);
        Assert.Contains("Conus case", view);
        Assert.Contains("id=\"saved\"", view);
        Assert.Contains("data-id=\"intramedullary_metastasis\"", view);
        var list = await c.GetStringAsync("/cases?Diagnosis=intramedullary_metastasis");
        Assert.Contains("Conus case", list);
        Assert.DoesNotContain("Conus case", await c.GetStringAsync("/cases?Diagnosis=epidural_cord_compression"));
        // Bob cannot open it.
        var bob = await LoggedIn(Browser(), "bob");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(page)).StatusCode);
        // The browser session reaches the API with its cookie (downloads): the case JSON.
        var id = page.Split('/', '?')[2];
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"/api/cases/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_structured_form_is_assessed_like_the_same_case_json()
    {
        var c = await LoggedIn(Browser());
        var t = await Token(c, "/");
        var form = new Dictionary<string, string>
        {
            ["Mode"] = "form", ["__RequestVerificationToken"] = t,
            ["Form.Age"] = "70", ["Form.Sex"] = "male", ["Form.PrimarySite"] = "prostate", ["Form.CancerStatus"] = "progressing",
            ["Form.OnsetTempo"] = "days", ["Form.Pain"] = "back", ["Form.Syndrome"] = "paraparesis", ["Form.SensoryLevel"] = "T10",
            ["Form.Compartment"] = "epidural", ["Form.ImagingLevels"] = "T9-T10", ["Form.EpiduralDisease"] = "yes",
        };
        var html = await (await c.PostAsync("/?handler=Assess", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        var expected = WebApp.Service.Assess(MyeloDx.Core.Cases.CaseJson.Parse("""
            {"patient":{"ageYears":70,"sex":"male"},"cancer":{"primarySite":"prostate","status":"progressing"},
             "presentation":{"onsetTempo":"days","pain":"back","syndrome":"paraparesis","sensoryLevel":"T10"},
             "imaging":{"compartment":"epidural","levels":"T9-T10","epiduralDisease":true}}
            """)).Leading.Id;
        Assert.Contains($"id=\"leading-diagnosis\" data-id=\"{expected}\"", html);
    }

    [Fact]
    public async Task Bad_json_in_the_form_shows_the_coded_error()
    {
        var c = await LoggedIn(Browser());
        var t = await Token(c, "/");
        var html = await (await c.PostAsync("/?handler=Assess", new FormUrlEncodedContent(new Dictionary<string, string> { ["Mode"] = "json", ["CaseJsonText"] = "{\"patient\": ", ["__RequestVerificationToken"] = t }))).Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("MDX-IN001", html);
    }
}

public sealed class AssessmentViewTests
{
    private static MyeloDx.Core.Contract.AssessmentDocument With(params MyeloDx.Core.Contract.FindingEntry[] findings) => new()
    {
        Leading = "x", Differential = [], Findings = findings, ComputedEvidence = [], UnknownsThatMatter = [], Notes = [], PriorContext = "cancer_clinic", KnowledgeVersion = "k",
    };

    [Fact]
    public void Spans_mark_the_note()
    {
        var doc = With(new("sex", "text", "female", Span: new(14, 5)), new("fever", "text", "absent", Span: new(24, 5)));
        var v = new MyeloDx.Web.Pages.AssessmentView(doc, "A 35-year-old woman, no fever today.", WebApp.Service.Knowledge);
        var parts = v.NoteParts();
        Assert.Equal(["A 35-year-old ", "woman", ", no ", "fever", " today."], parts.Select(p => p.Text).ToArray());
        Assert.Equal("sex", parts[1].Finding!.Finding);
        Assert.Null(parts[0].Finding);
        Assert.Equal(MyeloDx.Web.Input.NoteMarkKind.Negated, v.NoteMarksOrSpans()[1].Kind);
    }

    [Fact]
    public void Overlapping_or_out_of_range_spans_are_dropped_not_thrown()
    {
        var doc = With(new("a", "text", Span: new(0, 4)), new("b", "text", Span: new(2, 4)), new("c", "text", Span: new(8, 50)));
        var parts = new MyeloDx.Web.Pages.AssessmentView(doc, "abcdefghij", WebApp.Service.Knowledge).NoteParts();
        Assert.Equal("abcdefghij", string.Concat(parts.Select(p => p.Text)));
        Assert.Single(parts, p => p.Finding is not null);
    }
}
