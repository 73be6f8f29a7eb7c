using System.Text.Json;
using System.Text.Json.Serialization;
using MyeloDx.Web.Cds;

namespace MyeloDx.Web.Api;

/// <summary>
/// The serialiser of the web's own bodies (saved cases and their lists, audit trails, key images, CDS Hooks, problems): source-generated, camelCase, and a null
/// optional property left out; properties that are written even when null say so on the property.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseCreated))]
[JsonSerializable(typeof(CaseUpdated))]
[JsonSerializable(typeof(CaseResponse))]
[JsonSerializable(typeof(CaseList))]
[JsonSerializable(typeof(AuditList))]
[JsonSerializable(typeof(Acknowledged))]
[JsonSerializable(typeof(ImageInfo))]
[JsonSerializable(typeof(ImageList))]
[JsonSerializable(typeof(NoteRequest))]
[JsonSerializable(typeof(CdsDiscovery))]
[JsonSerializable(typeof(CdsCardList))]
[JsonSerializable(typeof(CdsCard))]
[JsonSerializable(typeof(DraftServiceRequest))]
[JsonSerializable(typeof(OperationOutcome))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
