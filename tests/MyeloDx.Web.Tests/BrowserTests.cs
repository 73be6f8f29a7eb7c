using Microsoft.Playwright;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Tests;

/// <summary>Needs Debian's Chromium (.ci/setup.d/chromium.sh): skipped with its reason only outside CI when it is missing.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"browser tests need {Chromium} (apt-get install -y chromium; .ci/setup.d/chromium.sh does it in CI)";
    }
}

/// <summary>A clinician in a real browser against `myelodx serve`: log in, paste the demo note, read the result, save, find, download the FHIR bundle.</summary>
public sealed class BrowserTests
{
    private static async Task<IBrowser> Launch(IPlaywright pw) => await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = BrowserFactAttribute.Chromium,
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    [BrowserFact]
    public async Task A_clinician_assesses_the_demo_note_saves_it_finds_it_and_downloads_the_report()
    {
        using var db = TestDatabase.Sqlite();
        UserAdmin.Add(db.Settings, "carol", Roles.Clinician, WebApp.Password);
        using var server = await ServerProcess.Start(db.DataDir);
        using var pw = await Playwright.CreateAsync();
        await using var browser = await Launch(pw);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl, AcceptDownloads = true, BypassCSP = true });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        Assert.EndsWith("/login?ReturnUrl=%2F", page.Url);
        await page.GetByLabel("User name").FillAsync("carol");
        await page.GetByLabel("Password").FillAsync(WebApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(server.BaseUrl + "/");

        await page.GetByLabel("Note", new() { Exact = true }).FillAsync(Samples.SeedNote);
        await page.ClickAsync("#assess-note");
        await page.WaitForSelectorAsync("#leading-diagnosis, #error");
        Assert.True(await page.Locator("#note mark").CountAsync() > 3, "the findings read from the note are not highlighted");
        Assert.Equal("intramedullary_metastasis", await page.GetAttributeAsync("#leading-diagnosis", "data-id"));
        Assert.Equal("intramedullary_metastasis", await page.GetAttributeAsync("#differential tbody tr:first-child", "data-id"));
        Assert.Equal(15, await page.Locator("#chart ol.bars li").CountAsync());
        Assert.Contains("does not replace, clinical judgment", await page.InnerTextAsync("main"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(db.DataDir, "myelodx-result.png"), FullPage = true });

        await page.GetByLabel("Title (optional, no identifiers)").FillAsync("Browser conus case");
        await page.ClickAsync("#save");
        await page.WaitForLoadStateAsync();
        if (!page.Url.Contains("/cases/")) Assert.Fail("save did not reach the case page: " + page.Url + "\n" + (await page.InnerTextAsync("main"))[..Math.Min(600, (await page.InnerTextAsync("main")).Length)]);
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/cases/[a-z0-9]{16}\\?saved=true$"));
        Assert.Equal("Saved.", (await page.InnerTextAsync("#saved")).Trim());

        await page.GotoAsync("/cases");
        await page.GetByLabel("Leading diagnosis").SelectOptionAsync("intramedullary_metastasis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Browser conus case" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/cases/[a-z0-9]{16}$"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-fhir"));
        Assert.EndsWith(".fhir.json", download.SuggestedFilename);
    }

    [BrowserFact]
    public async Task Every_field_of_the_assessment_form_is_labelled_and_reachable_by_keyboard()
    {
        using var db = TestDatabase.Sqlite();
        UserAdmin.Add(db.Settings, "dave", Roles.Clinician, WebApp.Password);
        using var server = await ServerProcess.Start(db.DataDir);
        using var pw = await Playwright.CreateAsync();
        await using var browser = await Launch(pw);
        var page = await (await browser.NewContextAsync(new() { BaseURL = server.BaseUrl, BypassCSP = true })).NewPageAsync();
        await page.GotoAsync("/login");
        // Keyboard only: Tab into the fields, type, Enter.
        await page.FocusAsync("#name");
        await page.Keyboard.TypeAsync("dave");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(WebApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(server.BaseUrl + "/");
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.name || e.id)");
        Assert.Empty(unlabelled);
        var untabbable = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea, main button')].filter(e => e.tabIndex < 0 || e.disabled).map(e => e.name || e.id)");
        Assert.Empty(untabbable);
    }
}
