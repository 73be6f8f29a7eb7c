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
        var cmd = new Command("serve", "Start the web application, REST API and CDS Hooks service with its case registry.") { urls, data, database, connection };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var features = WebComposition.Features();
            var options = new WebHostOptions
            {
                Urls = r.GetValue(urls), DataDir = r.GetValue(data), Database = r.GetValue(database), Connection = r.GetValue(connection), Features = features,
            };
            // Validate the settings before starting (a coded one-line error, exit 2).
            var settings = MyeloDx.Web.Registry.RegistrySettings.Create(options.DataDir, options.Database, options.Connection);
            var app = WebHost.Build([], options);
            app.Lifetime.ApplicationStarted.Register(() => Welcome(app, settings, r.GetValue(data)));
            app.Run();
            return 0;
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
}

internal static class DataOptions
{
    public static Option<string?> Data() => new("--data") { Description = "Data folder (registry, keys); default: $MYELODX_DATA or a per-user folder" };

    public static Option<string?> Database()
    {
        var o = new Option<string?>("--database") { Description = "sqlite (default, in the data folder) or postgres" };
        o.AcceptOnlyFromAmong("sqlite", "postgres");
        return o;
    }

    public static Option<string?> Connection() => new("--connection") { Description = "PostgreSQL connection string (with --database postgres)" };
}
