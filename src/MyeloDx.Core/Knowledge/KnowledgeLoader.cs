using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Knowledge;

/// <summary>
/// Loads knowledge/*.yaml like a compiler: unknown keys, unknown ids, probabilities outside (0,1) and numbers
/// without provenance are reported as coded diagnostics with file:line. A base with any diagnostic is refused.
/// Codes are catalogued in docs/error-codes.md.
/// </summary>
public static partial class KnowledgeLoader
{
    public const string DiagnosesFile = "diagnoses.yaml";
    public const string SourcesFile = "sources.yaml";
    public const string FindingsFolder = "findings";

    /// <summary>Loads the folder or throws <see cref="KnowledgeException"/> listing every diagnostic.</summary>
    public static KnowledgeBase Load(string folder)
    {
        var (kb, diagnostics) = TryLoad(folder);
        if (kb is null || diagnostics.Count > 0) throw new KnowledgeException(diagnostics);
        return kb;
    }

    public static (KnowledgeBase? Base, IReadOnlyList<KnowledgeDiagnostic> Diagnostics) TryLoad(string folder)
    {
        var files = new Dictionary<string, string>();
        var diags = new List<KnowledgeDiagnostic>();
        if (!Directory.Exists(folder))
        {
            diags.Add(new("MDX-KB001", folder, 0, "knowledge folder not found"));
            return (null, diags);
        }
        if (File.Exists(Path.Combine(folder, DependenceFile))) files[DependenceFile] = File.ReadAllText(Path.Combine(folder, DependenceFile));
        foreach (var name in new[] { DiagnosesFile, SourcesFile })
        {
            var p = Path.Combine(folder, name);
            if (File.Exists(p)) files[name] = File.ReadAllText(p);
            else diags.Add(new("MDX-KB001", name, 0, "required knowledge file is missing"));
        }
        var fdir = Path.Combine(folder, FindingsFolder);
        if (Directory.Exists(fdir))
            foreach (var p in Directory.GetFiles(fdir, "*.yaml").Order(StringComparer.Ordinal))
                files[FindingsFolder + "/" + Path.GetFileName(p)] = File.ReadAllText(p);
        if (diags.Count > 0) return (null, diags);
        return FromTexts(files);
    }

    /// <summary>Loads from in-memory texts keyed by relative file name (used by tests with tiny inline YAML).</summary>
    public static (KnowledgeBase? Base, IReadOnlyList<KnowledgeDiagnostic> Diagnostics) FromTexts(IReadOnlyDictionary<string, string> files)
    {
        var r = new Reader();
        return r.Run(files);
    }

    private sealed partial class Reader
    {
        private readonly List<KnowledgeDiagnostic> _d = [];
        private string _file = "";

