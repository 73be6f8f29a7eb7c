using MyeloDx.Core.Knowledge;

namespace MyeloDx.Reports.Building;

/// <summary>
/// Numbers sources in order of first citation (Vancouver style) and formats the reference list from
/// knowledge/sources.yaml. Only sources actually cited appear; an id missing from the knowledge base is not cited.
/// </summary>
internal sealed class Citations(KnowledgeBase kb)
{
    private readonly List<string> _order = [];

    /// <summary>"[n]" for a known source id; "" when the id is null or unknown.</summary>
    public string Cite(string? sourceId)
    {
        if (sourceId is null || !kb.Sources.ContainsKey(sourceId)) return "";
        var i = _order.IndexOf(sourceId);
        if (i < 0) { _order.Add(sourceId); i = _order.Count - 1; }
        return $"[{i + 1}]";
    }

    /// <summary>"[1, 3]" for several ids (unknown ones skipped, duplicates once).</summary>
    public string Cite(IEnumerable<string?> sourceIds)
    {
        var nums = sourceIds.Select(Cite).Where(s => s.Length > 0).Select(s => s.Trim('[', ']')).Distinct().ToList();
        return nums.Count == 0 ? "" : "[" + string.Join(", ", nums) + "]";
    }

    public IReadOnlyList<ReportReference> References() =>
        _order.Select((id, i) => new ReportReference(i + 1, id, Format(kb.Sources[id]))).ToArray();

    /// <summary>The citation as written in sources.yaml, followed by its identifier when the citation lacks it.</summary>
    internal static string Format(Source s)
    {
        var text = s.Citation.Trim();
        if (text.Length > 0 && !text.EndsWith('.') && !text.EndsWith(')')) text += ".";
        var parts = new List<string> { text };
        if (s.Pmid is { } pmid && !text.Contains(pmid, StringComparison.Ordinal)) parts.Add($"PMID {pmid}.");
        if (s.Doi is { } doi && !text.Contains(doi, StringComparison.OrdinalIgnoreCase)) parts.Add($"doi:{doi}.");
        if (s.Pmid is null && s.Doi is null && s.Url is { } url && !text.Contains(url, StringComparison.Ordinal)) parts.Add($"Available at {url}");
        return string.Join(" ", parts.Where(p => p.Length > 0));
    }
}
