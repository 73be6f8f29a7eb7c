using System.Globalization;
using System.Text;
using MyeloDx.Core.Inference;
using Spectre.Console;

namespace MyeloDx.Cli;

/// <summary>Readable (terminal) and Markdown renderings of an assessment.</summary>
internal static class Rendering
{
    /// <summary>The diagnoses that the readable output always explains, besides the leaders: the seed case's differentials.</summary>
    private static readonly string[] AlwaysExplain = ["radiation_myelopathy", "paraneoplastic_myelopathy", "leptomeningeal_metastasis"];


    public static string Lr(double lr) => lr >= 10 ? lr.ToString("0", CultureInfo.InvariantCulture) : lr >= 1 ? lr.ToString("0.0", CultureInfo.InvariantCulture) : lr.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>One plain sentence on why a diagnosis ranks where it does.</summary>
    public static string WhySentence(Assessment a, RankedDiagnosis d, CliReferences refs)
    {
        var rank = a.Differential.ToList().IndexOf(d) + 1;
        var sb = new StringBuilder();
        sb.Append($"{d.Name} ranks #{rank} ({ProbabilityText.Percent(d.Probability)}, prior {ProbabilityText.Percent(d.Prior)})");
        var against = d.Opposing.FirstOrDefault();
        var forIt = d.Supporting.FirstOrDefault();
        if (against is not null && (forIt is null || -against.LogLikelihoodRatio >= forIt.LogLikelihoodRatio || rank > 1))
        {
            sb.Append($": weighed down most by {Describe(against, refs)}");
            if (forIt is not null) sb.Append($", while {Describe(forIt, refs)} speaks for it");
        }
        else if (forIt is not null)
        {
            sb.Append($": supported most by {Describe(forIt, refs)}");
            if (against is not null) sb.Append($"; against it, {Describe(against, refs)}");
        }
        else sb.Append(": nothing known so far moves it much");
        sb.Append('.');
        return sb.ToString();
    }

    private static string Describe(Contribution c, CliReferences refs)
    {
        var s = $"{c.Finding} (LR {Lr(c.LikelihoodRatio)}{(refs.Cite(c.SourceId) is { } n ? " " + n : ", estimate")})";
        // the detail is sentences of its own; its closing full stop would clash with the clause that follows it
        if (c.Detail is not null) s += $" — {c.Detail.TrimEnd().TrimEnd('.')}";
        return s;
    }

    /// <summary>Every contribution the readable or Markdown evidence sections may print, in the order they print them.</summary>
    public static IEnumerable<Contribution> CitedEvidence(Assessment a)
    {
        foreach (var d in a.Differential.Take(3))
        {
            foreach (var c in d.Supporting.Take(5)) yield return c;
            foreach (var c in d.Opposing.Take(4)) yield return c;
        }
        foreach (var d in Explained(a).Skip(1))
        {
            if (d.Opposing.FirstOrDefault() is { } against) yield return against;
            if (d.Supporting.FirstOrDefault() is { } forIt) yield return forIt;
        }
    }

    private static IEnumerable<RankedDiagnosis> Explained(Assessment a) =>
        a.Differential.Take(3).Concat(a.Differential.Where(d => AlwaysExplain.Contains(d.Id))).Distinct();

