using System.Text.Json;
using MyeloDx.Core.Contract;

namespace MyeloDx.Reports.Building;

/// <summary>
/// The one generic rendering left in the reports, for <see cref="UnboundSection"/>s only: a section of an assessment
/// read from JSON (<see cref="StoredAssessment"/>) that the current records could not bind, because another build
/// wrote it. Why keep it: a report goes into the chart, and a section silently dropped is worse than one shown
/// plainly. Objects become labelled lists, arrays of flat objects tables, and a "source" naming a knowledge-base
/// source a citation. Every section the contract knows is rendered typed by <see cref="KnownSections"/>.
/// </summary>
internal static class JsonSections
{
    private const int MaxDepth = 3;
    private const int MaxColumns = 7;
    private const int MaxCell = 300;

    /// <summary>The unbound sections worth a heading (empty arrays, objects and nulls say nothing).</summary>
    public static IEnumerable<UnboundSection> Shown(IEnumerable<UnboundSection> sections) => sections.Where(s => !IsEmpty(s.Value));

    private static bool IsEmpty(JsonElement n) => n.ValueKind switch
    {
        JsonValueKind.Array => n.GetArrayLength() == 0,
        JsonValueKind.Object => !n.EnumerateObject().Any(),
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        _ => false,
    };

    private static bool IsNull(JsonElement n) => n.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    private static bool IsScalar(JsonElement n) => n.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    /// <summary>The section's content as report blocks (no heading: the caller titles it).</summary>
    public static List<ReportBlock> Render(JsonElement node, Citations cites, int depth = 0)
    {
        var blocks = new List<ReportBlock>();
        switch (node.ValueKind)
        {
            case JsonValueKind.Array: RenderArray(node, cites, blocks); break;
            case JsonValueKind.Object: RenderObject(node, cites, depth, blocks); break;
            default: blocks.Add(new ParagraphBlock(Scalar(node))); break;
        }
        return blocks;
    }

    private static void RenderArray(JsonElement a, Citations cites, List<ReportBlock> blocks)
    {
        var items = a.EnumerateArray().ToList();
        if (items.Count == 0) { blocks.Add(new ParagraphBlock("None.")); return; }
        if (items.All(IsScalar))
        {
            blocks.Add(new ListBlock(items.Select(x => new ListItem(IsNull(x) ? "" : Scalar(x))).ToArray()));
            return;
        }
        if (items.All(x => x.ValueKind == JsonValueKind.Object))
        {
            var keys = items.SelectMany(o => o.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();
            var values = items.SelectMany(o => o.EnumerateObject().Select(p => p.Value)).ToList();
            var scalarShare = values.Count(IsScalar) / (double)Math.Max(1, values.Count);
            if (keys.Count <= MaxColumns && scalarShare >= 0.6)
            {
                var numeric = keys.Select(k => items.All(o => !o.TryGetProperty(k, out var v) || IsNull(v) || v.ValueKind == JsonValueKind.Number)).ToArray();
                var rows = items.Select(o => (IReadOnlyList<string>)keys.Select(k => o.TryGetProperty(k, out var v) ? Cell(k, v, cites) : "").ToArray()).ToArray();
                blocks.Add(new TableBlock(keys.Select(Fmt.Humanize).ToArray(), rows, numeric));
                return;
            }
            blocks.Add(new ListBlock(items.Select((o, i) => new ListItem(Compact(o, cites, skipTitle: true), Title(o) ?? $"Item {i + 1}")).ToArray()));
            return;
        }
        blocks.Add(new ListBlock(items.Select(x => new ListItem(IsNull(x) ? "" : Compact(x, cites))).ToArray()));
    }

    private static void RenderObject(JsonElement o, Citations cites, int depth, List<ReportBlock> blocks)
    {
        var items = new List<ListItem>();
        void Flush()
        {
            if (items.Count > 0) blocks.Add(new ListBlock(items.ToArray()));
            items.Clear();
        }
        foreach (var p in o.EnumerateObject())
        {
            var v = p.Value;
            if (IsNull(v)) continue;
            if (Citation(p.Name, v, cites) is { } c) { items.Add(new ListItem(c, "Source:")); continue; }
            if (IsScalar(v)) { items.Add(new ListItem(Scalar(v), Fmt.Humanize(p.Name) + ":")); continue; }
            if (depth >= MaxDepth || IsEmpty(v)) { items.Add(new ListItem(Compact(v, cites), Fmt.Humanize(p.Name) + ":")); continue; }
            Flush();
            blocks.Add(new ParagraphBlock("", Fmt.Humanize(p.Name)));
            blocks.AddRange(Render(v, cites, depth + 1));
        }
        Flush();
    }

    /// <summary>"[n]" when the member is a source id the knowledge base knows, else null.</summary>
    private static string? Citation(string key, JsonElement v, Citations cites) =>
        key is "source" or "sourceId" or "source_id" && v.ValueKind == JsonValueKind.String && cites.Cite(v.GetString()) is { Length: > 0 } c ? c : null;

    /// <summary>The name an item goes by: its name, label, title or id.</summary>
    private static string? Title(JsonElement o)
    {
        foreach (var k in new[] { "name", "label", "title", "id" })
            if (o.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString();
        return null;
    }

    private static string Cell(string key, JsonElement n, Citations cites) =>
        IsNull(n) ? "" : Citation(key, n, cites) ?? Compact(n, cites);

    /// <summary>A value in one line: "key: value, key: value"; arrays joined with "; ".</summary>
    private static string Compact(JsonElement n, Citations cites, bool skipTitle = false)
    {
        var s = n.ValueKind switch
        {
            JsonValueKind.Array => string.Join("; ", n.EnumerateArray().Where(x => !IsNull(x)).Select(x => Compact(x, cites))),
            JsonValueKind.Object => string.Join(", ", n.EnumerateObject()
                .Where(p => !IsNull(p.Value) && !(skipTitle && Title(n) is { } t && (p.Name == "id" || p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == t)))
                .Select(p => Citation(p.Name, p.Value, cites) ?? $"{Fmt.Humanize(p.Name).ToLowerInvariant()}: {Compact(p.Value, cites)}")),
            _ => Scalar(n),
        };
        return s.Length > MaxCell ? s[..(MaxCell - 1)] + "…" : s;
    }

    private static string Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Number => Fmt.Num(v.GetDouble()),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        _ => v.GetRawText(),
    };
}
