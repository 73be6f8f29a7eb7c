using MyeloDx.Core.Knowledge;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Decisions;

/// <summary>Preconditions, contraindications, biopsy routes and their conditions (tests.yaml).</summary>
public static partial class DecisionKnowledgeLoader
{
    private abstract partial class ReaderBase
    {
        /// <summary>
        /// A condition: {finding: id, is: [..]} | {finding: id, not: [..]} | {known: finding} | {fact: id, is: [..]} |
        /// {fact: id, below: n} | {fact_known: id} | {any: [..]} | {all: [..]}. Every id and value is checked.
        /// </summary>
        protected SafetyCondition? Condition(YamlNode? n)
        {
            if (n is null) return null;
            if (n is YamlSequenceNode seq)
                return new SafetyCondition(ConditionKind.All, null, [], null, seq.Children.Select(Condition).OfType<SafetyCondition>().ToArray());
            if (n is not YamlMappingNode m) { Err("002", n, "a condition must be a mapping"); return null; }
            Keys(m, "finding", "fact", "is", "not", "below", "known", "fact_known", "any", "all");
            if (Get(m, "any") is { } any || Get(m, "all") is { } _)
            {
                var kind = Get(m, "any") is not null ? ConditionKind.Any : ConditionKind.All;
                var list = Get(m, kind == ConditionKind.Any ? "any" : "all");
                if (list is not YamlSequenceNode ls) { Err("002", m, "'any'/'all' must list conditions"); return null; }
                return new SafetyCondition(kind, null, [], null, ls.Children.Select(Condition).OfType<SafetyCondition>().ToArray());
            }
            if (Str(m, "known") is { } known)
            {
                if (!Kb.Variables.ContainsKey(known)) Err("005", m, $"unknown knowledge-base finding '{known}'");
                return new SafetyCondition(ConditionKind.FindingKnown, known, [], null, []);
            }
            if (Str(m, "fact_known") is { } fk)
            {
                if (!CaseContext.KnownFacts.ContainsKey(fk)) Err("005", m, $"unknown safety fact '{fk}' (known: {string.Join(", ", CaseContext.KnownFacts.Keys)})");
                return new SafetyCondition(ConditionKind.FactKnown, fk, [], null, []);
            }
            if (Str(m, "finding") is { } fid)
            {
                if (!Kb.Variables.TryGetValue(fid, out var v)) { Err("005", m, $"unknown knowledge-base finding '{fid}'"); return null; }
                var isNot = Get(m, "not") is not null;
                var values = StrList(m, isNot ? "not" : "is");
                if (values.Count == 0) Err("004", m, $"condition on '{fid}' needs 'is' or 'not' with values");
                foreach (var s in values.Where(s => v.State(s) is null)) Err("006", m, $"'{fid}' has no value '{s}'");
                return new SafetyCondition(isNot ? ConditionKind.FindingNot : ConditionKind.FindingIs, fid, values, null, []);
            }
            if (Str(m, "fact") is { } fact)
            {
                if (!CaseContext.KnownFacts.TryGetValue(fact, out var kind)) { Err("005", m, $"unknown safety fact '{fact}'"); return null; }
                if (Get(m, "below") is { } bn)
                {
                    if (kind != "number") Err("006", m, $"'{fact}' is not a number");
                    return new SafetyCondition(ConditionKind.FactBelow, fact, [], Number(bn, "below"), []);
                }
                var values = StrList(m, "is");
                foreach (var s in values.Where(s => kind == "number" || !kind.Split('|').Contains(s))) Err("006", m, $"'{fact}' has no value '{s}' ({kind})");
                return new SafetyCondition(ConditionKind.FactIs, fact, values, null, []);
            }
            Err("004", m, "a condition needs 'finding', 'fact', 'known', 'fact_known', 'any' or 'all'");
            return null;
        }

