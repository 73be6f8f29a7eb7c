using System.CommandLine;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// `myelodx users add|list|password|disable|enable|delete|rotate-key`: accounts for the web app. A new API key is
/// printed once, on stdout. Disabling, deleting, a new password or a new key ends the account's sessions and keys at
/// once, in a running server too (no restart).
/// </summary>
internal sealed class UsersCommand : ICommandProvider
{
    public Command Create()
    {
        var cmd = new Command("users", "Manage the web app's users (API keys and passwords are stored only as hashes).");
        cmd.Subcommands.Add(Add());
        cmd.Subcommands.Add(Key());
        cmd.Subcommands.Add(Password());
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(Simple("disable", "Stop the account at once: its API key and browser sessions answer 401 from the next request.", UserAdmin.Disable, "disabled; its sessions and key stopped"));
        cmd.Subcommands.Add(Simple("enable", "Let a disabled account sign in again (old sessions stay ended).", UserAdmin.Enable, "enabled"));
        cmd.Subcommands.Add(Simple("delete", "Delete the account: key and password erased, sessions ended; its cases and audit rows stay.", (s, n) => UserAdmin.Delete(s, n), "deleted"));
        return cmd;
    }

    private static (Option<string?> Data, Option<string?> Db, Option<string?> Conn) Common(Command c)
    {
        var d = DataOptions.Data(); var db = DataOptions.Database(); var cs = DataOptions.Connection();
        c.Options.Add(d); c.Options.Add(db); c.Options.Add(cs);
        return (d, db, cs);
    }

    private static RegistrySettings Settings(ParseResult r, (Option<string?> Data, Option<string?> Db, Option<string?> Conn) o) =>
        RegistrySettings.Create(r.GetValue(o.Data), r.GetValue(o.Db), r.GetValue(o.Conn));

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "User name" };
        var role = new Option<string>("--role") { Description = "clinician or admin", DefaultValueFactory = _ => Roles.Clinician };
        role.AcceptOnlyFromAmong(Roles.Clinician, Roles.Admin);
        var password = new Option<string?>("--password") { Description = "Password for the browser login (else none, or --ask-password)" };
        var ask = new Option<bool>("--ask-password") { Description = "Prompt for the password on the terminal" };
        var c = new Command("add", "Create a user and print a new API key (shown once).") { name, role, password, ask };
        var o = Common(c);
        c.SetAction(r => CliRunner.Guard(() =>
        {
            var pw = r.GetValue(password) ?? (r.GetValue(ask) ? Prompt() : null);
            var settings = Settings(r, o);
            var key = UserAdmin.Add(settings, r.GetValue(name)!, r.GetValue(role)!, pw);
            Console.Error.WriteLine($"Created {r.GetValue(role)} '{r.GetValue(name)}' in {settings.Database} registry{(settings.IsPostgres ? "" : " at " + settings.SqlitePath)}{(pw is null ? " (no browser password)" : "")}.");
            Console.Error.WriteLine("API key (shown once; only its hash is stored):");
            Console.Out.WriteLine(key);
            return CliRunner.Ok;
        }));
        return c;
    }

    private static Command Key()
    {
        var name = new Argument<string>("name");
        var c = new Command("rotate-key", "Replace a user's API key and print the new one (the old key and every session stop at once).") { name };
        c.Aliases.Add("key");
        var o = Common(c);
        c.SetAction(r => CliRunner.Guard(() =>
        {
            Console.Out.WriteLine(UserAdmin.NewKey(Settings(r, o), r.GetValue(name)!));
            return CliRunner.Ok;
        }));
        return c;
    }

    private static Command Password()
    {
        var name = new Argument<string>("name");
        var password = new Option<string?>("--password") { Description = "The new password (else prompted)" };
        var c = new Command("password", "Set a user's browser password.") { name, password };
        var o = Common(c);
        c.SetAction(r => CliRunner.Guard(() =>
        {
            UserAdmin.SetPassword(Settings(r, o), r.GetValue(name)!, r.GetValue(password) ?? Prompt());
            Console.Error.WriteLine("Password set.");
            return CliRunner.Ok;
        }));
        return c;
    }

    private static Command List()
    {
        var c = new Command("list", "List users (names, roles; never secrets).");
        var o = Common(c);
        c.SetAction(r => CliRunner.Guard(() =>
        {
            foreach (var u in UserAdmin.List(Settings(r, o)))
                Console.Out.WriteLine($"{u.Name}\t{u.Role}\t{u.Status}\t{(u.HasPassword ? "password" : "api-key-only")}\t{u.Created:yyyy-MM-dd}");
            return CliRunner.Ok;
        }));
        return c;
    }

    private static Command Simple(string verb, string description, Action<RegistrySettings, string> act, string done)
    {
        var name = new Argument<string>("name") { Description = "User name" };
        var c = new Command(verb, description) { name };
        var o = Common(c);
        c.SetAction(r => CliRunner.Guard(() =>
        {
            act(Settings(r, o), r.GetValue(name)!);
            Console.Error.WriteLine($"User '{r.GetValue(name)}' {done}.");
            return CliRunner.Ok;
        }));
        return c;
    }

    private static string Prompt()
    {
        if (Console.IsInputRedirected) throw new MyeloDx.Core.Errors.InputException("MDX-WEB025", "--password", "no terminal to prompt on; pass --password");
        Console.Error.Write("Password: ");
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            var k = Console.ReadKey(intercept: true);
            if (k.Key == ConsoleKey.Enter) break;
            if (k.Key == ConsoleKey.Backspace) { if (sb.Length > 0) sb.Length--; continue; }
            sb.Append(k.KeyChar);
        }
        Console.Error.WriteLine();
        return sb.ToString();
    }
}
