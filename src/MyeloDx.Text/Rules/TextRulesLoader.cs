using System.Collections.Frozen;
using System.Globalization;
using MyeloDx.Core.Knowledge;
using MyeloDx.Text.Matching;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Text.Rules;

/// <summary>
/// Loads the text rules like a compiler: knowledge/text/vocabulary.yaml, knowledge/text/sections.yaml,
/// knowledge/text/word-lists.yaml and knowledge/context-rules.yaml. Unknown keys, unknown knowledge-base variables or states, unknown concepts,
/// categories or directions, and phrases that do not compile are coded diagnostics (MDX-TXnnn) with file:line;
/// rules with any diagnostic are refused. Codes are listed in docs/error-codes.md.
/// </summary>
public static class TextRulesLoader
{
    public const string VocabularyFile = "text/vocabulary.yaml";
    public const string SectionsFile = "text/sections.yaml";
    public const string ContextFile = "context-rules.yaml";

    /// <summary>Concepts the extractor understands beyond knowledge-base findings (see Extraction/CaseAssembler).</summary>
    public static readonly FrozenSet<string> Concepts = new[]
    {
        "radiotherapy", "rt_site", "drug", "cancer", "cancer_generic", "metastasis", "body_site", "sex", "exposure", "surgery",
        "deficit", "pain", "sensory", "imaging", "csf", "pathology", "lesion", "onset", "t2_signal", "rt_reference", "cord", "block",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> DrugClasses = new[]
    {
        "chemotherapy", "immune_checkpoint_inhibitor", "intrathecal_chemotherapy", "nelarabine", "targeted", "hormonal", "other",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Topics = new[] { "history", "examination", "imaging", "csf", "laboratory", "impression", "question", "plan", "other" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ModifierAttribute> AttributeNames = new Dictionary<string, ModifierAttribute>
    {
        ["negated"] = ModifierAttribute.Negated, ["uncertain"] = ModifierAttribute.Uncertain, ["historical"] = ModifierAttribute.Historical,
        ["hypothetical"] = ModifierAttribute.Hypothetical, ["other_experiencer"] = ModifierAttribute.OtherExperiencer,
        ["brain"] = ModifierAttribute.Brain, ["positive"] = ModifierAttribute.Positive, ["none"] = ModifierAttribute.None,
        ["unreported"] = ModifierAttribute.Unreported, ["other_organ"] = ModifierAttribute.OtherOrgan,
        ["raised"] = ModifierAttribute.Raised, ["lowered"] = ModifierAttribute.Lowered,
    }.ToFrozenDictionary();

    /// <summary>Loads the rules or throws <see cref="KnowledgeException"/> listing every diagnostic.</summary>
    public static TextRules Load(string knowledgeFolder, KnowledgeBase kb)
    {
        var (rules, d) = TryLoad(knowledgeFolder, kb);
        if (rules is null || d.Count > 0) throw new KnowledgeException(d);
        return rules;
    }

    public static (TextRules? Rules, IReadOnlyList<KnowledgeDiagnostic> Diagnostics) TryLoad(string knowledgeFolder, KnowledgeBase kb)
    {
        var files = new Dictionary<string, string>();
        var diags = new List<KnowledgeDiagnostic>();
        foreach (var name in new[] { VocabularyFile, SectionsFile, ContextFile, WordListsLoader.File })
        {
            var p = Path.Combine(knowledgeFolder, name);
            if (File.Exists(p)) files[name] = File.ReadAllText(p);
            else diags.Add(new("MDX-TX001", name, 0, "required text-rule file is missing"));
        }
        if (diags.Count > 0) return (null, diags);
        return FromTexts(files, kb);
    }

    /// <summary>Loads from in-memory texts keyed by relative file name (tests use tiny inline YAML).</summary>
    public static (TextRules? Rules, IReadOnlyList<KnowledgeDiagnostic> Diagnostics) FromTexts(IReadOnlyDictionary<string, string> files, KnowledgeBase kb) =>
        new Reader(kb).Run(files);

    private sealed class Reader(KnowledgeBase kb)
    {
        private readonly List<KnowledgeDiagnostic> _d = [];
        private string _file = "";

        public (TextRules?, IReadOnlyList<KnowledgeDiagnostic>) Run(IReadOnlyDictionary<string, string> files)
        {
            // vocabulary first: its spelling table shapes how every phrase is tokenized
            var misspellings = new Dictionary<string, string>(StringComparer.Ordinal);
            var vroot = Parse(files, VocabularyFile);
            string version = "unversioned";
            if (vroot is not null)
            {
                Keys(vroot, "version", "spellings", "terms", "note");
                version = Str(vroot, "version", required: true) ?? version;
                if (Get(vroot, "spellings") is { } sp)
                {
                    if (sp is not YamlMappingNode spm) Err("MDX-TX002", sp, "'spellings' must be a mapping of misspelling: correct word");
                    else
                        foreach (var (k, v) in spm.Children)
                        {
                            var from = (k as YamlScalarNode)?.Value; var to = (v as YamlScalarNode)?.Value;
                            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to) || from.Contains(' ') || to.Contains(' '))
                            { Err("MDX-TX002", k, "a spelling entry maps one word to one word"); continue; }
                            var key = Spelling.Canonical(from.ToLowerInvariant());
                            if (misspellings.ContainsKey(key)) Err("MDX-TX009", k, $"spelling '{from}' is listed twice");
                            misspellings[key] = Spelling.Canonical(to.ToLowerInvariant());
                        }
                }
            }
            var tokenizer = new Tokenizer(misspellings);
            // the word lists come before the phrases: their 'unstemmed' list decides which words keep their own stem
            var words = WordListsLoader.Read(files, misspellings, _d);
            var wordIds = new WordIds(); var stemIds = new StemIds(words?.Unstemmed ?? FrozenSet<string>.Empty);

            // terms
            var terms = new List<Term>();
            var termMatcher = new PhraseMatcher(wordIds, stemIds);
            if (vroot is not null)
            {
                _file = VocabularyFile;
                foreach (var n in Seq(vroot, "terms"))
                {
                    if (n is not YamlMappingNode m) { Err("MDX-TX002", n, "a term must be a mapping"); continue; }
                    var t = ReadTerm(m, terms.Count);
                    if (t is null) continue;
                    var phrases = Seq(m, "phrases").ToList();
                    if (phrases.Count == 0) Err("MDX-TX003", m, "a term needs at least one phrase");
                    foreach (var pn in phrases) AddPhrase(pn, tokenizer, termMatcher, t.Id);
                    terms.Add(t);
                }
            }

            // context rules
            var context = new List<ContextRule>();
            var contextMatcher = new PhraseMatcher(wordIds);
            var croot = Parse(files, ContextFile);
            if (croot is not null)
            {
                Keys(croot, "version", "categories", "defaults", "rules", "gap_stops", "note");
                Str(croot, "version", required: true);
                var cats = new Dictionary<string, ModifierAttribute>(StringComparer.Ordinal);
                if (Get(croot, "categories") is YamlMappingNode cm)
                    foreach (var (k, v) in cm.Children)
                    {
                        var name = (k as YamlScalarNode)?.Value ?? "";
                        var attr = (v as YamlScalarNode)?.Value ?? "";
                        if (!AttributeNames.TryGetValue(attr, out var a)) { Err("MDX-TX007", v, $"unknown attribute '{attr}' (known: {string.Join(", ", AttributeNames.Keys)})"); continue; }
                        cats[name] = a;
                    }
                else Err("MDX-TX003", croot, "missing 'categories' (category: attribute)");
                var defaultScope = 12;
                if (Get(croot, "defaults") is YamlMappingNode dm)
                {
                    Keys(dm, "max_scope");
                    if (Get(dm, "max_scope") is { } ms && Int(ms) is { } x) defaultScope = x;
                }
                var gapStops = new List<string>();
                foreach (var n in Seq(croot, "gap_stops"))
                {
                    var w = (n as YamlScalarNode)?.Value?.Trim().ToLowerInvariant() ?? "";
                    if (w.Length == 0 || w.Contains(' ')) { Err("MDX-TX002", n, "a gap stop is one word"); continue; }
                    gapStops.Add(Spelling.Canonical(w));
                }
                termMatcher.StopGapsAt(gapStops);
                foreach (var n in Seq(croot, "rules"))
                {
                    if (n is not YamlMappingNode m) { Err("MDX-TX002", n, "a rule must be a mapping"); continue; }
                    Keys(m, "literal", "category", "direction", "max_scope", "terminates", "note");
                    var lit = Str(m, "literal", required: true);
                    var cat = Str(m, "category", required: true);
                    var dir = Str(m, "direction", required: true);
                    if (lit is null || cat is null || dir is null) continue;
                    if (!cats.TryGetValue(cat, out var attr)) { Err("MDX-TX007", m, $"unknown category '{cat}' (declare it under 'categories')"); continue; }
                    ScopeDirection? d = dir switch
                    {
                        "forward" => ScopeDirection.Forward, "backward" => ScopeDirection.Backward, "bidirectional" => ScopeDirection.Bidirectional,
                        "terminate" => ScopeDirection.Terminate, "pseudo" => ScopeDirection.Pseudo, _ => null,
                    };
                    if (d is null) { Err("MDX-TX007", m, $"unknown direction '{dir}' (forward, backward, bidirectional, terminate, pseudo)"); continue; }
                    var scope = defaultScope;
                    if (Get(m, "max_scope") is { } msn && Int(msn) is { } sx) scope = sx;
                    HashSet<string>? term = null;
                    foreach (var tn in Seq(m, "terminates"))
                    {
                        var tc = (tn as YamlScalarNode)?.Value ?? "";
                        if (!cats.ContainsKey(tc)) Err("MDX-TX007", tn, $"unknown category '{tc}'");
                        (term ??= new HashSet<string>(StringComparer.Ordinal)).Add(tc);
                    }
                    var rule = new ContextRule(context.Count, lit, cat, attr, d.Value, scope, term?.ToFrozenSet(StringComparer.Ordinal), Origin(m));
                    AddPhrase(Get(m, "literal")!, tokenizer, contextMatcher, rule.Id);
                    context.Add(rule);
                }
            }

            // sections
            var sections = new List<SectionRule>();
            var sectionMatcher = new PhraseMatcher(wordIds);
            var sroot = Parse(files, SectionsFile);
            if (sroot is not null)
            {
                Keys(sroot, "version", "sections", "note");
                Str(sroot, "version", required: true);
                foreach (var n in Seq(sroot, "sections"))
                {
                    if (n is not YamlMappingNode m) { Err("MDX-TX002", n, "a section must be a mapping"); continue; }
                    Keys(m, "category", "topic", "attributes", "headers", "note");
                    var cat = Str(m, "category", required: true);
                    if (cat is null) continue;
                    var topic = Str(m, "topic");
                    if (topic is not null && !Topics.Contains(topic)) Err("MDX-TX007", m, $"unknown topic '{topic}' (known: {string.Join(", ", Topics)})");
                    var attrs = new List<ModifierAttribute>();
                    foreach (var an in Seq(m, "attributes"))
                    {
                        var a = (an as YamlScalarNode)?.Value ?? "";
                        if (AttributeNames.TryGetValue(a, out var av)) attrs.Add(av);
                        else Err("MDX-TX007", an, $"unknown attribute '{a}'");
                    }
                    var headers = Seq(m, "headers").ToList();
                    if (headers.Count == 0) Err("MDX-TX003", m, $"section '{cat}' has no headers");
                    foreach (var hn in headers)
                    {
                        var h = (hn as YamlScalarNode)?.Value ?? "";
                        var rule = new SectionRule(sections.Count, h, cat, topic, attrs, Origin(hn));
                        AddPhrase(hn, tokenizer, sectionMatcher, rule.Id);
                        sections.Add(rule);
                    }
                }
            }

            var distinct = _d.Distinct().ToList();
            if (distinct.Count > 0 || words is null) return (null, distinct);
            return (new TextRules(version, terms, context, sections, misspellings.ToFrozenDictionary(StringComparer.Ordinal),
                termMatcher, contextMatcher, sectionMatcher, wordIds.Freeze(), stemIds.Freeze(wordIds.Words), kb, words), []);
        }

        private Term? ReadTerm(YamlMappingNode m, int id)
        {
            Keys(m, "finding", "concept", "value", "phrases", "negated", "history", "brain", "needs_result", "requires", "weight", "uncertain", "overlap", "unreported", "abnormal_above", "abnormal_below", "plausible", "abnormal", "opinion", "competes_with", "value_required", "note");
            var findings = Findings(Get(m, "finding"), allowDrop: false, out _) ?? [];
            var concept = Str(m, "concept");
            var value = Str(m, "value");
            if (findings.Count == 0 && concept is null)
            {
                if (Get(m, "finding") is null) Err("MDX-TX003", m, "a term needs 'finding' or 'concept'");
                return null;
            }
            if (findings.Count > 0 && concept is not null) { Err("MDX-TX002", m, "a term has either 'finding' or 'concept', not both"); return null; }
            if (concept is not null && !Concepts.Contains(concept)) { Err("MDX-TX007", m, $"unknown concept '{concept}' (known: {string.Join(", ", Concepts.Order())})"); return null; }
            if (concept == "drug")
            {
                var cls = value?.Split(':')[0];
                if (cls is null || !DrugClasses.Contains(cls)) Err("MDX-TX007", m, $"a drug term needs value '<class>:<name>' with class one of {string.Join(", ", DrugClasses)}");
            }
            if (concept is "sex" && value is not ("female" or "male")) Err("MDX-TX008", m, "a sex term needs value female or male");
            var negated = Findings(Get(m, "negated"), allowDrop: true, out var dropNeg);
            var brain = Findings(Get(m, "brain"), allowDrop: true, out var dropBrain);
            var history = HistoryPolicy.Drop;
            if (findings.Count > 0 && findings.All(f => kb.Variables[f.Variable].Group == "history")) history = HistoryPolicy.Keep;
            // an earlier scan of the same illness still shows the disease, with less certainty
            else if (findings.Count > 0 && findings.All(f => kb.Variables[f.Variable].Group == "imaging")) history = HistoryPolicy.Uncertain;
            if (concept is not null) history = HistoryPolicy.Keep;
            if (Str(m, "history") is { } hs)
            {
                switch (hs)
                {
                    case "keep": history = HistoryPolicy.Keep; break;
                    case "drop": history = HistoryPolicy.Drop; break;
                    case "uncertain": history = HistoryPolicy.Uncertain; break;
                    case "only": history = HistoryPolicy.Only; break;
                    default: Err("MDX-TX008", m, $"history must be keep, drop, uncertain or only, not '{hs}'"); break;
                }
            }
            // by default, spinal imaging findings mean nothing inside a brain-imaging scope
            if (brain is null && !dropBrain && findings.Count > 0 && findings.All(f => kb.Variables[f.Variable].Group == "imaging"
                    && f.Variable is not ("brain_metastases" or "brain_demyelinating_lesions" or "hydrocephalus")))
                dropBrain = true;
            var needs = false;
            if (Get(m, "needs_result") is YamlScalarNode nr)
            {
                if (nr.Value is "true") needs = true;
                else if (nr.Value is not "false") Err("MDX-TX008", nr, "needs_result must be true or false");
            }
            var requires = Str(m, "requires");
            if (requires is not null && requires is not ("imaging" or "csf" or "pathology" or "extraneural")) Err("MDX-TX008", m, $"requires must be imaging, csf, pathology or extraneural, not '{requires}'");
            var weight = 1.0;
            if (Get(m, "weight") is { } wn)
            {
                if (wn is YamlScalarNode ws && double.TryParse(ws.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w is > 0 and <= 3) weight = w;
                else Err("MDX-TX008", wn, "weight must be a number in (0, 3]");
            }
            var uncertain = false;
            if (Get(m, "uncertain") is YamlScalarNode un)
            {
                if (un.Value is "true") uncertain = true;
                else if (un.Value is not "false") Err("MDX-TX008", un, "uncertain must be true or false");
            }
            var free = false;
            if (Str(m, "overlap") is { } ov)
            {
                if (ov == "free") free = true;
                else if (ov != "exclusive") Err("MDX-TX008", m, $"overlap must be free or exclusive, not '{ov}'");
            }
            var competesWith = Str(m, "competes_with");
            if (competesWith is not null)
            {
                if (concept != "block" || !free) Err("MDX-TX008", m, "competes_with belongs to a block with overlap: free (it holds back a free term of that variable)");
                else if (!kb.Variables.ContainsKey(competesWith)) Err("MDX-TX004", m, $"competes_with names unknown variable '{competesWith}'");
            }
            var unreportedNegated = false;
            if (Str(m, "unreported") is { } ur)
            {
                if (ur == "negated") unreportedNegated = true;
                else if (ur != "drop") Err("MDX-TX008", m, $"unreported must be negated or drop, not '{ur}'");
            }
            var opinionDropped = false;
            if (Str(m, "opinion") is { } op)
            {
                if (op == "drop") opinionDropped = true;
                else if (op != "uncertain") Err("MDX-TX008", m, $"opinion must be drop or uncertain, not '{op}'");
            }
            var threshold = Threshold(m, needs);
            var valueRequired = false;
            if (Str(m, "value_required") is { } vr)
            {
                if (vr == "true") valueRequired = true;
                else if (vr != "false") Err("MDX-TX008", m, "value_required must be true or false");
                if (valueRequired && threshold is null) Err("MDX-TX008", m, "value_required belongs to a test name with a value threshold (abnormal_above or abnormal_below)");
            }
            var direction = threshold is null ? AbnormalDirection.Unstated : threshold.AbnormalWhenBelow ? AbnormalDirection.Low : AbnormalDirection.High;
            if (Str(m, "abnormal") is { } ab)
            {
                var stated = ab switch { "high" => AbnormalDirection.High, "low" => AbnormalDirection.Low, _ => AbnormalDirection.Unstated };
                if (stated == AbnormalDirection.Unstated) Err("MDX-TX008", m, $"abnormal must be high or low, not '{ab}'");
                else if (!needs) Err("MDX-TX008", m, "abnormal (high or low) belongs to a test name: set needs_result: true");
                else if (direction != AbnormalDirection.Unstated && direction != stated) Err("MDX-TX008", m, "abnormal disagrees with the threshold's direction");
                else direction = stated;
            }
            var phrases = Seq(m, "phrases").OfType<YamlScalarNode>().Select(p => p.Value ?? "").ToList();
            var label = concept is not null ? $"{concept}{(value is null ? "" : ":" + value)}" : string.Join(", ", findings);
            if (phrases.Count > 0) label += $" «{phrases[0]}»";
            return new Term(id, label, findings, concept, value, negated, dropNeg, history, brain, dropBrain, needs, requires, weight, uncertain, free, unreportedNegated, Origin(m))
            {
                ImagingFinding = findings.Any(f => kb.Variables[f.Variable].Group == "imaging" && f.Variable is not ("cord_region" or "brain_metastases" or "bone_metastases")),
                PatientAttribute = concept is null && findings.Count > 0 && findings.All(f => f.Variable is "immunosuppressed" or "smoker" or "black_ancestry"),
                CancerStory = concept is "cancer" or "cancer_generic" or "metastasis" or "drug" or "radiotherapy"
                    || concept is null && findings.Count > 0 && findings.All(f => f.Variable is "primary_cancer" or "systemic_metastases" or "bone_metastases" or "brain_metastases" or "ici_exposure" or "neurotoxic_chemotherapy"),
                Threshold = threshold,
                AbnormalDirection = direction,
                OpinionDropped = opinionDropped,
                CompetesWith = competesWith,
                ValueRequired = valueRequired,
            };
        }

        /// <summary>abnormal_above / abnormal_below with plausible: [min, max] — only on a test name (needs_result).</summary>
        private ValueThreshold? Threshold(YamlMappingNode m, bool needsResult)
        {
            var above = Get(m, "abnormal_above"); var below = Get(m, "abnormal_below");
            if (above is null && below is null)
            {
                if (Get(m, "plausible") is { } lone) Err("MDX-TX008", lone, "plausible needs abnormal_above or abnormal_below");
                return null;
            }
            if (above is not null && below is not null) { Err("MDX-TX008", m, "give abnormal_above or abnormal_below, not both"); return null; }
            if (!needsResult) { Err("MDX-TX008", m, "a value threshold belongs to a test name: set needs_result: true"); return null; }
            var node = above ?? below!;
            if (node is not YamlScalarNode sn || !double.TryParse(sn.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var from))
            { Err("MDX-TX008", node, "the threshold must be a number"); return null; }
            if (Get(m, "plausible") is not YamlSequenceNode { Children.Count: 2 } pl
                || pl.Children[0] is not YamlScalarNode p0 || !double.TryParse(p0.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
                || pl.Children[1] is not YamlScalarNode p1 || !double.TryParse(p1.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var hi)
                || !(lo < from && from < hi))
            { Err("MDX-TX008", m, "plausible must be [min, max] in the test's unit, around the threshold"); return null; }
            return new ValueThreshold(from, below is not null, lo, hi);
        }

        /// <summary>Reads "var=state" or a list of them; "var=12" for a continuous variable; "drop" when allowed.</summary>
        private List<FindingRef>? Findings(YamlNode? n, bool allowDrop, out bool drop)
        {
            drop = false;
            if (n is null) return null;
            var items = n switch
            {
                YamlScalarNode s => [s],
                YamlSequenceNode q => q.Children,
                _ => null,
            };
            if (items is null) { Err("MDX-TX002", n, "expected 'variable=state' or a list of them"); return null; }
            var list = new List<FindingRef>();
            foreach (var item in items)
            {
                var text = (item as YamlScalarNode)?.Value ?? "";
                if (text == "drop" && allowDrop) { drop = true; continue; }
                var eq = text.IndexOf('=');
                if (eq <= 0) { Err("MDX-TX002", item, $"expected 'variable=state', got '{text}'"); continue; }
                var vid = text[..eq].Trim(); var st = text[(eq + 1)..].Trim();
                if (!kb.Variables.TryGetValue(vid, out var v)) { Err("MDX-TX004", item, $"unknown knowledge-base variable '{vid}'"); continue; }
                if (v.Kind == VariableKind.Continuous)
                {
                    if (double.TryParse(st, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) list.Add(new FindingRef(vid, null, x));
                    else Err("MDX-TX005", item, $"'{vid}' is continuous and needs a number, not '{st}'");
                    continue;
                }
                if (v.State(st) is null) { Err("MDX-TX005", item, $"'{vid}' has no state '{st}' (states: {string.Join(", ", v.States.Select(s => s.Id))})"); continue; }
                list.Add(new FindingRef(vid, st, null));
            }
            return list;
        }

        private void AddPhrase(YamlNode pn, Tokenizer tokenizer, PhraseMatcher matcher, int payload)
        {
            var text = (pn as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(text)) { Err("MDX-TX006", pn, "empty phrase"); return; }
            try
            {
                foreach (var seq in PhrasePattern.Compile(text, tokenizer)) matcher.Add(seq, payload);
            }
            catch (PhrasePattern.PatternException e) { Err("MDX-TX006", pn, $"phrase '{text}': {e.Message}"); }
        }

        // ---- YAML helpers ----
        private YamlMappingNode? Parse(IReadOnlyDictionary<string, string> files, string name)
        {
            _file = name;
            if (!files.TryGetValue(name, out var text)) { _d.Add(new("MDX-TX001", name, 0, "required text-rule file is missing")); return null; }
            return KnowledgeYaml.ParseMapping(text, name, "MDX-TX", _d);
        }

        private string Origin(YamlNode n) => $"{_file}:{n.Start.Line}";
        private void Err(string code, YamlNode n, string msg) => _d.Add(new(code, _file, (int)n.Start.Line, msg));

        private void Keys(YamlMappingNode m, params string[] allowed)
        {
            foreach (var k in m.Children.Keys)
            {
                var s = (k as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(s)) Err("MDX-TX002", k, $"unknown key '{s}' (allowed: {string.Join(", ", allowed)})");
            }
        }

        private static YamlNode? Get(YamlMappingNode m, string key) =>
            m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        private string? Str(YamlMappingNode m, string key, bool required = false)
        {
            var v = Get(m, key);
            if (v is YamlScalarNode s && !string.IsNullOrEmpty(s.Value)) return s.Value;
            if (v is not null and not YamlScalarNode) Err("MDX-TX002", v, $"'{key}' must be a single value");
            else if (required) Err("MDX-TX003", m, $"missing '{key}'");
            return null;
        }

        private int? Int(YamlNode v)
        {
            if (v is YamlScalarNode s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) && x is >= 1 and <= 200) return x;
            Err("MDX-TX008", v, "expected a whole number between 1 and 200");
            return null;
        }

        private IEnumerable<YamlNode> Seq(YamlMappingNode m, string key)
        {
            var v = Get(m, key);
            if (v is null) return [];
            if (v is YamlSequenceNode s) return s.Children;
            Err("MDX-TX002", v, $"'{key}' must be a list");
            return [];
        }
    }
}