        /// <summary>The `preconditions` and `contraindications` of a procedure or test.</summary>
        protected (IReadOnlyList<Precondition>, IReadOnlyList<Contraindication>) Rules(YamlMappingNode m)
        {
            var pre = new List<Precondition>();
            foreach (var n in Seq(m, "preconditions"))
            {
                if (n is not YamlMappingNode pm) { Err("002", n, "a precondition must be a mapping"); continue; }
                Keys(pm, "id", "text", "required_when", "met_when", "after_test", "source", "estimate", "reason");
                var id = Str(pm, "id", required: true);
                var text = Str(pm, "text", required: true);
                var met = Condition(Get(pm, "met_when"));
                if (Get(pm, "met_when") is null) Err("004", pm, "missing 'met_when'");
                var after = Str(pm, "after_test");
                if (after is not null) AfterTestRefs.Add((pm, after));
                var prov = Prov(pm, required: true);
                if (id is null || text is null || met is null || prov is null) continue;
                pre.Add(new Precondition(id, text.Trim(), Condition(Get(pm, "required_when")), met, after, prov));
            }
            var contra = new List<Contraindication>();
            foreach (var n in Seq(m, "contraindications"))
            {
                if (n is not YamlMappingNode cm) { Err("002", n, "a contraindication must be a mapping"); continue; }
                Keys(cm, "when", "reason", "source", "estimate");
                var when = Condition(Get(cm, "when"));
                if (Get(cm, "when") is null) Err("004", cm, "missing 'when'");
                var reason = Str(cm, "reason", required: true);
                var src = Str(cm, "source");
                if (src is null) Err("009", cm, "a contraindication needs a 'source'");
                else if (!Kb.Sources.ContainsKey(src)) Err("010", cm, $"source '{src}' is not defined in sources.yaml");
                if (when is null || reason is null || src is null) continue;
                contra.Add(new Contraindication(when, reason.Trim(), new Provenance(src, null, Origin(cm))));
            }
            return (pre, contra);
        }

        /// <summary>Tests named by `after_test` (checked once all tests are read).</summary>
        protected readonly List<(YamlNode Node, string Id)> AfterTestRefs = [];
    }

    private sealed partial class TestsReader
    {
        private readonly List<(YamlNode, string)> ProcedureRefs = [];

        private IReadOnlyList<BiopsyRoute> Routes(YamlMappingNode m, List<InvasivenessLevel> scale, List<(YamlNode, string)> afters)
        {
            var routes = new List<BiopsyRoute>();
            foreach (var n in Seq(m, "routes"))
            {
                if (n is not YamlMappingNode rm) { Err("002", n, "a route must be a mapping"); continue; }
                Keys(rm, "id", "name", "invasiveness", "procedure", "when", "withhold_when", "withhold_reason", "use_test", "after", "note", "source", "estimate", "reason");
                var id = Str(rm, "id", required: true);
                var name = Str(rm, "name", required: true);
                var invId = Str(rm, "invasiveness", required: true);
                var inv = scale.FirstOrDefault(s => s.Id == invId);
                if (invId is not null && inv is null) Err("012", rm, $"invasiveness '{invId}' is not on the scale");
                var proc = Str(rm, "procedure");
                if (proc is not null) ProcedureRefs.Add((rm, proc));
                var after = StrList(rm, "after");
                foreach (var a in after) afters.Add((rm, a));
                var prov = Prov(rm, required: true);
                if (routes.Any(r => r.Id == id)) Err("011", rm, $"route '{id}' is defined twice");
                if (id is null || name is null || inv is null || prov is null) continue;
                if (routes.Count > 0 && inv.Level < routes[^1].Invasiveness.Level) Err("017", rm, $"route '{id}' is less invasive than the one before it: list routes least invasive first");
                var withhold = Condition(Get(rm, "withhold_when"));
                var why = Str(rm, "withhold_reason", required: withhold is not null);
                routes.Add(new BiopsyRoute(id, name, inv, proc, Condition(Get(rm, "when")), after, Str(rm, "note"), prov) { WithholdWhen = withhold, WithholdReason = why, UseTest = Str(rm, "use_test") });
                if (Str(rm, "use_test") is { } ut) afters.Add((rm, ut));
            }
            return routes;
        }
    }
}
