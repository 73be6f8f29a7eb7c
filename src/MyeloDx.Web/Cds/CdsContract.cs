using System.Text.Json.Serialization;

namespace MyeloDx.Web.Cds;

// The CDS Hooks 2.0 bodies (https://cds-hooks.hl7.org/2.0/): discovery, the hook request an EHR sends, the cards
// response and the FHIR pieces inside it. The names and shapes are the specification's. One set of records: the
// endpoint writes these (through WebJsonContext) and the OpenAPI document describes the same ones, so a client
// generated from /openapi/v1.json is typed by what is actually sent.

/// <summary>GET /cds-services: the services this server offers.</summary>
internal sealed record CdsDiscovery(IReadOnlyList<CdsServiceEntry> Services);

/// <summary>One CDS service: its hook, id and the FHIR queries the client should prefetch.</summary>
internal sealed record CdsServiceEntry(string Hook, string Id, string Title, string Description,
    IReadOnlyDictionary<string, string> Prefetch, string UsageRequirements);

/// <summary>
/// A hook call from the EHR (described for OpenAPI; the endpoint reads the body as a JSON document so that each
/// missing or wrong part gets its own coded answer). MyeloDx reads only <c>prefetch</c> (each key a FHIR resource or a
/// searchset Bundle, as the discovery's templates ask) and <c>context.patientId</c>; it never queries
/// <c>fhirServer</c>, which only names resources the prefetch refers to but left out. No prefetch is 412 with an
/// OperationOutcome.
/// </summary>
internal sealed record CdsHookRequest(
    string Hook,
    string HookInstance,
    CdsHookContext Context,
    IReadOnlyDictionary<string, object>? Prefetch = null,
    string? FhirServer = null,
    object? FhirAuthorization = null);

/// <summary>The patient-view context: who is looking at which patient.</summary>
internal sealed record CdsHookContext(string UserId, string PatientId, string? EncounterId = null);

/// <summary>A hook's answer: the cards, most urgent first.</summary>
internal sealed record CdsCardList(IReadOnlyList<CdsCard> Cards);

/// <summary>One card; suggestions (with their selection behaviour) only when there are orders to propose.</summary>
internal sealed record CdsCard
{
    public required string Uuid { get; init; }
    public required string Summary { get; init; }
    public required string Detail { get; init; }
    public required CdsIndicator Indicator { get; init; }
    public required CdsSource Source { get; init; }
    public required IReadOnlyList<CdsLink> Links { get; init; }
    public string? SelectionBehavior { get; init; }
    public IReadOnlyList<CdsSuggestion>? Suggestions { get; init; }
}

/// <summary>How urgent a card is: critical when epidural cord compression is likely.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CdsIndicator>))]
internal enum CdsIndicator
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>Where a card comes from: the MyeloDx knowledge base and its version.</summary>
internal sealed record CdsSource(string Label, string Url);

internal sealed record CdsLink(string Label, string Url, string Type = "absolute");

internal sealed record CdsSuggestion(string Label, string Uuid, bool IsRecommended, IReadOnlyList<CdsAction> Actions);

internal sealed record CdsAction(string Type, string Description, DraftServiceRequest Resource);

/// <summary>A proposed order as a FHIR R4 ServiceRequest (status draft, intent proposal) the clinician may accept.</summary>
internal sealed record DraftServiceRequest(FhirCodeText Code, FhirReference? Subject)
{
    [JsonPropertyOrder(-3)] public string ResourceType => "ServiceRequest";
    [JsonPropertyOrder(-2)] public string Status => "draft";
    [JsonPropertyOrder(-1)] public string Intent => "proposal";
}

internal sealed record FhirCodeText(string Text);

internal sealed record FhirReference(string Reference);

/// <summary>A FHIR R4 OperationOutcome: why the hook request could not be answered (412 without prefetch).</summary>
internal sealed record OperationOutcome(IReadOnlyList<OperationOutcomeIssue> Issue)
{
    [JsonPropertyOrder(-1)] public string ResourceType => "OperationOutcome";
}

internal sealed record OperationOutcomeIssue(string Severity, string Code, string Diagnostics);
