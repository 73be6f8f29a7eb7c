using System.CommandLine;

namespace MyeloDx.Cli;

/// <summary>A top-level command contributed by a feature (dose, report, fhir, serve, users...).</summary>
internal interface ICommandProvider
{
    Command Create();
}

/// <summary>
/// A feature that adds options to `assess` and content to its outputs (scores, next tests, explain-text...).
/// Every method has a do-nothing default so a feature implements only what it needs.
/// </summary>
internal interface IAssessExtension
{
    /// <summary>Sort key so outputs come out in a stable order.</summary>
    int Order => 100;
    void AddOptions(Command assess) { }
    MyeloDx.Core.Services.CaseInput AdjustInput(ParseResult r, MyeloDx.Core.Services.CaseInput input) => input;
    void EnrichJson(ParseResult r, MyeloDx.Core.Services.CaseInput input, MyeloDx.Core.Inference.Assessment a, System.Text.Json.Nodes.JsonObject json) { }
    void Readable(ParseResult r, MyeloDx.Core.Services.CaseInput input, MyeloDx.Core.Inference.Assessment a, Spectre.Console.IAnsiConsole console) { }
    string Markdown(ParseResult r, MyeloDx.Core.Services.CaseInput input, MyeloDx.Core.Inference.Assessment a) => "";
    /// <summary>A line that must come before everything else (what to do within hours when a time-critical cause is plausible).</summary>
    string? FirstLine(ParseResult r, MyeloDx.Core.Services.CaseInput input, MyeloDx.Core.Inference.Assessment a) => null;
    /// <summary>Return true when this extension fully handled the output (e.g. --explain-text prints its own view).</summary>
    bool ReplacesOutput(ParseResult r, MyeloDx.Core.Services.CaseInput input, MyeloDx.Core.Inference.Assessment a) => false;
}

/// <summary>Finds the providers and extensions in this assembly, so features add a file and touch nothing shared.</summary>
internal static class CommandRegistry
{
    private static IEnumerable<T> Discover<T>() =>
        typeof(CommandRegistry).Assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!);

    public static IEnumerable<Command> Extra() => Discover<ICommandProvider>().Select(p => p.Create());

    public static readonly Lazy<IReadOnlyList<IAssessExtension>> AssessExtensions =
        new(() => Discover<IAssessExtension>().OrderBy(e => e.Order).ToArray());
}
