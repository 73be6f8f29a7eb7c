using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace MyeloDx.Web.Tests;

/// <summary>What a clinician does on the assessment and case pages, in Chromium against `myelodx serve`.</summary>
public sealed class ClinicianBrowserTests
{
    private static async Task AssessNote(IPage page)
    {
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync(Samples.SeedNote);
        await page.ClickAsync("#assess-note");
        await page.WaitForSelectorAsync("#leading-diagnosis, #error");
    }

    [BrowserFact]
    public async Task The_note_is_marked_with_readable_labels_and_the_population_and_what_if_update_in_place()
    {
        await using var s = await BrowserSession.Start("carol");
        var page = s.Page;
        await AssessNote(page);

        // the note as typed (no template whitespace), with marks that carry readable labels, and a legend
        Assert.Equal(Samples.SeedNote.Trim(), (await page.EvaluateAsync<string>("() => { const n = document.getElementById('note').cloneNode(true); n.querySelectorAll('.sr-only').forEach(x => x.remove()); return n.textContent; }")).Trim());
        var labels = await page.Locator("#note mark").EvaluateAllAsync<string[]>("ms => ms.map(m => m.title)");
        Assert.True(labels.Length > 3, "the findings read from the note are not highlighted");
        Assert.All(labels, l => Assert.DoesNotMatch("^[a-z]+(_[a-z]+)+", l));
        Assert.Contains(labels, l => l.Contains("metastases", StringComparison.OrdinalIgnoreCase));
        foreach (var kind in new[] { "finding", "negated", "uncertain", "historical" })
            Assert.Equal(1, await page.Locator($"ul.legend mark.m-{kind}").CountAsync());
        Assert.Equal("intramedullary_metastasis", await page.GetAttributeAsync("#leading-diagnosis", "data-id"));
        var main = await page.InnerTextAsync("main");
        // no unrounded probability such as 0.9213044280000001 (a DOI such as 10.1200/... is not one)
        Assert.DoesNotMatch(@"(?<![\w./:])\d+\.\d{6,}(?![\w/])", main);
        Assert.Contains("does not replace, clinical judgment", main);
        // every citation link has text and goes somewhere
        var links = await page.Locator("#result a[href]").EvaluateAllAsync<string[]>("as => as.map(a => a.textContent.trim() + ' ' + a.href)");
        Assert.All(links, l => Assert.Matches(@"^\S.* https?://", l));
        await page.ScreenshotAsync(new() { Path = s.Shot("desktop.png"), FullPage = false });

        // the next tests as the browser shows them are the CLI's, in the same order (issue #14: one decision service)
        var shown = await page.Locator("#result .test-name").EvaluateAllAsync<string[]>("ns => ns.map(n => n.textContent.trim())");
        Assert.NotEmpty(shown);
        var notePath = Path.Combine(Path.GetTempPath(), $"mdx-note-{Guid.NewGuid():N}.txt");
        File.WriteAllText(notePath, Samples.SeedNote);
        try
        {
            var cli = JsonNode.Parse(DecisionSurfacesTests.Cli("assess", notePath, "--format", "json"))!;
            Assert.Equal(cli["nextTests"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToArray(), shown);
        }
        finally { File.Delete(notePath); }

        // the population is a visible choice; switching it updates the numbers without reloading the page
        await page.EvaluateAsync("() => { window.__same = 'yes'; }");
        var before = await page.InnerTextAsync("#leading-pct");
        var other = await page.EvalOnSelectorAsync<string>("#population", "s => [...s.options].find(o => !o.selected).value");
        await page.SelectOptionAsync("#population", other);
        await page.WaitForSelectorAsync("#whatif-result");
        Assert.NotEqual(before, await page.InnerTextAsync("#leading-pct"));
        Assert.Equal(other, await page.InputValueAsync("#population"));
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.__same"));

        // what-if: toggle a finding; the comparison names it, still without a reload
        var toggle = page.Locator("input[name=Toggle][value=brain_metastases]");
        await toggle.CheckAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#whatif-result') && document.querySelector('#whatif-result').textContent.includes('Brain metastases')");
        Assert.True(await page.Locator("input[name=Toggle][value=brain_metastases]").IsCheckedAsync());
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.__same"));
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("#sensitivity")));

