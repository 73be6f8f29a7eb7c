using Hl7.Fhir.Model;

namespace MyeloDx.Fhir.Tests;

/// <summary>Key images travel in the Bundle as Media resources, linked from the radiology report.</summary>
public sealed class KeyImageExportTests(ValidatorFixture v) : IClassFixture<ValidatorFixture>
{
    // A 1 x 1 PNG, written out here so the test needs no imaging library.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private const string Caption = "Sagittal T2-weighted MRI of the lower thoracic cord: a bright intramedullary nodule";

    private static Bundle Export(params FhirKeyImage[] images)
    {
        var c = Fixture.LoadCase("seed-case.json");
        return Fixture.Exporter.Export(c, Fixture.Service.Assess(c), images: images);
    }

    [Fact]
    public void Each_key_image_is_a_media_resource_with_its_caption_type_and_data_referenced_from_the_mri_report()
    {
        var attached = new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var b = Export(new FhirKeyImage(Caption, "image/png", Png, 1, 1, attached));
        var entry = Assert.Single(b.Entry, e => e.Resource is Media);
        var media = (Media)entry.Resource!;
        Assert.Equal(EventStatus.Completed, media.Status);
        Assert.Equal("image", FhirCodes.CodeIn(media.Type, "http://terminology.hl7.org/CodeSystem/media-type"));
        Assert.Equal("image/png", media.Content.ContentType);
        Assert.Equal(Png, media.Content.Data);
        Assert.Equal($"Figure 1. {Caption}", media.Content.Title);
        Assert.Equal(Caption, media.Note.Single().Text);
        Assert.Equal((1, 1), (media.Width, media.Height));
        Assert.Equal(b.Entry.Single(e => e.Resource is Hl7.Fhir.Model.Patient).FullUrl, media.Subject!.Reference);
        var mri = b.Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single(d => FhirCodes.RoleOf(d) == "mri-report");
        Assert.Equal(entry.FullUrl, mri.Media.Single().Link.Reference);
        var errors = v.Validator.Validate(b).Where(i => i.Severity == FhirIssueSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void An_exported_key_image_is_noted_not_read_on_import_and_a_strict_import_still_succeeds()
    {
        var c = Fixture.LoadCase("seed-case.json");
        var json = FhirJson.Serialize(Export(new FhirKeyImage(Caption, "image/png", Png, 1, 1)));
        var r = FhirImporter.Import(json, "b.json", FhirImportPolicy.Strict);
        var note = Assert.Single(r.Notes, n => n.Code == "MDX-FH106");
        Assert.Contains("(Media)", note.Where);
        Assert.Equal(Fixture.Canonical(c), Fixture.Canonical(r.Case)); // the case itself round-trips unchanged

        // A Media from elsewhere is not MyeloDx's own: "not mapped", which a strict import refuses.
        var foreign = Export(new FhirKeyImage(Caption, "image/png", Png, 1, 1));
        foreach (var m in foreign.Entry.Select(e => e.Resource).OfType<Media>()) m.Meta = null;
        var e = Assert.Throws<MyeloDx.Core.Errors.InputException>(() => FhirImporter.Import(FhirJson.Serialize(foreign), "b.json", FhirImportPolicy.Strict));
        Assert.Equal("MDX-FH100", e.Code);
        Assert.Contains(FhirImporter.Import(FhirJson.Serialize(foreign), "b.json").Notes, n => n.Code == "MDX-FH100" && n.Where.Contains("(Media)"));
    }

    [Fact]
    public void Without_images_there_is_no_media_and_two_images_keep_their_order()
    {
        Assert.DoesNotContain(Export().Entry, e => e.Resource is Media);
        var b = Export(new FhirKeyImage("first", "image/png", Png, 1, 1), new FhirKeyImage("second", "image/png", Png, 1, 1));
        var media = b.Entry.Select(e => e.Resource).OfType<Media>().ToList();
        Assert.Equal(["Figure 1. first", "Figure 2. second"], media.Select(m => m.Content.Title));
        Assert.Equal(2, media.Select(m => b.Entry.Single(e => e.Resource == m).FullUrl).Distinct().Count());
    }
}
