using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MyeloDx.Web.Tests;

/// <summary>
/// One decision service for every surface: for ten assorted cases the CLI JSON, the REST API, the web page and the
/// CDS Hooks card list the same next tests in the same order, with the same "after …" preconditions and citations,
/// and the urgent first line heads each of them when a time-critical cause is plausible.
/// </summary>
public sealed partial class DecisionSurfacesTests(AppFixture f) : IClassFixture<AppFixture>
{
    private WebApp App => f.App;

    public static TheoryData<string> Cases()
    {
        var d = new TheoryData<string>();
        foreach (var p in Directory.GetFiles(Path.Combine(Samples.Root, "tests", "TestData", "decision-cases"), "*.json").Order(StringComparer.Ordinal)) d.Add(Path.GetFileName(p));
        return d;
    }

    private static string CasePath(string name) => Path.Combine(Samples.Root, "tests", "TestData", "decision-cases", name);

    /// <summary>Each test as "name | after notes | citations", in list order.</summary>
    private static List<string> FromJson(JsonNode json) => json["nextTests"]!.AsArray().Select(t =>
        $"{t!["name"]} | {string.Join(" ; ", t["after"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()))} | {string.Join("", t["citations"]!.AsArray().Select(c => c!.GetValue<string>()))}").ToList();

    /// <summary>The CLI run as a process (also used by the browser tests); fails the test on a non-zero exit.</summary>
    internal static string Cli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "myelodx.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException(string.Join(' ', args)); }
        Assert.Equal(0, p.ExitCode);
        return o.Result;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRx();

