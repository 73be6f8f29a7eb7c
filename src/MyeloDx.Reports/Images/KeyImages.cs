using MyeloDx.Core.Errors;
using SkiaSharp;

namespace MyeloDx.Reports.Images;

/// <summary>
/// Checks and cleans an uploaded key image. Only PNG and JPEG are accepted, recognised by their first bytes (never by
/// a file name or a declared type); the image is decoded, scaled down to a bounded size and re-encoded as a fresh PNG,
/// so nothing of the original file survives: no EXIF (camera, GPS location, dates), no comments, no trailing data.
/// </summary>
public static class KeyImages
{
    /// <summary>The largest file accepted (bytes).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;
    /// <summary>The longest side kept (pixels): enough for a report figure, small enough for a PDF.</summary>
    public const int MaxSide = 1600;
    public const int MaxCaption = 500;

    public static KeyImage Clean(ReadOnlySpan<byte> raw, string caption, string where)
    {
        if (raw.Length == 0) throw new InputException("MDX-IMG001", where, "the image file is empty");
        if (raw.Length > MaxBytes) throw new InputException("MDX-IMG002", where, $"the image is larger than {MaxBytes / 1024 / 1024} MB");
        if (!IsPng(raw) && !IsJpeg(raw)) throw new InputException("MDX-IMG001", where, "only PNG and JPEG images are accepted (checked by content, not by name)");
        caption = Caption(caption, where);

        SKBitmap? bitmap;
        try { bitmap = SKBitmap.Decode(raw); }
        catch (ArgumentException) { bitmap = null; } // no codec recognises the bytes
        using var decoded = bitmap;
        if (decoded is null || decoded.Width <= 0 || decoded.Height <= 0)
            throw new InputException("MDX-IMG003", where, "the image could not be decoded (damaged or not really a PNG/JPEG)");
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(decoded.Width, decoded.Height));
        var w = Math.Max(1, (int)Math.Round(decoded.Width * scale));
        var h = Math.Max(1, (int)Math.Round(decoded.Height * scale));
        using var pixels = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(pixels))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(decoded);
            canvas.DrawImage(image, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        using var data = pixels.Encode(SKEncodedImageFormat.Png, 100);
        return new KeyImage(data.ToArray(), w, h, caption);
    }

    /// <summary>
    /// A figure legend as stored: trimmed, not empty, at most <see cref="MaxCaption"/> characters. The same rule for a
    /// new image and for a corrected caption, so an edit cannot store what an upload would have refused.
    /// </summary>
    public static string Caption(string caption, string where)
    {
        caption = caption.Trim();
        if (caption.Length == 0) throw new InputException("MDX-IMG004", where, "a key image needs a caption (the figure legend)");
        if (caption.Length > MaxCaption) throw new InputException("MDX-IMG004", where, $"the caption is longer than {MaxCaption} characters");
        return caption;
    }

    public static bool IsPng(ReadOnlySpan<byte> b) =>
        b.Length >= 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A;

    public static bool IsJpeg(ReadOnlySpan<byte> b) => b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}
