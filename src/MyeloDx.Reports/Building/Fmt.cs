using System.Globalization;
using System.Text;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Reports.Building;

/// <summary>Number and label formatting shared by the report builders (invariant culture, always).</summary>
internal static class Fmt
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Lr(double lr) =>
        lr >= 10 ? lr.ToString("0", Inv) : lr >= 1 ? lr.ToString("0.0", Inv) : lr >= 0.01 ? lr.ToString("0.00", Inv) : "<0.01";

    public static string Num(double x) => x.ToString("0.###", Inv);

    public static string Int(int x) => x.ToString(Inv);

    /// <summary>"a, b and c".</summary>
    public static string Join(IEnumerable<string> items)
    {
        var l = items.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        return l.Count switch
        {
            0 => "",
            1 => l[0],
            _ => string.Join(", ", l.Take(l.Count - 1)) + " and " + l[^1],
        };
    }

    public static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static string Words(string code) => code.Replace('_', ' ');

    /// <summary>"nextTests" / "next_tests" → "Next tests".</summary>
    public static string Humanize(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var ch = key[i];
            if (ch is '_' or '-') { sb.Append(' '); continue; }
            if (char.IsUpper(ch) && i > 0 && !char.IsUpper(key[i - 1])) sb.Append(' ');
            sb.Append(char.ToLowerInvariant(ch));
        }
        return Cap(sb.ToString().Trim());
    }

    /// <summary>How an observation reads, in the knowledge base's words (same style as the engine's findings).</summary>
    public static string Finding(Observation o, KnowledgeBase kb)
    {
        if (!kb.Variables.TryGetValue(o.VariableId, out var v)) return o.VariableId;
        string s;
        if (v.Kind == VariableKind.Continuous) s = $"{v.Name} = {Num(o.Value ?? 0)}{(v.Unit is null ? "" : " " + v.Unit)}";
        else
        {
            var st = v.State(o.State ?? "");
            s = v.Kind == VariableKind.Binary ? (o.State == "present" ? v.Name : "no " + Lower(v.Name)) : $"{v.Name}: {st?.Label ?? o.State}";
        }
        return o.Uncertain ? s + " (uncertain)" : s;
    }

    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