    [GeneratedRegex("<(?:span|strong) class=\"test-name\">(.*?)</(?:span|strong)>")]
    private static partial Regex TestNameRx();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Cli_api_web_page_and_cds_card_list_the_same_tests_in_the_same_order(string name)
    {
        var caseJson = File.ReadAllText(CasePath(name));
        var cli = JsonNode.Parse(Cli("assess", CasePath(name), "--format", "json"))!;
        var expected = FromJson(cli);
        Assert.NotEmpty(expected);

        // REST API
        var api = JsonNode.Parse(await (await App.As("alice").PostAsync("/api/assessments", Json.Body(caseJson))).Content.ReadAsStringAsync())!;
        Assert.Equal(expected, FromJson(api));
        Assert.Equal(cli["firstAction"]?["text"]?.GetValue<string>(), api["firstAction"]?["text"]?.GetValue<string>());
        Assert.Equal(cli["withheldTests"]!.ToJsonString(), api["withheldTests"]!.ToJsonString());

        // web page (signed in, as a person uses it)
        var c = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var t = TokenRx().Match(await c.GetStringAsync("/login")).Groups[1].Value;
        await c.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "alice", ["Password"] = WebApp.Password, ["__RequestVerificationToken"] = t }));
        t = TokenRx().Match(await c.GetStringAsync("/")).Groups[1].Value;
        var html = await (await c.PostAsync("/?handler=Assess", new FormUrlEncodedContent(new Dictionary<string, string> { ["Mode"] = "json", ["CaseJsonText"] = caseJson, ["__RequestVerificationToken"] = t }))).Content.ReadAsStringAsync();
        var names = TestNameRx().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(cli["nextTests"]!.AsArray().Select(x => x!["name"]!.GetValue<string>()), names);
        var page = WebUtility.HtmlDecode(html);
        // each precondition with its citation: a number of the page's reference list, or an estimate with its reason (never a source id)
        foreach (var (note, cite) in cli["nextTests"]!.AsArray().SelectMany(x => x!["after"]!.AsArray())
                     .Select(a => (a!["text"]!.GetValue<string>(), a["citation"]!.GetValue<string>())).Distinct())
        {
            Assert.Contains($"{note} <span class=\"muted\">{cite}</span>", page);
            if (cite.StartsWith("estimate: ", StringComparison.Ordinal)) continue;
            Assert.Matches(@"^\[\d+\]$", cite);
            Assert.Contains($"<li value=\"{cite.Trim('[', ']')}\">", page);
        }
        if (cli["firstAction"] is { } fa)
        {
            var at = html.IndexOf("id=\"first-action\"", StringComparison.Ordinal);
            Assert.True(at > 0 && at < html.IndexOf("id=\"result-h\"", StringComparison.Ordinal), "the urgent line must head the result");
            Assert.Contains(fa["text"]!.GetValue<string>(), page);
        }

        // CDS Hooks: the same JSON sections rendered as the card the EHR shows
        var svc = WebApp.Service;
        var input = svc.FromCase(MyeloDx.Core.Cases.CaseJson.Parse(caseJson));
        var json = svc.Document(input, svc.Assess(input));
        var card = MyeloDx.Web.Cds.CdsRecommendations.TestsMarkdown(json);
        var lines = card.Split('\n').Where(l => Regex.IsMatch(l, @"^\d+\. ")).Select(l => Regex.Replace(l, @"^\d+\. ", "")).ToList();
        Assert.Equal(cli["nextTests"]!.AsArray().Select(x => $"{x!["name"]} {string.Join("", x["citations"]!.AsArray().Select(z => z!.GetValue<string>()))}".TrimEnd()), lines);
        if (cli["firstAction"] is not null)
            Assert.NotNull(MyeloDx.Web.Cds.CdsRecommendations.UrgentCard(json, new MyeloDx.Web.Cds.CdsSource("MyeloDx", "http://localhost"), "http://localhost"));

        // FHIR export (the web's GET /api/cases/{id}/fhir and `myelodx fhir export`): a RequestGroup of proposals
        var bundle = JsonNode.Parse(WebApp.Features.FhirExporter!.Export(input, svc.Assess(input)))!;
        var group = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Single(r => r["resourceType"]!.GetValue<string>() == "RequestGroup");
        var actions = group["action"]!.AsArray();
        var stat = actions.Where(a => a!["priority"]?.GetValue<string>() == "stat").ToList();
        Assert.Equal(cli["firstAction"] is null ? 0 : 1, stat.Count);
        if (cli["firstAction"] is { } first)
        {
            Assert.Same(actions[0], stat[0]);
            Assert.Equal(first["text"]!.GetValue<string>(), stat[0]!["description"]!.GetValue<string>());
        }
        Assert.Equal(cli["nextTests"]!.AsArray().Select(x => x!["name"]!.GetValue<string>()),
            actions.Where(a => a!["priority"] is null).Select(a => a!["title"]!.GetValue<string>()));
        var withheld = bundle["entry"]!.AsArray().Select(e => e!["resource"]!)
            .Where(r => r["resourceType"]!.GetValue<string>() == "ServiceRequest" && r["doNotPerform"]?.GetValue<bool>() == true)
            .Select(r => r["code"]!["text"]!.GetValue<string>());
        Assert.Equal(cli["withheldTests"]!.AsArray().Select(w => w!["name"]!.GetValue<string>()), withheld);
    }

    [Fact]
    public async Task The_cds_service_puts_the_urgent_card_first_when_compression_is_plausible()
    {
        var svc = WebApp.Service;
        var caseJson = File.ReadAllText(Directory.GetFiles(Path.Combine(Samples.Root, "tests", "TestData", "decision-cases"), "04-*.json").Single());
        var input = svc.FromCase(MyeloDx.Core.Cases.CaseJson.Parse(caseJson));
        var bundle = JsonNode.Parse(WebApp.Features.FhirExporter!.Export(input, svc.Assess(input)))!;
        var resources = bundle["entry"]!.AsArray().Select(e => e!["resource"]!.DeepClone()).ToList();
        JsonObject Search(string type) => new()
        {
            ["resourceType"] = "Bundle", ["type"] = "searchset",
            ["entry"] = new JsonArray(resources.Where(r => r["resourceType"]!.GetValue<string>() == type).Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() }).ToArray()),
        };
        var call = new JsonObject
        {
            ["hook"] = "patient-view", ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/1", ["patientId"] = "p1" },
            ["prefetch"] = new JsonObject
            {
                ["patient"] = resources.First(r => r["resourceType"]!.GetValue<string>() == "Patient").DeepClone(),
                ["conditions"] = Search("Condition"), ["observations"] = Search("Observation"),
                ["procedures"] = Search("Procedure"), ["diagnosticReports"] = Search("DiagnosticReport"),
            },
        };
        var r = await App.As("alice").PostAsync("/cds-services/myelodx-patient-view", Json.Body(call.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var cards = JsonNode.Parse(await r.Content.ReadAsStringAsync())!["cards"]!.AsArray();
        Assert.Equal("critical", cards[0]!["indicator"]!.GetValue<string>());
        Assert.StartsWith("Act within hours", cards[0]!["summary"]!.GetValue<string>());
        Assert.Contains("Next tests, in order", cards[1]!["detail"]!.GetValue<string>());
    }
}
