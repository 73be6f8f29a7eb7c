using System.CommandLine;
using MyeloDx.Web;
using MyeloDx.Web.Input;

namespace MyeloDx.Cli.Commands;

/// <summary>`myelodx serve`: the web app, REST API and CDS Hooks service over the CLI's own services.</summary>
internal sealed class ServeCommand : ICommandProvider
{
    public Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var data = DataOptions.Data();
        var database = DataOptions.Database();
        var connection = DataOptions.Connection();
        var rate = new Option<int?>("--rate-limit") { Description = "Requests per second per user (default 300; same as --MyeloDx:RateLimitPerSecond=N)" };
        var cmd = new Command("serve", "Start the web application, REST API and CDS Hooks service with its case registry.") { urls, data, database, connection, rate };
        // Host settings as documented (--MyeloDx:RateLimitPerSecond=N, --Logging:LogLevel:Default=Warning) pass through
        // to the host's configuration; any other unknown token is still a usage error.
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var settings = new List<string>();
            foreach (var t in r.UnmatchedTokens)
            {
                if (!IsSetting(t)) throw new MyeloDx.Core.Errors.InputException("MDX-CLI001", t, "unknown option for serve (host settings are written --MyeloDx:Name=value)");
                settings.Add(t);
            }
            if (r.GetValue(rate) is { } perSecond)
            {
                if (perSecond is < 1 or > 1_000_000) throw new MyeloDx.Core.Errors.InputException("MDX-CLI001", "--rate-limit", "give a number of requests per second from 1 to 1000000");
                settings.Add($"--MyeloDx:RateLimitPerSecond={perSecond}");
            }
            MyeloDx.Web.Security.ListenAddresses.Validate(r.GetValue(urls));
            var features = Services.Host.WebFeatures();
            var options = new WebHostOptions
            {
                Urls = r.GetValue(urls), DataDir = r.GetValue(data), Database = r.GetValue(database), Connection = r.GetValue(connection), Features = features,
            };
            // Validate the settings before starting (a coded one-line error, exit 2).
            var registry = MyeloDx.Web.Registry.RegistrySettings.Create(options.DataDir, options.Database, options.Connection);
            return WebHost.Run([.. settings], options, app => Welcome(app, registry, r.GetValue(data)));
        }));
        return cmd;
    }

    /// <summary>Where to point the browser, and, on a fresh registry, how to create the first user.</summary>
    private static void Welcome(Microsoft.AspNetCore.Builder.WebApplication app, MyeloDx.Web.Registry.RegistrySettings settings, string? dataOption)
    {
        var urls = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "http://127.0.0.1:5080";
        Console.Out.WriteLine($"MyeloDx is running: open {urls} in a browser (API reference at /scalar). Stop with Ctrl+C.");
        Console.Out.WriteLine(MyeloDx.Core.Inference.Assessment.Caveat);
        int users;
        try { using var db = settings.NewDb(); users = db.Users.Count(); }
        catch (Exception) { users = -1; } // the registry answers on /health; the hint is only a courtesy
        if (users == 0)
        {
            var data = dataOption is null ? "" : $" --data {dataOption}";
            Console.Out.WriteLine("No users yet. Create the first one (in another terminal), then log in with it:");
            Console.Out.WriteLine($"  myelodx users add NAME --role admin --ask-password{data}");
            Console.Out.WriteLine("  (from the source tree: dotnet run --project src/MyeloDx.Cli -- users add NAME --role admin --ask-password)");
        }
    }

    private static bool IsSetting(string token) =>
        (token.StartsWith("--MyeloDx:", StringComparison.OrdinalIgnoreCase) || token.StartsWith("--Logging:", StringComparison.OrdinalIgnoreCase))
        && token.Contains('=') && token.IndexOf('=') > 2;
}

internal static class DataOptions
{
    public static Option<string?> Data() => new("--data") { Description = "Data folder (the SQLite registry); default: $MYELODX_DATA or a per-user folder" };

    public static Option<string?> Database()
    {
        var o = new Option<string?>("--database") { Description = "sqlite (default, in the data folder) or postgres" };
        o.AcceptOnlyFromAmong("sqlite", "postgres");
        return o;
    }

    public static Option<string?> Connection() => new("--connection") { Description = "PostgreSQL connection string (with --database postgres)" };
}
