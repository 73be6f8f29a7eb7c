using MyeloDx.Core.Inference;

namespace MyeloDx.Reports.Building;

/// <summary>Evidence phrases with citations, shared by the case report and the summary.</summary>
internal sealed class Evidence(Assessment a, Citations cites)
{
    /// <summary>Diagnoses that are emergencies: a summary states them first whenever they are plausible.</summary>
    public static readonly IReadOnlyList<string> Emergencies = ["epidural_cord_compression"];

    /// <summary>Treatable diagnoses that must not be missed; the case report discusses them even when they rank low.</summary>
    public static readonly IReadOnlyList<string> MustNotMiss = ["epidural_cord_compression", "infectious_myelitis"];

    /// <summary>
    /// A display rule, not a clinical probability: a must-not-miss diagnosis at or above this posterior, or in the
    /// top three, is raised as a red flag. Chosen low on purpose, since missing an emergency costs far more than a
    /// false alarm.
    /// </summary>
    public const double RedFlagThreshold = 0.10;

    /// <summary>
    /// A display rule: a must-not-miss diagnosis ranked in the top three is raised only from this posterior up. When a
    /// confident differential leaves it third at a few in ten thousand it is not plausible, and an emergency banner
    /// for it would teach readers to skip the banner.
    /// </summary>
    public const double TopThreeFloor = 0.01;

    public string Finding(Contribution c)
    {
        var f = c.Finding;
        if (f.StartsWith("no ", StringComparison.Ordinal) && f.Length > 4 && char.IsUpper(f[3]) && !char.IsUpper(f.ElementAtOrDefault(4)))
            f = "no " + char.ToLowerInvariant(f[3]) + f[4..];
        return f;
    }

    /// <summary>"LR 4.3 [2]" or "LR 2.0, estimate".</summary>
    public string Weight(Contribution c)
    {
        var cite = c.Estimate ? "" : cites.Cite(c.SourceId);
        return cite.Length > 0 ? $"LR {Fmt.Lr(c.LikelihoodRatio)} {cite}" : $"LR {Fmt.Lr(c.LikelihoodRatio)}, estimate";
    }

    public string Source(Contribution c) => c.Estimate ? "estimate" : cites.Cite(c.SourceId) is { Length: > 0 } s ? s : "estimate";

    public string Describe(Contribution c, bool detail = true)
    {
        var s = $"{Finding(c)} ({Weight(c)})";
        return detail && c.Detail is { Length: > 0 } d ? $"{s}: {d}" : s;
    }

    public int Rank(RankedDiagnosis d) => a.Differential.ToList().IndexOf(d) + 1;

    /// <summary>How many times less probable than the leader, in words.</summary>
    public string Ratio(RankedDiagnosis d)
    {
        var lead = a.Leading;
        if (d.Probability <= 0) return $"far less probable than {lead.Name.ToLowerInvariant()}";
        var r = lead.Probability / d.Probability;
        var times = r >= 1000 ? "more than 1000 times" : r >= 10 ? $"about {Fmt.Num(Math.Round(r))} times" : $"about {Fmt.Num(Math.Round(r, 1))} times";
        return $"{times} less probable than {Lower(lead.Name)}";
    }

    /// <summary>Why a non-leading diagnosis is less likely: what weighs against it and what still speaks for it.</summary>
    public string WhyLessLikely(RankedDiagnosis d, bool detail = true)
    {
        var parts = new List<string> { Fmt.Cap(Ratio(d)) + "." };
        var against = d.Opposing.Take(3).ToList();
        if (against.Count > 0) parts.Add($"Against it: {string.Join("; ", against.Select(c => Describe(c, detail)))}.");
        else parts.Add($"No recorded finding weighs against it; it trails because less in the case points to it (prior {ProbabilityText.Percent(d.Prior)}).");
        var forIt = d.Supporting.Take(2).ToList();
        if (forIt.Count > 0) parts.Add($"For it: {string.Join("; ", forIt.Select(c => Describe(c, detail)))}.");
        return string.Join(" ", parts);
    }

    /// <summary>One sentence on where a diagnosis ranks and what moved it most.</summary>
    public string WhySentence(RankedDiagnosis d)
    {
        var rank = Rank(d);
        var s = $"{d.Name} ranks #{rank} at {ProbabilityText.Percent(d.Probability)} (prior {ProbabilityText.Percent(d.Prior)})";
        var against = d.Opposing.FirstOrDefault();
        var forIt = d.Supporting.FirstOrDefault();
        if (rank > 1 && against is not null)
            s += $": {Describe(against)} weighs most against it" + (forIt is not null ? $", while {Describe(forIt)} speaks for it" : "");
        else if (forIt is not null)
            s += $": {Describe(forIt)} supports it most" + (against is not null ? $", and {Describe(against)} weighs against it" : "");
        else s += ": nothing recorded moves it much";
        return s + ".";
    }

    /// <summary>"if present", "if absent" or "if no enhancement": the most telling value of an unknown finding.</summary>
    public static string IfState(UnknownThatMatters u)
    {
        var label = u.MostTellingState.Trim();
        if (label.Equals(u.Name, StringComparison.OrdinalIgnoreCase) || label.Equals("present", StringComparison.OrdinalIgnoreCase)) return "if present";
        if (label.Equals("no " + u.Name, StringComparison.OrdinalIgnoreCase) || label.Equals("absent", StringComparison.OrdinalIgnoreCase)) return "if absent";
        return "if " + Lower(label);
    }

    public static string Lower(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
}