        public (KnowledgeBase?, IReadOnlyList<KnowledgeDiagnostic>) Run(IReadOnlyDictionary<string, string> files)
        {
            // sources
            var sources = new Dictionary<string, Source>(StringComparer.Ordinal);
            if (Parse(files, SourcesFile) is { } sroot)
            {
                Keys(sroot, "version", "sources");
                foreach (var n in Seq(sroot, "sources"))
                {
                    if (n is not YamlMappingNode m) { Err("MDX-KB002", n, "a source must be a mapping"); continue; }
                    Keys(m, "id", "citation", "pmid", "doi", "url", "read", "note");
                    var id = Str(m, "id", required: true);
                    var cit = Str(m, "citation", required: true);
                    var pmid = Str(m, "pmid"); var doi = Str(m, "doi"); var url = Str(m, "url");
                    if (pmid is null && doi is null && url is null) Err("MDX-KB010", m, $"source '{id}' has no pmid, doi or url");
                    if (id is null) continue;
                    if (sources.ContainsKey(id)) Err("MDX-KB011", m, $"source id '{id}' is defined twice");
                    sources[id] = new Source(id, cit ?? "", pmid, doi, url, Str(m, "read"));
                }
            }

            // diagnoses and priors
            var diagnoses = new List<Diagnosis>();
            var priors = new Dictionary<string, PriorContext>();
            string version = "unversioned"; string defaultContext = "";
            double evidenceWeight = 1; Provenance? evidenceWeightProv = null;
            var notes = new Dictionary<string, string>();
            var droot = Parse(files, DiagnosesFile);
            if (droot is not null)
            {
                Keys(droot, "version", "default_context", "diagnoses", "priors", "population", "evidence_weight");
                version = Str(droot, "version", required: true) ?? version;
                defaultContext = Str(droot, "default_context", required: true) ?? "";
                if (Str(droot, "population") is { } pop) notes["population"] = pop;
                if (Get(droot, "evidence_weight") is YamlMappingNode ew)
                {
                    Keys(ew, "value", "source", "estimate", "reason");
                    var w = Num(ew, "value");
                    if (w is not null && (w <= 0 || w > 1)) Err("MDX-KB006", ew, "evidence_weight must be in (0,1]");
                    evidenceWeight = w ?? 1;
                    evidenceWeightProv = RowProvenance(ew) ?? Missing(ew);
                }
                foreach (var n in Seq(droot, "diagnoses"))
                {
                    if (n is not YamlMappingNode m) { Err("MDX-KB002", n, "a diagnosis must be a mapping"); continue; }
                    Keys(m, "id", "name", "summary");
                    var id = Str(m, "id", required: true);
                    if (id is null) continue;
                    if (diagnoses.Any(x => x.Id == id)) { Err("MDX-KB011", m, $"diagnosis '{id}' is defined twice"); continue; }
                    diagnoses.Add(new Diagnosis(id, Str(m, "name", required: true) ?? id, Str(m, "summary") ?? "", diagnoses.Count));
                }
            }
            var dindex = diagnoses.ToDictionary(x => x.Id, x => x.Index);
            if (droot is not null)
            {
                foreach (var n in Seq(droot, "priors"))
                {
                    if (n is not YamlMappingNode m) { Err("MDX-KB002", n, "a prior context must be a mapping"); continue; }
                    Keys(m, "context", "description", "source", "estimate", "reason", "derived", "values");
                    var ctx = Str(m, "context", required: true) ?? "";
                    var rowProv = RowProvenance(m);
                    var vals = Get(m, "values") as YamlMappingNode;
                    if (vals is null) { Err("MDX-KB003", m, $"prior context '{ctx}' has no values"); continue; }
                    var (p, prov) = PerDiagnosis(vals, rowProv, dindex, diagnoses.Count, allowDefault: false);
                    var sum = p.Sum();
                    if (Math.Abs(sum - 1) > 0.02) Err("MDX-KB006", vals, $"priors of context '{ctx}' sum to {sum:0.###}, not 1");
                    priors[ctx] = new PriorContext(ctx, Str(m, "description") ?? "", p.Select(x => x / sum).ToArray(), prov);
                }
                if (!priors.ContainsKey(defaultContext)) Err("MDX-KB004", droot, $"default_context '{defaultContext}' is not among the prior contexts");
            }

            // findings
            var variables = new Dictionary<string, Variable>(StringComparer.Ordinal);
            foreach (var (name, _) in files.Where(f => f.Key.StartsWith(FindingsFolder + "/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var root = Parse(files, name);
                if (root is null) continue;
                Keys(root, "version", "group", "variables");
                var group = Str(root, "group") ?? Path.GetFileNameWithoutExtension(name);
                foreach (var n in Seq(root, "variables"))
                {
                    if (n is not YamlMappingNode m) { Err("MDX-KB002", n, "a variable must be a mapping"); continue; }
                    var v = ReadVariable(m, group, dindex, diagnoses.Count);
                    if (v is null) continue;
                    if (variables.ContainsKey(v.Id)) { Err("MDX-KB011", m, $"variable '{v.Id}' is defined twice"); continue; }
                    variables[v.Id] = v;
                }
            }

            // every cited source must exist
            foreach (var prov in variables.Values.SelectMany(v => v.States.SelectMany(s => s.Provenance).Concat(v.Densities?.Select(d => d.Provenance) ?? []))
                         .Concat(priors.Values.SelectMany(p => p.Provenance)))
            {
                if (prov.SourceId is not null && !sources.ContainsKey(prov.SourceId))
                    _d.Add(new("MDX-KB008", prov.Origin.Split(':')[0], int.TryParse(prov.Origin.Split(':').Last(), out var ln) ? ln : 0,
                        $"source '{prov.SourceId}' is not defined in sources.yaml"));
            }
            var robustness = ReadRobustness(files, variables, dindex);
            foreach (var prov in robustness.Provenance)
                if (prov.SourceId is not null && !sources.ContainsKey(prov.SourceId))
                    _d.Add(new("MDX-KB008", DependenceFile, 0, $"source '{prov.SourceId}' is not defined in sources.yaml"));
            if (robustness.TailDegreesOfFreedom is { } nu)
                foreach (var v in variables.Values.Where(v => v.Densities is not null).ToArray())
                    variables[v.Id] = v with { Densities = v.Densities!.Select(d => d with { TailDegreesOfFreedom = nu }).ToArray() };
            var distinct = _d.Distinct().ToList();
            if (distinct.Count > 0) return (null, distinct);
            return (new KnowledgeBase(version, diagnoses, variables, sources, priors, defaultContext, notes)
            {
                EvidenceWeight = evidenceWeight, EvidenceWeightProvenance = evidenceWeightProv, Robustness = robustness,
            }, distinct);
        }

        private Variable? ReadVariable(YamlMappingNode m, string group, Dictionary<string, int> dindex, int nd)
        {
            Keys(m, "id", "name", "group", "kind", "unit", "states", "present", "densities", "note", "groups");
            var id = Str(m, "id", required: true);
            var name = Str(m, "name", required: true) ?? id ?? "";
            var kindText = Str(m, "kind", required: true) ?? "";
            if (id is null) return null;
            var origin = Origin(m);
            group = Str(m, "group") ?? group;
            switch (kindText)
            {
                case "categorical":
                    {
                        var states = new List<VariableState>();
                        var raw = new List<(string id, string label, double[] p, Provenance[] prov)>();
                        foreach (var sn in Seq(m, "states"))
                        {
                            if (sn is not YamlMappingNode sm) { Err("MDX-KB002", sn, "a state must be a mapping"); continue; }
                            Keys(sm, "id", "label", "source", "estimate", "reason", "derived", "p");
                            var sid = Str(sm, "id", required: true) ?? "";
                            var rowProv = RowProvenance(sm);
                            if (Get(sm, "p") is not YamlMappingNode pm) { Err("MDX-KB003", sm, $"state '{sid}' of '{id}' has no p"); continue; }
                            var (p, prov) = PerDiagnosis(pm, rowProv, dindex, nd, allowDefault: true);
                            raw.Add((sid, Str(sm, "label") ?? sid, p, prov));
                        }
                        if (raw.Count < 2) Err("MDX-KB003", m, $"categorical variable '{id}' needs at least two states");
                        // States are relative frequencies under each diagnosis: normalise per diagnosis so they sum to 1.
                        var totals = new double[nd];
                        foreach (var s in raw) for (var i = 0; i < nd; i++) totals[i] += s.p[i];
                        foreach (var s in raw)
                            states.Add(new VariableState(s.id, s.label, s.p.Select((x, i) => totals[i] > 0 ? x / totals[i] : 0).ToArray(), s.prov));
                        foreach (var gn in Seq(m, "groups"))
                        {
                            if (gn is not YamlMappingNode gm) { Err("MDX-KB002", gn, "a group must be a mapping"); continue; }
                            Keys(gm, "id", "label", "members");
                            var gid = Str(gm, "id", required: true) ?? "";
                            var members = Seq(gm, "members").Select(x => (x as YamlScalarNode)?.Value ?? "").ToArray();
                            var known = members.Select(x => states.FirstOrDefault(st => st.Id == x)).ToArray();
                            for (var k = 0; k < members.Length; k++)
                                if (known[k] is null) Err("MDX-KB012", gm, $"group '{gid}' names unknown state '{members[k]}'");
                            if (members.Length < 2) Err("MDX-KB012", gm, $"group '{gid}' needs at least two members");
                            if (states.Any(st => st.Id == gid)) Err("MDX-KB011", gm, $"group id '{gid}' repeats a state id");
                            if (known.Any(x => x is null) || members.Length < 2) continue;
                            var lik = Enumerable.Range(0, nd).Select(i => Math.Min(known.Sum(x => x!.Likelihood[i]), 1 - 1e-9)).ToArray();
                            states.Add(new VariableState(gid, Str(gm, "label") ?? gid, lik, known.SelectMany(x => x!.Provenance).Take(nd).ToArray()) { Members = members });
                        }
                        return new Variable(id, name, group, VariableKind.Categorical, states, null, Str(m, "unit"), origin);
                    }
                case "binary":
                    {
                        if (Get(m, "present") is not YamlMappingNode pm) { Err("MDX-KB003", m, $"binary variable '{id}' has no 'present' row"); return null; }
                        Keys(pm, "label", "source", "estimate", "reason", "derived", "p");
                        var rowProv = RowProvenance(pm);
                        if (Get(pm, "p") is not YamlMappingNode pp) { Err("MDX-KB003", pm, $"'{id}' has no p"); return null; }
                        var (p, prov) = PerDiagnosis(pp, rowProv, dindex, nd, allowDefault: true);
                        var present = new VariableState("present", Str(pm, "label") ?? name, p, prov);
                        var absent = new VariableState("absent", FindingWording.Absent(name), p.Select(x => 1 - x).ToArray(), prov);
                        return new Variable(id, name, group, VariableKind.Binary, [present, absent], null, null, origin);
                    }
                case "continuous":
                    {
                        if (Get(m, "densities") is not YamlMappingNode dm) { Err("MDX-KB003", m, $"continuous variable '{id}' has no densities"); return null; }
                        YamlMappingNode? def = null;
                        var dens = new Density?[nd];
                        foreach (var (k, v) in dm.Children)
                        {
                            var key = ((YamlScalarNode)k).Value ?? "";
                            if (v is not YamlMappingNode vm) { Err("MDX-KB002", v, "a density must be a mapping"); continue; }
                            if (key == "default") { def = vm; continue; }
                            if (!dindex.TryGetValue(key, out var di)) { Err("MDX-KB005", k, $"unknown diagnosis id '{key}'"); continue; }
                            dens[di] = ReadDensity(vm);
                        }
                        for (var i = 0; i < nd; i++)
                        {
                            if (dens[i] is not null) continue;
                            if (def is null) { Err("MDX-KB007", dm, $"continuous variable '{id}' gives no density for diagnosis #{i} and no default"); continue; }
                            dens[i] = ReadDensity(def);
                        }
                        return new Variable(id, name, group, VariableKind.Continuous, [], dens.Select(x => x!).ToArray(), Str(m, "unit"), origin);
                    }
                default:
                    Err("MDX-KB009", m, $"variable '{id}' has kind '{kindText}'; expected categorical, binary or continuous");
                    return null;
            }
        }

        private Density ReadDensity(YamlMappingNode vm)
        {
            Keys(vm, "shape", "center", "spread", "source", "estimate", "reason", "derived");
            var shape = Str(vm, "shape", required: true) ?? "normal";
            if (shape is not ("normal" or "lognormal")) Err("MDX-KB009", vm, $"density shape '{shape}' is not normal or lognormal");
            var c = Num(vm, "center"); var s = Num(vm, "spread");
            if (s is not null && (s <= 0 || (shape == "lognormal" && s <= 1))) Err("MDX-KB006", vm, "spread must be > 0 (and > 1 for a lognormal geometric SD)");
            var prov = RowProvenance(vm) ?? Missing(vm);
            return new Density(shape, c ?? 1, s ?? 2, prov);
        }

        private Provenance Missing(YamlNode n)
        {
            Err("MDX-KB007", n, "number without provenance: give 'source: <id>' or 'estimate: true' with 'reason'");
            return new Provenance(null, null, Origin(n));
        }

        private (double[] p, Provenance[] prov) PerDiagnosis(YamlMappingNode pm, Provenance? rowProv, Dictionary<string, int> dindex, int nd, bool allowDefault)
        {
            var p = new double[nd]; var prov = new Provenance?[nd];
            double? def = null; Provenance? defProv = null;
            foreach (var (k, v) in pm.Children)
            {
                var key = ((YamlScalarNode)k).Value ?? "";
                double? val; Provenance? pv = rowProv;
                if (v is YamlScalarNode) val = Number(v);
                else if (v is YamlMappingNode vm)
                {
                    Keys(vm, "p", "source", "estimate", "reason", "derived");
                    val = Num(vm, "p");
                    pv = RowProvenance(vm) ?? rowProv;
                }
                else { Err("MDX-KB002", v, "expected a number or {p:, source:}"); continue; }
                if (val is null) continue;
                if (val <= 0 || val >= 1) Err("MDX-KB006", v, $"probability {val} for '{key}' is outside (0,1)");
                pv ??= Missing(v);
                pv = pv with { Origin = Origin(v) };
                if (key == "default")
                {
                    if (!allowDefault) { Err("MDX-KB002", k, "'default' is not allowed here; give every diagnosis"); continue; }
                    def = val; defProv = pv; continue;
                }
                if (!dindex.TryGetValue(key, out var di)) { Err("MDX-KB005", k, $"unknown diagnosis id '{key}'"); continue; }
                p[di] = val.Value; prov[di] = pv;
            }
            for (var i = 0; i < nd; i++)
            {
                if (prov[i] is not null) continue;
                if (def is null) { Err("MDX-KB007", pm, $"no value for diagnosis #{i} and no default"); prov[i] = new Provenance(null, null, Origin(pm)); continue; }
                p[i] = def.Value;
                // A row default read in a source (a control group's or a population's rate) is carried to every
                // diagnosis it fills: nobody measured it in those diagnoses, so those numbers are estimates (issue 13: a
                // number carried from a source to other diagnoses is an estimate), with the source kept for the reviewer.
                prov[i] = defProv is { SourceId: not null }
                    ? defProv with { Derivation = defProv.Derivation ?? "the source's background rate carried to this diagnosis through the row default", Carried = true }
                    : defProv;
            }
            return (p, prov.Select(x => x!).ToArray());
        }

        private Provenance? RowProvenance(YamlMappingNode m)
        {
            var src = Str(m, "source");
            var est = Get(m, "estimate");
            var reason = Str(m, "reason");
            var derived = Str(m, "derived");
            // A derived number is computed from a source's figures, so it must name that source.
            if (derived is not null && src is null) { Err("MDX-KB007", m, "'derived' needs the 'source' its figures come from"); return null; }
            // a source with an estimate: the source's figure carried to this diagnosis or population (the estimate says
            // how, in its short form or as 'estimate: true' with a reason)
            var carry = (est as YamlScalarNode)?.Value switch { "true" => reason, null or "" or "false" => null, var text => text };
            if (src is not null && !string.IsNullOrWhiteSpace(carry))
                return new Provenance(src, carry, Origin(m)) { Derivation = derived ?? carry, Carried = true };
            if (src is not null) return new Provenance(src, null, Origin(m)) { Derivation = derived };
            if (est is YamlScalarNode es)
            {
                var ev = es.Value ?? "";
                if (ev == "true")
                {
                    if (string.IsNullOrWhiteSpace(reason)) { Err("MDX-KB007", m, "'estimate: true' needs a 'reason'"); return null; }
                    return new Provenance(null, reason, Origin(m));
                }
                if (ev is "false" or "") { Err("MDX-KB007", m, "'estimate' must be true (with a reason) or the reason itself"); return null; }
                return new Provenance(null, ev, Origin(m));
            }
            return null;
        }
    }
}

public sealed class KnowledgeException(IReadOnlyList<KnowledgeDiagnostic> diagnostics)
    : Exception("knowledge base refused: " + (diagnostics.Count > 0 ? diagnostics[0].ToString() : "unknown problem") +
                (diagnostics.Count > 1 ? $" (and {diagnostics.Count - 1} more)" : ""))
{
    public IReadOnlyList<KnowledgeDiagnostic> Diagnostics { get; } = diagnostics;
}
