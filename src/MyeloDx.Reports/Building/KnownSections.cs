using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Reports.Building;

/// <summary>
/// Prose renderings of the augmenter sections whose shape MyeloDx knows (radiotherapy arithmetic, scores, next
/// tests, management, sensitivity, remaining uncertainty). Each reads its section defensively and returns false when
/// the shape is not what it expects, so the generic <see cref="JsonSections"/> rendering takes over: a changed or
/// new section is never lost, only shown less nicely.
/// </summary>
internal sealed class KnownSections(KnowledgeBase kb, Assessment a, Citations cites)
{
    public static string Title(string key) => key switch
    {
        "radiotherapy" => "Radiotherapy arithmetic",
        "scores" => "Clinical scores",
        "nextTests" => "Next tests",
        "deferredTests" => "Tests to hold back",
        "withheldTests" => "Withheld for this patient",
        "management" => "Management and prognosis",
        "sensitivity" => "How robust the ranking is",
        "diagnosticUncertaintyBits" => "Remaining uncertainty",
        _ => Fmt.Humanize(key),
    };

    public bool TryRender(string key, JsonNode node, List<ReportBlock> blocks)
    {
        try
        {
            var b = key switch
            {
                "radiotherapy" => Radiotherapy(node),
                "scores" => Scores(node),
                "nextTests" => Tests(node, detailed: true),
                "deferredTests" => Tests(node, detailed: false),
                "withheldTests" => Withheld(node),
                "management" => Management(node),
                "sensitivity" => Sensitivity(node),
                "diagnosticUncertaintyBits" => Uncertainty(node),
                _ => null,
            };
            if (b is null || b.Count == 0) return false;
            blocks.AddRange(b);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or ArgumentException)
        {
            return false; // an unexpected shape: the generic rendering shows it instead
        }
    }

    // ---------- accessors ----------

    private static string? S(JsonNode? n, string key) => n?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? D(JsonNode? n, string key) =>
        n?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static bool? B(JsonNode? n, string key) => n?[key] is JsonValue v ? v.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;

    private static IEnumerable<JsonObject> Objects(JsonNode? n, string? key = null) => (key is null ? n : n?[key]) is JsonArray arr ? arr.OfType<JsonObject>() : [];

