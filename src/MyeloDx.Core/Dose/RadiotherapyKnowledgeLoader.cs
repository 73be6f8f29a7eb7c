using System.Globalization;
using MyeloDx.Core.Knowledge;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Dose;

/// <summary>
/// Loads knowledge/radiotherapy.yaml strictly: unknown keys, missing values, numbers out of range, numbers without a
/// source or estimate, source ids missing from sources.yaml and inconsistent tables are coded diagnostics (MDX-RTnnn)
/// with file:line. A file with any diagnostic is refused.
/// </summary>
public static class RadiotherapyKnowledgeLoader
{
    public const string FileName = "radiotherapy.yaml";

    /// <summary>Loads from a knowledge folder (radiotherapy.yaml checked against that folder's sources.yaml), or throws <see cref="KnowledgeException"/>.</summary>
    public static RadiotherapyKnowledge Load(string folder)
    {
        var (k, d) = TryLoad(folder);
        if (k is null || d.Count > 0) throw new KnowledgeException(d);
        return k;
    }

    /// <summary>
    /// Loads radiotherapy.yaml checked against the sources of a knowledge base already loaded from the same folder, so
    /// that sources.yaml is parsed once per process (the pipeline's way).
    /// </summary>
    public static RadiotherapyKnowledge Load(string folder, KnowledgeBase kb)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new KnowledgeException([new("MDX-RT001", FileName, 0, $"required knowledge file is missing in {folder}")]);
        var inText = kb.Sources.Values.Where(s => !string.IsNullOrWhiteSpace(s.Citation))
            .ToDictionary(s => s.Id, s => InTextCitation.For(s.Citation), StringComparer.Ordinal);
        var (k, d) = FromText(File.ReadAllText(path), kb.Sources.Keys.ToHashSet(StringComparer.Ordinal), inText);
        if (k is null || d.Count > 0) throw new KnowledgeException(d);
        return k;
    }

    public static (RadiotherapyKnowledge? Knowledge, IReadOnlyList<KnowledgeDiagnostic> Diagnostics) TryLoad(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var sources = Path.Combine(folder, KnowledgeLoader.SourcesFile);
        var missing = new List<KnowledgeDiagnostic>();
        if (!File.Exists(path)) missing.Add(new("MDX-RT001", FileName, 0, $"required knowledge file is missing in {folder}"));
        if (!File.Exists(sources)) missing.Add(new("MDX-RT001", KnowledgeLoader.SourcesFile, 0, $"required knowledge file is missing in {folder}"));
        if (missing.Count > 0) return (null, missing);
        var (ids, inText) = Sources(File.ReadAllText(sources));
        return FromText(File.ReadAllText(path), ids, inText);
    }

    /// <summary>
    /// The source ids a sources.yaml text defines and each one's author-year form for running text, from one parse.
    /// An unreadable file yields no ids, so every citation is reported as undefined.
    /// </summary>
    internal static (IReadOnlySet<string> Ids, IReadOnlyDictionary<string, string> InText) Sources(string sourcesYaml)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var inText = new Dictionary<string, string>(StringComparer.Ordinal);
        if (KnowledgeYaml.ParseMapping(sourcesYaml, KnowledgeLoader.SourcesFile, "MDX-RT", new List<KnowledgeDiagnostic>()) is { } root &&
            root.Children.TryGetValue(new YamlScalarNode("sources"), out var list) && list is YamlSequenceNode seq)
            foreach (var n in seq.Children)
            {
                if (n is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode("id"), out var id) || id is not YamlScalarNode { Value: { } v }) continue;
                ids.Add(v);
                if (m.Children.TryGetValue(new YamlScalarNode("citation"), out var c) && c is YamlScalarNode cs && !string.IsNullOrWhiteSpace(cs.Value))
                    inText[v] = InTextCitation.For(cs.Value);
            }
        return (ids, inText);
    }

    /// <summary>Loads from text (tests use tiny inline YAML); <paramref name="sourceIds"/> are the ids citations may use.</summary>
    public static (RadiotherapyKnowledge? Knowledge, IReadOnlyList<KnowledgeDiagnostic> Diagnostics) FromText(string yaml, IReadOnlySet<string> sourceIds,
        IReadOnlyDictionary<string, string>? inText = null) =>
        new Reader(sourceIds, inText ?? new Dictionary<string, string>()).Run(yaml);

    private sealed class Reader(IReadOnlySet<string> sourceIds, IReadOnlyDictionary<string, string> inText)
    {
        private static readonly string[] Techniques = ["conventional", "sbrt", "srs", "proton", "brachytherapy"];
        private static readonly string[] Prov = ["source", "estimate", "reason", "note"];
        private readonly List<KnowledgeDiagnostic> _d = [];

        public (RadiotherapyKnowledge?, IReadOnlyList<KnowledgeDiagnostic>) Run(string yaml)
        {
            if (KnowledgeYaml.ParseMapping(yaml, FileName, "MDX-RT", _d) is not { } root) return (null, _d);

            Keys(root, "version", "alpha_beta", "lq_model", "conventional_dose_response", "sbrt_limits", "reirradiation",
                "geometry", "assumed_fractionation", "latency", "evidence");
            var version = Str(root, "version") ?? "unversioned";

            var ab = Map(root, "alpha_beta");
            Keys(ab, "cord", "lumbar_cord", "cord_quantec_fit", "tumour");
            var cordAb = Value(ab, "cord", 0.1, 50);
            var lumbarAb = Value(ab, "lumbar_cord", 0.1, 50);
            var quantecAb = Value(ab, "cord_quantec_fit", 0.1, 50);
            var tumourAb = Value(ab, "tumour", 0.1, 50);

            var lq = Map(root, "lq_model");
            Keys(lq, "validated_max_dose_per_fraction");
            var lqMax = Value(lq, "validated_max_dose_per_fraction", 1, 30);

            var dr = Map(root, "conventional_dose_response");
            Keys(dr, "td50", "td5", "alpha_beta", "anchors");
            var td50 = Value(dr, "td50", 10, 200);
            var td5 = Value(dr, "td5", 10, 200);
            var drAb = Value(dr, "alpha_beta", 0.1, 50);
            if (td5.Value >= td50.Value) Err("MDX-RT007", dr, "td5 must be below td50");
            var anchors = new List<(double, double, Provenance)>();
            foreach (var n in Seq(dr, "anchors"))
            {
                if (n is not YamlMappingNode m) { Err("MDX-RT002", n, "an anchor must be a mapping"); continue; }
                Keys(m, ["eqd2", "risk_below", .. Prov]);
                anchors.Add((Num(m, "eqd2", 1, 200), Num(m, "risk_below", 0, 1), Provenance(m)));
            }

            var limits = new List<SbrtLimit>();
            foreach (var n in Seq(root, "sbrt_limits"))
            {
                if (n is not YamlMappingNode m) { Err("MDX-RT002", n, "an SBRT limit must be a mapping"); continue; }
                Keys(m, ["fractions", "point_max", "risk", .. Prov]);
                var f = (int)Num(m, "fractions", 1, 10, integer: true);
                limits.Add(new SbrtLimit(f, Num(m, "point_max", 1, 60), Str(m, "risk", required: true) ?? "", Provenance(m)));
            }
            foreach (var g in limits.GroupBy(l => (l.Provenance.SourceId, l.Fractions)).Where(g => g.Count() > 1))
                _d.Add(new("MDX-RT007", FileName, Line(g.Last().Provenance), $"SBRT limit for {g.Key.Fractions} fraction(s) from {g.Key.SourceId} is given twice"));
            foreach (var g in limits.GroupBy(l => l.Provenance.SourceId))
            {
                var ordered = g.OrderBy(l => l.Fractions).ToArray();
                for (var i = 1; i < ordered.Length; i++)
                    if (ordered[i].PointMaxGy <= ordered[i - 1].PointMaxGy)
                        _d.Add(new("MDX-RT007", FileName, Line(ordered[i].Provenance), $"SBRT limits from {g.Key} must rise with the number of fractions"));
            }

            var re = Map(root, "reirradiation");
            Keys(re, "nieder", "sahgal", "recovery");
            var ni = Map(re, "nieder");
            Keys(ni, "cumulative_bed", "course_bed", "interval_months", "no_cases_below_bed");
            var nieder = new NiederRule(Value(ni, "cumulative_bed", 10, 1000), Value(ni, "course_bed", 10, 1000), Value(ni, "interval_months", 0, 120), Value(ni, "no_cases_below_bed", 10, 1000));
            var sa = Map(re, "sahgal");
            Keys(sa, "sbrt_course_eqd2", "cumulative_eqd2", "sbrt_share", "interval_months");
            var sahgal = new SahgalRule(Value(sa, "sbrt_course_eqd2", 1, 500), Value(sa, "cumulative_eqd2", 1, 500), Value(sa, "sbrt_share", 0, 1), Value(sa, "interval_months", 0, 120));
            var recovery = new List<RecoveryStep>();
            foreach (var n in Seq(re, "recovery"))
            {
                if (n is not YamlMappingNode m) { Err("MDX-RT002", n, "a recovery step must be a mapping"); continue; }
                Keys(m, ["after_months", "fraction", .. Prov]);
                recovery.Add(new RecoveryStep(Num(m, "after_months", 0, 600), Num(m, "fraction", 0, 1), Provenance(m)));
            }
            for (var i = 1; i < recovery.Count; i++)
                if (recovery[i].AfterMonths <= recovery[i - 1].AfterMonths || recovery[i].Fraction < recovery[i - 1].Fraction)
                    _d.Add(new("MDX-RT007", FileName, Line(recovery[i].Provenance), "recovery steps must be listed by rising interval with non-decreasing recovery"));

            var geo = Map(root, "geometry");
            Keys(geo, "dose_fraction_by_distance", "remote_field_fraction", "stated_outside_fraction", "near_edge_segments");
            var dist = new List<DistanceFraction>();
            foreach (var n in Seq(geo, "dose_fraction_by_distance"))
            {
                if (n is not YamlMappingNode m) { Err("MDX-RT002", n, "a distance row must be a mapping"); continue; }
                Keys(m, ["segments", "fraction", .. Prov]);
                dist.Add(new DistanceFraction((int)Num(m, "segments", 0, 40, integer: true), Num(m, "fraction", 0, 1), Provenance(m)));
            }
            if (!ReferenceEquals(geo, _missing) && (dist.Count == 0 || dist[0].Segments != 0)) Err("MDX-RT007", geo, "dose_fraction_by_distance must start at 0 segments");
            for (var i = 1; i < dist.Count; i++)
                if (dist[i].Segments <= dist[i - 1].Segments || dist[i].Fraction > dist[i - 1].Fraction)
                    _d.Add(new("MDX-RT007", FileName, Line(dist[i].Provenance), "dose fractions must be listed by rising distance and must not rise"));
            var geometry = new GeometryModel(dist, Value(geo, "remote_field_fraction", 0, 1), Value(geo, "stated_outside_fraction", 0, 1), Value(geo, "near_edge_segments", 0, 10));

            var af = Map(root, "assumed_fractionation");
            Keys(af, "schedules", "default_dose_per_fraction");
            var schedules = new List<AssumedSchedule>();
            foreach (var n in Seq(af, "schedules"))
            {
                if (n is not YamlMappingNode m) { Err("MDX-RT002", n, "a schedule must be a mapping"); continue; }
                Keys(m, ["technique", "total", "fractions", .. Prov]);
                var tech = Technique(m);
                var total = Num(m, "total", 0.1, 150);
                var fr = (int)Num(m, "fractions", 1, 100, integer: true);
                if (total / fr > 30) Err("MDX-RT004", m, $"{total} Gy in {fr} fraction(s) is impossible");
                schedules.Add(new AssumedSchedule(tech, total, fr, Provenance(m)));
            }
            var defaults = new List<TechniqueDosePerFraction>();
            foreach (var n in Seq(af, "default_dose_per_fraction"))
            {
                if (n is not YamlMappingNode m) { Err("MDX-RT002", n, "a default must be a mapping"); continue; }
                Keys(m, ["technique", "value", .. Prov]);
                defaults.Add(new TechniqueDosePerFraction(Technique(m), Num(m, "value", 0.5, 30), Provenance(m)));
            }
            if (!ReferenceEquals(af, _missing))
                foreach (var t in Techniques.Where(t => defaults.All(d => d.Technique != t)))
                    Err("MDX-RT003", af, $"default_dose_per_fraction lacks technique '{t}'");

            var lat = Map(root, "latency");
            Keys(lat, "radiation_myelopathy", "background");
            var rm = Map(lat, "radiation_myelopathy");
            Keys(rm, "early_transient", "early_transient_weight", "delayed_single_course", "delayed_reirradiation", "delayed_radiosurgery", "late_tail", "late_tail_weight");
            var latency = new LatencyModel(Density(rm, "early_transient"), Value(rm, "early_transient_weight", 0, 1),
                Density(rm, "delayed_single_course"), Density(rm, "delayed_reirradiation"), Density(rm, "delayed_radiosurgery"),
                Density(rm, "late_tail"), Value(rm, "late_tail_weight", 0, 1), Density(lat, "background"));
            if (latency.EarlyTransientWeight.Value + latency.LateTailWeight.Value >= 1)
                Err("MDX-RT007", rm, "the early-transient and late-tail weights must leave room for the delayed form (sum below 1)");

            var ev = Map(root, "evidence");
            Keys(ev, "exposure_variable", "alpha_beta", "meaningful_cord_eqd2", "in_field_background_dose", "outside_field_dose",
                "dose_uncertainty", "concurrent_chemotherapy_factor", "checkpoint_after_radiotherapy_factor", "concurrent_window_months");
            var evidence = new EvidenceModel(Str(ev, "exposure_variable", required: true) ?? "", Value(ev, "alpha_beta", 0.1, 50), Value(ev, "meaningful_cord_eqd2", 0, 100),
                Density(ev, "in_field_background_dose"), Density(ev, "outside_field_dose"),
                Value(ev, "dose_uncertainty", 0, 1), Value(ev, "concurrent_chemotherapy_factor", 1, 2),
                Value(ev, "checkpoint_after_radiotherapy_factor", 1, 2), Value(ev, "concurrent_window_months", 0, 12));

            if (_d.Count > 0) return (null, _d.Distinct().ToList());
            return (new RadiotherapyKnowledge(version, cordAb, lumbarAb, quantecAb, tumourAb, lqMax,
                new DoseResponse(td50, td5, drAb, anchors), limits, nieder, sahgal, recovery, geometry, schedules, defaults, latency, evidence), _d);
        }

        private string Technique(YamlMappingNode m)
        {
            var t = Str(m, "technique", required: true) ?? "";
            if (t.Length > 0 && !Techniques.Contains(t)) Err("MDX-RT004", m, $"unknown technique '{t}' (allowed: {string.Join(", ", Techniques)})");
            return t;
        }

        private PositiveDensity Density(YamlMappingNode parent, string key)
        {
            var m = Map(parent, key);
            Keys(m, ["shape", "center", "spread", .. Prov]);
            var shape = Str(m, "shape", required: true) ?? "lognormal";
            if (shape is not ("lognormal" or "exponential")) Err("MDX-RT004", m, $"density shape '{shape}' is not lognormal or exponential");
            var center = Num(m, "center", 1e-3, 1000);
            var spread = 2.0;
            if (shape == "lognormal")
            {
                spread = Num(m, "spread", 1.0001, 100);
            }
            else if (Get(m, "spread") is { } s) Err("MDX-RT002", s, "an exponential density has no spread");
            return new PositiveDensity(shape, center, spread, Provenance(m), Str(m, "note"));
        }

        private SourcedValue Value(YamlMappingNode parent, string key, double min, double max)
        {
            var m = Map(parent, key);
            Keys(m, ["value", .. Prov]);
            return new SourcedValue(Num(m, "value", min, max), Provenance(m), Str(m, "note"));
        }

        private Provenance Provenance(YamlMappingNode m)
        {
            var origin = $"{FileName}:{m.Start.Line}";
            if (ReferenceEquals(m, _missing)) return new Provenance(null, "missing", origin);
            var src = Str(m, "source");
            var est = Str(m, "estimate");
            var reason = Str(m, "reason");
            if (src is not null && est is not null) Err("MDX-RT005", m, "give either 'source' or 'estimate', not both");
            if (src is not null)
            {
                if (!sourceIds.Contains(src)) Err("MDX-RT006", m, $"source '{src}' is not defined in sources.yaml");
                return new Provenance(src, null, origin) { InText = inText.GetValueOrDefault(src) };
            }
            if (est is "true")
            {
                if (string.IsNullOrWhiteSpace(reason)) { Err("MDX-RT005", m, "'estimate: true' needs a 'reason'"); return new Provenance(null, null, origin); }
                return new Provenance(null, reason, origin);
            }
            if (est is null or "false")
            {
                Err("MDX-RT005", m, "number without provenance: give 'source: <id>' or 'estimate: \"<reason>\"'");
                return new Provenance(null, null, origin);
            }
            return new Provenance(null, est, origin);
        }

        // ---- YAML helpers ----
        // Stands in for a missing section so that reading goes on (one diagnostic for the section, none for its parts).
        private readonly YamlMappingNode _missing = new();

        private YamlMappingNode Map(YamlMappingNode parent, string key)
        {
            if (ReferenceEquals(parent, _missing)) return _missing;
            var v = Get(parent, key);
            if (v is YamlMappingNode m) return m;
            if (v is null) Err("MDX-RT003", parent, $"missing '{key}'");
            else Err("MDX-RT002", v, $"'{key}' must be a mapping");
            return _missing;
        }

        private IEnumerable<YamlNode> Seq(YamlMappingNode m, string key)
        {
            if (ReferenceEquals(m, _missing)) return [];
            var v = Get(m, key);
            if (v is YamlSequenceNode s) return s.Children;
            if (v is null) Err("MDX-RT003", m, $"missing '{key}'");
            else Err("MDX-RT002", v, $"'{key}' must be a list");
            return [];
        }

        private static YamlNode? Get(YamlMappingNode m, string key) =>
            m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        private string? Str(YamlMappingNode m, string key, bool required = false)
        {
            var v = Get(m, key);
            if (v is YamlScalarNode s && !string.IsNullOrEmpty(s.Value)) return s.Value;
            if (v is not null and not YamlScalarNode) Err("MDX-RT002", v, $"'{key}' must be a single value");
            if (required && !ReferenceEquals(m, _missing)) Err("MDX-RT003", m, $"missing '{key}'");
            return null;
        }

        private double Num(YamlMappingNode m, string key, double min, double max, bool integer = false)
        {
            if (ReferenceEquals(m, _missing)) return min;
            var v = Get(m, key);
            if (v is null) { Err("MDX-RT003", m, $"missing '{key}'"); return min; }
            if (v is not YamlScalarNode s || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
            {
                Err("MDX-RT004", v, $"'{key}' must be a number");
                return min;
            }
            if (double.IsNaN(x) || x < min || x > max) { Err("MDX-RT004", v, $"'{key}' = {x} is outside {min}-{max}"); return min; }
            if (integer && Math.Abs(x - Math.Round(x)) > 1e-9) { Err("MDX-RT004", v, $"'{key}' must be a whole number"); return Math.Round(x); }
            return x;
        }

        private void Keys(YamlMappingNode m, params string[] allowed)
        {
            foreach (var k in m.Children.Keys)
            {
                var s = (k as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(s)) Err("MDX-RT002", k, $"unknown key '{s}' (allowed: {string.Join(", ", allowed)})");
            }
        }

        private void Err(string code, YamlNode n, string msg) => _d.Add(new(code, FileName, (int)n.Start.Line, msg));

        private static int Line(Provenance p) => int.TryParse(p.Origin.Split(':').Last(), out var l) ? l : 0;
    }
}
