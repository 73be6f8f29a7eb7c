using System.Globalization;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// One hypothetical change to a case: a knowledge-base finding set to a value (a state id, possible_&lt;state&gt; for an
/// uncertain finding, a number for a continuous finding) or removed (<c>unknown</c>).
/// </summary>
public sealed record FindingEdit(string VariableId, string? State, double? Value, bool Uncertain, bool Remove, string Text)
{
    public Observation? ToObservation() =>
        Remove ? null : new Observation(VariableId, State, Value, $"what-if ({Text})", Uncertain);
}

public sealed record DiagnosisChange(string Id, string Name, double Before, double After, int RankBefore, int RankAfter)
{
    public double Delta => After - Before;
}

/// <summary>The original assessment against the re-run one.</summary>
public sealed record WhatIfComparison(
    IReadOnlyList<FindingEdit> Edits,
    string ContextBefore,
    string ContextAfter,
    string LeadingBefore,
    string LeadingAfter,
    IReadOnlyList<DiagnosisChange> Changes)
{
    public bool LeaderChanged => LeadingBefore != LeadingAfter;
    public bool Anything => Edits.Count > 0 || ContextBefore != ContextAfter;
}

/// <summary>Parses and applies what-if edits (`myelodx assess --set finding=value`). Errors are MDX-WInnn.</summary>
public static class WhatIf
{
    /// <summary>Parses "finding=value" against the knowledge base; a bad edit is an <see cref="InputException"/> naming it.</summary>
    public static FindingEdit Parse(string text, KnowledgeBase kb)
    {
        var where = $"--set {text}";
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new InputException("MDX-WI001", where, "expected finding=value, e.g. csf_cytology=positive or age_years=60");
        var id = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        if (!kb.Variables.TryGetValue(id, out var v))
        {
            var near = kb.Variables.Keys.Where(k => k.Contains(id, StringComparison.OrdinalIgnoreCase) || id.Contains(k, StringComparison.OrdinalIgnoreCase)).Take(4).ToArray();
            throw new InputException("MDX-WI002", where, $"unknown finding '{id}'" + (near.Length > 0 ? $" (did you mean {string.Join(", ", near)}?)" : " (see `myelodx knowledge` for the finding ids)"));
        }
        if (value == "unknown") return new FindingEdit(id, null, null, false, true, text);
        if (v.Kind == VariableKind.Continuous)
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
                throw new InputException("MDX-WI003", where, $"'{id}' needs a number{(v.Unit is null ? "" : " in " + v.Unit)} or 'unknown'");
            return new FindingEdit(id, null, x, false, false, text);
        }
        var uncertain = value.StartsWith("possible_", StringComparison.Ordinal);
        var state = uncertain ? value["possible_".Length..] : value;
        if (v.State(state) is null)
            throw new InputException("MDX-WI003", where,
                $"'{id}' has no value '{value}' (allowed: {string.Join(", ", v.States.Select(s => s.Id))}, possible_<value>, unknown)");
        return new FindingEdit(id, state, null, uncertain, false, text);
    }

    /// <summary>Parses several edits; the same finding given twice with different values is refused.</summary>
    public static IReadOnlyList<FindingEdit> ParseAll(IEnumerable<string> texts, KnowledgeBase kb)
    {
        var edits = new List<FindingEdit>();
        foreach (var t in texts)
        {
            var e = Parse(t, kb);
            var prev = edits.FirstOrDefault(x => x.VariableId == e.VariableId);
            if (prev is not null && (prev.State != e.State || prev.Value != e.Value || prev.Remove != e.Remove || prev.Uncertain != e.Uncertain))
                throw new InputException("MDX-WI004", $"--set {t}", $"'{e.VariableId}' is already set by --set {prev.Text}");
            if (prev is null) edits.Add(e);
        }
        return edits;
    }

    /// <summary>
    /// The observations with each edited finding replaced (at the place of its first mention, so the rest of the case
    /// keeps its order), added if new, or removed.
    /// </summary>
    public static IReadOnlyList<Observation> Apply(IReadOnlyList<Observation> observations, IReadOnlyList<FindingEdit> edits)
    {
        var result = new List<Observation>(observations.Count + edits.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var byVar = edits.ToDictionary(e => e.VariableId, StringComparer.Ordinal);
        foreach (var o in observations)
        {
            if (!byVar.TryGetValue(o.VariableId, out var e)) { result.Add(o); continue; }
            if (!done.Add(o.VariableId)) continue;
            if (e.ToObservation() is { } n) result.Add(n);
        }
        foreach (var e in edits)
            if (!done.Contains(e.VariableId) && e.ToObservation() is { } n) result.Add(n);
        return result;
    }

    public static WhatIfComparison Compare(Assessment before, Assessment after, IReadOnlyList<FindingEdit> edits)
    {
        var rankBefore = before.Differential.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i + 1);
        var changes = after.Differential.Select((d, i) =>
            new DiagnosisChange(d.Id, d.Name, before.Get(d.Id)!.Probability, d.Probability, rankBefore[d.Id], i + 1)).ToArray();
        return new WhatIfComparison(edits, before.PriorContext, after.PriorContext, before.Leading.Id, after.Leading.Id, changes);
    }
}
