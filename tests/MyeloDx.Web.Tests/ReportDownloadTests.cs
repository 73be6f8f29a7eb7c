using System.Text.Json;
using UglyToad.PdfPig;

namespace MyeloDx.Web.Tests;

/// <summary>The reports of a saved case as the browser receives them: PDF and HTML inline, FHIR as a named .json file.</summary>
public sealed class ReportDownloadTests
{

    private static async Task<(string Id, JsonElement Assessment)> SaveDemo(HttpClient c)
    {
        var r = await c.PostAsync("/api/cases", Json.Body(Samples.SeedCase));
        Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode);
        var id = (await Json.Read(r)).GetProperty("id").GetString()!;
        var d = await Json.Read(await c.GetAsync($"/api/cases/{id}"));
        return (id, d.GetProperty("assessment"));
    }

    [Fact]
    public async Task The_demo_case_report_fits_five_pages_the_summary_one_and_no_table_word_is_split()
    {
        using var app = new WebApp();
        var c = app.As("alice");
        var (id, assessment) = await SaveDemo(c);
        var full = await c.GetAsync($"/api/cases/{id}/report?format=pdf&kind=case-report");
        Assert.Equal("application/pdf", full.Content.Headers.ContentType?.MediaType);
        using (var pdf = PdfDocument.Open(await full.Content.ReadAsByteArrayAsync()))
        {
            Assert.InRange(pdf.NumberOfPages, 2, 5);
            var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToHashSet(StringComparer.Ordinal);
            // Every word of every next test's name (a table column) is printed whole somewhere in the PDF.
            var names = assessment.GetProperty("nextTests").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
            Assert.NotEmpty(names);
            var split = names.SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 3 && !words.Contains(w)).Distinct().ToList();
            Assert.True(split.Count == 0, "words cut across lines: " + string.Join(", ", split));
        }
        var summary = await c.GetAsync($"/api/cases/{id}/report?format=pdf&kind=summary");
        using (var pdf = PdfDocument.Open(await summary.Content.ReadAsByteArrayAsync())) Assert.Equal(1, pdf.NumberOfPages);
    }

    [Fact]
    public async Task Pdf_and_html_open_inline_and_fhir_downloads_as_a_named_json_file()
    {
        using var app = new WebApp();
        var c = app.As("alice");
        var (id, _) = await SaveDemo(c);
        var pdf = await c.GetAsync($"/api/cases/{id}/report?format=pdf&kind=summary");
        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".pdf", pdf.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var html = await c.GetAsync($"/api/cases/{id}/report?format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", html.Content.Headers.ContentDisposition?.DispositionType);
        // its own styles are inline, so its policy allows them (and nothing else)
        Assert.Contains("style-src 'unsafe-inline'", string.Join(";", html.Headers.GetValues("Content-Security-Policy")));
        var fhir = await c.GetAsync($"/api/cases/{id}/fhir");
        Assert.Equal("attachment", fhir.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"myelodx-{id}-v1.fhir.json", fhir.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var bundle = JsonDocument.Parse(await fhir.Content.ReadAsStringAsync());
        Assert.Equal("Bundle", bundle.RootElement.GetProperty("resourceType").GetString());
    }
}
