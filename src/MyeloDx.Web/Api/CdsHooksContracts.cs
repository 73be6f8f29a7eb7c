using System.Text.Json.Serialization;

namespace MyeloDx.Web.Api;

// The CDS Hooks 2.0 bodies (https://cds-hooks.hl7.org/2.0/) as the OpenAPI document describes them: the discovery
// answer, the hook request an EHR sends, and the cards MyeloDx returns. The service writes this JSON itself
// (Cds/CdsHooksApi); these records name its fields so that a client generated from /openapi/v1.json is typed.

/// <summary>The answer of <c>GET /cds-services</c>: the services this server offers.</summary>
internal sealed record HookDiscovery(IReadOnlyList<HookService> Services);

/// <summary>One CDS service: its hook, id, and the FHIR queries it wants prefetched (templates on <c>{{context.patientId}}</c>).</summary>
internal sealed record HookService(string Hook, string Id, string Title, string Description, IReadOnlyDictionary<string, string> Prefetch, string? UsageRequirements);

/// <summary>
/// A hook call from the EHR. MyeloDx reads only <c>prefetch</c> (each key a FHIR resource or a searchset Bundle, as
/// the discovery's templates ask) and <c>context.patientId</c>; it never queries <c>fhirServer</c>, which is used
/// only to name resources the prefetch refers to but left out. No prefetch is 412 with an OperationOutcome.
/// </summary>
internal sealed record HookRequest(
    string Hook,
    string HookInstance,
    HookContext Context,
    IReadOnlyDictionary<string, object>? Prefetch = null,
    string? FhirServer = null,
    object? FhirAuthorization = null);

/// <summary>The patient-view context: who is looking at which patient.</summary>
internal sealed record HookContext(string UserId, string PatientId, string? EncounterId = null);

/// <summary>The service's answer: an urgent card first when there is one, then the result card (or an info card saying what could not be read).</summary>
internal sealed record HookCards(IReadOnlyList<HookCard> Cards);

/// <summary>How urgent a card is: critical when epidural cord compression is likely.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HookIndicator>))]
internal enum HookIndicator
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>
/// One card: a summary of at most 140 characters, a Markdown detail (the differential as a table with citations,
/// the next tests, the caveat), the knowledge base as its source, a link to the app, and proposed orders.
/// </summary>
internal sealed record HookCard(
    string Uuid,
    string Summary,
    string? Detail,
    HookIndicator Indicator,
    HookSource Source,
    IReadOnlyList<HookLink>? Links = null,
    string? SelectionBehavior = null,
    IReadOnlyList<HookSuggestion>? Suggestions = null);

/// <summary>Where a card comes from: the MyeloDx knowledge base and its version.</summary>
internal sealed record HookSource(string Label, string? Url = null);

/// <summary>A link from a card (to the app, to assess and save the case).</summary>
internal sealed record HookLink(string Label, string Url, string Type);

/// <summary>A suggestion the clinician may accept: a next test as a draft order.</summary>
internal sealed record HookSuggestion(string Label, string Uuid, bool IsRecommended, IReadOnlyList<HookAction> Actions);

/// <summary>What accepting a suggestion does: create a draft FHIR ServiceRequest.</summary>
internal sealed record HookAction(string Type, string Description, object? Resource = null);

/// <summary>A FHIR OperationOutcome, the body of a 412 (no prefetch).</summary>
internal sealed record HookOperationOutcome(string ResourceType, IReadOnlyList<HookIssue> Issue);

/// <summary>One issue of an OperationOutcome.</summary>
internal sealed record HookIssue(string Severity, string Code, string Diagnostics);