        // phone: no horizontal scroll, chart text at least 12 px
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "horizontal scroll at 390 px");
        var smallest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('#chart .bar-label, #chart .bar-value')].map(e => parseFloat(getComputedStyle(e).fontSize)))");
        Assert.True(smallest >= 12, $"chart text {smallest}px");
        await page.Locator("#chart").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = s.Shot("phone.png") });

        // print preview: no navigation or forms, the result stays, and nothing navigates
        var url = page.Url;
        await page.SetViewportSizeAsync(794, 1123);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("header.top nav"));
        Assert.False(await page.IsVisibleAsync("#input-form"));
        Assert.True(await page.IsVisibleAsync("#chart"));
        Assert.Equal(url, page.Url);
        await page.ScreenshotAsync(new() { Path = s.Shot("print.png") });
    }

    [BrowserFact]
    public async Task A_saved_case_is_edited_to_version_2_and_its_one_page_summary_opens_as_a_pdf()
    {
        await using var s = await BrowserSession.Start("dave");
        var page = s.Page;
        await page.ClickAsync("#demo");
        await page.WaitForSelectorAsync("#leading-diagnosis");
        Assert.Equal("intramedullary_metastasis", await page.GetAttributeAsync("#leading-diagnosis", "data-id"));
        await page.GetByLabel("Title (optional, no identifiers)").FillAsync("Conus case");
        await page.ClickAsync("#save");
        await page.WaitForURLAsync(new Regex("/cases/[a-z0-9]{16}\\?saved=true$"));
        var caseUrl = page.Url.Split('?')[0];

        // the one-page summary opens in the browser as a PDF
        var href = await page.GetAttributeAsync("#open-summary-pdf", "href");
        var pdf = await page.APIRequest.GetAsync(href!);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("inline", pdf.Headers["content-disposition"]);
        using (var doc = PdfDocument.Open(await pdf.BodyAsync())) Assert.Equal(1, doc.NumberOfPages);

        // edit: a positive CSF cytology, saved as version 2, listed with version 1
        await page.ClickAsync("#edit-case");
        var json = JsonNode.Parse(await page.InputValueAsync("#edit-json"))!.AsObject();
        if (json["labs"] is not JsonObject labs) json["labs"] = labs = new JsonObject();
        labs["csf"] = new JsonObject { ["cytology"] = "positive" };
        await page.FillAsync("#edit-json", json.ToJsonString());
        await page.ClickAsync("#save-version");
        await page.WaitForURLAsync(caseUrl + "?saved=true");
        Assert.Equal("Saved as version 2.", (await page.InnerTextAsync("#saved")).Trim());
        Assert.Equal(2, await page.Locator("#versions li").CountAsync());
        Assert.Contains("Version 1", await page.InnerTextAsync("#versions"));
        Assert.Contains("showing version 2 of 2", await page.InnerTextAsync("main"));
        await page.GotoAsync(caseUrl + "?version=1");
        Assert.Contains("showing version 1 of 2", await page.InnerTextAsync("main"));

        // a key image uploaded through the page's form: shown as Figure 1 with its legend, and it really loads
        await page.GotoAsync(caseUrl);
        var png = Path.Combine(s.DataDir, "sagittal-t2.png");
        File.WriteAllBytes(png, TestImages.Png());
        await page.SetInputFilesAsync("#image-file", png);
        await page.FillAsync("#image-caption", "Sagittal T2: swollen conus with an enhancing nodule (test image).");
        await page.ClickAsync("#image-form button[type=submit]");
        await page.WaitForSelectorAsync("figure.key-image");
        Assert.Contains("Figure 1.", await page.InnerTextAsync("figure.key-image"));
        Assert.Contains("swollen conus", await page.InnerTextAsync("figure.key-image"));
        // the figure is in the page before its image has arrived; on a busy machine the load takes a moment, so wait for
        // it (a broken image never gets a width and fails after the timeout)
        try
        {
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('figure.key-image img'); return !!i && i.complete && i.naturalWidth > 0; }",
                null, new() { Timeout = 15_000 });
        }
        catch (PlaywrightException) { } // timed out: the assertion below says what failed
        Assert.True(await page.EvalOnSelectorAsync<int>("figure.key-image img", "i => i.complete ? i.naturalWidth : 0") > 0, "the image does not load");
        await page.Locator("figure.key-image").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = s.Shot("case-with-image.png") });

        // the legend corrected on the page: it replaces the old one, and the image stays
        await page.ClickAsync("figure.key-image details.caption-edit summary");
        await page.FillAsync("figure.key-image details.caption-edit textarea", "Sagittal T2: swollen conus with an enhancing nodule at T12-L1 (corrected legend).");
        await page.ClickAsync("figure.key-image details.caption-edit button[type=submit]");
        await page.WaitForSelectorAsync("#saved");
        Assert.Equal("Caption saved.", (await page.InnerTextAsync("#saved")).Trim());
        var legend = await page.InnerTextAsync("figure.key-image figcaption");
        Assert.Contains("(corrected legend)", legend);
        Assert.DoesNotContain("swollen conus with an enhancing nodule (test image)", legend);
        Assert.Equal(1, await page.Locator("figure.key-image img").CountAsync());
    }

    [BrowserFact]
    public async Task The_main_pages_have_no_serious_or_critical_accessibility_violations()
    {
        var axe = AxeCore.Script();
        if (axe is null) { Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "axe-core missing in CI (.ci/setup.d/axe-core.sh)"); return; }
        await using var s = await BrowserSession.Start("erin", bypassCsp: true);
        var page = s.Page;
        var found = new List<string>();
        async Task Check(string what)
        {
            await page.AddScriptTagAsync(new() { Content = axe });
            var v = await page.EvaluateAsync<string[]>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))");
            found.AddRange(v.Select(x => what + " — " + x));
        }
        await Check("assess (empty)");
        await AssessNote(page);
        await Check("assess (result)");
        await page.GetByLabel("Title (optional, no identifiers)").FillAsync("Axe case");
        await page.ClickAsync("#save");
        await page.WaitForURLAsync(new Regex("/cases/[a-z0-9]{16}\\?saved=true$"));
        await Check("case");
        // a key image with its figure, the caption editor opened, and the remove button
        var png = Path.Combine(s.DataDir, "axe.png");
        File.WriteAllBytes(png, TestImages.Png());
        await page.SetInputFilesAsync("#image-file", png);
        await page.FillAsync("#image-caption", "Sagittal T2 (test image).");
        await page.ClickAsync("#image-form button[type=submit]");
        await page.WaitForSelectorAsync("figure.key-image");
        await page.ClickAsync("figure.key-image details.caption-edit summary");
        await Check("case with a key image");
        await page.ClickAsync("#edit-case");
        await Check("edit");
        await page.GotoAsync("/cases");
        await Check("cases");
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/login");
        await Check("login");
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}

/// <summary>axe-core from its npm package (installed by .ci/setup.d/axe-core.sh, or named by AXE_CORE_JS); never committed.</summary>
internal static class AxeCore
{
    public static string? Script()
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("AXE_CORE_JS"),
            Path.Combine(Samples.Root, ".ci", "node_modules", "axe-core", "axe.min.js"),
        };
        var path = candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
        return path is null ? null : File.ReadAllText(path);
    }
}
