using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MyeloDx.Core.Contract;

/// <summary>
/// Reads a score's details back (writing needs no help: each derived record is written as itself). The written JSON
/// has no type marker (the key a score sits under tells which it is), so the members tell: limbs are the MRC grades, a
/// GPA range the Breast GPA, anything else the performance status. Used only by <see cref="StoredAssessment"/>.
/// </summary>
internal sealed class ScoreDetailsReader : JsonConverter<ScoreDetails>
{
    public override ScoreDetails? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var d = JsonDocument.ParseValue(ref reader);
        var e = d.RootElement;
        if (e.ValueKind != JsonValueKind.Object) throw new JsonException("score details are an object");
        if (e.TryGetProperty("limbs", out _)) return e.Deserialize((JsonTypeInfo<MrcDetails>)options.GetTypeInfo(typeof(MrcDetails)));
        if (e.TryGetProperty("gpaLow", out _)) return e.Deserialize((JsonTypeInfo<BreastGpaDetails>)options.GetTypeInfo(typeof(BreastGpaDetails)));
        return e.Deserialize((JsonTypeInfo<PerformanceStatusDetails>)options.GetTypeInfo(typeof(PerformanceStatusDetails)));
    }

    public override void Write(Utf8JsonWriter writer, ScoreDetails value, JsonSerializerOptions options) =>
        throw new NotSupportedException("score details are written through the contract context, not this reader");
}
