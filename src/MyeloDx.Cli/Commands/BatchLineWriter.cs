using System.Text.Json;
using MyeloDx.Core.Contract;

namespace MyeloDx.Cli.Commands;

/// <summary>
/// Writes one <see cref="BatchLine"/> exactly as the source-generated serializer does (BatchLineWriterTests compares the
/// bytes): <c>id</c> always (null when absent), <c>differential</c> and <c>error</c> only when set, each entry's
/// <c>id</c> and <c>probability</c>. Straight calls on the writer instead of the serializer's entry point and its
/// per-call type-info and state setup: writing was about a tenth of a structured batch line (issue 17).
/// </summary>
internal static class BatchLineWriter
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText DifferentialName = JsonEncodedText.Encode("differential");
    private static readonly JsonEncodedText ProbabilityName = JsonEncodedText.Encode("probability");
    private static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode("error");

    public static void Write(Utf8JsonWriter w, BatchLine line)
    {
        w.WriteStartObject();
        w.WritePropertyName(IdName);
        if (line.Id is { } id) id.WriteTo(w);
        else w.WriteNullValue();
        if (line.Differential is { } differential)
        {
            w.WriteStartArray(DifferentialName);
            for (var i = 0; i < differential.Count; i++)
            {
                var e = differential[i];
                // a null entry or id as the serializer writes them (never produced: every diagnosis has an id)
                if (e is null) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                if (e.Id is not null) w.WriteString(IdName, e.Id);
                w.WriteNumber(ProbabilityName, e.Probability);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (line.Error is not null) w.WriteString(ErrorName, line.Error);
        w.WriteEndObject();
    }
}
