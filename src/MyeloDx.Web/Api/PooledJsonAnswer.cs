using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MyeloDx.Web.Api;

/// <summary>
/// A JSON answer serialised into arrays rented from the shared pool and written to the response as they are, then given
/// back. A full assessment is ~80-110 KB of JSON: as one new byte[] per request (SerializeToUtf8Bytes) every answer
/// landed on the large-object heap, which only a full (gen2) collection frees, so at a few hundred answers a second
/// the server ran blocking full collections over its whole heap (issue 17, round 6). The bytes are exactly those of
/// <see cref="JsonSerializer.SerializeToUtf8Bytes{TValue}(TValue, JsonTypeInfo{TValue})"/> (same writer options).
/// </summary>
internal sealed class PooledJsonAnswer : IResult, IBufferWriter<byte>
{
    private const int InitialSize = 128 * 1024;
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _length;

    private PooledJsonAnswer() { }

    public static PooledJsonAnswer Serialize<T>(T value, JsonTypeInfo<T> type)
    {
        var answer = new PooledJsonAnswer();
        var o = type.Options;
        using (var writer = new Utf8JsonWriter(answer, new JsonWriterOptions
        {
            Encoder = o.Encoder, Indented = o.WriteIndented, IndentCharacter = o.IndentCharacter, IndentSize = o.IndentSize,
            NewLine = o.NewLine, MaxDepth = o.MaxDepth == 0 ? 64 : o.MaxDepth,
        }))
        {
            JsonSerializer.Serialize(writer, value, type);
        }
        return answer;
    }

    /// <summary>The answer's bytes so far (valid until the answer is written or <see cref="Release"/>d).</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var r = httpContext.Response;
        r.ContentType = Http.JsonUtf8;
        r.ContentLength = _length;
        try { await r.Body.WriteAsync(_buffer.AsMemory(0, _length), httpContext.RequestAborted); }
        finally { Release(); }
    }

    /// <summary>Gives the array back to the pool (once; an answer never written is collected like any object).</summary>
    public void Release()
    {
        var b = Interlocked.Exchange(ref _buffer, null);
        if (b is not null) ArrayPool<byte>.Shared.Return(b);
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_length);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_length);

    private byte[] Ensure(int sizeHint)
    {
        var b = _buffer ?? throw new ObjectDisposedException(nameof(PooledJsonAnswer));
        var need = _length + Math.Max(sizeHint, 1);
        if (need <= b.Length) return b;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(need, b.Length * 2));
        b.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(b);
        _buffer = bigger;
        return bigger;
    }
}
