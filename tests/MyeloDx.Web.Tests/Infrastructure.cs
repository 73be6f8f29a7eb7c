using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MyeloDx.Core.Services;
using MyeloDx.Web;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;
using Npgsql;

namespace MyeloDx.Web.Tests;

/// <summary>Everything every log line said, to check that no patient text reaches the logs.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Sink(this, categoryName);
    public void Dispose() { }

    private sealed class Sink(LogSink owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner.Lines.Enqueue($"[scope {category}] {state}");
            return null;
        }
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Where a test registry lives: a temporary SQLite folder, or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresEnv = "MYELODX_TEST_POSTGRES";
    public string DataDir { get; } = Directory.CreateTempSubdirectory("myelodx-web-").FullName;
    public string Kind { get; }
    public string? Connection { get; }
    private readonly string? _adminConnection, _dbName;

    private TestDatabase(string kind, string? connection, string? admin, string? name)
    {
        Kind = kind; Connection = connection; _adminConnection = admin; _dbName = name;
    }

    public static TestDatabase Sqlite() => new("sqlite", null, null, null);

    /// <summary>A new database on the server named by MYELODX_TEST_POSTGRES (dropped on dispose).</summary>
    public static TestDatabase Postgres()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresEnv) ?? throw new InvalidOperationException($"{PostgresEnv} is not set");
        var name = "mdx_t_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name}";
            cmd.ExecuteNonQuery();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ToString();
        return new TestDatabase("postgres", cs, admin, name);
    }

    internal RegistrySettings Settings => RegistrySettings.Create(DataDir, Kind, Connection);

    public void Dispose()
    {
        if (_adminConnection is not null && _dbName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                using var c = new NpgsqlConnection(_adminConnection);
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"DROP DATABASE IF EXISTS {_dbName} WITH (FORCE)";
                cmd.ExecuteNonQuery();
            }
            catch (NpgsqlException) { }
        }
        try { Directory.Delete(DataDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The web app in memory, composed exactly as `myelodx serve` composes it (the CLI's assessment service, text reader
/// and FHIR importer when this build has them), over a test registry with three users.
/// </summary>
public sealed class WebApp : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery";
    public TestDatabase Db { get; }
    public LogSink Logs { get; } = new();
    public Dictionary<string, string> Keys { get; } = [];
    public int RatePerSecond { get; init; } = 1000;
    private readonly bool _ownsDb;

    /// <param name="ownsDb">Drop the given database with the app (a scenario's fresh database), not only one made here.</param>
    public WebApp(TestDatabase? db = null, bool createUsers = true, bool ownsDb = false)
    {
        _ownsDb = db is null || ownsDb;
        Db = db ?? TestDatabase.Sqlite();
        if (createUsers)
        {
            Keys["alice"] = UserAdmin.Add(Db.Settings, "alice", Roles.Clinician, Password);
            Keys["bob"] = UserAdmin.Add(Db.Settings, "bob", Roles.Clinician, Password);
            Keys["root"] = UserAdmin.Add(Db.Settings, "root", Roles.Admin, Password);
        }
    }

    /// <summary>What `myelodx serve` hands the web app in this build.</summary>
    public static MyeloDx.Web.Input.WebFeatures Features { get; } = MyeloDx.Cli.Services.Host.WebFeatures();
    public static ITextCaseReader TextReader => Features.TextReader!;
    public static MyeloDx.Web.Input.IFhirCaseImporter FhirImporter => Features.FhirImporter!;
    public static AssessmentService Service => Features.Assessment!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(WebHost.KeyData, Db.DataDir);
        builder.UseSetting(WebHost.KeyDatabase, Db.Kind);
        if (Db.Connection is not null) builder.UseSetting(WebHost.KeyConnection, Db.Connection);
        builder.UseSetting(WebHost.KeyRate, RatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // No start-up warm-up (seconds of invented assessments before /health/ready): tests are not timed, and most
        // check /health at once. WarmUpTests turns it on.
        builder.UseSetting(MyeloDx.Web.Hosting.ServerWarmUp.KeySeconds, "0");
        // The sink hears everything, framework request logs included, at the most verbose level.
        builder.ConfigureLogging(l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace).AddFilter<LogSink>(null, LogLevel.Trace));
        builder.ConfigureServices(s =>
        {
            var f = Features;
            s.AddSingleton(Service);
            if (f.TextReader is { } t) s.AddSingleton(t);
            if (f.FhirImporter is { } fi) s.AddSingleton(fi);
            if (f.ReportRenderer is { } rr) s.AddSingleton(rr);
            if (f.FhirExporter is { } fe) s.AddSingleton(fe);
            if (f.DoseCalculator is { } dc) s.AddSingleton(dc);
            if (f.NoteExplainer is { } ne) s.AddSingleton(ne);
            if (f.ImageCleaner is { } ic) s.AddSingleton(ic);
        });
    }

    public HttpClient As(string? user)
    {
        var c = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (user is not null) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[user]);
        return c;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDb) Db.Dispose();
    }
}

