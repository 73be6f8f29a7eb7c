using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace MyeloDx.Reports.Writers;

/// <summary>
/// PDFsharp 6 needs a font resolver on Linux. MyeloDx ships DejaVu Sans (Bitstream Vera licence, see
/// Fonts/LICENSE-DejaVu.txt) inside this assembly, so PDFs render the same on a clean machine with no fonts installed.
/// Every family name resolves to DejaVu Sans (regular, bold, oblique).
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans", Bold = "DejaVuSans-Bold", Oblique = "DejaVuSans-Oblique";

    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        bold ? new FontResolverInfo(Bold, false, italic) : italic ? new FontResolverInfo(Oblique) : new FontResolverInfo(Regular);

    public byte[] GetFont(string faceName) => _cache.GetOrAdd(faceName, Load);

    private static byte[] Load(string face)
    {
        var name = $"MyeloDx.Reports.Fonts.{face}.ttf";
        using var s = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font {name} is missing from the build");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    private static readonly Lock Gate = new();

    /// <summary>
    /// Registers the resolver with PDFsharp (a process-wide setting PDFsharp requires) once. If the host already set
    /// its own resolver, that one is kept and must resolve <see cref="Family"/>.
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
        }
    }
}