    private static IEnumerable<string> Strings(JsonNode? n, string key) =>
        n?[key] is JsonArray arr ? arr.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()) : [];

    private string Cite(JsonNode? n) => CiteAll([S(n, "source"), .. Strings(n, "sources")]);

    /// <summary>" [1, 3]" for the ids that are known sources, or "" when none is.</summary>
    private string CiteAll(IEnumerable<string?> ids)
    {
        var c = cites.Cite(ids);
        return c.Length == 0 ? "" : " " + c;
    }

    private string Name(string? id) => id is not null && kb.DiagnosisIndex.ContainsKey(id) ? kb.Diagnosis(id).Name : id ?? "";

    private static string Sentence(string s) => s.Length == 0 ? s : Fmt.Cap(s.TrimEnd()) + (s.TrimEnd().EndsWith('.') ? "" : ".");

    // ---------- radiotherapy ----------

    private List<ReportBlock>? Radiotherapy(JsonNode node)
    {
        if (node is not JsonObject o || S(o, "status") is not { } status) return null;
        var blocks = new List<ReportBlock>();
        var lesion = S(o, "lesion");
        blocks.Add(new ParagraphBlock(Sentence(status + (lesion is null ? "" : $" (affected level: {lesion})"))));
        var items = new List<ListItem>();
        foreach (var c in Objects(o, "courses"))
        {
            var parts = new List<string>();
            var rx = c["prescription"];
            if (D(rx, "physicalDoseGy") is { } dose)
            {
                var fx = D(rx, "fractions");
                var text = fx is { } n ? $"{Fmt.Num(dose)} Gy in {Fmt.Num(n)} fraction{(n == 1 ? "" : "s")}" : $"{Fmt.Num(dose)} Gy";
                if (D(rx, "dosePerFractionGy") is { } dpf && fx is > 1) text += $" of {Fmt.Num(dpf)} Gy";
                var lq = Objects(rx, "atAlphaBeta").Select(x => D(x, "alphaBetaGy") is { } ab && D(x, "eqd2Gy") is { } eq
                    ? $"EQD2 {Fmt.Num(eq)} Gy{(D(x, "bedGy") is { } bed ? $" (BED {Fmt.Num(bed)} Gy)" : "")} at α/β {Fmt.Num(ab)} Gy" : null).OfType<string>().ToList();
                if (lq.Count > 0) text += ": " + string.Join(", ", lq);
                parts.Add(text);
            }
            if (S(c, "fractionationAssumption") is { } assume) parts.Add(assume);
            if (S(c, "reason") is { } reason) parts.Add(reason);
            if (D(c, "cordEqd2Gy") is { } ceq)
                parts.Add($"cord EQD2 at the affected level ≈ {Fmt.Num(ceq)} Gy{(B(c, "usesStatedCordDose") is true ? " (from the stated cord dose)" : "")}");
            if (D(c, "monthsBeforeOnset") is { } m) parts.Add($"{Fmt.Num(m)} months before the onset");
            parts.AddRange(Strings(c, "warnings").Select(w => "warning: " + w));
            var target = S(c, "target") ?? "course";
            items.Add(new ListItem(Sentence(string.Join("; ", parts)), Fmt.Cap(target) + ":"));
        }
        if (items.Count > 0) blocks.Add(new ListBlock(items));
        if (o["cumulative"] is JsonObject cum && D(cum, "cordEqd2Gy") is { } total)
        {
            var ab = D(o, "alphaBetaGy");
            var abCite = cites.Cite(S(o, "alphaBetaSource"));
            var text = $"Cord EQD2 over all courses {Fmt.Num(total)} Gy{(D(cum, "cordBedGy") is { } bed ? $" (BED {Fmt.Num(bed)} Gy)" : "")}" +
                       (ab is { } x ? $", at α/β {Fmt.Num(x)} Gy for the cord{(abCite.Length > 0 ? " " + abCite : "")}" : "") +
                       (B(cum, "complete") is false ? "; incomplete, since a course lacks its dose" : "") + ".";
            if (S(cum, "note") is { } note) text += " " + Sentence(note);
            blocks.Add(new ParagraphBlock(text, "Cumulative:"));
        }
        var intervals = Objects(o, "intervals").Select(i => JsonSections.Compact(i, cites)).Where(s => s.Length > 0).ToList();
        if (intervals.Count > 0) blocks.Add(new ParagraphBlock(string.Join("; ", intervals) + ".", "Intervals between courses:"));
        var risks = Objects(o, "risk").Select(r => S(r, "summary") is { } sum ? new ListItem(Sentence(sum) + Cite(r)) : null).OfType<ListItem>().ToList();
        if (risks.Count > 0)
        {
            blocks.Add(new ParagraphBlock("", "Myelopathy risk"));
            blocks.Add(new ListBlock(risks));
        }
        if (S(o, "evidence") is { } ev) blocks.Add(new ParagraphBlock(Sentence(ev)));
        return blocks;
    }

    // ---------- scores ----------

    private List<ReportBlock>? Scores(JsonNode node)
    {
        if (node is not JsonObject o) return null;
        var items = new List<ListItem>();
        foreach (var (_, v) in o)
        {
            if (v is not JsonObject score || S(score, "name") is not { } name) return null;
            var value = S(score, "value") ?? (score["value"] is JsonValue jv ? JsonSections.Scalar(jv) : null);
            var summary = S(score, "summary");
            var text = value is null ? "not scored" : value;
            if (summary is not null) text += ": " + summary.TrimEnd('.');
            var missing = Strings(score, "missing").ToList();
            if (missing.Count > 0) text += $" (not recorded: {Fmt.Join(missing)})";
            items.Add(new ListItem(text + "." + Cite(score), name + ":"));
        }
        return items.Count == 0 ? null : [new ListBlock(items)];
    }

    // ---------- tests ----------

    private List<ReportBlock>? Tests(JsonNode node, bool detailed)
    {
        var tests = Objects(node).ToList();
        if (tests.Count == 0 || tests.Any(t => S(t, "name") is null || D(t, "expectedInformationGainBits") is null)) return null;
        var blocks = new List<ReportBlock>();
        if (!detailed)
        {
            blocks.Add(new ListBlock(tests.Select(t => new ListItem(
                $"expected gain {Fmt.Num(D(t, "expectedInformationGainBits")!.Value)} bits, invasiveness {Fmt.Words(S(t, "invasiveness") ?? "not stated")}; held back until less invasive tests are done.{Cite(t)}",
                S(t, "name") + ":")).ToArray()));
            return blocks;
        }
        var useful = tests.Where(t => D(t, "expectedInformationGainBits") > 0).ToList();
        var rest = tests.Except(useful).ToList();
        if (useful.Count > 0)
        {
            blocks.Add(new TableBlock(
                ["Test (in order)", "Expected information gain (bits)", "Chance the leader changes", "Invasiveness", "Result in (days)"],
                useful.Select(t => (IReadOnlyList<string>)
                [
                    S(t, "name")! + Cite(t),
                    Fmt.Num(D(t, "expectedInformationGainBits")!.Value),
                    D(t, "probabilityLeaderChanges") is { } p ? ProbabilityText.Percent(p) : "",
                    Fmt.Words(S(t, "invasiveness") ?? ""),
                    D(t, "turnaroundDays") is { } days ? Fmt.Num(days) : "",
                ]).ToArray(),
                [false, true, true, false, true]));
            blocks.AddRange(Preconditions(useful));
            var what = new List<ListItem>();
            foreach (var t in useful.Take(3))
            {
                var results = Objects(t, "resultsThatChangeRanking").OrderByDescending(r => B(r, "changesLeader") is true).ThenByDescending(r => D(r, "probability") ?? 0).Take(2)
                    .Select(ResultSentence).OfType<string>().ToList();
                if (results.Count > 0) what.Add(new ListItem(string.Join(" ", results), S(t, "name") + ":"));
            }
            if (what.Count > 0)
            {
                blocks.Add(new ParagraphBlock("", "What a result would do"));
                blocks.Add(new ListBlock(what));
            }
        }
        if (rest.Count > 0)
            blocks.Add(new ParagraphBlock($"{Fmt.Join(rest.Select(t => S(t, "name")!))}: no expected change to the differential on the present findings.", "Not informative now:"));
        return blocks;
    }

    private List<ReportBlock>? Withheld(JsonNode node)
    {
        var items = Objects(node).Where(w => S(w, "name") is not null && S(w, "reason") is not null)
            .Select(w => new ListItem(Sentence(S(w, "reason")!) + Cite(w), S(w, "name") + ":")).ToArray();
        return items.Length == 0 ? null : [new ListBlock(items)];
    }

    /// <summary>Each listed test's unmet preconditions, in list order ("after the spinal MRI has been read").</summary>
    private List<ReportBlock> Preconditions(IEnumerable<JsonObject> tests)
    {
        var items = new List<ListItem>();
        foreach (var t in tests)
        {
            var notes = Objects(t, "after").Select(n => S(n, "text")).OfType<string>().ToList();
            if (notes.Count > 0) items.Add(new ListItem(Sentence(string.Join("; ", notes)) + CiteAll(Objects(t, "after").Select(n => S(n, "source"))), S(t, "name") + ":"));
        }
        return items.Count == 0 ? [] : [new ParagraphBlock("", "Do first"), new ListBlock(items)];
    }

    private string? ResultSentence(JsonObject r)
    {
        var label = S(r, "label");
        if (label is null) return null;
        var moves = Objects(r, "moves").Where(m => D(m, "from") is not null && D(m, "to") is not null)
            .Select(m => $"{Evidence.Lower(Name(S(m, "id")))} {ProbabilityText.Percent(D(m, "from")!.Value)} → {ProbabilityText.Percent(D(m, "to")!.Value)}").ToList();
        var p = D(r, "probability") is { } pr ? $" (expected in {ProbabilityText.Percent(pr)} of such cases)" : "";
        var leader = B(r, "changesLeader") is true && S(r, "leadingAfter") is { } after ? $"; {Evidence.Lower(Name(after))} would lead" : "";
        return moves.Count == 0 ? null : $"{Fmt.Cap(label)}{p}: {string.Join(", ", moves)}{leader}.";
    }

    // ---------- management ----------

    /// <summary>Urgent actions of a management section, as next-step items for the summary (null if the shape is unknown).</summary>
    public IReadOnlyList<ListItem>? UrgentItems(JsonNode node)
    {
        if (node is not JsonObject o || o["urgent"] is not JsonArray urgent) return null;
        return urgent.Select(u => u switch
        {
            JsonObject x when S(x, "text") is { } t => new ListItem(Sentence(t) + Cite(x), S(x, "diagnosis") is { } d ? $"Urgent ({Evidence.Lower(Name(d))}):" : "Urgent:"),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => new ListItem(Sentence(v.GetValue<string>()), "Urgent:"),
            _ => null,
        }).OfType<ListItem>().ToList();
    }

    private List<ReportBlock>? Management(JsonNode node)
    {
        if (node is not JsonObject o || o["urgent"] is null && o["diagnoses"] is null) return null;
        var blocks = new List<ReportBlock>();
        if (UrgentItems(o) is { Count: > 0 } urgent) blocks.Add(new ListBlock(urgent));
        foreach (var d in Objects(o, "diagnoses"))
        {
            var name = S(d, "name") ?? Name(S(d, "id"));
            var p = D(d, "probability") is { } pr ? $" ({ProbabilityText.Percent(pr)})" : "";
            blocks.Add(new ParagraphBlock("", name + p));
            var items = new List<ListItem>();
            items.AddRange(Objects(d, "treatment").Select(t => Statement(t, "Treatment:")).OfType<ListItem>());
            items.AddRange(Objects(d, "prognosis").Select(t => Statement(t, "Prognosis:")).OfType<ListItem>());
            items.AddRange(Objects(d, "scores").Select(t => Statement(t, "Score:")).OfType<ListItem>());
            if (items.Count > 0) blocks.Add(new ListBlock(items));
        }
        var general = Objects(o, "general").Select(t => Statement(t, null)).OfType<ListItem>().ToList();
        if (general.Count > 0)
        {
            blocks.Add(new ParagraphBlock("", "For every patient"));
            blocks.Add(new ListBlock(general));
        }
        return blocks;
    }

    private ListItem? Statement(JsonObject t, string? lead)
    {
        if (S(t, "text") is not { } text) return null;
        var cite = Cite(t);
        if (cite.Length == 0 && B(t, "estimate") is true) cite = " (estimate" + (S(t, "reason") is { } r ? $": {r.TrimEnd('.')}" : "") + ")";
        return new ListItem(Sentence(text) + cite, lead);
    }

    // ---------- sensitivity and uncertainty ----------

    private List<ReportBlock>? Sensitivity(JsonNode node)
    {
        if (node is not JsonObject o || S(o, "leading") is not { } lead || S(o, "runnerUp") is not { } second || D(o, "marginFactor") is not { } margin) return null;
        var text = $"{Name(lead)} is {Fmt.Num(Math.Round(margin, 1))} times as probable as {Evidence.Lower(Name(second))}: a single prior or likelihood would have to be wrong by that factor to swap them.";
        var own = Objects(o, "priors").FirstOrDefault(p => S(p, "diagnosis") == lead);
        if (own is not null && D(own, "prior") is { } prior && D(own, "priorTo") is { } to)
            text += $" The prior of {Evidence.Lower(Name(lead))} would have to fall from {ProbabilityText.Percent(prior)} to {ProbabilityText.Percent(to)}.";
        var deciding = Objects(o, "likelihoods").Where(l => S(l, "leaderWithoutIt") is { } w && w != lead && S(l, "label") is not null).ToList();
        text += deciding.Count == 0
            ? " No single finding decides the lead on its own."
            : $" Findings that alone decide the lead: {string.Join("; ", deciding.Select(l => $"{S(l, "label")} (without it, {Evidence.Lower(Name(S(l, "leaderWithoutIt")))} would lead)"))}.";
        return [new ParagraphBlock(text)];
    }

    private List<ReportBlock>? Uncertainty(JsonNode node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        var bits = double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        var max = Math.Log2(Math.Max(2, a.Differential.Count));
        return [new ParagraphBlock($"The differential still holds {Fmt.Num(Math.Round(bits, 2))} bits of uncertainty (0 would be certainty; {Fmt.Num(Math.Round(max, 2))} bits would mean every diagnosis equally likely).")];
    }
}
