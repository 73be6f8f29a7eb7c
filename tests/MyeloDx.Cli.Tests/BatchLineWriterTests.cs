using System.Buffers;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MyeloDx.Cli.Commands;
using MyeloDx.Core.Contract;

namespace MyeloDx.Cli.Tests;

/// <summary>The batch line writer must give the serializer's bytes for every kind of line.</summary>
public class BatchLineWriterTests
{
    private static string Mine(BatchLine line)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) BatchLineWriter.Write(w, line);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Theirs(BatchLine line)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) JsonSerializer.Serialize(w, line, ContractJson.Compact.BatchLine);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonElement Id(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static TheoryData<string> Ids => new()
    {
        "\"x1\"", "\"a<b>&+c'\\\"\"", "\"é\\u2028😀\"", "7", "1e3", "-0.50", "12345678901234567890", "null", "{\"a\":[1,\"<\"]}", "[]", "true",
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_kind_of_id_answer_and_error_is_written_as_the_serializer_writes_it(string id)
    {
        var differential = new[]
        {
            new ProbabilityEntry("intramedullary_metastasis", 0.6814312790000001), new ProbabilityEntry("a<b>", 9.9477E-05),
            new ProbabilityEntry("x", 0), new ProbabilityEntry("y", 1), new ProbabilityEntry("z", 1e-300), new ProbabilityEntry("é", -0.0),
        };
        foreach (var line in new[]
        {
            new BatchLine(Id(id), differential), new BatchLine(Id(id), Error: "MDX-IN003 at line 3 case.patient.sex: unknown value 'x' <&>"),
            new BatchLine(Id(id), []), new BatchLine(Id(id)), new BatchLine(null, differential), new BatchLine(null, Error: "line 2: not valid JSON"),
            new BatchLine(Id(id), differential, "both"),
        })
            Assert.Equal(Theirs(line), Mine(line));
    }

    [Fact]
    public void Any_probability_is_written_as_the_serializer_writes_it()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rnd = new Random(seed);
            var entries = Enumerable.Range(0, 15).Select(i => new ProbabilityEntry($"d{i}",
                rnd.Next(3) switch { 0 => Math.Round(rnd.NextDouble(), 9), 1 => rnd.NextDouble() * Math.Pow(10, -rnd.Next(12)), _ => BitConverter.Int64BitsToDouble(rnd.NextInt64(0, 0x7FEFFFFFFFFFFFFF)) })).ToArray();
            var line = new BatchLine(Id("\"x\""), entries);
            return Theirs(line) == Mine(line);
        }).QuickCheckThrowOnFailure();
    }
}
