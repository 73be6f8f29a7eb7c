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
            MyeloDx.Web.Registry.RegistrySettings.Create(options.DataDir, options.Database, options.Connection);
            return WebHost.Run([], options);
        }));
        return cmd;
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
