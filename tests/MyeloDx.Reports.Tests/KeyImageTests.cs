using System.Text;
using MyeloDx.Core.Errors;
using MyeloDx.Reports.Images;
using MyeloDx.Reports.Writers;
using SkiaSharp;
using UglyToad.PdfPig;

namespace MyeloDx.Reports.Tests;

/// <summary>Key images: checked by content, size-limited, re-encoded without metadata, and placed as Figure 1 with its legend.</summary>
public sealed class KeyImageTests
{
    private const string Caption = "Sagittal T2-weighted MRI: an intramedullary nodule in the conus";

    private static byte[] Picture(SKEncodedImageFormat format, int w = 120, int h = 160)
    {
        using var bmp = new SKBitmap(w, h);
        using (var c = new SKCanvas(bmp))
        {
            c.Clear(SKColors.Black);
            using var paint = new SKPaint { Color = SKColors.LightGray };
            c.DrawOval(new SKRect(40, 50, 80, 110), paint);
        }
        using var data = bmp.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG with an APP1 Exif segment carrying a GPS position, as a phone camera writes it.</summary>
    private static byte[] JpegWithGps()
    {
        var jpeg = Picture(SKEncodedImageFormat.Jpeg);
        var payload = Encoding.ASCII.GetBytes("Exif\0\0MM\0*GPSLatitude=51.5074N;GPSLongitude=0.1278W;Make=PhoneCam");
        var len = payload.Length + 2;
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(len >> 8), (byte)(len & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(app1).Concat(jpeg.Skip(2)).ToArray();
    }

    [Fact]
    public void A_jpeg_with_a_gps_location_is_re_encoded_as_a_png_without_it()
    {
        var raw = JpegWithGps();
        Assert.Contains("GPSLatitude", Encoding.ASCII.GetString(raw));
        var img = KeyImages.Clean(raw, Caption, "mri.jpg");
        Assert.True(KeyImages.IsPng(img.Png));
        var text = Encoding.Latin1.GetString(img.Png);
        Assert.DoesNotContain("GPS", text);
        Assert.DoesNotContain("Exif", text);
        Assert.DoesNotContain("PhoneCam", text);
        using var back = SKBitmap.Decode(img.Png);
        Assert.Equal((120, 160), (back.Width, back.Height));
    }

    [Fact]
    public void A_file_that_is_not_png_or_jpeg_by_content_is_refused_whatever_its_name()
    {
        var gif = Encoding.ASCII.GetBytes("GIF89a\x01\0\x01\0\0\0\0;");
        Assert.Equal("MDX-IMG001", Assert.Throws<InputException>(() => KeyImages.Clean(gif, Caption, "mri.png")).Code);
        var html = Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>");
        Assert.Equal("MDX-IMG001", Assert.Throws<InputException>(() => KeyImages.Clean(html, Caption, "mri.jpg")).Code);
        // a PNG signature followed by junk is not an image either
        var fake = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.Concat(Encoding.ASCII.GetBytes("not really a png")).ToArray();
        Assert.Equal("MDX-IMG003", Assert.Throws<InputException>(() => KeyImages.Clean(fake, Caption, "mri.png")).Code);
    }

    [Fact]
    public void An_oversize_file_is_refused_and_a_large_image_is_scaled_down()
    {
        var big = new byte[KeyImages.MaxBytes + 1];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        Assert.Equal("MDX-IMG002", Assert.Throws<InputException>(() => KeyImages.Clean(big, Caption, "huge.jpg")).Code);
        var img = KeyImages.Clean(Picture(SKEncodedImageFormat.Png, 3200, 1600), Caption, "wide.png");
        Assert.Equal((KeyImages.MaxSide, KeyImages.MaxSide / 2), (img.Width, img.Height));
        Assert.Equal("MDX-IMG004", Assert.Throws<InputException>(() => KeyImages.Clean(Picture(SKEncodedImageFormat.Png), "  ", "x.png")).Code);
    }

    [Fact]
    public void The_case_report_shows_the_image_as_figure_1_with_its_legend_in_html_and_pdf()
    {
        var img = KeyImages.Clean(JpegWithGps(), Caption, "mri.jpg");
        var doc = Fixture.Builder.Build(ReportKind.CaseReport, Fixture.Demo() with { Images = [img] });

        var html = HtmlWriter.Write(doc);
        var fig = html.IndexOf("<figure class=\"key-image\">", StringComparison.Ordinal);
        Assert.True(fig > 0, "no key-image figure in the HTML");
        var figure = html[fig..html.IndexOf("</figure>", fig, StringComparison.Ordinal)];
        Assert.Contains("src=\"data:image/png;base64," + Convert.ToBase64String(img.Png) + "\"", figure);
        Assert.Contains("<strong>Figure 1.</strong> " + Caption, figure);
        Assert.Contains("<strong>Figure 2.</strong> Posterior probability", html); // the probability chart follows it
        Assert.DoesNotContain("The images themselves are not part of the case data", html);

        var pdf = PdfWriter.Write(doc);
        using var pd = PdfDocument.Open(pdf);
        var withImage = pd.GetPages().Where(p => p.GetImages().Any()).ToList();
        Assert.Single(withImage);
        var pageText = string.Join(" ", withImage[0].GetWords().Select(w => w.Text));
        Assert.Contains("Figure 1. " + Caption, pageText);
    }
}
