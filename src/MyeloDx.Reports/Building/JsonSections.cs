using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyeloDx.Reports.Building;

/// <summary>Where an augmenter's section belongs in a report, told from its JSON key.</summary>
internal enum SectionRole { Radiotherapy, Scores, NextTests, Management, Other }

/// <summary>
/// Renders the sections that assessment augmenters add to the JSON assessment (radiotherapy arithmetic, scores,
/// next tests, management, anything later) without knowing their shape in advance: objects become labelled
/// lists, arrays of objects become tables, and a "source" naming a knowledge-base source becomes a citation.
/// </summary>
internal static class JsonSections
{
    /// <summary>The keys of the core assessment contract (AssessmentJson.Full and AssessmentService.ToJson); everything else is an augmenter's section.</summary>
    public static readonly IReadOnlySet<string> CoreKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "leading", "differential", "findings", "computedEvidence", "unknownsThatMatter", "notes", "priorContext", "knowledgeVersion", "caveat", "input",
    };

    /// <summary>Decision keys the report shows elsewhere: the first action heads the report, and its own reference list covers the citations.</summary>
    private static readonly IReadOnlySet<string> ShownElsewhere = new HashSet<string>(StringComparer.Ordinal) { "firstAction", "references" };

    private const int MaxDepth = 3;
    private const int MaxColumns = 7;
    private const int MaxCell = 300;

    public static IReadOnlyList<(string Key, JsonNode Node, SectionRole Role)> Extra(JsonObject? json) =>
        json is null ? [] : json.Where(kv => !CoreKeys.Contains(kv.Key) && !ShownElsewhere.Contains(kv.Key) && kv.Value is not null && !IsEmpty(kv.Value))
            .Select(kv => (kv.Key, kv.Value!, Role(kv.Key))).ToArray();

    public static SectionRole Role(string key)
    {
        var k = key.ToLowerInvariant();
        if (k.Contains("radio") || k.Contains("dose") || key == "rt" || (key.StartsWith("rt", StringComparison.Ordinal) && key.Length > 2 && char.IsUpper(key[2]))) return SectionRole.Radiotherapy;
        if (k.Contains("score")) return SectionRole.Scores;
        if (k.Contains("test") || k.Contains("nextstep") || k.Contains("workup")) return SectionRole.NextTests;
        if (k.Contains("manage") || k.Contains("prognos") || k.Contains("treatment")) return SectionRole.Management;
        return SectionRole.Other;
    }

    private static bool IsEmpty(JsonNode n) => n switch
    {
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        _ => false,
    };

    /// <summary>The section's content as report blocks (no heading: the caller titles it).</summary>
    public static List<ReportBlock> Render(JsonNode node, Citations cites, int depth = 0)
    {
        var blocks = new List<ReportBlock>();
        switch (node)
        {
            case JsonValue v:
                blocks.Add(new ParagraphBlock(Scalar(v)));
                break;
            case JsonArray a:
                RenderArray(a, cites, blocks);
                break;
            case JsonObject o:
                RenderObject(o, cites, depth, blocks);
                break;
        }
        return blocks;
    }

    private static void RenderArray(JsonArray a, Citations cites, List<ReportBlock> blocks)
    {
        if (a.Count == 0) { blocks.Add(new ParagraphBlock("None.")); return; }
        if (a.All(x => x is JsonValue or null))
        {
            blocks.Add(new ListBlock(a.Select(x => new ListItem(x is JsonValue v ? Scalar(v) : "")).ToArray()));
            return;
        }
        if (a.All(x => x is JsonObject))
        {
            var objs = a.Cast<JsonObject>().ToArray();
            var keys = objs.SelectMany(o => o.Select(kv => kv.Key)).Distinct(StringComparer.Ordinal).ToList();
            var scalarShare = objs.SelectMany(o => o.Select(kv => kv.Value)).Count(v => v is JsonValue or null) / (double)Math.Max(1, objs.Sum(o => o.Count));
            if (keys.Count <= MaxColumns && scalarShare >= 0.6)
            {
                var numeric = keys.Select(k => objs.All(o => o[k] is null || o[k] is JsonValue jv && jv.GetValueKind() == JsonValueKind.Number)).ToArray();
                var rows = objs.Select(o => (IReadOnlyList<string>)keys.Select(k => Cell(k, o[k], cites)).ToArray()).ToArray();
                blocks.Add(new TableBlock(keys.Select(Fmt.Humanize).ToArray(), rows, numeric));
                return;
            }
            blocks.Add(new ListBlock(objs.Select((o, i) => new ListItem(Compact(o, cites, skipTitle: true), Title(o) ?? $"Item {i + 1}")).ToArray()));
            return;
        }
        blocks.Add(new ListBlock(a.Select(x => new ListItem(x is null ? "" : Compact(x, cites))).ToArray()));
    }

    private static void RenderObject(JsonObject o, Citations cites, int depth, List<ReportBlock> blocks)
    {
        var items = new List<ListItem>();
        void Flush()
        {
            if (items.Count > 0) blocks.Add(new ListBlock(items.ToArray()));
            items.Clear();
        }
        foreach (var (k, v) in o)
        {
            if (v is null) continue;
            if (IsSource(k) && v is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && cites.Cite(sv.GetValue<string>()) is { Length: > 0 } c)
            {
                items.Add(new ListItem(c, "Source:"));
                continue;
            }
            if (v is JsonValue val) { items.Add(new ListItem(Scalar(val), Fmt.Humanize(k) + ":")); continue; }
            if (depth >= MaxDepth || IsEmpty(v)) { items.Add(new ListItem(Compact(v, cites), Fmt.Humanize(k) + ":")); continue; }
            Flush();
            blocks.Add(new ParagraphBlock("", Fmt.Humanize(k)));
            blocks.AddRange(Render(v, cites, depth + 1));
        }
        Flush();
    }

    private static bool IsSource(string key) => key is "source" or "sourceId" or "source_id";

    /// <summary>The name an item goes by: its name, label or id.</summary>
    public static string? Title(JsonObject o)
    {
        foreach (var k in new[] { "name", "label", "title", "id" })
            if (o[k] is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        return null;
    }

    private static string Cell(string key, JsonNode? n, Citations cites)
    {
        if (n is null) return "";
        if (IsSource(key) && n is JsonValue v && v.GetValueKind() == JsonValueKind.String && cites.Cite(v.GetValue<string>()) is { Length: > 0 } c) return c;
        return Compact(n, cites);
    }

    /// <summary>A node in one line: "key: value, key: value"; arrays joined with "; ".</summary>
    public static string Compact(JsonNode n, Citations cites, bool skipTitle = false)
    {
        string s = n switch
        {
            JsonValue v => Scalar(v),
            JsonArray a => string.Join("; ", a.Where(x => x is not null).Select(x => Compact(x!, cites))),
            JsonObject o => string.Join(", ", o.Where(kv => kv.Value is not null && !(skipTitle && Title(o) is { } t && (kv.Key == "id" || kv.Value is JsonValue tv && tv.GetValueKind() == JsonValueKind.String && tv.GetValue<string>() == t)))
                .Select(kv => IsSource(kv.Key) && kv.Value is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && cites.Cite(sv.GetValue<string>()) is { Length: > 0 } c
                    ? c
                    : $"{Fmt.Humanize(kv.Key).ToLowerInvariant()}: {Compact(kv.Value!, cites)}")),
            _ => "",
        };
        return s.Length > MaxCell ? s[..(MaxCell - 1)] + "…" : s;
    }

    public static string Scalar(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        // in-memory nodes may hold an int, long or decimal: read the number from its JSON text
        JsonValueKind.Number => Fmt.Num(double.Parse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        _ => v.ToJsonString(),
    };
}
