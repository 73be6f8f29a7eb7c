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
            Span<byte> digits = stackalloc byte[16];
            for (var i = 0; i < differential.Count; i++)
            {
                var e = differential[i];
                // a null entry or id as the serializer writes them (never produced: every diagnosis has an id)
                if (e is null) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                if (e.Id is not null) w.WriteString(IdName, e.Id);
                if (TryFormatNineDecimals(e.Probability, digits, out var n))
                {
                    w.WritePropertyName(ProbabilityName);
                    w.WriteRawValue(digits[..n], skipInputValidation: true);
                }
                else w.WriteNumber(ProbabilityName, e.Probability);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (line.Error is not null) w.WriteString(ErrorName, line.Error);
        w.WriteEndObject();
    }

    /// <summary>
    /// The shortest round-trip text of a probability rounded to 9 decimals, as the writer prints doubles ("0.313135152",
    /// "9.9477E-05"), without its general shortest-digits search: formatting 15 doubles was most of writing a line.
    /// Only for 0 &lt; p &lt;= 1 equal to the double nearest k/10⁹: then "0." and k's nine digits (trailing zeros dropped)
    /// parse back to p (division is correctly rounded), and no shorter decimal does, since every decimal with fewer
    /// digits near p is another multiple of 10⁻⁹, at least 10⁻⁹ away, while doubles here are at most 2⁻⁵³ apart.
    /// Leading exponent -5 or below is written in scientific form as .NET does ("E-05"). Anything else (0, the
    /// leader's remainder-adjusted value, negatives) returns false and the writer formats it.
    /// </summary>
    internal static bool TryFormatNineDecimals(double p, Span<byte> output, out int written)
    {
        written = 0;
        if (!(p > 0 && p <= 1)) return false;
        var scaled = Math.Round(p * 1e9);
        var k = (long)scaled;
        if (k < 1 || k > 1_000_000_000 || k / 1e9 != p) return false;
        if (k == 1_000_000_000) { output[0] = (byte)'1'; written = 1; return true; }
        // nine fraction digits of k, then the significant ones: after the leading zeros, before the trailing ones
        Span<byte> nine = stackalloc byte[9];
        var rest = k;
        for (var i = 8; i >= 0; i--) { nine[i] = (byte)('0' + rest % 10); rest /= 10; }
        var first = 0;
        while (nine[first] == (byte)'0') first++;
        var last = 8;
        while (nine[last] == (byte)'0') last--;
        var exponent = first + 1; // p = d.ddd × 10^-exponent
        if (exponent < 5)
        {
            output[0] = (byte)'0';
            output[1] = (byte)'.';
            nine[..(last + 1)].CopyTo(output[2..]);
            written = last + 3;
            return true;
        }
        output[0] = nine[first];
        var at = 1;
        if (last > first)
        {
            output[at++] = (byte)'.';
            nine[(first + 1)..(last + 1)].CopyTo(output[at..]);
            at += last - first;
        }
        output[at++] = (byte)'E';
        output[at++] = (byte)'-';
        output[at++] = (byte)'0';
        output[at++] = (byte)('0' + exponent);
        written = at;
        return true;
    }
}
