using System.Text.Json;
using System.Text.Json.Serialization;

namespace MyeloDx.Web.Api;

// The web's own bodies: the requests the endpoints read and the answers they write through WebJsonContext; the OpenAPI
// document names these same records. The assessment, dose and knowledge answers are Core contract types
// (MyeloDx.Core.Contract), described in the document by ContractSchemas, so they have no copy here.

/// <summary>
/// A case to assess: a clinical note (<c>text</c>) or a structured case (<c>case</c>), with an optional title and the
/// population the priors describe. A bare structured case or a FHIR R4 Bundle is accepted as the whole body too.
/// </summary>
internal sealed record AssessRequest(
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("case")] MyeloDx.Core.Cases.Case? Case = null,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("priorContext")] string? PriorContext = null);

/// <summary>Radiotherapy courses such as "30 Gy/10", and the α/β ratio (Gy) to use.</summary>
internal sealed record DoseRequest(
    [property: JsonPropertyName("plans")] IReadOnlyList<string> Plans,
    [property: JsonPropertyName("alphaBeta")] double? AlphaBeta = null);

/// <summary>A case just saved.</summary>
internal sealed record CaseCreated(string Id, int Version, string Leading, string Url, string Page);

/// <summary>A case updated: its new version.</summary>
internal sealed record CaseUpdated(string Id, int Version, string Leading);

/// <summary>One version of a saved case.</summary>
internal sealed record CaseVersionEntry(int Version, DateTimeOffset At, string By, string Input, string Leading, double Probability, string KnowledgeVersion);

/// <summary>
/// A saved case with its input, its understanding, its assessment (a <see cref="MyeloDx.Core.Contract.AssessmentDocument"/> as stored) and its
/// versions. The stored documents are carried as they were written, not re-read into types and written again.
/// </summary>
internal sealed record CaseResponse(
    string Id, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Title, string Owner, int Version, int CurrentVersion,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Deleted, string Leading, string KnowledgeVersion,
    CaseGiven Input, JsonElement Case, JsonElement Assessment,
    IReadOnlyList<CaseVersionEntry> Versions, IReadOnlyList<string> SharedWith);

/// <summary>What was given for a saved case: its kind (note, case, fhir) and the body (JSON, or the text when it was not JSON).</summary>
internal sealed record CaseGiven(string Kind, JsonElement Given);

/// <summary>A clinical note as a request body: <c>{"text": "..."}</c> (what the pages send to the same reader as the API).</summary>
internal sealed record NoteRequest(string Text);

/// <summary>
/// A case in a search result. An untitled case still sends <c>"title": null</c>: the list has always carried the key, and
/// the OpenAPI document lists it as required.
/// </summary>
internal sealed record CaseListEntry(
    string Id, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Title, string Owner, string LeadingDiagnosis,
    double LeadingProbability, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Deleted);

/// <summary>Search results: the body of <c>GET /api/cases</c>.</summary>
internal sealed record CaseList(IReadOnlyList<CaseListEntry> Cases);

/// <summary>
/// One row of an audit trail: who did what, to which case and version, with what HTTP-style outcome, through which
/// channel; never case content. A row about no case (a sign-in, the whole trail read) sends <c>caseId</c> and
/// <c>version</c> as null rather than leaving them out, as the trail always has.
/// </summary>
internal sealed record AuditListEntry(
    DateTimeOffset At, string User, string Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CaseId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version,
    int Status, string Channel);

/// <summary>An audit trail, newest first: the body of <c>GET /api/cases/{id}/audit</c> and <c>GET /api/audit</c>.</summary>
internal sealed record AuditList(IReadOnlyList<AuditListEntry> Audit);

/// <summary>
/// <c>{"ok": true}</c>: the answer of a call that changes state and has nothing else to say but still answers 200
/// (restoring a case); calls that answer 204 send no body.
/// </summary>
internal sealed record Acknowledged(bool Ok);

/// <summary>An error (RFC 9457 problem details) with the MyeloDx error code (docs/error-codes.md) and where in the input.</summary>
internal sealed record ApiProblem(string Type, string Title, int Status, string? Detail, string Code, string? Where, string? TraceId);

/// <summary>Share a case with another user.</summary>
internal sealed record ShareRequest([property: JsonPropertyName("user")] string User);

/// <summary>A key image upload: the PNG or JPEG file and its figure legend.</summary>
internal sealed record ImageUpload(
    [property: JsonPropertyName("file")] IFormFile File,
    [property: JsonPropertyName("caption")] string Caption);

/// <summary>A corrected figure legend for a key image.</summary>
internal sealed record CaptionEdit([property: JsonPropertyName("caption")] string Caption);

/// <summary>A key image of a case: the version it was attached with (later versions keep it), its legend, type and where to fetch it.</summary>
internal sealed record ImageInfo(long Id, int Version, string Caption, string ContentType, int Width, int Height, DateTimeOffset AttachedAt, string Url);

/// <summary>The key images shown with one version of a case.</summary>
internal sealed record ImageList(string Id, int Version, IReadOnlyList<ImageInfo> Images);
