using System.Text.Json;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Services;

namespace MyeloDx.Web.Input;

/// <summary>Maps a FHIR R4 Bundle (JSON) to a case. Provided by the FHIR feature; absent in builds without it.</summary>
public interface IFhirCaseImporter
{
    Case Import(string bundleJson, string where);

    /// <summary>The same from UTF-8 (a Bundle written as UTF-8); an importer without a UTF-8 entry reads the text.</summary>
    Case Import(ReadOnlyMemory<byte> bundleUtf8, string where) => Import(System.Text.Encoding.UTF8.GetString(bundleUtf8.Span), where);
}

/// <summary>Optional feature adapters supplied by the host (the CLI passes its own, tests their choice).</summary>
public sealed record WebFeatures
{
    public AssessmentService? Assessment { get; init; }
    public ITextCaseReader? TextReader { get; init; }
    public IFhirCaseImporter? FhirImporter { get; init; }
    public ICaseReportRenderer? ReportRenderer { get; init; }
    public ICaseFhirExporter? FhirExporter { get; init; }
    public IDoseCalculator? DoseCalculator { get; init; }
    public INoteExplainer? NoteExplainer { get; init; }
    public IKeyImageCleaner? ImageCleaner { get; init; }
}

/// <summary>A parsed request: the case input plus what was given, for the registry.</summary>
internal sealed record ParsedInput(CaseInput Input, string Kind, string Given, string? Title, string? PriorContext);

/// <summary>
/// Turns a request body into a <see cref="CaseInput"/>: a structured case, <c>{"text": "..."}</c> or a FHIR Bundle.
/// The text reader and the FHIR importer come from the one composed host, so every host reads all three.
/// </summary>
internal sealed class CaseReaders(AssessmentService service, ITextCaseReader text, IFhirCaseImporter fhir)
{
    public AssessmentService Service => service;

    private static readonly JsonDocumentOptions DocOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <param name="normalised">True when <paramref name="body"/> is what <see cref="BodyLimit.ReadNormalised"/> gave as
    /// normalised JSON: the normalisation is idempotent, so a second pass would give the same text (~1% of a text call).</param>
    public ParsedInput Parse(string body, string where = "body", bool normalised = false)
    {
        if (string.IsNullOrWhiteSpace(body)) throw new InputException("MDX-IN011", where, "the body is empty");
        // The shared normalisation step (idempotent): pages post here directly, the API after BodyLimit.ReadNormalised.
        if (!normalised) body = InputNormalizer.Json(body, where);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body, DocOptions); }
        catch (JsonException e) { throw new InputException("MDX-IN001", $"{where} line {(e.LineNumber ?? 0) + 1}", "malformed JSON"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InputException("MDX-IN002", where, "expected a JSON object: a case, {\"text\": \"...\"} or a FHIR Bundle");
            string? title = null, context = null;
            if (root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String) title = Clip(t.GetString());
            if (root.TryGetProperty("priorContext", out var pc) && pc.ValueKind == JsonValueKind.String) context = pc.GetString();
            // body is normalised JSON by now (above, or by the caller), which the importer need not normalise again
            if (root.TryGetProperty("resourceType", out _)) return new(FromFhir(body, where, normalised: true), "fhir", body, title, context);
            if (root.TryGetProperty("text", out var te))
            {
                if (te.ValueKind != JsonValueKind.String) throw new InputException("MDX-IN001", where + ".text", "wrong type of value: \"text\" must be a string");
                return new(FromText(te.GetString()!, where + ".text"), "text", body, title, context);
            }
            if (root.TryGetProperty("case", out var ce))
            {
                if (ce.ValueKind == JsonValueKind.Object && ce.TryGetProperty("resourceType", out _))
                    return new(FromFhir(ce.GetRawText(), where + ".case"), "fhir", body, title, context);
                return new(MeaningfulCase.Require(service.FromCase(CaseJson.FromElement(ce, where + ".case")), where + ".case"), "structured", body, title, context);
            }
            return new(MeaningfulCase.Require(service.FromCase(CaseJson.FromElement(root, where)), where), "structured", body, title, context);
        }
    }

    public CaseInput FromText(string note, string where)
    {
        note = InputNormalizer.Text(note, where);
        if (string.IsNullOrWhiteSpace(note)) throw new InputException("MDX-IN011", where, "the text is empty");
        return text.Read(note);
    }

    public CaseInput FromFhir(string json, string where, bool normalised = false)
    {
        // The normalisation is idempotent: JSON built only from already normalised JSON (the CDS prefetch re-wrapped)
        // would come back unchanged, after a parse, a tree copy and a large string of its own.
        return MeaningfulCase.Require(service.FromCase(fhir.Import(normalised ? json : InputNormalizer.Json(json, where), where)), where);
    }

    /// <summary><see cref="FromFhir"/> for UTF-8 JSON built only from already normalised JSON (so not normalised again).</summary>
    public CaseInput FromNormalisedFhirUtf8(ReadOnlyMemory<byte> json, string where) =>
        MeaningfulCase.Require(service.FromCase(fhir.Import(json, where)), where);

    /// <summary>At most 200 characters, never half of a surrogate pair (a lone surrogate cannot be stored).</summary>
    private static string? Clip(string? s) => s is null || s.Length <= 200 ? s : s[..(char.IsHighSurrogate(s[199]) ? 199 : 200)];
}
