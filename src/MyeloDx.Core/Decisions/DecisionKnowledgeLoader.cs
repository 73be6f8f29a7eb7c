using System.Globalization;
using MyeloDx.Core.Knowledge;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// Loads knowledge/tests.yaml and knowledge/management.yaml like a compiler, against an already loaded
/// <see cref="KnowledgeBase"/>: unknown keys, unknown variables, states, diagnoses and sources, probabilities outside
/// (0,1) and numbers or statements without provenance are coded diagnostics with file:line (MDX-KTnnn for tests,
/// MDX-KMnnn for management; catalogued in docs/error-codes.md). A file with any diagnostic is refused.
/// </summary>
public static partial class DecisionKnowledgeLoader
{
    public const string TestsFile = "tests.yaml";
    public const string ManagementFile = "management.yaml";

    /// <summary>Loads both files from the knowledge folder or throws <see cref="KnowledgeException"/> listing every diagnostic.</summary>
    public static (TestCatalog Tests, ManagementCatalog Management) Load(string folder, KnowledgeBase kb)
    {
        var files = new Dictionary<string, string>();
        foreach (var name in new[] { TestsFile, ManagementFile })
        {
            var p = Path.Combine(folder, name);
            if (File.Exists(p)) files[name] = File.ReadAllText(p);
        }
        var (t, m, d) = FromTexts(files, kb);
        if (t is null || m is null || d.Count > 0) throw new KnowledgeException(d);
        return (t, m);
    }

    /// <summary>Loads from in-memory texts keyed by file name (tests use tiny inline YAML).</summary>
    public static (TestCatalog? Tests, ManagementCatalog? Management, IReadOnlyList<KnowledgeDiagnostic> Diagnostics) FromTexts(
        IReadOnlyDictionary<string, string> files, KnowledgeBase kb)
    {
        var diags = new List<KnowledgeDiagnostic>();
        TestCatalog? tests = null; ManagementCatalog? mgmt = null;
        if (files.TryGetValue(TestsFile, out var tt)) tests = new TestsReader(kb, diags).Read(tt);
        else diags.Add(new("MDX-KT001", TestsFile, 0, "required knowledge file is missing"));
        if (files.TryGetValue(ManagementFile, out var mt)) mgmt = new ManagementReader(kb, diags).Read(mt);
        else diags.Add(new("MDX-KM001", ManagementFile, 0, "required knowledge file is missing"));
        var distinct = diags.Distinct().ToList();
        return distinct.Count > 0 ? (null, null, distinct) : (tests, mgmt, distinct);
    }

    /// <summary>Shared strict-YAML helpers; <c>P</c> is the code prefix (MDX-KT or MDX-KM).</summary>
    private abstract partial class ReaderBase(KnowledgeBase kb, List<KnowledgeDiagnostic> diags, string file, string prefix)
    {
        protected readonly KnowledgeBase Kb = kb;
        protected readonly string File = file;

        protected YamlMappingNode? Parse(string text) => KnowledgeYaml.ParseMapping(text, File, prefix, diags);

        protected string Origin(YamlNode n) => $"{File}:{n.Start.Line}";
        protected void Err(string code, YamlNode n, string msg) => diags.Add(new(prefix + code, File, (int)n.Start.Line, msg));

        protected void Keys(YamlMappingNode m, params string[] allowed)
        {
            foreach (var k in m.Children.Keys)
            {
                var s = (k as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(s)) Err("003", k, $"unknown key '{s}' (allowed: {string.Join(", ", allowed)})");
            }
        }

        protected static YamlNode? Get(YamlMappingNode m, string key) =>
            m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        protected string? Str(YamlMappingNode m, string key, bool required = false)
        {
            var v = Get(m, key);
            if (v is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)) return s.Value;
            if (v is not null and not YamlScalarNode) Err("002", v, $"'{key}' must be a single value");
            else if (required) Err("004", m, $"missing '{key}'");
            return null;
        }

