using System.CommandLine;
using System.Globalization;
using System.Text;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using Spectre.Console;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// `assess --set finding=value` (repeatable) and `--prior-context NAME` re-run the assessment with findings changed
/// or another population, and show the change against the original (the case as read, default population).
/// `--sensitivity` adds how far each prior or likelihood would have to move to change the leading diagnosis.
/// Runs after the other extensions' input adjustments, so the original is the case they produced.
/// </summary>
internal sealed class WhatIfAssessExtension : IAssessExtension
{
    public int Order => 900;

    private readonly Option<string[]> _set = new("--set")
    {
        Description = "What-if: set a finding (knowledge-base id) to a value, possible_<value>, a number, or 'unknown' to remove it; repeatable",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> _sensitivity = new("--sensitivity")
    {
        Description = "Show how far each prior or likelihood would have to move to change the leading diagnosis",
    };

    public void AddOptions(Command assess)
    {
        assess.Options.Add(_set);
        assess.Options.Add(_sensitivity);
    }

    public CaseInput AdjustInput(ParseResult r, CaseInput input)
    {
        var texts = r.GetValue(_set) ?? [];
        if (texts.Length == 0) return input;
        var edits = WhatIf.ParseAll(texts, Services.Assessment.Knowledge);
        return input with { Observations = WhatIf.Apply(input.Observations, edits) };
    }

    private WhatIfComparison? Comparison(ParseResult r, Assessment after)
    {
        var texts = r.GetValue(_set) ?? [];
        var context = r.GetValue<string?>("--prior-context");
        if (texts.Length == 0 && (context is null || context == Services.Assessment.Knowledge.DefaultContext)) return null;
        // The input before the edits is read again from the same file (reading is deterministic), so nothing about one
        // run is kept between calls.
        var original = InputReader.FromFile(r.GetValue<string?>("file"));
        var before = Services.Assessment.Assess(original);
        return WhatIf.Compare(before, after, WhatIf.ParseAll(texts, Services.Assessment.Knowledge));
    }

    public AssessmentDocument Enrich(AssessRun run, AssessmentDocument document)
    {
        if (Comparison(run.Parse, run.Assessment) is { } c) document = document with { WhatIf = DecisionsJson.WhatIf(c) };
        // The decision sections already carry the sensitivity; only without decision knowledge is it computed here.
        if (run.Parse.GetValue(_sensitivity) && document.Sensitivity is null)
            document = document with { Sensitivity = DecisionsJson.Sensitivity(Services.Assessment.Sensitivity(run.Input, run.Assessment.PriorContext)) };
        return document;
    }

    public void Readable(AssessRun run, IAnsiConsole console)
    {
        var (r, input, a) = (run.Parse, run.Input, run.Assessment);
        if (Comparison(r, a) is { } c)
        {
            console.MarkupLine("\n[bold]What-if: change against the original assessment[/]");
            foreach (var line in Header(c)) console.MarkupLine("  " + Markup.Escape(line));
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Diagnosis")
                .AddColumn(new TableColumn("Before").RightAligned()).AddColumn(new TableColumn("After").RightAligned())
                .AddColumn(new TableColumn("Change").RightAligned()).AddColumn(new TableColumn("Rank").RightAligned());
            foreach (var d in Shown(c))
                table.AddRow(Markup.Escape(d.Name), ProbabilityText.Percent(d.Before), ProbabilityText.Percent(d.After), Delta(d.Delta), $"{d.RankBefore} → {d.RankAfter}");
            console.Write(table);
        }
        if (r.GetValue(_sensitivity)) Sensitivity(Services.Assessment.Sensitivity(input, a.PriorContext), a, console);
    }

    public string Markdown(AssessRun run)
    {
        var (r, input, a) = (run.Parse, run.Input, run.Assessment);
        var sb = new StringBuilder();
        if (Comparison(r, a) is { } c)
        {
            sb.AppendLine().AppendLine("## What-if").AppendLine();
            foreach (var line in Header(c)) sb.AppendLine("- " + line);
            sb.AppendLine().AppendLine("| Diagnosis | Before | After | Change | Rank |").AppendLine("|---|---:|---:|---:|---|");
            foreach (var d in Shown(c)) sb.AppendLine($"| {d.Name} | {ProbabilityText.Percent(d.Before)} | {ProbabilityText.Percent(d.After)} | {Delta(d.Delta)} | {d.RankBefore} → {d.RankAfter} |");
        }
        if (r.GetValue(_sensitivity))
        {
            var s = Services.Assessment.Sensitivity(input, a.PriorContext);
            sb.AppendLine().AppendLine("## Sensitivity").AppendLine();
            foreach (var line in SensitivityLines(s, a)) sb.AppendLine("- " + line);
        }
        return sb.ToString();
    }

    private static IEnumerable<string> Header(WhatIfComparison c)
    {
        foreach (var e in c.Edits) yield return $"set {e.Text}";
        if (c.ContextBefore != c.ContextAfter) yield return $"prior context {c.ContextBefore} → {c.ContextAfter}";
        var before = c.Changes.First(d => d.Id == c.LeadingBefore);
        var after = c.Changes.First(d => d.Id == c.LeadingAfter);
        yield return c.LeaderChanged
            ? $"the leading diagnosis changes: {before.Name} ({ProbabilityText.Percent(before.Before)}) → {after.Name} ({ProbabilityText.Percent(after.After)})"
            : $"the leading diagnosis stays {after.Name} ({ProbabilityText.Percent(after.Before)} → {ProbabilityText.Percent(after.After)})";
    }

    /// <summary>The diagnoses that matter: top five before or after, and any that moved by at least one point.</summary>
    private static IEnumerable<DiagnosisChange> Shown(WhatIfComparison c) =>
        c.Changes.Where(d => d.RankAfter <= 5 || d.RankBefore <= 5 || Math.Abs(d.Delta) >= 0.01);

    private static string Delta(double d) =>
        Math.Abs(d) < 0.0005 ? "0" : (d > 0 ? "+" : "−") + (Math.Abs(d) * 100).ToString(Math.Abs(d) < 0.01 ? "0.0" : "0", CultureInfo.InvariantCulture) + " pts";

    private static void Sensitivity(SensitivityReport s, Assessment a, IAnsiConsole console)
    {
        console.MarkupLine("\n[bold]Sensitivity: how far a number would have to move to change the leading diagnosis[/]");
        foreach (var line in SensitivityLines(s, a)) console.MarkupLine("  • " + Markup.Escape(line));
    }

    internal static IEnumerable<string> SensitivityLines(SensitivityReport s, Assessment a)
    {
        var lead = a.Get(s.LeaderId)!; var runner = a.Get(s.RunnerUpId)!;
        string F(double x) => double.IsInfinity(x) ? "∞" : "×" + x.ToString(x >= 100 ? "0" : x >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
        yield return $"{lead.Name} leads {runner.Name} by a factor of {F(s.MarginFactor)[1..]} ({ProbabilityText.Percent(lead.Probability)} vs {ProbabilityText.Percent(runner.Probability)}); any single prior or likelihood must move by that factor to swap them.";
        foreach (var p in s.Priors.Take(5))
        {
            yield return p.DiagnosisId == s.LeaderId
                ? $"prior of {p.Name}: {ProbabilityText.Percent(p.Prior)} would have to fall to {ProbabilityText.Percent(p.PriorTo)} (odds {F(p.Factor)}) for {a.Get(p.NewLeader)!.Name} to lead"
                : $"prior of {p.Name}: {ProbabilityText.Percent(p.Prior)} would have to rise to {ProbabilityText.Percent(p.PriorTo)} (odds {F(p.Factor)}) for it to lead";
        }
        foreach (var l in s.Likelihoods.Where(l => l.LikelihoodRatio > 1).Take(8))
        {
            var fx = l.Feasible switch
            {
                true => $"P(finding | {runner.Name}) {l.CompetitorLikelihood:0.###} would have to reach {Math.Min(1, l.CompetitorLikelihood * l.Factor):0.###}",
                false => $"no P(finding | {runner.Name}) could make up for it; P(finding | {lead.Name}) {l.LeaderLikelihood:0.###} would have to fall to {l.LeaderLikelihood / l.Factor:0.####}",
                null => $"its density under {runner.Name} would have to rise {F(l.Factor)}",
            };
            var pivot = l.LeaderWithoutIt != s.LeaderId ? $"; without it {a.Get(l.LeaderWithoutIt)!.Name} would lead" : "";
            yield return $"{l.Label}: LR {l.LikelihoodRatio.ToString("0.##", CultureInfo.InvariantCulture)} for {lead.Name} against {runner.Name}; {fx}{pivot} ({l.SourceId ?? "estimate"})";
        }
    }
}
