using System.Globalization;
using System.Text.Json;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Inference;

namespace MyeloDx.Web.Pages;

/// <summary>
/// What the result partials render: the typed assessment document, the note, and the sources. A live assessment is
/// the document just made; a saved case's is its stored JSON, bound once by <see cref="StoredAssessment"/> in the
/// page model. What a stored document carries that the current records cannot bind (a section written by another
/// build) is in <see cref="Unbound"/> and shown plainly under "More detail" (the one generic partial, _JsonSection).
/// </summary>
public sealed partial record AssessmentView(AssessmentDocument Document, string? Note, KnowledgeBase Knowledge)
{
    /// <summary>Sections of a stored document that did not bind (empty for a live assessment).</summary>
    public IReadOnlyList<UnboundSection> Unbound { get; init; } = [];
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

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A diagnosis id's name from the knowledge base (or the id).</summary>
    public string Name(string? id)
    {
        var s = id ?? "";
        return Knowledge.DiagnosisIndex.ContainsKey(s) ? Knowledge.Diagnosis(s).Name : s;
    }

    public IReadOnlyList<DiagnosisEntry> Differential => Document.Differential ?? [];

    /// <summary>A probability as a percentage rounded for reading (never 0.9213044280000001).</summary>
    public static string Pct(double p) => ProbabilityText.Percent(p);

    /// <summary>A number as the pages write it ("0.###"), or "" when there is none.</summary>
    public static string N(double? x) => x is { } v ? v.ToString("0.###", Inv) : "";

    /// <summary>A number in a fixed format; a missing one reads as 0.</summary>
    public static string Fixed(double? x, string format = "0.#") => (x ?? 0).ToString(format, Inv);

    /// <summary>A value of an unbound section as one line (the generic partial's cells).</summary>
    public static string Str(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => e.GetDouble().ToString("0.###", Inv),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => e.GetRawText(),
    };

    public static bool IsTree(JsonElement e) => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

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
    public IReadOnlyList<(string Text, FindingEntry? Finding)> NoteParts()
    {
        var parts = new List<(string, FindingEntry?)>();
        if (string.IsNullOrEmpty(Note)) return parts;
        var spans = (Document.Findings ?? []).Where(f => f.Span is not null)
            .Select(f => (f, start: f.Span!.Start, len: f.Span.Length))
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
