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

    /// <summary>The nine-decimal fast path against the writer's own formatting of the same double.</summary>
    [Fact]
    public void Nine_decimal_probabilities_are_formatted_as_the_writer_formats_them()
    {
        static string Writer(double p)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer)) w.WriteNumberValue(p);
            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        var values = new List<double> { 1, 0.5, 0.1, 1e-9, 2e-9, 0.00001, 0.0001, 0.000099477, 0.99999999, 0.999999999, 0.313135152, 0.00012 };
        for (long k = 1; k <= 200_000; k++) values.Add(k / 1e9);
        var rnd = new Random(17);
        for (var i = 0; i < 300_000; i++) values.Add(Math.Round(rnd.NextDouble() * Math.Pow(10, -rnd.Next(10)), 9));
        for (var i = 0; i < 100_000; i++) values.Add(rnd.Next(1, 1_000_000_001) / 1e9);
        Span<byte> buffer = stackalloc byte[16];
        var fast = 0;
        foreach (var p in values)
        {
            if (!BatchLineWriter.TryFormatNineDecimals(p, buffer, out var n)) continue;
            fast++;
            Assert.Equal(Writer(p), System.Text.Encoding.UTF8.GetString(buffer[..n]));
        }
        Assert.True(fast > 550_000, $"fast path taken {fast} times");
        // not nine decimals, not in (0, 1]: left to the writer
        foreach (var p in new[] { 0.0, -0.0, 0.6814312790000001, 1.0000000001, -0.5, 1e-10, double.Epsilon, 2, 0.1 + 0.2 })
            Assert.False(BatchLineWriter.TryFormatNineDecimals(p, buffer, out _), p.ToString("R"));
    }
}
