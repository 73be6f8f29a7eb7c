using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;
using MyeloDx.Web.Api;
using MyeloDx.Web.Input;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;
using Scalar.AspNetCore;

namespace MyeloDx.Web;

/// <summary>How `myelodx serve` (or the standalone host) starts the web app.</summary>
public sealed record WebHostOptions
{
    public string? Urls { get; init; }
    /// <summary>The knowledge folder when <see cref="WebFeatures.Assessment"/> is not given; null reads <see cref="KnowledgeSetting"/>.</summary>
    public string? KnowledgeFolder { get; init; }
    public string? DataDir { get; init; }
    /// <summary>sqlite (default) or postgres.</summary>
    public string? Database { get; init; }
    public string? Connection { get; init; }
    /// <summary>The features over one composed host (<see cref="Hosting.MyeloDxHost.WebFeatures"/>); null builds them here.</summary>
    public WebFeatures? Features { get; init; }
}

/// <summary>
/// The web application: REST API, CDS Hooks service, Razor pages and the case registry, as a thin shell over the
/// same <see cref="AssessmentService"/> the CLI uses.
/// </summary>
public static class WebHost
{
    public const string ApiPolicy = "api";
    public const string PagesPolicy = "pages";
    internal const string SmartScheme = "smart";

    /// <summary>Configuration keys (settable with --MyeloDx:Data=... or environment MyeloDx__Data).</summary>
    internal const string KeyData = "MyeloDx:Data", KeyDatabase = "MyeloDx:Database", KeyConnection = "MyeloDx:Connection",
        KeyRate = "MyeloDx:RateLimitPerSecond";

