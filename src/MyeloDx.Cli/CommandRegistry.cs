using System.CommandLine;

namespace MyeloDx.Cli;

/// <summary>A top-level command contributed by a feature (dose, report, fhir, serve, users...).</summary>
internal interface ICommandProvider
{
    Command Create();
}

/// <summary>
/// One run of `assess`: the parsed command line, the case as read, its assessment, and the recommendations computed
/// once for every output (the JSON document, the readable and Markdown sections, the reference list).
/// </summary>
internal sealed record AssessRun(ParseResult Parse, MyeloDx.Core.Services.CaseInput Input, MyeloDx.Core.Inference.Assessment Assessment, MyeloDx.Core.Decisions.Recommendations? Recommendations)
{
    /// <summary>The answer's one numbered reference list (evidence sources first, then the recommendations').</summary>
    public CliReferences References { get; } = CliReferences.For(Assessment, Recommendations, Services.Assessment.Knowledge);

    /// <summary>The recommendations renumbered into <see cref="References"/>, for the readable and Markdown outputs.</summary>
    public MyeloDx.Core.Decisions.Recommendations? Numbered => Recommendations is { } rec ? References.Renumber(rec) : null;
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
    /// <summary>Returns the document with this feature's section added (records are immutable).</summary>
    MyeloDx.Core.Contract.AssessmentDocument Enrich(AssessRun run, MyeloDx.Core.Contract.AssessmentDocument document) => document;
    void Readable(AssessRun run, Spectre.Console.IAnsiConsole console) { }
    string Markdown(AssessRun run) => "";
    /// <summary>A line that must come before everything else (what to do within hours when a time-critical cause is plausible).</summary>
    string? FirstLine(AssessRun run) => null;
    /// <summary>Return true when this extension fully handled the output (e.g. --explain-text prints its own view).</summary>
    bool ReplacesOutput(AssessRun run) => false;
}

/// <summary>
/// The commands and `assess` extensions of this program, listed here in one place: adding a feature means adding its
/// line below (no reflection, so a missing or misspelt feature is a compile error, not a silent absence).
/// </summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> Extra() =>
        new ICommandProvider[]
        {
            new Commands.ContextCommand(), new Commands.DoseCommand(), new Commands.EvaluateCommand(), new Commands.EvaluateTextCommand(),
            new Commands.FhirCommand(), new Commands.ReportCommand(), new Commands.ServeCommand(), new Commands.UsersCommand(),
        }.Select(p => p.Create());

    /// <summary>In output order: explain-text, radiotherapy, decisions (next tests, management), what-if.</summary>
    public static readonly Lazy<IReadOnlyList<IAssessExtension>> AssessExtensions =
        new(() => new IAssessExtension[]
        {
            new ExplainTextExtension(), new RadiotherapyAssessExtension(), new Commands.DecisionsAssessExtension(), new Commands.WhatIfAssessExtension(),
        }.OrderBy(e => e.Order).ToArray());
}
