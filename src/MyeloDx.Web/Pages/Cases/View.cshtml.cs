using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MyeloDx.Core.Contract;
using MyeloDx.Web.Input;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Pages.Cases;

public sealed record VersionItem(int Version, DateTimeOffset At, string By, string Leading);

/// <summary>A key image as the page shows it: Figure n, its legend, and the version it came with.</summary>
public sealed record FigureItem(int Number, long ImageId, string Url, string Caption, int Version, int Width, int Height);

public sealed class ViewModel(IServiceProvider services) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }
    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }

    public string? Title { get; private set; }
    public string Owner { get; private set; } = "";
    public int Current { get; private set; }
    public int Shown { get; private set; }
    public bool IsDeleted { get; private set; }
    public bool IsAdmin => User.IsInRole(Roles.Admin);
    public bool CanDelete { get; private set; }
    public AssessmentView? Result { get; private set; }
    /// <summary>Why the stored assessment is not shown (null when it is).</summary>
    public string? Unreadable { get; private set; }
    public IReadOnlyList<VersionItem> Versions { get; private set; } = [];
    public IReadOnlyList<string> SharedWith { get; private set; } = [];
    public IReadOnlyCollection<string> ReportFormats => services.GetService<ICaseReportRenderer>()?.Formats ?? [];
    public bool FhirAvailable => services.GetService<ICaseFhirExporter>() is not null;
    public string? Message { get; private set; }
    public IReadOnlyList<FigureItem> Figures { get; private set; } = [];
    public bool CanAttachImage => !IsDeleted;
    /// <summary>Why an upload was refused: its code and what to do.</summary>
    public string? ImageError { get; private set; }
    [BindProperty(SupportsGet = true)] public bool ImageAdded { get; set; }
    [BindProperty(SupportsGet = true)] public bool CaptionSaved { get; set; }

    private CaseRegistry Registry => services.GetRequiredService<CaseRegistry>();
    private Actor Me => Actor.From(User, "web")!;

    public async Task<IActionResult> OnGetAsync()
    {
        var d = await Registry.Get(Me, Id, HttpContext.RequestAborted, Version);
        if (d is null) return NotFound();
        Title = d.Summary.Title;
        Owner = d.Summary.Owner;
        Current = d.Summary.Version;
        Shown = d.Current.Version;
        IsDeleted = d.Summary.Deleted;
        CanDelete = d.Summary.Owner == User.Identity?.Name || IsAdmin;
        SharedWith = d.SharedWith;
        var kb = services.GetRequiredService<CaseReaders>().Service.Knowledge;
        Versions = d.Versions.Select(v => new VersionItem(v.Version, v.At, v.By,
            kb.DiagnosisIndex.ContainsKey(v.LeadingDiagnosis) ? kb.Diagnosis(v.LeadingDiagnosis).Name : v.LeadingDiagnosis)).Reverse().ToList();
        // The stored document as it was saved (possibly by an earlier build): bound once here, at the page's edge.
        var stored = Stored(d.Current.AssessmentJson);
        var note = AssessmentView.NoteFrom(d.Current.InputKind, d.Current.InputGiven);
        Result = stored is null ? null : new AssessmentView(stored.Document, note, kb)
        {
            Unbound = stored.Unbound,
            Marks = note.Length > 0 ? services.GetService<INoteExplainer>()?.Marks(note) : null,
            Body = d.Current.InputGiven, Mode = d.Current.InputKind == "text" ? "note" : "json",
            CaseId = Id, CaseVersion = Shown,
        };
        if (Saved) Message = Current > 1 ? $"Saved as version {Current}." : "Saved.";
        if (ImageAdded) Message = "Image attached.";
        if (CaptionSaved) Message = "Caption saved.";
        var images = await Registry.ImagesOf(d, withContent: false, HttpContext.RequestAborted);
        Figures = images.Select((i, n) => new FigureItem(n + 1, i.Id, Api.CaseImagesApi.Url(Id, i.Id), i.Caption, i.Version, i.Width, i.Height)).ToList();
        return Page();
    }

    /// <summary>
    /// The stored assessment, or null (and <see cref="Unreadable"/> says why) when its core does not bind: shown as a
    /// plain refusal rather than guessed at; the report and FHIR links re-assess the stored case.
    /// </summary>
    private StoredAssessment? Stored(string json)
    {
        try { return StoredAssessment.Read(json); }
        catch (System.Text.Json.JsonException)
        {
            Unreadable = "This version's assessment was stored by another build in a form this one cannot read. The report and FHIR links re-assess the case; edit and save it to store a new assessment.";
            return null;
        }
    }

    /// <summary>Attaches a key image to the current version; a refusal shows its code on the page, with the HTTP status the catalogue gives it.</summary>
    public async Task<IActionResult> OnPostImageAsync()
    {
        var cleaner = services.GetRequiredService<IKeyImageCleaner>();
        string? error = null;
        var status = StatusCodes.Status200OK;
        try
        {
            var image = await Api.CaseImagesApi.ReadUpload(Request, cleaner, HttpContext.RequestAborted);
            var r = await Registry.AttachImage(Me, Id, image, HttpContext.RequestAborted);
            if (r.Status == ImageStatus.NotFound) return NotFound();
            if (r.Status == ImageStatus.Attached) return Redirect($"/cases/{Id}?imageAdded=true#figures");
            (error, status) = ($"MDX-IMG005: a case holds at most {CaseRegistry.MaxImagesPerCase} key images.", StatusCodes.Status409Conflict);
        }
        catch (MyeloDx.Core.Errors.InputException e)
        {
            (error, status) = ($"{e.Code}: {e.Message}", MyeloDx.Core.Errors.ErrorCatalogue.Http(e.Code));
        }
        return await WithImageError(error, status);
    }

    /// <summary>
    /// Corrects a figure legend (checked as an upload's caption is); a refused caption shows its code on the page, with
    /// the HTTP status the catalogue gives it, and the image keeps its old legend.
    /// </summary>
    public async Task<IActionResult> OnPostCaptionAsync(long imageId, string? caption)
    {
        var cleaner = services.GetRequiredService<IKeyImageCleaner>();
        string error;
        int status;
        try
        {
            var text = cleaner.Caption(MyeloDx.Core.Errors.InputNormalizer.Text(caption ?? "", "caption"), "caption");
            var (s, _) = await Registry.EditImageCaption(Me, Id, imageId, text, HttpContext.RequestAborted);
            return s == StatusCodes.Status200OK ? Redirect($"/cases/{Id}?captionSaved=true#figures") : NotFound();
        }
        catch (MyeloDx.Core.Errors.InputException e)
        {
            (error, status) = ($"{e.Code}: {e.Message}", MyeloDx.Core.Errors.ErrorCatalogue.Http(e.Code));
        }
        return await WithImageError(error, status);
    }

    /// <summary>The case page again, with a refused image or caption's coded message and the catalogue's HTTP status.</summary>
    private async Task<IActionResult> WithImageError(string error, int status)
    {
        Version = null;
        var page = await OnGetAsync();
        ImageError = error;
        Response.StatusCode = status;
        return page;
    }

    /// <summary>Removes an image attached by mistake (owner or admin; the registry checks).</summary>
    public async Task<IActionResult> OnPostRemoveImageAsync(long imageId)
    {
        var s = await Registry.RemoveImage(Me, Id, imageId, HttpContext.RequestAborted);
        return s == 204 ? Redirect($"/cases/{Id}#figures") : s == 403 ? Forbid() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var s = await Registry.Delete(Me, Id, HttpContext.RequestAborted);
        return s == 204 ? Redirect("/cases") : NotFound();
    }

    public async Task<IActionResult> OnPostRestoreAsync()
    {
        var s = await Registry.Restore(Me, Id, HttpContext.RequestAborted);
        return s == 200 ? Redirect($"/cases/{Id}") : NotFound();
    }

    public async Task<IActionResult> OnPostShareAsync(string? user)
    {
        if (!string.IsNullOrWhiteSpace(user)) await Registry.Share(Me, Id, user.Trim(), true, HttpContext.RequestAborted);
        return Redirect($"/cases/{Id}");
    }
}
