using MyeloDx.Fhir;
using MyeloDx.Reports.Images;

namespace MyeloDx.Web.Hosting;

/// <summary>The web app's key images go through the same cleaning as `myelodx report --image` (<see cref="KeyImages"/>).</summary>
internal sealed class WebKeyImageCleaner : IKeyImageCleaner
{
    public long MaxBytes => KeyImages.MaxBytes;

    public CleanedImage Clean(byte[] raw, string caption, string where)
    {
        var img = KeyImages.Clean(raw, caption, where);
        return new CleanedImage(img.Png, KeyImages.IsPng(img.Png) ? "image/png" : "image/jpeg", img.Width, img.Height, img.Caption);
    }

    public string Caption(string caption, string where) => KeyImages.Caption(caption, where);
}

/// <summary>Stored key images as the report writers and the FHIR exporter take them.</summary>
internal static class WebKeyImages
{
    /// <summary>Stored images were cleaned on upload; they are placed as they are (Figure 1, 2... in the order attached).</summary>
    public static IReadOnlyList<KeyImage> ForReport(IReadOnlyList<CaseImage> images) =>
        images.Select(i => new KeyImage(i.Content, i.Width, i.Height, i.Caption)).ToList();

    public static IReadOnlyList<FhirKeyImage> ForFhir(IReadOnlyList<CaseImage> images) =>
        images.Select(i => new FhirKeyImage(i.Caption, i.ContentType, i.Content, i.Width, i.Height, i.AttachedAt)).ToList();
}
