using System.CommandLine;

namespace MyeloDx.Cli;

/// <summary>Commands contributed by later features (dose, report, fhir, serve, users...). One line each.</summary>
internal static partial class CommandRegistry
{
    public static IEnumerable<Command> Extra()
    {
        var list = new List<Command>();
        AddExtra(list);
        return list;
    }

    static partial void AddExtra(List<Command> list);
}
