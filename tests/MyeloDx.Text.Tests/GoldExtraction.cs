using System.Globalization;
using System.Text;
using System.Text.Json;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Text.Tests;

/// <summary>
/// Measures the reader against the hand-encoded gold cases (tests/TestData/dev-structured.jsonl): both the gold case
/// and the text go through the same deriver, and their observations are compared as "variable=state" (numbers match
/// within a tolerance). Uncertainty is ignored for matching. Observations that the reader adds only because the text
/// is silent (a cancer not named) and the gold encodings' empty treatment lists where the note says nothing are counted
/// separately as defaults.
/// </summary>
public static class GoldExtraction
{
    public sealed record Pair(string Id, Case Gold, string Text);

    public sealed record Score(int TruePositive, int FalsePositive, int FalseNegative)
    {
        public double Precision => TruePositive + FalsePositive == 0 ? 1 : (double)TruePositive / (TruePositive + FalsePositive);
        public double Recall => TruePositive + FalseNegative == 0 ? 1 : (double)TruePositive / (TruePositive + FalseNegative);
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
        public static Score operator +(Score a, Score b) => new(a.TruePositive + b.TruePositive, a.FalsePositive + b.FalsePositive, a.FalseNegative + b.FalseNegative);
        public override string ToString() => $"P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} (tp {TruePositive}, fp {FalsePositive}, fn {FalseNegative})";
    }

    public sealed record Report(Score All, Score WithoutDefaults, IReadOnlyDictionary<string, Score> PerVariable, IReadOnlyList<string> Differences);

    public static IReadOnlyList<Pair> Load()
    {
        var root = TextFixture.RepoRoot();
        var texts = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(root, "tests", "TestData", "dev-text.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var d = JsonDocument.Parse(line);
            texts[d.RootElement.GetProperty("id").GetString()!] = d.RootElement.GetProperty("text").GetString()!;
        }
        var pairs = new List<Pair>();
        foreach (var line in File.ReadLines(Path.Combine(root, "tests", "TestData", "dev-structured.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var d = JsonDocument.Parse(line);
            var id = d.RootElement.GetProperty("id").GetString()!;
            if (!texts.TryGetValue(id, out var text)) continue;
            pairs.Add(new Pair(id, CaseJson.FromElement(d.RootElement.GetProperty("case"), id), text));
        }
        return pairs;
    }

    public static Report Measure(IReadOnlyList<Pair> pairs, IReadOnlySet<string>? notEncoded = null)
    {
        var svc = TextFixture.Service; var reader = TextFixture.Reader; var kb = svc.Knowledge;
        var all = new Score(0, 0, 0); var nodef = new Score(0, 0, 0);
        var per = new Dictionary<string, Score>(StringComparer.Ordinal);
        var diffs = new List<string>();
        foreach (var p in pairs)
        {
            var gold = Consolidate(svc.FromCase(p.Gold).Observations);
            var mineObs = Consolidate(reader.Read(p.Text).Observations);
            var defaults = mineObs.Values.Where(o => o.Span is null && o.Detail is not null).Select(o => o.VariableId).ToHashSet();
            // the gold encodings write an empty treatment list where the note is silent; the reader leaves such an
            // exposure unknown, so a gold "none" with nothing read is the same silence, not a missed finding
            defaults.UnionWith(gold.Values.Where(g => !mineObs.ContainsKey(g.VariableId) && g.State is "none" or "absent"
                && g.Origin.StartsWith("treatments.", StringComparison.Ordinal)).Select(g => g.VariableId));
            foreach (var v in gold.Keys.Union(mineObs.Keys))
            {
                if (notEncoded?.Contains(v) == true) continue;
                gold.TryGetValue(v, out var g); mineObs.TryGetValue(v, out var m);
                var s = g is not null && m is not null && Same(kb.Variables[v], g, m) ? new Score(1, 0, 0)
                      : new Score(0, m is null ? 0 : 1, g is null ? 0 : 1);
                all += s;
                if (!defaults.Contains(v)) nodef += s;
                per[v] = (per.TryGetValue(v, out var x) ? x : new Score(0, 0, 0)) + s;
                if (s.TruePositive == 0) diffs.Add($"{p.Id} {v}: gold {Show(g)} / text {Show(m)}");
            }
        }
        return new Report(all, nodef, per, diffs);
    }

    private static Dictionary<string, Observation> Consolidate(IReadOnlyList<Observation> obs)
    {
        var d = new Dictionary<string, Observation>(StringComparer.Ordinal);
        foreach (var o in obs)
        {
            if (!d.TryGetValue(o.VariableId, out var prev) || prev.Uncertain && !o.Uncertain || prev.State == "absent" && o.State == "present") d[o.VariableId] = o;
        }
        return d;
    }

    private static bool Same(Variable v, Observation g, Observation m)
    {
        if (v.Kind != VariableKind.Continuous) return g.State == m.State;
        var a = g.Value!.Value; var b = m.Value!.Value;
        var tol = v.Id switch { "age_years" => 0.5, "t2_extent_segments" => 1.0, _ => Math.Max(1.0, 0.15 * Math.Abs(a)) };
        return Math.Abs(a - b) <= tol;
    }

    private static string Show(Observation? o) => o is null ? "—" : (o.State ?? o.Value!.Value.ToString("0.#", CultureInfo.InvariantCulture)) + (o.Uncertain ? "?" : "");

    public static string Describe(Report r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"all observations:          {r.All}");
        sb.AppendLine($"without silent defaults:   {r.WithoutDefaults}");
        foreach (var (v, s) in r.PerVariable.OrderBy(x => x.Key, StringComparer.Ordinal)) sb.AppendLine($"  {v,-30} {s}");
        return sb.ToString();
    }
}