public static class Json
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
    public static StringContent Body(object o) => Body(JsonSerializer.Serialize(o));

    public static async Task<JsonElement> Read(HttpResponseMessage r)
    {
        var s = await r.Content.ReadAsStringAsync();
        using var d = JsonDocument.Parse(s);
        return d.RootElement.Clone();
    }

    /// <summary>The code of a ProblemDetails response, checking it is one.</summary>
    public static async Task<string> ProblemCode(HttpResponseMessage r)
    {
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var j = await Read(r);
        Assert.Equal((int)r.StatusCode, j.GetProperty("status").GetInt32());
        return j.GetProperty("code").GetString()!;
    }
}

public static class Samples
{
    public static string Root { get; } = FindRoot();
    public static string SeedCase => File.ReadAllText(Path.Combine(Root, "samples", "seed-case.json"));
    /// <summary>The seed vignette (first dev case), as the acceptance check posts it.</summary>
    public static string SeedNote
    {
        get
        {
            var dev = Path.Combine(Root, "tests", "TestData", "dev-text.jsonl");
            var line = File.Exists(dev) ? File.ReadLines(dev).FirstOrDefault() : null;
            if (line is null) return FallbackNote;
            using var d = JsonDocument.Parse(line);
            return d.RootElement.GetProperty("text").GetString()!;
        }
    }

    /// <summary>The demo case restated in our own words (used when shared/ is not beside the repository).</summary>
    public const string FallbackNote =
        "A 35-year-old woman with HER2-positive, hormone-receptor-positive invasive ductal breast carcinoma, metastatic to brain, liver and bone, " +
        "had whole-brain radiotherapy to 30 Gy. Three months later she developed an incomplete paraplegia. Spinal MRI: three small nodular " +
        "intramedullary lesions at the conus medullaris (T12-L1), the largest 13 x 7 x 8 mm, bright on STIR. No epidural disease.";

    public const string EpiduralCase = """
        {"patient":{"ageYears":70,"sex":"male"},"cancer":{"primarySite":"prostate","metastaticSites":["bone"],"status":"progressing"},
         "presentation":{"onsetTempo":"days","pain":"back","syndrome":"paraparesis","sensoryLevel":"T10"},
         "imaging":{"compartment":"epidural","levels":"T9-T10","epiduralDisease":true,"boneMetastases":true}}
        """;

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MyeloDx.slnx"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}

/// <summary>A fact that needs PostgreSQL: skipped with its reason when MYELODX_TEST_POSTGRES is unset locally; in CI it must run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.PostgresEnv)) && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"PostgreSQL tests need {TestDatabase.PostgresEnv} (a connection string; .ci/run sets it after .ci/setup.d/postgres.sh)";
    }
}
