using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Cli;

/// <summary>
/// One numbered reference list for a whole readable or Markdown answer (Vancouver style, in order of first citation):
/// the sources behind the evidence lines come first because they are printed first, then those of the next tests and
/// management. The recommendations are renumbered to match, so "[3]" means the same paper everywhere in the output.
/// </summary>
internal sealed class CliReferences
{
    private readonly Dictionary<string, Reference> _bySource;

    private CliReferences(IReadOnlyList<Reference> list)
    {
        List = list;
        _bySource = list.ToDictionary(r => r.SourceId, StringComparer.Ordinal);
    }

    public IReadOnlyList<Reference> List { get; }

    public static CliReferences For(Assessment a, Recommendations? rec, KnowledgeBase kb)
    {
        var order = new List<string>();
        foreach (var c in Rendering.CitedEvidence(a))
            if (c.SourceId is { } id && kb.Sources.ContainsKey(id) && !order.Contains(id)) order.Add(id);
        foreach (var r in rec?.References ?? [])
            if (!order.Contains(r.SourceId)) order.Add(r.SourceId);
        return new CliReferences(order.Select((id, i) => Reference.Of(i + 1, kb.Sources[id])).ToArray());
    }

    /// <summary>"[3]" for a listed source; null for an estimate or a source not in the list.</summary>
    public string? Cite(string? sourceId) => sourceId is not null && _bySource.TryGetValue(sourceId, out var r) ? $"[{r.Number}]" : null;

    /// <summary>The recommendations with their references renumbered into this list.</summary>
    public Recommendations Renumber(Recommendations rec) => rec with { References = rec.References.Select(r => _bySource[r.SourceId]).ToArray() };

    public string Markdown()
    {
        if (List.Count == 0) return "";
        var sb = new System.Text.StringBuilder();
        sb.AppendLine().AppendLine("## References").AppendLine();
        foreach (var x in List) sb.AppendLine($"{x.Number}. {x.Citation}{(x.Link is { } l ? " " + l : "")}");
        return sb.ToString();
    }
}
