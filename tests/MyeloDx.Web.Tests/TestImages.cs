using System.Net.Http.Headers;
using System.Text;
using SkiaSharp;

namespace MyeloDx.Web.Tests;

/// <summary>Images built in the tests (no files from outside): a PNG, a JPEG carrying EXIF GPS data, and non-images.</summary>
internal static class TestImages
{
    public const string Caption = "Sagittal T2-weighted MRI: a bright intramedullary nodule in the conus medullaris";

    public static byte[] Picture(SKEncodedImageFormat format, int w = 96, int h = 128)
    {
        using var bmp = new SKBitmap(w, h);
        using (var c = new SKCanvas(bmp))
        {
            c.Clear(SKColors.Black);
            using var paint = new SKPaint { Color = SKColors.LightGray };
            c.DrawOval(new SKRect(w / 3f, h / 3f, 2 * w / 3f, 2 * h / 3f), paint);
        }
        using var data = bmp.Encode(format, 90);
        return data.ToArray();
    }

    public static byte[] Png() => Picture(SKEncodedImageFormat.Png);

    /// <summary>The latitude 51° 30' 26.64" as three TIFF rationals (big-endian), to look for in the output.</summary>
    public static readonly byte[] Latitude = [0, 0, 0, 51, 0, 0, 0, 1, 0, 0, 0, 30, 0, 0, 0, 1, 0, 0, 0x0A, 0x68, 0, 0, 0, 100];

    /// <summary>
    /// A JPEG with an APP1 Exif segment as a phone writes it: a TIFF header, IFD0 with a GPS IFD pointer (tag 0x8825),
    /// and a GPS IFD with latitude/longitude and their N/W references.
    /// </summary>
    public static byte[] JpegWithGps()
    {
        var jpeg = Picture(SKEncodedImageFormat.Jpeg);
        var t = new List<byte>();
        void U16(int v) { t.Add((byte)((v >> 8) & 0xFF)); t.Add((byte)(v & 0xFF)); }
        void U32(int v) { U16((v >> 16) & 0xFFFF); U16(v & 0xFFFF); }
        void Entry(int tag, int type, int count, int value) { U16(tag); U16(type); U32(count); U32(value); }
        t.AddRange("MM"u8.ToArray()); U16(42); U32(8);                    // TIFF header, IFD0 at 8
        U16(1); Entry(0x8825, 4, 1, 26); U32(0);                           // IFD0: GPS IFD at 26
        const int data = 26 + 2 + 4 * 12 + 4;                             // after the GPS IFD
        U16(4);
        Entry(0x0001, 2, 2, 'N' << 24);                                    // GPSLatitudeRef "N"
        Entry(0x0002, 5, 3, data);                                         // GPSLatitude: 3 rationals
        Entry(0x0003, 2, 2, 'W' << 24);                                    // GPSLongitudeRef "W"
        Entry(0x0004, 5, 3, data + 24);                                    // GPSLongitude: 3 rationals
        U32(0);
        t.AddRange(Latitude);
        t.AddRange(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0x0F, 0xA0, 0, 0, 0, 100 });
        var payload = "Exif\0\0"u8.ToArray().Concat(t).ToArray();
        var len = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(len >> 8), (byte)(len & 0xFF), .. payload];
        return [.. jpeg.Take(2), .. app1, .. jpeg.Skip(2)];
    }

    public static byte[] Gif() => Encoding.ASCII.GetBytes("GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;");

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>A multipart upload as a browser sends it; the declared type is whatever the test says (never trusted).</summary>
    public static MultipartFormDataContent Form(byte[] file, string fileName, string declaredType, string? caption = Caption, string? token = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(part, "file", fileName);
        if (caption is not null) form.Add(new StringContent(caption), "caption");
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        return form;
    }
}
