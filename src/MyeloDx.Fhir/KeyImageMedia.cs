using System.Globalization;
using System.Security.Cryptography;
using Hl7.Fhir.Model;
using static MyeloDx.Fhir.FhirCodes;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace MyeloDx.Fhir;

/// <summary>
/// A key image of the case (e.g. the MRI slice of the lesion), already cleaned: re-encoded, without metadata.
/// <paramref name="Caption"/> is the figure legend; <paramref name="Attached"/> when it was added to the case.
/// </summary>
public sealed record FhirKeyImage(string Caption, string ContentType, byte[] Content, int Width, int Height, DateTimeOffset? Attached = null);

/// <summary>
/// Carries key images in the Bundle: one R4 <c>Media</c> per image (type image, the patient as subject, the caption as
/// the attachment's title and as a note, the bytes inline so the Bundle stands alone), each linked from the radiology
/// DiagnosticReport (<c>DiagnosticReport.media</c>, the place R4 gives "key images" of a report) and from the written
/// report when there is one.
/// </summary>
internal static class KeyImageMedia
{
    private const string MediaType = "http://terminology.hl7.org/CodeSystem/media-type";

    public static Bundle AddTo(Bundle bundle, IReadOnlyList<FhirKeyImage> images)
    {
        if (images.Count == 0) return bundle;
        var patient = bundle.Entry.First(e => e.Resource is FhirPatient).FullUrl;
        var reports = bundle.Entry.Select(e => e.Resource).OfType<DiagnosticReport>()
            .Where(d => RoleOf(d) is "mri-report" or "written-report").ToList();
        for (var i = 0; i < images.Count; i++)
        {
            var img = images[i];
            var media = new Media
            {
                Meta = RoleTag("key-image"),
                Status = EventStatus.Completed,
                Type = new CodeableConcept(MediaType, "image", "Image") { Text = "Key image" },
                Subject = new ResourceReference(patient),
                Width = img.Width,
                Height = img.Height,
                Content = new Attachment
                {
                    ContentType = img.ContentType,
                    Data = img.Content,
                    Hash = SHA1.HashData(img.Content), // R4 defines Attachment.hash as SHA-1
                    Title = $"Figure {i + 1}. {img.Caption}",
                },
                Note = [new Annotation { Text = new Markdown(img.Caption) }],
            };
            if (img.Attached is { } at) media.Created = new FhirDateTime(at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));
            var url = Url(img.Content, i);
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = media });
            foreach (var r in reports)
                r.Media.Add(new DiagnosticReport.MediaComponent { Comment = $"Figure {i + 1}. {img.Caption}", Link = new ResourceReference(url) });
        }
        return bundle;
    }

    /// <summary>A name-based UUID from the image's bytes and position, so the same export gives the same Bundle.</summary>
    private static string Url(byte[] content, int index)
    {
        var h = SHA256.HashData([.. content, .. BitConverter.GetBytes(index)]);
        h[6] = (byte)((h[6] & 0x0F) | 0x50);
        h[8] = (byte)((h[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(h.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
