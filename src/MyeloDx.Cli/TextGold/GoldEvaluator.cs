using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Cli.TextGold;

/// <summary>
/// Scores a reader against gold examples, one variable at a time.
/// <list type="bullet">
/// <item>A current, definite gold finding is required: the reader's state for the variable must equal it (numbers
/// within a tolerance) — else a false negative (and a false positive when the reader said something else).</item>
/// <item>An uncertain gold finding is optional: the reader may leave it out or report it marked uncertain; reporting
/// it as definite is a false positive and an uncertainty error.</item>
/// <item>A historical gold finding must not come back as the current state (false positive and a time error).</item>
/// <item>Anything else the reader reports is a false positive, counted in the group of its variable.</item>
/// </list>
/// Negation accuracy: of the definite current gold findings whose variable the reader reported, the share with the
/// right polarity (affirmed vs denied/negative state). Uncertainty accuracy: uncertain gold findings kept out or
/// marked uncertain, plus definite findings found and not marked uncertain.
/// </summary>
internal static class GoldEvaluator
{
    /// <summary>What the reader states in a text: its observations, without those it adds because the text is silent.</summary>
    public static IReadOnlyList<Observation> Read(MyeloDx.Text.ClinicalTextReader reader, string text)
    {
        var input = reader.ToInput(reader.Analyze(text));
        return input.Observations.Where(o => !(o.Span is null && o.Detail is not null)).ToArray();
    }

    public static GoldReport Evaluate(IReadOnlyList<GoldExample> examples, KnowledgeBase kb, Func<string, IReadOnlyList<Observation>> read)
    {
        var groups = new Dictionary<string, PrfCount>(StringComparer.Ordinal);
        var perVariable = new Dictionary<string, PrfCount>(StringComparer.Ordinal);
        foreach (var v in kb.Variables.Values) groups.TryAdd(v.Group, PrfCount.Zero);
        Accuracy neg = Accuracy.Zero, negFound = Accuracy.Zero, unc = Accuracy.Zero, hist = Accuracy.Zero;
        var misses = new List<GoldMiss>();
        foreach (var ex in examples)
        {
            var mine = Consolidate(read(ex.Text));
            var vars = ex.Findings.Select(f => f.Variable).Union(mine.Keys).Distinct().Order(StringComparer.Ordinal);
            foreach (var v in vars)
            {
                var variable = kb.Variables[v];
                var g = ex.Findings.FirstOrDefault(f => f.Variable == v && !f.Historical);
                var past = ex.Findings.Where(f => f.Variable == v && f.Historical).ToArray();
                mine.TryGetValue(v, out var m);
                var s = PrfCount.Zero;
                void Miss(string kind) => misses.Add(new GoldMiss(ex.Id, v, kind, Show(g, past), Show(m), ex.Text));
                if (g is { Uncertain: false })
                {
                    var same = m is not null && Same(variable, g, m);
                    s = same ? new PrfCount(1, 0, 0) : new PrfCount(0, m is null ? 0 : 1, 1);
                    if (g.Negated) negFound += Accuracy.Of(same);
                    if (m is not null) neg += Accuracy.Of(Negative(g.State) == Negative(m.State));
                    if (same) unc += Accuracy.Of(!m!.Uncertain);
                    if (!same) Miss(m is null ? "missed" : "wrong value");
                    else if (m!.Uncertain) Miss("marked uncertain");
                }
                else if (g is { Uncertain: true })
                {
                    var asserted = m is not null && !m.Uncertain;
                    unc += Accuracy.Of(!(asserted && Same(variable, g, m!)));
                    if (asserted) { s = new PrfCount(0, 1, 0); Miss(Same(variable, g, m!) ? "opinion read as finding" : "wrong value"); }
                }
                else if (m is not null)
                {
                    s = new PrfCount(0, 1, 0);
                    Miss(past.Any(p => Same(variable, p, m)) ? "past read as current" : "not in the text");
                }
                foreach (var p in past)
                {
                    if (g is not null && Same(variable, g, p)) continue; // unchanged: the current finding is the same state
                    var ok = m is null || !Same(variable, p, m);
                    hist += Accuracy.Of(ok);
                    if (!ok && g is not null) Miss("past read as current");
                }
                groups[variable.Group] = groups[variable.Group] + s;
                perVariable[v] = perVariable.GetValueOrDefault(v, PrfCount.Zero) + s;
            }
        }
        var overall = groups.Values.Aggregate(PrfCount.Zero, (a, b) => a + b);
        return new GoldReport(examples.Count, overall, groups, perVariable, neg, negFound, unc, hist, misses);
    }

    private static Dictionary<string, Observation> Consolidate(IReadOnlyList<Observation> obs)
    {
        // one answer per variable: a definite statement beats an uncertain one, a present state beats an absent one
        var d = new Dictionary<string, Observation>(StringComparer.Ordinal);
        foreach (var o in obs)
            if (!d.TryGetValue(o.VariableId, out var prev) || prev.Uncertain && !o.Uncertain || prev.State == "absent" && o.State == "present") d[o.VariableId] = o;
        return d;
    }

    private static bool Negative(string? state) => NegativeStates.Contains(state);

    private static bool Same(Variable v, GoldFinding g, Observation m)
    {
        if (v.Kind != VariableKind.Continuous) return g.State == m.State;
        if (g.Value is not { } a || m.Value is not { } b) return false;
        return Math.Abs(a - b) <= Tolerance(v.Id, a);
    }

    private static bool Same(Variable v, GoldFinding a, GoldFinding b) =>
        v.Kind == VariableKind.Continuous ? a.Value is { } x && b.Value is { } y && Math.Abs(x - y) <= Tolerance(v.Id, x) : a.State == b.State;

    // an age is exact; a T2 extent may differ by one segment (inclusive vs exclusive counting); intervals by 15 %
    private static double Tolerance(string variable, double gold) => variable switch
    {
        "age_years" => 0.5,
        "t2_extent_segments" => 1.0,
        _ => Math.Max(1.0, 0.15 * Math.Abs(gold)),
    };

    private static string Show(GoldFinding? g, IReadOnlyList<GoldFinding> past)
    {
        var parts = new List<string>();
        if (g is not null) parts.Add(g.Shown + (g.Uncertain ? "?" : ""));
        parts.AddRange(past.Select(p => "before: " + p.Shown));
        return parts.Count == 0 ? "—" : string.Join(", ", parts);
    }

    private static string Show(Observation? o) => o is null ? "—"
        : (o.State ?? o.Value!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)) + (o.Uncertain ? "?" : "");
}
