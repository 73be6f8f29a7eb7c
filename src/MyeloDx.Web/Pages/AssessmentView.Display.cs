using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Knowledge;
using MyeloDx.Web.Input;

namespace MyeloDx.Web.Pages;

/// <summary>Display helpers: citations, the marked note, populations, the findings that can be toggled.</summary>
public sealed partial record AssessmentView
{
    /// <summary>A citation (short text, full citation, link): from the knowledge base's source, else the reference string; an estimate when neither.</summary>
    public Citation Cite(string? id, string? reference = null)
    {
        if (!string.IsNullOrEmpty(id) && Knowledge.Sources.TryGetValue(id, out var s))
        {
            var url = s.Pmid is not null ? $"https://pubmed.ncbi.nlm.nih.gov/{s.Pmid}/" : s.Doi is not null ? $"https://doi.org/{s.Doi}" : s.Url ?? LinkOf(reference ?? "");
            return new(ShortName(id), s.Citation, url);
        }
        var r = reference ?? "";
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(r)) return Citation.Estimate;
        return new(string.IsNullOrEmpty(id) ? "source" : ShortName(id), string.IsNullOrEmpty(r) ? id! : r, LinkOf(r));
    }

    /// <summary>A link for "PMID n", "doi:...", a bare DOI or a URL; null when none can be made.</summary>
    public static string? LinkOf(string r)
    {
        if (string.IsNullOrWhiteSpace(r)) return null;
        r = r.Trim();
        if (r.StartsWith("http://", StringComparison.Ordinal) || r.StartsWith("https://", StringComparison.Ordinal)) return r;
        if (r.StartsWith("doi:", StringComparison.OrdinalIgnoreCase)) return "https://doi.org/" + r[4..].Trim();
        if (r.StartsWith("10.", StringComparison.Ordinal)) return "https://doi.org/" + r;
        if (r.StartsWith("PMID", StringComparison.OrdinalIgnoreCase))
        {
            var digits = new string(r[4..].Where(char.IsDigit).ToArray());
            return digits.Length > 0 ? $"https://pubmed.ncbi.nlm.nih.gov/{digits}/" : null;
        }
        return null;
    }

    /// <summary>"Sorensen1994" → "Sorensen 1994"; "LeRhun-EANO" → "LeRhun EANO".</summary>
    public static string ShortName(string id)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (c is '-' or '_') { sb.Append(' '); continue; }
            if (i > 0 && char.IsDigit(c) && !char.IsDigit(id[i - 1])) sb.Append(' ');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The populations the priors can describe, from the loaded knowledge (default first).</summary>
    public IEnumerable<(string Id, string Label, string Description)> Populations() =>
        Knowledge.Priors.Values.OrderBy(p => p.Id == Knowledge.DefaultContext ? 0 : 1).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => (p.Id, Readable(p.Id) + (p.Id == Knowledge.DefaultContext ? " (default)" : ""), p.Description));

    public string PriorContext => Document.PriorContext ?? "";

    public static string Readable(string id) => id.Length == 0 ? id : char.ToUpperInvariant(id[0]) + id[1..].Replace('_', ' ');

    /// <summary>A finding id's readable name from the knowledge base.</summary>
    public string FindingName(string id) => Knowledge.Variables.TryGetValue(id, out var v) ? v.Name : Readable(id);

    /// <summary>A finding with its value, readable ("Brain metastases", "no fever", "Onset: days").</summary>
    public string FindingText(FindingEntry f)
    {
        var id = f.Finding ?? "";
        if (!Knowledge.Variables.TryGetValue(id, out var v)) return Readable(id);
        if (f.Number is { } n) return $"{v.Name}: {N(n)}{(v.Unit is null ? "" : " " + v.Unit)}";
        var st = f.Value ?? "";
        if (v.Kind == VariableKind.Binary) return st == "absent" ? "no " + Lower(v.Name) : v.Name;
        return v.State(st) is { } s ? $"{v.Name}: {s.Label}" : v.Name;
    }

    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    /// <summary>Findings of this case that the what-if form can toggle (one row per finding).</summary>
    public IEnumerable<(string Id, string Text, string Toggle)> Toggles()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in Document.Findings ?? [])
        {
            var id = f.Finding ?? "";
            if (!seen.Add(id) || !Knowledge.Variables.TryGetValue(id, out var v)) continue;
            var st = f.Value ?? "";
            var toggle = v.Kind == VariableKind.Binary && st == "present" ? "treat as absent"
                : v.Kind == VariableKind.Binary && st == "absent" ? "treat as present" : "treat as unknown";
            yield return (id, FindingText(f), toggle);
        }
        foreach (var id in Toggled.Where(t => seen.Add(t)))
            yield return (id, FindingName(id), "changed");
    }

    /// <summary>The note with each read phrase marked; built here so that no template whitespace enters the pre-wrapped text.</summary>
    public IHtmlContent NoteHtml()
    {
        var sb = new StringBuilder();
        var note = Note ?? "";
        var pos = 0;
        foreach (var (start, len, kind, label) in NoteMarksOrSpans())
        {
            if (start < pos || start + len > note.Length) continue;
            sb.Append(WebUtility.HtmlEncode(note[pos..start]));
            var cls = kind.ToString().ToLowerInvariant();
            sb.Append($"<mark class=\"m-{cls}\" title=\"{WebUtility.HtmlEncode(label)}\" data-kind=\"{cls}\">")
              .Append(WebUtility.HtmlEncode(note.Substring(start, len)))
              .Append($"<span class=\"sr-only\"> ({WebUtility.HtmlEncode(KindText(kind))}: {WebUtility.HtmlEncode(label)})</span></mark>");
            pos = start + len;
        }
        sb.Append(WebUtility.HtmlEncode(note[pos..]));
        return new HtmlString(sb.ToString());
    }

    public static string KindText(NoteMarkKind k) => k switch
    {
        NoteMarkKind.Finding => "finding",
        NoteMarkKind.Negated => "negated or absent",
        NoteMarkKind.Uncertain => "uncertain",
        NoteMarkKind.Historical => "in the past",
        _ => "set aside",
    };

    /// <summary>What the table under the note lists: each marked phrase and its meaning.</summary>
    public IReadOnlyList<(int Start, int Length, NoteMarkKind Kind, string Label)> NoteMarksOrSpans()
    {
        if (Marks is { } m) return m.Select(x => (x.Start, x.Length, x.Kind, x.Label)).ToList();
        return NoteParts().Where(p => p.Finding is not null).Select(p => (NoteIndex(p), p.Text.Length,
            p.Finding!.Value == "absent" ? NoteMarkKind.Negated : p.Finding.Uncertain ? NoteMarkKind.Uncertain : NoteMarkKind.Finding,
            FindingText(p.Finding))).ToList();
    }

    private static int NoteIndex((string Text, FindingEntry? Finding) p) => p.Finding!.Span!.Start;

    /// <summary>A few plain lines for the chart or a message (the copy button's text).</summary>
    public string SummaryText()
    {
        var sb = new StringBuilder();
        var diff = Differential.ToList();
        if (diff.Count > 0) sb.AppendLine($"MyeloDx differential (population: {Readable(PriorContext)}):");
        foreach (var d in diff.Take(4)) sb.AppendLine($"- {d.Name}: {Pct(d.Probability)}");
        foreach (var u in (Document.Management?.Urgent ?? []).Take(3)) sb.AppendLine($"Urgent: {u.Text}");
        foreach (var t in (Document.NextTests ?? []).Take(2)) sb.AppendLine($"Next test: {t.Name}");
        sb.Append(Document.Caveat);
        return sb.ToString();
    }
}
