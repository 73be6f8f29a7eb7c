using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Knowledge;

public static partial class KnowledgeLoader
{
    public const string DependenceFile = "dependence.yaml";

    private sealed partial class Reader
    {
        /// <summary>Reads dependence.yaml (optional: without it the engine is plain naive Bayes).</summary>
        private Robustness ReadRobustness(IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, Variable> variables,
            IReadOnlyDictionary<string, int> dindex)
        {
            if (!files.ContainsKey(DependenceFile)) return Robustness.None;
            var root = Parse(files, DependenceFile);
            if (root is null) return Robustness.None;
            Keys(root, "version", "reading_error", "variable_cap", "group_cap", "tail_degrees_of_freedom", "groups", "conditioned");
            var provs = new List<Provenance>();
            double Value(string key, double min, double max)
            {
                if (Get(root, key) is not YamlMappingNode m) { Err("MDX-KB003", root, $"missing '{key}'"); return min; }
                Keys(m, "value", "source", "estimate", "reason", "derived");
                var v = Num(m, "value") ?? min;
                if (v < min || v > max) Err("MDX-KB006", m, $"'{key}' must lie in [{min}, {max}]");
                provs.Add(RowProvenance(m) ?? Missing(m));
                return v;
            }
            var e = Value("reading_error", 0, 0.5);
            var vcap = Value("variable_cap", 0.1, 50);
            var gcap = Value("group_cap", 0.1, 50);
            var dof = Value("tail_degrees_of_freedom", 1, 1000);
            var groups = new Dictionary<string, DependenceGroup>(StringComparer.Ordinal);
            foreach (var n in Seq(root, "groups"))
            {
                if (n is not YamlMappingNode gm) { Err("MDX-KB002", n, "a group must be a mapping"); continue; }
                Keys(gm, "id", "label", "rho", "source", "estimate", "reason", "members");
                var id = Str(gm, "id", required: true) ?? "";
                var rho = Num(gm, "rho") ?? 0;
                if (rho < 0 || rho > 1) Err("MDX-KB006", gm, $"rho of group '{id}' must lie in [0, 1]");
                provs.Add(RowProvenance(gm) ?? Missing(gm));
                var members = Seq(gm, "members").Select(x => (x as YamlScalarNode)?.Value ?? "").ToArray();
                var g = new DependenceGroup(id, Str(gm, "label") ?? id, rho, members);
                foreach (var mem in members)
                {
                    // computed evidence ids (cord dose, latency) are not knowledge variables; they are named as such
                    if (!variables.ContainsKey(mem) && !mem.StartsWith("computed:", StringComparison.Ordinal))
                        Err("MDX-KB012", gm, $"group '{id}' names unknown variable '{mem}'");
                    var key = mem.StartsWith("computed:", StringComparison.Ordinal) ? mem["computed:".Length..] : mem;
                    if (!groups.TryAdd(key, g)) Err("MDX-KB011", gm, $"'{mem}' belongs to two dependence groups");
                }
            }
            var conditioned = ReadConditioned(root, variables, dindex, dindex.Count, provs);
            return new Robustness(e, vcap, gcap, groups, dof, provs) { Conditioned = conditioned };
        }
    }
}
