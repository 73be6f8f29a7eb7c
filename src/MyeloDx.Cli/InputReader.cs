using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Services;
using MyeloDx.Fhir;
using MyeloDx.Text;

namespace MyeloDx.Cli;

/// <summary>Turns a file (structured case, FHIR Bundle or free text) into a <see cref="CaseInput"/>.</summary>
internal static class InputReader
{
    public const long MaxFileBytes = 2 * 1024 * 1024;

    public static CaseInput FromFile(string? path)
    {
        var svc = Services.Assessment;
        if (path is null)
        {
            return svc.FromCase(CaseJson.Parse(File.ReadAllText(Services.DemoCasePath), "demo case"));
        }
        if (!File.Exists(path)) throw new InputException("MDX-IN010", path, "file not found");
        var len = new FileInfo(path).Length;
        if (len == 0) throw new InputException("MDX-IN011", path, "the file is empty");
        if (len > MaxFileBytes) throw new InputException("MDX-IN012", path, $"the file is {len / 1024 / 1024.0:0.#} MB; the limit is {MaxFileBytes / 1024 / 1024} MB");
        var bytes = File.ReadAllBytes(path);
        var text = DecodeText(bytes, path);
        var trimmed = text.TrimStart();
        var looksJson = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith('{');
        if (looksJson) return FromJson(text, path);
        return FromText(text, path);
    }

    public static CaseInput FromJson(string json, string where)
    {
        // One normalisation step (surrogates, controls, NFKC, digits, depth) before any reader sees the content.
        var node = InputNormalizer.ParseJson(json, where);
        if (node is not JsonObject root) throw new InputException("MDX-IN002", where, "expected a JSON object (a case or a FHIR Bundle)");
        if (root.ContainsKey("resourceType")) return FromFhir(root.ToJsonString(), where);
        using var doc = JsonDocument.Parse(root.ToJsonString());
        return MeaningfulCase.Require(Services.Assessment.FromCase(CaseJson.FromElement(doc.RootElement, where)), where);
    }

    public static CaseInput FromText(string text, string where)
    {
        text = InputNormalizer.Text(text, where);
        if (string.IsNullOrWhiteSpace(text)) throw new InputException("MDX-IN011", where, "the text is empty");
        return Clinical.Read(text);
    }

    public static CaseInput FromFhir(string json, string where)
    {
        var r = FhirImporter.Import(InputNormalizer.Json(json, where), where, FhirImportPolicy.Recoverable, TimeProvider.System);
        // What could not be mapped is reported on stderr; MyeloDx's own output resources (FH102) are expected, not news.
        foreach (var n in r.Notes.Where(n => n.Code != "MDX-FH102")) Console.Error.WriteLine("note " + n.OneLine);
        return MeaningfulCase.Require(Services.Assessment.FromCase(r.Case), where);
    }

    /// <summary>The process-wide text reader (the host's; rules loaded strictly on first use).</summary>
    public static ClinicalTextReader Clinical => Services.Host.TextReader;

    /// <summary>UTF-8 (with or without BOM) only; binary content is refused rather than guessed at.</summary>
    public static string DecodeText(byte[] bytes, string where)
    {
        var nul = 0;
        var probe = Math.Min(bytes.Length, 8192);
        for (var i = 0; i < probe; i++) if (bytes[i] == 0) nul++;
        if (nul > 0) throw new InputException("MDX-IN013", where, "the file looks binary (contains NUL bytes); give a case as JSON or UTF-8 text");
        try { return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { throw new InputException("MDX-IN013", where, "the file is not valid UTF-8 text"); }
    }
}
