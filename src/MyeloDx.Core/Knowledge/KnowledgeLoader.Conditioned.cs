using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Knowledge;

public static partial class KnowledgeLoader
{
    private sealed partial class Reader
    {
        /// <summary>
        /// Reads the <c>conditioned</c> list of dependence.yaml: a categorical finding, the finding it is read in the light
        /// of, the diagnoses that arise from that finding's condition, the population shares and the shares per given state.
        /// </summary>
        private Dictionary<string, ConditionedFinding> ReadConditioned(YamlMappingNode root, IReadOnlyDictionary<string, Variable> variables,
            IReadOnlyDictionary<string, int> dindex, int nd, List<Provenance> provs)
        {
            var result = new Dictionary<string, ConditionedFinding>(StringComparer.Ordinal);
            foreach (var n in Seq(root, "conditioned"))
            {
                if (n is not YamlMappingNode m) { Err("MDX-KB002", n, "a conditioned finding must be a mapping"); continue; }
                Keys(m, "variable", "given", "label", "arising_from_given", "source", "estimate", "reason", "population", "shares");
                var id = Str(m, "variable", required: true) ?? "";
                var given = Str(m, "given", required: true) ?? "";
                var own = RowProvenance(m) ?? Missing(m);
                if (!variables.TryGetValue(id, out var v) || v.Kind != VariableKind.Categorical)
                { Err("MDX-KB012", m, $"conditioned finding '{id}' must be a categorical variable"); continue; }
                if (!variables.TryGetValue(given, out var g) || g.Kind == VariableKind.Continuous)
                { Err("MDX-KB012", m, $"'{given}' (given) must be a categorical or binary variable"); continue; }
                var arising = new bool[nd];
                foreach (var a in Seq(m, "arising_from_given"))
                {
                    var did = (a as YamlScalarNode)?.Value ?? "";
                    if (dindex.TryGetValue(did, out var di)) arising[di] = true;
                    else Err("MDX-KB005", a, $"unknown diagnosis id '{did}'");
                }
                var states = v.States.Where(s => !s.IsGroup).Select(s => s.Id).ToArray();
                if (Get(m, "population") is not YamlMappingNode pm) { Err("MDX-KB003", m, $"conditioned finding '{id}' has no population shares"); continue; }
                var population = Shares(pm, states, id);
                provs.Add(own);
                provs.Add(population.Provenance);
                var byGiven = new Dictionary<string, ConditionalShares>(StringComparer.Ordinal);
                if (Get(m, "shares") is YamlMappingNode sm)
                {
                    foreach (var (k, sv) in sm.Children)
                    {
                        var gs = ((YamlScalarNode)k).Value ?? "";
                        if (g.State(gs) is null) { Err("MDX-KB012", k, $"'{given}' has no value '{gs}'"); continue; }
                        if (sv is not YamlMappingNode svm) { Err("MDX-KB002", sv, "expected a mapping of shares"); continue; }
                        var sh = Shares(svm, states, id);
                        provs.Add(sh.Provenance);
                        byGiven[gs] = sh;
                    }
                }
                if (!result.TryAdd(id, new ConditionedFinding(id, given, Str(m, "label") ?? $"given {g.Name.ToLowerInvariant()}", arising,
                        population.Share, byGiven, [own, population.Provenance, .. byGiven.Values.Select(x => x.Provenance)])))
                    Err("MDX-KB011", m, $"'{id}' is conditioned twice");
            }
            return result;
        }

        /// <summary>One share per state, strictly between 0 and 1, summing to 1 (within rounding), with provenance.</summary>
        private ConditionalShares Shares(YamlMappingNode m, string[] states, string variableId)
        {
            Keys(m, [.. states, "source", "estimate", "reason", "derived"]);
            var share = new double[states.Length];
            for (var i = 0; i < states.Length; i++)
            {
                var x = Num(m, states[i]) ?? 1.0 / states.Length;
                if (x <= 0 || x >= 1) Err("MDX-KB006", m, $"share of '{states[i]}' must lie strictly between 0 and 1");
                share[i] = x;
            }
            var sum = share.Sum();
            if (Math.Abs(sum - 1) > 0.02) Err("MDX-KB006", m, $"shares of '{variableId}' sum to {sum:0.###}, not 1");
            return new ConditionalShares(share.Select(x => x / sum).ToArray(), RowProvenance(m) ?? Missing(m));
        }
    }
}
