using System.CommandLine;
using System.Text;
using System.Text.Json;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using MyeloDx.Text.Context;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// <c>myelodx context IN.jsonl</c>: the ConText engine as a service of its own (contract in ../shared/product.md).
/// Reads <c>{"id", "text", "target"}</c> lines and prints, in order, one line each:
/// <c>{"id", "negated", "uncertain", "historical", "hypothetical", "experiencer", "triggers"}</c>, or
/// <c>{"id", "error"}</c> for a bad line without stopping.
/// </summary>
internal sealed class ContextCommand : ICommandProvider
{
    public Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSON lines: {\"id\":..., \"text\":\"<sentence or note>\", \"target\":\"<phrase in the text>\"}; '-' reads stdin" };
        var cmd = new Command("context", "Say whether each target phrase is negated, uncertain, historical, hypothetical or about someone else.") { file };
        cmd.SetAction(r => CliRunner.Guard(() => Run(r.GetValue(file)!)));
        return cmd;
    }

    private static int Run(string path)
    {
        if (path != "-" && !File.Exists(path)) throw new InputException("MDX-IN010", path, "file not found");
        var service = new ContextService(InputReader.Clinical.Rules);
        using var input = path == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(path, Encoding.UTF8, true, 1 << 16);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        string? line; var n = 0;
        while ((line = input.ReadLine()) is not null)
        {
            n++;
            if (line.Length == 0 || line.All(char.IsWhiteSpace)) { stdout.WriteLine(Error(null, $"line {n}: empty line")); continue; }
            stdout.WriteLine(One(service, line, n));
        }
        stdout.Flush();
        return CliRunner.Ok;
    }

    internal static string One(ContextService service, string line, int n)
    {
        if (line.Length > BatchCommand.MaxLineChars) return Error(null, $"line {n}: longer than {BatchCommand.MaxLineChars} characters");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException) { return Error(null, $"line {n}: not valid JSON"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Error(null, $"line {n}: expected a JSON object");
            JsonElement? id = root.TryGetProperty("id", out var idEl) ? idEl.Clone() : null;
            if (!root.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String) return Error(id, $"line {n}: \"text\" must be a string");
            if (!root.TryGetProperty("target", out var g) || g.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(g.GetString()))
                return Error(id, $"line {n}: \"target\" must be a non-empty string");
            var text = t.GetString()!;
            if (text.Length > MyeloDx.Text.ClinicalTextReader.MaxChars) return Error(id, $"line {n}: the text is too long");
            var r = service.Classify(text, g.GetString()!);
            if (r is null) return Error(id, $"line {n}: the target phrase was not found in the text");
            return JsonSerializer.Serialize(new ContextLine(id, r.Negated, r.Uncertain, r.Historical, r.Hypothetical,
                r.OtherExperiencer ? "other" : "patient", r.Triggers.ToArray()), CliJson.Compact.ContextLine);
        }
    }

    private static string Error(JsonElement? id, string message) =>
        JsonSerializer.Serialize(new ContextLine(id) { Error = message }, CliJson.Compact.ContextLine);
}
