using MyeloDx.Core.Knowledge;
using YamlDotNet.RepresentationModel;

namespace MyeloDx.Core.Decisions;

public static partial class DecisionKnowledgeLoader
{
    /// <summary>Levels of evidence a management item may state, strongest first.</summary>
    public static readonly IReadOnlyList<string> EvidenceLevels =
        ["guideline", "meta-analysis", "randomised trial", "cohort study", "case series", "case report", "expert opinion", "investigational"];

    private sealed class ManagementReader(KnowledgeBase kb, List<KnowledgeDiagnostic> diags) : ReaderBase(kb, diags, ManagementFile, "MDX-KM")
    {
        public ManagementCatalog? Read(string text)
        {
            var root = Parse(text);
            if (root is null) return null;
            Keys(root, "version", "show_at_probability", "general", "diagnoses");
            var version = Str(root, "version", required: true) ?? "unversioned";
            double show = 0.1;
            if (Get(root, "show_at_probability") is { } sn) show = Probability(sn, null, "show_at_probability").P ?? show;
            else Err("004", root, "missing 'show_at_probability'");
            var general = Items(root, "general");
            var entries = new List<DiagnosisManagement>();
            foreach (var n in Seq(root, "diagnoses", required: true))
            {
                if (n is not YamlMappingNode m) { Err("002", n, "a diagnosis entry must be a mapping"); continue; }
                Keys(m, "id", "urgency", "act_at", "time_critical", "urgent", "treatment", "prognosis", "scores");
                var id = Str(m, "id", required: true);
                if (id is null) continue;
                if (DiagnosisIndex(m, id) < 0) continue;
                if (entries.Any(e => e.DiagnosisId == id)) { Err("011", m, $"diagnosis '{id}' is described twice"); continue; }
                var urgencyText = Str(m, "urgency", required: true) ?? "routine";
                if (!Enum.TryParse<Urgency>(urgencyText, ignoreCase: true, out var urgency) || urgencyText.Any(char.IsUpper))
                {
                    Err("012", m, $"urgency '{urgencyText}' is not emergency, urgent or routine");
                    urgency = Urgency.Routine;
                }
                double actAt = 1; Provenance actProv = new(null, "no act-on-suspicion threshold", Origin(m));
                if (Get(m, "act_at") is { } an)
                {
                    var (p, pv) = Probability(an, null, "act_at");
                    actAt = p ?? 1; actProv = pv ?? actProv;
                }
                var urgent = Items(m, "urgent");
                if (urgent.Count > 0 && Get(m, "act_at") is null) Err("004", m, $"'{id}' lists urgent actions but no 'act_at' probability");
                double? tcAt = null; IReadOnlyList<ManagementItem> first = [];
                if (Get(m, "time_critical") is { } tc)
                {
                    if (tc is not YamlMappingNode tcm) Err("002", tc, "'time_critical' must be a mapping with 'p' and 'first_action'");
                    else
                    {
                        Keys(tcm, "p", "first_action");
                        if (Get(tcm, "p") is { } tp) tcAt = Probability(tp, null, "time_critical.p").P;
                        else Err("004", tcm, "missing 'p'");
                        first = Items(tcm, "first_action");
                        if (first.Count == 0) Err("004", tcm, "missing 'first_action' (a list of items)");
                    }
                }
                entries.Add(new DiagnosisManagement(id, urgency, actAt, actProv, urgent, Items(m, "treatment"), Items(m, "prognosis"), Items(m, "scores"), Origin(m))
                {
                    TimeCriticalAt = tcAt,
                    FirstActions = first,
                });
            }
            foreach (var d in Kb.Diagnoses.Where(d => entries.All(e => e.DiagnosisId != d.Id)))
                Err("013", root, $"diagnosis '{d.Id}' has no management entry");
            return new ManagementCatalog(version, show, entries, general);
        }

        private IReadOnlyList<ManagementItem> Items(YamlMappingNode m, string key)
        {
            var list = new List<ManagementItem>();
            foreach (var n in Seq(m, key))
                if (Item(n, key) is { } item) list.Add(item);
            return list;
        }

        private ManagementItem? Item(YamlNode? n, string key)
        {
            if (n is null) return null;
            if (n is not YamlMappingNode im) { Err("002", n, $"items of '{key}' must be mappings with 'text' and 'source'"); return null; }
            Keys(im, "text", "level", "source", "estimate", "reason", "applies_if", "unless_known");
            var text = Str(im, "text", required: true);
            var level = Str(im, "level", required: true);
            if (level is not null && !EvidenceLevels.Contains(level))
                Err("012", im, $"level '{level}' is not one of: {string.Join(", ", EvidenceLevels)}");
            var prov = Prov(im, required: true);
            var applies = StateMap(im, "applies_if");
            var unless = StrList(im, "unless_known");
            foreach (var u in unless.Where(u => !Kb.Variables.ContainsKey(u))) Err("005", im, $"unknown knowledge-base finding '{u}' in unless_known");
            if (text is null || prov is null) return null;
            return new ManagementItem(text.Trim(), prov, applies, unless) { Level = level ?? "" };
        }
    }
}