    public static WebApplication Build(string[] args, WebHostOptions? options = null)
    {
        options ??= new WebHostOptions();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var cfg = builder.Configuration;
        var overrides = new Dictionary<string, string?>();
        if (options.DataDir is not null) overrides[KeyData] = options.DataDir;
        if (options.Database is not null) overrides[KeyDatabase] = options.Database;
        if (options.Connection is not null) overrides[KeyConnection] = options.Connection;
        if (overrides.Count > 0) cfg.AddInMemoryCollection(overrides);
        ListenAddresses.Validate(options.Urls ?? builder.Configuration["urls"]);
        if (options.Urls is not null) builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = BodyLimit.MaxBytes;
        });
        // One line per request at Information would cost more than the assessment itself; keep the framework quiet
        // unless configured otherwise (Logging:LogLevel:...). Startup lines (Microsoft.Hosting.Lifetime) stay.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        // These categories log exception messages and stack traces that can quote request content or SQL values;
        // Problems.HandleException logs the exception type and site instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Query", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        // Whatever the configuration, categories that quote request content stay at Warning or above.
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<LoggerFilterOptions>, LogPrivacy>();

        var s = builder.Services;
        s.AddSingleton(TimeProvider.System);
        // Read lazily so that test hosts can change the configuration before the app is built.
        s.AddSingleton(sp =>
        {
            var c = sp.GetRequiredService<IConfiguration>();
            return RegistrySettings.Create(c[KeyData], c[KeyDatabase], c[KeyConnection]);
        });
        s.AddScoped<RegistryDb>(sp => sp.GetRequiredService<RegistrySettings>().NewDb());
        s.AddScoped<CaseRegistry>();
        s.AddSingleton<ApiKeyCache>();
        s.AddSingleton<LoginThrottle>();
        s.AddSingleton<IPasswordVerifier, Pbkdf2PasswordVerifier>();
        s.AddSingleton<SignInCheck>();
        s.AddSingleton<AssessmentCache>();
        s.AddSingleton<AssessmentAdmission>();
        // Without a composition from the CLI, the standalone host builds the same full host from the same folder setting
        // the CLI reads, so every feature is present in every host (no "not in this build" answers).
        var f = options.Features ?? Hosting.MyeloDxHost.Create(new MyeloDxOptions { KnowledgeFolder = options.KnowledgeFolder ?? KnowledgeSetting.Folder() }).WebFeatures();
        s.AddSingleton(sp => f.Assessment ?? throw new InvalidOperationException("the web features carry no assessment service"));
        if (f.TextReader is not null) s.AddSingleton(f.TextReader);
        if (f.FhirImporter is not null) s.AddSingleton(f.FhirImporter);
        if (f.ReportRenderer is not null) s.AddSingleton(f.ReportRenderer);
        if (f.FhirExporter is not null) s.AddSingleton(f.FhirExporter);
        if (f.DoseCalculator is not null) s.AddSingleton(f.DoseCalculator);
        if (f.NoteExplainer is not null) s.AddSingleton(f.NoteExplainer);
        if (f.ImageCleaner is not null) s.AddSingleton(f.ImageCleaner);
        s.AddSingleton(sp => new CaseReaders(sp.GetRequiredService<AssessmentService>(), sp.GetRequiredService<ITextCaseReader>(), sp.GetRequiredService<IFhirCaseImporter>()));

        // The key ring lives in the registry: every instance on one database signs and reads the same cookies.
        s.AddDataProtection().SetApplicationName("MyeloDx");
        s.AddOptions<KeyManagementOptions>().Configure<RegistrySettings>((o, r) => o.XmlRepository = new RegistryXmlRepository(r));

        s.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "API key or cookie", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.Count > 0 ? ApiKeyHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "myelodx.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                // Idle timeout that slides, inside an absolute lifetime checked (with the security stamp) on every request.
                o.ExpireTimeSpan = SessionValidation.IdleTimeout;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SessionValidation.Validate;
                o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request)
                    ? Problems.Write(ctx.HttpContext, "MDX-AUTH001", "Authentication required", "Send `Authorization: Bearer <api key>`.")
                    : Redirect(ctx);
                o.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.Request)
                    ? Problems.Write(ctx.HttpContext, "MDX-AUTH003", "Forbidden")
                    : Redirect(ctx);
            });
        s.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(PagesPolicy, p => p.RequireAuthenticatedUser());

        s.AddRateLimiter(_ => { });
        s.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, c) =>
        {
            var perSecond = int.TryParse(c[KeyRate], out var n) && n > 0 ? n : 300;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
                await Problems.Write(ctx.HttpContext, "MDX-WEB429", "Too many requests", $"the limit is {perSecond} requests per second per user");
            };
            // One token bucket per verified identity (the limiter runs after authentication); before authentication,
            // one per client address, so invented Bearer tokens or cookies all share their sender's anonymous bucket.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var user = ctx.User.Identity?.IsAuthenticated == true ? ctx.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value : null;
                var who = user is not null ? "u:" + user : "a:" + ctx.Connection.RemoteIpAddress;
                var limit = user is null ? Math.Max(5, perSecond / 10) : perSecond;
                return RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit * 2, TokensPerPeriod = limit, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0, AutoReplenishment = true,
                });
            });
        });

        s.AddProblemDetails();
        s.AddOpenApi(OpenApiSetup.Configure);
        s.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", PagesPolicy);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        s.AddAntiforgery(o => { o.Cookie.Name = "myelodx.csrf"; o.Cookie.SameSite = SameSiteMode.Strict; });
        s.AddSingleton<Hosting.WarmUpState>();
        s.AddHostedService<Hosting.ServerWarmUp>();
        s.AddHealthChecks().AddCheck<RegistryHealthCheck>("registry").AddCheck<Hosting.WarmUpHealthCheck>("warm-up");

        var app = builder.Build();
        // The first protect makes the key ring's first key when there is none: under the start-up lock, so two instances
        // started together end up with one key, not one each.
        app.Services.GetRequiredService<RegistrySettings>().Migrate(() =>
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("MyeloDx.Startup").Protect([1]));
        // Made now (one password hash), not on the first sign-in with an unknown name, which would then take twice as long.
        _ = app.Services.GetRequiredService<SignInCheck>();
        // Load the knowledge base and every augmenter's files before answering /health: a broken knowledge file stops
        // the start (a coded exit from `myelodx serve`) instead of failing the first request, and the first request is not slow.
        var svc = app.Services.GetRequiredService<CaseReaders>().Service;
        var empty = svc.FromCase(new MyeloDx.Core.Cases.Case());
        _ = MyeloDx.Core.Contract.ContractJson.Write(svc.Document(empty, svc.Assess(empty)));

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = Problems.HandleException });
        app.Use(SecurityHeaders.Middleware);
        app.Use(BodyLimit.Middleware);
        app.UseStatusCodePages(async ctx =>
        {
            var r = ctx.HttpContext.Response;
            if (IsApi(ctx.HttpContext.Request) && r.ContentLength is null && string.IsNullOrEmpty(r.ContentType))
            {
                var code = Problems.CodeForStatus(r.StatusCode);
                await Problems.Write(ctx.HttpContext, code, Problems.Reason(Problems.StatusOf(code)));
            }
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health").DisableRateLimiting();
        // For an orchestrator: "live" says the process answers (restart it if not); "ready" says it can serve cases now
        // (the registry is reachable and writable; take it out of the load balancer if not, without restarting it).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready").DisableRateLimiting();
        app.MapOpenApi("/openapi/{documentName}.json");
        // System fonts (no font CDN, which the CSP would block) and the API key as the preferred scheme.
        app.MapScalarApiReference("/scalar", o => o.WithTitle("MyeloDx API").DisableDefaultFonts().AddPreferredSecuritySchemes(OpenApiSetup.Bearer));
        AssessmentsApi.Map(app);
        CasesApi.Map(app);
        CaseImagesApi.Map(app);
        CdsHooksApi.Map(app);
        app.MapGet("/assets/site.css", () => Results.Text(Assets.Css, "text/css")).DisableRateLimiting().ExcludeFromDescription();
        app.MapGet("/assets/app.js", () => Results.Text(Assets.Js, "text/javascript")).DisableRateLimiting().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Starts and runs the server; a failure to start (address in use, no permission) is a coded exception, no stack trace.</summary>
    /// <param name="onStarted">Called once the app listens (e.g. `myelodx serve` printing where to open it).</param>
    public static int Run(string[] args, WebHostOptions? options = null, Action<WebApplication>? onStarted = null)
    {
        var app = Build(args, options);
        try { app.Start(); }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            throw new MyeloDx.Core.Errors.InputException("MDX-WEB013", "--urls", "cannot listen there: the address is in use or not available on this machine");
        }
        catch (System.Net.Sockets.SocketException)
        {
            throw new MyeloDx.Core.Errors.InputException("MDX-WEB013", "--urls", "cannot listen there: the address is in use or not available on this machine");
        }
        onStarted?.Invoke(app);
        app.WaitForShutdown();
        return 0;
    }

    internal static bool IsApi(HttpRequest r) =>
        r.Path.StartsWithSegments("/api") || r.Path.StartsWithSegments("/cds-services") || r.Path.StartsWithSegments("/health");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
