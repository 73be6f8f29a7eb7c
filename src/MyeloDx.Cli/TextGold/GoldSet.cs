using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Cli.TextGold;

/// <summary>
/// One finding a gold sentence states: a knowledge-base variable and its state (or number), and how the writer put
/// it. <see cref="State"/> is the state the reader should end with ("absent" for a denied binary finding);
/// <see cref="Negated"/> says the text reached it by denial, <see cref="Uncertain"/> that it is only an opinion
/// (the reader may keep it out or mark it uncertain, never report it as observed), <see cref="Historical"/> that
/// it belongs to an earlier time (a prior scan or episode) and must not be reported as the current state.
/// </summary>
internal sealed record GoldFinding(string Variable, string? State, double? Value, bool Negated, bool Uncertain, bool Historical)
{
    public string Shown => State ?? Value!.Value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A sentence or short note with every finding it states (none for a distractor).</summary>
internal sealed record GoldExample(string Id, string Text, string Group, IReadOnlyList<GoldFinding> Findings);

/// <summary>Reads and checks a gold file (JSON lines) against the knowledge base; splits it by a stable hash of the id.</summary>
internal static class GoldSet
{
    /// <summary>
    /// The part an example belongs to: "fresh" for the set written by someone who never saw the reader (ids "frs-",
    /// never studied for misses: it measures generalisation only); otherwise SHA-256 of the UTF-8 id, first byte
    /// even → "tune", odd → "heldout". Stable across runs and machines, and independent of file order.
    /// </summary>
    public static string Half(string id) =>
        id.StartsWith(FreshPrefix, StringComparison.Ordinal) ? "fresh"
        : (SHA256.HashData(Encoding.UTF8.GetBytes(id))[0] & 1) == 0 ? "tune" : "heldout";

    private const string FreshPrefix = "frs-";

    public static IReadOnlyList<GoldExample> Load(string path, KnowledgeBase kb)
    {
        if (!File.Exists(path)) throw new InputException("MDX-GOLD001", path, "the gold file does not exist");
        var list = new List<GoldExample>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{Path.GetFileName(path)} line {n}";
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException e) { throw new InputException("MDX-GOLD001", where, $"not valid JSON ({e.Message.Split('.')[0]})"); }
            using (doc)
            {
                var ex = Parse(doc.RootElement, where, kb);
                if (!ids.Add(ex.Id)) throw new InputException("MDX-GOLD002", where, $"the id '{ex.Id}' is used twice");
                list.Add(ex);
            }
        }
        if (list.Count == 0) throw new InputException("MDX-GOLD001", path, "the gold file holds no examples");
        return list;
    }

    private static GoldExample Parse(JsonElement e, string where, KnowledgeBase kb)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new InputException("MDX-GOLD002", where, "each line must be a JSON object");
        var id = Str(e, "id", where);
        var text = Str(e, "text", where);
        var group = e.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString()! : "";
        if (!e.TryGetProperty("findings", out var fs) || fs.ValueKind != JsonValueKind.Array)
            throw new InputException("MDX-GOLD002", where, "'findings' must be an array (empty for a sentence that states no finding)");
        var findings = new List<GoldFinding>();
        foreach (var f in fs.EnumerateArray())
        {
            var v = Str(f, "variable", where);
            if (!kb.Variables.TryGetValue(v, out var variable))
                throw new InputException("MDX-GOLD003", where, $"'{v}' is not a variable of the knowledge base");
            if (!f.TryGetProperty("value", out var val)) throw new InputException("MDX-GOLD002", where, $"the finding of '{v}' has no value");
            string? state = null; double? number = null;
            if (variable.Kind == VariableKind.Continuous)
            {
                if (val.ValueKind != JsonValueKind.Number) throw new InputException("MDX-GOLD003", where, $"'{v}' takes a number");
                number = val.GetDouble();
            }
            else
            {
                state = val.ValueKind == JsonValueKind.String ? val.GetString() : null;
                var ok = variable.Kind == VariableKind.Binary ? state is "present" or "absent" : state is not null && variable.State(state) is not null;
                if (!ok) throw new InputException("MDX-GOLD003", where, $"'{val}' is not a state of '{v}'");
            }
            findings.Add(new GoldFinding(v, state, number, Flag(f, "negated"), Flag(f, "uncertain"), Flag(f, "historical")));
        }
        if (findings.Where(f => !f.Historical).GroupBy(f => f.Variable).FirstOrDefault(x => x.Count() > 1) is { } dup)
            throw new InputException("MDX-GOLD003", where, $"'{dup.Key}' has more than one current finding");
        return new GoldExample(id, text, group, findings);
    }

    private static string Str(JsonElement e, string name, string where) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.GetString())
            ? p.GetString()! : throw new InputException("MDX-GOLD002", where, $"'{name}' must be a non-empty string");

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.True;
}
