using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Inference;

namespace MyeloDx.Web.Pages;

/// <summary>
/// What the result partial renders: the assessment JSON (any sections it carries), the note, and the sources.
/// Why a JSON tree and not <see cref="MyeloDx.Core.Contract.AssessmentDocument"/>: a saved case's page shows the
/// assessment exactly as it was stored, and a version saved by an earlier build may carry sections or fields the
/// current records no longer have (or lack ones they require), so it cannot always be bound back to them; sections the
/// partials do not know are shown generically. A live assessment is typed until here (<see cref="LiveResult"/>).
/// </summary>
public sealed partial record AssessmentView(JsonObject Json, string? Note, KnowledgeBase Knowledge)
{
    /// <summary>The note's marks from the text reader (null: fall back to the findings' spans).</summary>
    public IReadOnlyList<MyeloDx.Web.Input.NoteMark>? Marks { get; init; }
    /// <summary>The input as given, posted back by the what-if form (the case is re-read, never stored by it).</summary>
    public string? Body { get; init; }
    public string? Mode { get; init; }
    /// <summary>Findings toggled in the what-if form, and the changed dose of the first radiotherapy course.</summary>
    public IReadOnlyList<string> Toggled { get; init; } = [];
    public double? DoseGy { get; init; }
    /// <summary>The what-if result against the case as given (null when nothing was changed).</summary>
    public MyeloDx.Core.Decisions.WhatIfComparison? WhatIf { get; init; }
    /// <summary>The saved case this is (for report links), else null.</summary>
    public string? CaseId { get; init; }
    public int? CaseVersion { get; init; }

    /// <summary>Top-level keys the partial renders specially; any other section is shown generically.</summary>
    public static readonly HashSet<string> Known = ["leading", "differential", "findings", "computedEvidence", "unknownsThatMatter", "notes", "priorContext", "knowledgeVersion", "caveat", "input",
        "radiotherapy", "scores", "nextTests", "management", "deferredTests", "sensitivity", "diagnosticUncertaintyBits", "whatIf", "textAnalysis",
        "firstAction", "withheldTests", "references"];

    public static IEnumerable<JsonObject> Objects(JsonNode? n) => (n as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The strings of a JSON array (citation marks such as "[3]").</summary>
    public static IEnumerable<string> Strings(JsonNode? n) => (n as JsonArray ?? []).Select(Str).Where(x => x.Length > 0);

    /// <summary>A diagnosis id's name from the knowledge base (or the id).</summary>
    public string Name(JsonNode? id)
    {
        var s = Str(id);
        return Knowledge.DiagnosisIndex.ContainsKey(s) ? Knowledge.Diagnosis(s).Name : s;
    }

    /// <summary>A reference string: a link when it is a URL or a DOI.</summary>
    public static string? Href(JsonNode? reference)
    {
        var r = Str(reference);
        return r.StartsWith("http", StringComparison.Ordinal) ? r : r.StartsWith("doi:", StringComparison.Ordinal) ? "https://doi.org/" + r[4..] : null;
    }

    public IEnumerable<JsonObject> Differential => (Json["differential"] as JsonArray ?? []).OfType<JsonObject>();

    public static string Pct(double p) => ProbabilityText.Percent(p);

    /// <summary>A probability as a percentage rounded for reading (never 0.9213044280000001).</summary>
    public static string Pct(JsonNode? n) => Pct(Num(n));

    /// <summary>Any JSON number (an int-backed value too, which TryGetValue&lt;double&gt; refuses), else 0.</summary>
    public static double Num(JsonNode? n) =>
        n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    public static string Str(JsonNode? n) => n switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "yes" : "no",
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("0.###", CultureInfo.InvariantCulture),
        _ => n.ToJsonString(),
    };

    /// <summary>The citation and a link for a source id (PubMed, DOI or URL), or null for an estimate.</summary>
    public (string Text, string? Url)? Source(string? id)
    {
        if (id is null || !Knowledge.Sources.TryGetValue(id, out var s)) return id is null ? null : (id, null);
        var url = s.Pmid is not null ? $"https://pubmed.ncbi.nlm.nih.gov/{s.Pmid}/" : s.Doi is not null ? $"https://doi.org/{s.Doi}" : s.Url;
        return (s.Citation, url);
    }

    public static string Humanize(string key)
    {
        var chars = new List<char>();
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && char.IsUpper(key[i])) chars.Add(' ');
            chars.Add(i == 0 ? char.ToUpperInvariant(key[i]) : char.ToLowerInvariant(key[i]));
        }
        return new string(chars.ToArray()).Replace('_', ' ');
    }

    /// <summary>Pieces of the note, each either plain or a marked finding (spans sorted, overlaps dropped).</summary>
    public IReadOnlyList<(string Text, JsonObject? Finding)> NoteParts()
    {
        var parts = new List<(string, JsonObject?)>();
        if (string.IsNullOrEmpty(Note)) return parts;
        var spans = (Json["findings"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(f => (f, s: f["span"] as JsonObject))
            .Where(x => x.s is not null)
            .Select(x => (x.f, start: (int)Num(x.s!["start"]), len: (int)Num(x.s!["length"])))
            .Where(x => x.start >= 0 && x.len > 0 && x.start + x.len <= Note.Length)
            .OrderBy(x => x.start).ThenByDescending(x => x.len).ToList();
        var pos = 0;
        foreach (var (f, start, len) in spans)
        {
            if (start < pos) continue;
            if (start > pos) parts.Add((Note[pos..start], null));
            parts.Add((Note.Substring(start, len), f));
            pos = start + len;
        }
        if (pos < Note.Length) parts.Add((Note[pos..], null));
        return parts;
    }

    public bool HasSpans => (Json["findings"] as JsonArray ?? []).OfType<JsonObject>().Any(f => f["span"] is not null);

    public static string NoteFrom(string? inputKind, string given)
    {
        if (inputKind != "text") return "";
        try
        {
            using var d = JsonDocument.Parse(given);
            return d.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        }
        catch (JsonException) { return ""; }
    }
}