    public static void Readable(Assessment a, IAnsiConsole console, string title, CliReferences refs)
    {
        console.Write(new Rule($"[bold]MyeloDx[/] — {Markup.Escape(title)}").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("Diagnosis").AddColumn(new TableColumn("Probability").RightAligned()).AddColumn("Bar");
        var i = 0;
        foreach (var d in a.Differential)
        {
            i++;
            var bar = new string('█', (int)Math.Round(d.Probability * 30));
            // Clinicians read the diagnosis name; the stable id stays in the JSON output, where programs read it.
            table.AddRow(i.ToString(CultureInfo.InvariantCulture), Markup.Escape(d.Name), ProbabilityText.Percent(d.Probability), $"[blue]{bar}[/]");
        }
        console.Write(table);
        foreach (var d in a.Differential.Take(3))
        {
            console.MarkupLine($"\n[bold]{Markup.Escape(d.Name)}[/] — {ProbabilityText.Percent(d.Probability)}");
            foreach (var c in d.Supporting.Take(4)) console.MarkupLine($"  [green]+[/] {Markup.Escape(Describe(c, refs))}");
            foreach (var c in d.Opposing.Take(3)) console.MarkupLine($"  [red]−[/] {Markup.Escape(Describe(c, refs))}");
        }
        console.MarkupLine("\n[bold]Why the others rank where they do[/]");
        foreach (var d in Explained(a).Skip(1)) console.MarkupLine("  • " + Markup.Escape(WhySentence(a, d, refs)));
        if (a.Unknowns.Count > 0)
        {
            console.MarkupLine("\n[bold]Unknown, and would matter[/]");
            foreach (var u in a.Unknowns) console.MarkupLine($"  ? {Markup.Escape(u.Name)} (e.g. {Markup.Escape(u.MostTellingState)}: LR {Lr(Math.Exp(u.LogLikelihoodRatio))} for {Markup.Escape(a.Leading.Name)})");
        }
        foreach (var n in a.Notes) console.MarkupLine($"[grey]note: {Markup.Escape(n)}[/]");
    }

    /// <summary>Printed last, after every section, so the references and the caveat close the readable output.</summary>
    public static void ReadableFooter(Assessment a, IAnsiConsole console, CliReferences refs)
    {
        if (refs.List.Count > 0)
        {
            console.MarkupLine("\n[bold]References[/]");
            foreach (var x in refs.List) console.MarkupLine("  " + Markup.Escape($"{x.Number}. {x.Citation}{(x.Link is { } l ? " " + l : "")}"));
        }
        console.MarkupLine($"\n[yellow]{Markup.Escape(Assessment.Caveat)}[/]");
        console.MarkupLine($"[grey]knowledge {Markup.Escape(a.KnowledgeVersion)}; population assumed: {Markup.Escape(Population(a))}[/]");
    }

    public static string Markdown(Assessment a, string title, CliReferences refs)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# MyeloDx assessment — {title}").AppendLine();
        sb.AppendLine($"> {Assessment.Caveat}").AppendLine();
        sb.AppendLine("## Differential diagnosis").AppendLine();
        sb.AppendLine("| # | Diagnosis | Probability |").AppendLine("|---|---|---:|");
        var i = 0;
        foreach (var d in a.Differential) sb.AppendLine($"| {++i} | {d.Name} (`{d.Id}`) | {ProbabilityText.Percent(d.Probability)} |");
        sb.AppendLine().AppendLine("## Evidence for the leading diagnoses").AppendLine();
        foreach (var d in a.Differential.Take(3))
        {
            sb.AppendLine($"### {d.Name} — {ProbabilityText.Percent(d.Probability)}").AppendLine();
            foreach (var c in d.Supporting.Take(5)) sb.AppendLine($"- **for**: {Describe(c, refs)}");
            foreach (var c in d.Opposing.Take(4)) sb.AppendLine($"- **against**: {Describe(c, refs)}");
            sb.AppendLine();
        }
        sb.AppendLine("## Why the others rank where they do").AppendLine();
        foreach (var d in Explained(a).Skip(1)) sb.AppendLine("- " + WhySentence(a, d, refs));
        if (a.Unknowns.Count > 0)
        {
            sb.AppendLine().AppendLine("## Unknown, and would matter").AppendLine();
            foreach (var u in a.Unknowns) sb.AppendLine($"- {u.Name} (e.g. {u.MostTellingState}: LR {Lr(Math.Exp(u.LogLikelihoodRatio))} for {a.Leading.Name})");
        }
        sb.AppendLine().AppendLine($"_Knowledge {a.KnowledgeVersion}; population assumed: {Population(a)}_");
        return sb.ToString();
    }

    /// <summary>The population the priors describe, in words (every output names it).</summary>
    internal static string Population(Assessment a) =>
        Services.Assessment.Knowledge.Priors.TryGetValue(a.PriorContext, out var p) ? p.Description.Trim() : a.PriorContext;
}