        protected double? Number(YamlNode v, string what)
        {
            if (v is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)) return x;
            Err("008", v, $"{what} must be a number");
            return null;
        }

        protected IEnumerable<YamlNode> Seq(YamlMappingNode m, string key, bool required = false)
        {
            var v = Get(m, key);
            if (v is null) { if (required) Err("004", m, $"missing '{key}'"); return []; }
            if (v is YamlSequenceNode s) return s.Children;
            Err("002", v, $"'{key}' must be a list");
            return [];
        }

        protected IReadOnlyList<string> StrList(YamlMappingNode m, string key)
        {
            var list = new List<string>();
            foreach (var n in Seq(m, key))
            {
                if (n is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)) list.Add(s.Value!);
                else Err("002", n, $"items of '{key}' must be plain values");
            }
            return list;
        }

        /// <summary>source: id, or estimate: true + reason, or estimate: "reason". Null (and a diagnostic when required) otherwise.</summary>
        protected Provenance? Prov(YamlMappingNode m, bool required)
        {
            var src = Str(m, "source");
            var est = Get(m, "estimate");
            var reason = Str(m, "reason");
            if (src is not null)
            {
                if (!Kb.Sources.ContainsKey(src)) Err("010", m, $"source '{src}' is not defined in sources.yaml");
                return new Provenance(src, null, Origin(m));
            }
            if (est is YamlScalarNode es)
            {
                var ev = es.Value ?? "";
                if (ev == "true")
                {
                    if (string.IsNullOrWhiteSpace(reason)) { Err("009", m, "'estimate: true' needs a 'reason'"); return null; }
                    return new Provenance(null, reason, Origin(m));
                }
                if (ev is "false" or "") { Err("009", m, "'estimate' must be true (with a reason) or the reason itself"); return null; }
                return new Provenance(null, ev, Origin(m));
            }
            if (required) Err("009", m, "no provenance: give 'source: <id in sources.yaml>' or 'estimate: true' with 'reason'");
            return null;
        }

        /// <summary>A probability strictly inside (0,1), written as a number or as {p:, source:/estimate:}.</summary>
        protected (double? P, Provenance? Prov) Probability(YamlNode v, Provenance? inherited, string what)
        {
            double? val; var pv = inherited;
            if (v is YamlScalarNode) val = Number(v, what);
            else if (v is YamlMappingNode vm)
            {
                Keys(vm, "p", "source", "estimate", "reason");
                val = Get(vm, "p") is { } pn ? Number(pn, what) : null;
                if (Get(vm, "p") is null) Err("004", vm, $"missing 'p' for {what}");
                pv = Prov(vm, required: false) ?? inherited;
            }
            else { Err("002", v, $"{what}: expected a number or {{p:, source:}}"); return (null, null); }
            if (val is { } x && (x <= 0 || x >= 1)) Err("008", v, $"{what}: probability {x} is outside (0,1)");
            if (pv is null) { Err("009", v, $"{what}: number without provenance"); pv = new Provenance(null, null, Origin(v)); }
            return (val, pv with { Origin = Origin(v) });
        }

        /// <summary>Variable id → allowed state ids, every id checked against the knowledge base.</summary>
        protected IReadOnlyDictionary<string, IReadOnlyList<string>> StateMap(YamlMappingNode m, string key)
        {
            var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var node = Get(m, key);
            if (node is null) return result;
            if (node is not YamlMappingNode map) { Err("002", node, $"'{key}' must map finding ids to lists of values"); return result; }
            foreach (var (k, v) in map.Children)
            {
                var vid = ((YamlScalarNode)k).Value ?? "";
                if (!Kb.Variables.TryGetValue(vid, out var variable)) { Err("005", k, $"unknown knowledge-base finding '{vid}'"); continue; }
                var states = new List<string>();
                var items = v is YamlSequenceNode sq ? sq.Children : v is YamlScalarNode ? [v] : [];
                if (items.Count == 0) Err("002", v, $"'{key}.{vid}' must list values");
                foreach (var it in items)
                {
                    var sid = (it as YamlScalarNode)?.Value ?? "";
                    if (variable.Kind == VariableKind.Continuous || variable.State(sid) is null)
                        Err("006", it, $"'{vid}' has no value '{sid}' (allowed: {string.Join(", ", variable.States.Select(s => s.Id))})");
                    else states.Add(sid);
                }
                result[vid] = states;
            }
            return result;
        }

        protected int DiagnosisIndex(YamlNode k, string id)
        {
            if (Kb.DiagnosisIndex.TryGetValue(id, out var i)) return i;
            Err("007", k, $"unknown diagnosis id '{id}'");
            return -1;
        }
    }

    private sealed partial class TestsReader(KnowledgeBase kb, List<KnowledgeDiagnostic> diags) : ReaderBase(kb, diags, TestsFile, "MDX-KT")
    {
        public TestCatalog? Read(string text)
        {
            var root = Parse(text);
            if (root is null) return null;
            Keys(root, "version", "invasiveness_scale", "cost_classes", "procedures", "tests");
            var version = Str(root, "version", required: true) ?? "unversioned";

            var scale = new List<InvasivenessLevel>();
            foreach (var n in Seq(root, "invasiveness_scale", required: true))
            {
                if (n is not YamlMappingNode m) { Err("002", n, "a scale step must be a mapping"); continue; }
                Keys(m, "id", "label", "level", "weight", "source", "estimate", "reason");
                var id = Str(m, "id", required: true);
                var label = Str(m, "label", required: true) ?? id ?? "";
                var level = Get(m, "level") is { } ln ? Number(ln, "level") : null;
                if (Get(m, "level") is null) Err("004", m, "missing 'level'");
                var weight = Get(m, "weight") is { } wn ? Number(wn, "weight") : null;
                if (Get(m, "weight") is null) Err("004", m, "missing 'weight'");
                if (weight is { } w && (w <= 0 || w > 1)) Err("008", m, $"weight {w} must be in (0,1]");
                var prov = Prov(m, required: true);
                if (id is null || level is null || weight is null || prov is null) continue;
                if (scale.Any(s => s.Id == id)) { Err("011", m, $"invasiveness step '{id}' is defined twice"); continue; }
                scale.Add(new InvasivenessLevel(id, label, (int)level.Value, weight.Value, prov));
            }
            var costs = StrList(root, "cost_classes");
            if (costs.Count == 0) Err("004", root, "missing 'cost_classes'");

            var procedures = new List<ProcedureRules>();
            foreach (var n in Seq(root, "procedures"))
            {
                if (n is not YamlMappingNode pm) { Err("002", n, "a procedure must be a mapping"); continue; }
                Keys(pm, "id", "label", "preconditions", "contraindications");
                var pid = Str(pm, "id", required: true);
                var plabel = Str(pm, "label", required: true);
                var (pre, contra) = Rules(pm);
                if (pid is null || plabel is null) continue;
                if (procedures.Any(x => x.Id == pid)) { Err("011", pm, $"procedure '{pid}' is defined twice"); continue; }
                procedures.Add(new ProcedureRules(pid, plabel, pre, contra));
            }
            var tests = new List<DiagnosticTest>();
            var afters = new List<(YamlNode node, string id)>();
            foreach (var n in Seq(root, "tests", required: true))
            {
                if (n is not YamlMappingNode m) { Err("002", n, "a test must be a mapping"); continue; }
                var t = ReadTest(m, scale, costs, afters);
                if (t is null) continue;
                if (tests.Any(x => x.Id == t.Id)) { Err("011", m, $"test '{t.Id}' is defined twice"); continue; }
                tests.Add(t);
            }
            foreach (var (node, id) in afters)
                if (tests.All(t => t.Id != id)) Err("013", node, $"'after' names unknown test '{id}'");
            foreach (var (node, id) in AfterTestRefs)
                if (tests.All(t => t.Id != id)) Err("013", node, $"'after_test' names unknown test '{id}'");
            foreach (var (node, id) in ProcedureRefs)
                if (procedures.All(p => p.Id != id)) Err("013", node, $"unknown procedure '{id}'");
            return new TestCatalog(version, tests, scale, costs, procedures);
        }

        private DiagnosticTest? ReadTest(YamlMappingNode m, List<InvasivenessLevel> scale, IReadOnlyList<string> costs, List<(YamlNode, string)> afters)
        {
            Keys(m, "id", "name", "category", "invasiveness", "cost", "turnaround_days", "source", "estimate", "reason",
                "reveals", "results", "applies_if", "requires", "after", "note", "procedure", "preconditions", "contraindications", "routes");
            var id = Str(m, "id", required: true);
            var name = Str(m, "name", required: true);
            var category = Str(m, "category", required: true) ?? "";
            var invId = Str(m, "invasiveness", required: true);
            var inv = scale.FirstOrDefault(s => s.Id == invId);
            if (invId is not null && inv is null) Err("012", m, $"invasiveness '{invId}' is not on the scale ({string.Join(", ", scale.Select(s => s.Id))})");
            var cost = Str(m, "cost", required: true);
            if (cost is not null && !costs.Contains(cost)) Err("012", m, $"cost '{cost}' is not a cost class ({string.Join(", ", costs)})");
            double? turnaround = Get(m, "turnaround_days") is { } tn ? Number(tn, "turnaround_days") : null;
            if (Get(m, "turnaround_days") is null) Err("004", m, "missing 'turnaround_days'");
            if (turnaround is < 0) Err("008", m, "turnaround_days must not be negative");
            var practical = Prov(m, required: true);

            var reveals = new List<string>();
            if (Get(m, "reveals") is YamlSequenceNode rs)
                foreach (var rn in rs.Children)
                {
                    var vid = (rn as YamlScalarNode)?.Value ?? "";
                    if (!Kb.Variables.TryGetValue(vid, out var v)) { Err("005", rn, $"unknown knowledge-base finding '{vid}'"); continue; }
                    if (v.Kind == VariableKind.Continuous) { Err("016", rn, $"'{vid}' is continuous; a test can reveal only categorical or binary findings"); continue; }
                    if (reveals.Contains(vid)) { Err("011", rn, $"'{vid}' is listed twice"); continue; }
                    reveals.Add(vid);
                }
            else if (Get(m, "reveals") is { } bad) Err("002", bad, "'reveals' must be a list of finding ids");

            var own = new List<TestFactor>();
            foreach (var fn in Seq(m, "results"))
            {
                if (fn is not YamlMappingNode fm) { Err("002", fn, "a result group must be a mapping"); continue; }
                if (ReadFactor(fm) is { } f)
                {
                    if (own.Any(x => x.Id == f.Id)) { Err("011", fm, $"result group '{f.Id}' is defined twice"); continue; }
                    own.Add(f);
                }
            }
            if (reveals.Count == 0 && own.Count == 0) Err("014", m, $"test '{id}' reveals no finding and has no results");

            var appliesIf = StateMap(m, "applies_if");
            var requires = StateMap(m, "requires");
            var after = new List<string>();
            foreach (var an in Seq(m, "after"))
            {
                var aid = (an as YamlScalarNode)?.Value ?? "";
                if (aid == id) Err("013", an, "a test cannot come after itself");
                afters.Add((an, aid));
                after.Add(aid);
            }
            var procedure = Str(m, "procedure");
            if (procedure is not null) ProcedureRefs.Add((m, procedure));
            var (pre, contra) = Rules(m);
            var routes = Routes(m, scale, afters);
            if (id is null || name is null || inv is null || cost is null || turnaround is null || practical is null) return null;
            return new DiagnosticTest(id, name, category, inv, cost, turnaround.Value, practical, reveals, own, appliesIf, requires, after, Str(m, "note"), Origin(m))
            {
                Procedure = procedure,
                Preconditions = pre,
                Contraindications = contra,
                Routes = routes,
            };
        }

        private TestFactor? ReadFactor(YamlMappingNode fm)
        {
            Keys(fm, "id", "label", "outcomes");
            var fid = Str(fm, "id", required: true);
            var flabel = Str(fm, "label", required: true) ?? fid ?? "";
            var nd = Kb.Diagnoses.Count;
            var raw = new List<(string id, string label, double[] p, Provenance[] prov, bool remainder, YamlNode node)>();
            foreach (var on in Seq(fm, "outcomes", required: true))
            {
                if (on is not YamlMappingNode om) { Err("002", on, "an outcome must be a mapping"); continue; }
                Keys(om, "id", "label", "p", "remainder", "source", "estimate", "reason");
                var oid = Str(om, "id", required: true) ?? "";
                var olabel = Str(om, "label", required: true) ?? oid;
                if (raw.Any(r => r.id == oid)) Err("011", om, $"outcome '{oid}' is defined twice");
                if (Str(om, "remainder") == "true")
                {
                    if (Get(om, "p") is not null) Err("003", om, "a remainder outcome takes no 'p'");
                    raw.Add((oid, olabel, new double[nd], new Provenance[nd], true, om));
                    continue;
                }
                var rowProv = Prov(om, required: false);
                if (Get(om, "p") is not YamlMappingNode pm) { Err("004", om, $"outcome '{oid}' has no 'p' table"); continue; }
                var p = new double[nd]; var prov = new Provenance?[nd];
                double? def = null; Provenance? defProv = null;
                foreach (var (k, v) in pm.Children)
                {
                    var key = ((YamlScalarNode)k).Value ?? "";
                    var (val, pv) = Probability(v, rowProv, $"'{oid}' under '{key}'");
                    if (val is null) continue;
                    if (key == "default") { def = val; defProv = pv; continue; }
                    var di = DiagnosisIndex(k, key);
                    if (di < 0) continue;
                    p[di] = val.Value; prov[di] = pv;
                }
                for (var i = 0; i < nd; i++)
                {
                    if (prov[i] is not null) continue;
                    if (def is null) { Err("009", pm, $"outcome '{oid}' gives no value for '{Kb.Diagnoses[i].Id}' and no default"); prov[i] = new Provenance(null, null, Origin(pm)); continue; }
                    p[i] = def.Value; prov[i] = defProv;
                }
                raw.Add((oid, olabel, p, prov.Select(x => x!).ToArray(), false, om));
            }
            if (raw.Count < 2) Err("004", fm, $"result group '{fid}' needs at least two outcomes");
            if (raw.Count(r => r.remainder) > 1) Err("015", fm, $"result group '{fid}' has more than one remainder outcome");
            var results = new List<TestResult>();
            var hasRemainder = raw.Any(r => r.remainder);
            for (var i = 0; i < nd; i++)
            {
                var sum = raw.Where(r => !r.remainder).Sum(r => r.p[i]);
                if (hasRemainder && sum >= 1) Err("015", fm, $"outcomes of '{fid}' leave nothing for the remainder under '{Kb.Diagnoses[i].Id}' (sum {sum:0.###})");
                if (!hasRemainder && Math.Abs(sum - 1) > 0.02) Err("015", fm, $"outcomes of '{fid}' sum to {sum:0.###} under '{Kb.Diagnoses[i].Id}', not 1 (add a remainder outcome)");
            }
            foreach (var r in raw)
            {
                if (r.remainder)
                {
                    var p = new double[nd];
                    for (var i = 0; i < nd; i++) p[i] = Math.Max(0, 1 - raw.Where(x => !x.remainder).Sum(x => x.p[i]));
                    var prov = Enumerable.Repeat(new Provenance(null, "complement of the other outcomes", Origin(r.node)), nd).ToArray();
                    results.Add(new TestResult(r.id, r.label, p, prov));
                }
                else
                {
                    // without a remainder, rows are relative frequencies: normalise per diagnosis so they sum to 1
                    var p = r.p.Select((x, i) => hasRemainder ? x : x / raw.Sum(y => y.p[i])).ToArray();
                    results.Add(new TestResult(r.id, r.label, p, r.prov));
                }
            }
            return fid is null ? null : new TestFactor(fid, flabel, null, results);
        }
    }
}
