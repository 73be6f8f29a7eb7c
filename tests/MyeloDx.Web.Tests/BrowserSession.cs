using Microsoft.Playwright;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Tests;

/// <summary>`myelodx serve` on a free loopback port, Debian's Chromium, and a signed-in clinician's page.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public IPage Page { get; private set; } = null!;
    public IBrowserContext Context { get; private set; } = null!;
    public string BaseUrl => _server.BaseUrl;
    public string DataDir => _db.DataDir;
    private readonly TestDatabase _db;
    private readonly ServerProcess _server;
    private readonly IPlaywright _pw;
    private IBrowser _browser = null!;

    private BrowserSession(TestDatabase db, ServerProcess server, IPlaywright pw) { _db = db; _server = server; _pw = pw; }

    /// <param name="bypassCsp">Only for injecting axe-core; the other tests run our script under the real policy.</param>
    public static async Task<BrowserSession> Start(string user, bool bypassCsp = false)
    {
        var db = TestDatabase.Sqlite();
        UserAdmin.Add(db.Settings, user, Roles.Clinician, WebApp.Password);
        var server = await ServerProcess.Start(db.DataDir);
        var s = new BrowserSession(db, server, await Playwright.CreateAsync());
        s._browser = await s._pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        s.Context = await s._browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, BypassCSP = bypassCsp, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        s.Page = await s.Context.NewPageAsync();
        await s.Page.GotoAsync("/login");
        await s.Page.GetByLabel("User name").FillAsync(user);
        await s.Page.GetByLabel("Password").FillAsync(WebApp.Password);
        await s.Page.Keyboard.PressAsync("Enter");
        await s.Page.WaitForURLAsync(server.BaseUrl + "/");
        return s;
    }

    /// <summary>Where a screenshot goes: MYELODX_SCREENSHOTS (to refresh docs/screenshots) or the test's temporary folder.</summary>
    public string Shot(string name) =>
        Path.Combine(Environment.GetEnvironmentVariable("MYELODX_SCREENSHOTS") is { Length: > 0 } d ? d : _db.DataDir, name);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _pw.Dispose();
        _server.Dispose();
        _db.Dispose();
    }
}
