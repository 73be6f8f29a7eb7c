using System.Globalization;
using System.Text.Json;
using MyeloDx.Core.Cases;
using MyeloDx.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Web.Input;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Pages;

/// <summary>The structured form's fields (all optional; empty means unknown).</summary>
public sealed class CaseForm
{
    public double? Age { get; set; }
    public string? Sex { get; set; }
    public string? PrimarySite { get; set; }
    public string? CancerStatus { get; set; }
    public List<string> MetastaticSites { get; set; } = [];
    public string? RtTarget { get; set; }
    public string? RtLevels { get; set; }
    public double? RtDoseGy { get; set; }
    public int? RtFractions { get; set; }
    public double? RtMonthsBefore { get; set; }
    public string? RtCordInField { get; set; }
    public string? DrugClass { get; set; }
    public string? OnsetTempo { get; set; }
    public string? Pain { get; set; }
    public string? Syndrome { get; set; }
    public string? SensoryLevel { get; set; }
    public string? Bladder { get; set; }
    public string? Fever { get; set; }
    public string? Compartment { get; set; }
    public string? ImagingLevels { get; set; }
    public int? LesionCount { get; set; }
    public double? T2Segments { get; set; }
    public string? Enhancement { get; set; }
    public string? CordEdema { get; set; }
    public string? EpiduralDisease { get; set; }
    public string? CsfCytology { get; set; }
    public double? CsfProtein { get; set; }
    public double? CsfCells { get; set; }

    private static bool? YesNo(string? s) => s switch { "yes" => true, "no" => false, _ => null };
    private static string? S(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The case (only what was filled in; an empty section is left out), for the same parser as the API.</summary>
    public Case ToCase()
    {
        var rt = new RadiotherapyCourse
        {
            Target = S(RtTarget), Levels = S(RtLevels), TotalDoseGy = RtDoseGy, Fractions = RtFractions,
            MonthsBeforeOnset = RtMonthsBefore, CordInField = YesNo(RtCordInField),
        };
        // "never" irradiated is an empty list of courses, which is not the same as no answer.
        IReadOnlyList<RadiotherapyCourse>? courses = rt != new RadiotherapyCourse() ? [rt] : RtCordInField == "never" ? [] : null;
        var cancer = new Cancer { PrimarySite = S(PrimarySite), Status = S(CancerStatus), MetastaticSites = MetastaticSites.Count > 0 ? MetastaticSites : null };
        var treatments = new Treatments { Radiotherapy = courses, Systemic = S(DrugClass) is { } dc ? [new Drug { Class = dc }] : null };
        var presentation = new Presentation
        {
            OnsetTempo = S(OnsetTempo), Pain = S(Pain), Syndrome = S(Syndrome), SensoryLevel = S(SensoryLevel),
            BladderDysfunction = YesNo(Bladder), Fever = YesNo(Fever),
        };
        var imaging = new Imaging
        {
            Compartment = S(Compartment), Levels = S(ImagingLevels), LesionCount = LesionCount, T2ExtentSegments = T2Segments,
            Enhancement = S(Enhancement), CordEdema = YesNo(CordEdema), EpiduralDisease = YesNo(EpiduralDisease),
        };
        var csf = new Csf { Cytology = S(CsfCytology), ProteinMgPerDl = CsfProtein, WhiteCellsPerUl = CsfCells };
        return new Case
        {
            Patient = Age is null && S(Sex) is null ? null : new Patient { AgeYears = Age, Sex = S(Sex) },
            Cancer = cancer == new Cancer() ? null : cancer,
            Treatments = treatments == new Treatments() ? null : treatments,
            Presentation = presentation == new Presentation() ? null : presentation,
            Imaging = imaging == new Imaging() ? null : imaging,
            Labs = csf == new Csf() ? null : new Labs { Csf = csf },
        };
    }
}

public sealed class IndexModel(IServiceProvider services) : PageModel
{
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? CaseJsonText { get; set; }
    [BindProperty] public CaseForm Form { get; set; } = new();
    /// <summary>The request body that was assessed, carried to the save step and the what-if form unchanged.</summary>
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? PriorContext { get; set; }
    [BindProperty] public List<string> Toggle { get; set; } = [];
    [BindProperty] public double? DoseGy { get; set; }
    [BindProperty] public string? CaseId { get; set; }

    public string? Error { get; private set; }
    public AssessmentView? Result { get; private set; }

    private CaseReaders Readers => services.GetRequiredService<CaseReaders>();
    private LiveAssessment Live => new(Readers, services.GetService<INoteExplainer>());
    public KnowledgeBase Knowledge => Readers.Service.Knowledge;

    public void OnGet() { }

    public IActionResult OnPostAssess()
    {
        Body = Mode switch
        {
            "note" => JsonSerializer.Serialize(new NoteRequest(Note ?? ""), WebJsonContext.Default.NoteRequest),
            "json" => CaseJsonText ?? "",
            _ => CaseJson.Write(Form.ToCase()),
        };
        Evaluate(Body);
        return Page();
    }

    /// <summary>The built-in demo case (the seed case report, restated), as `myelodx assess` with no file runs it.</summary>
    public IActionResult OnPostDemo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "samples", "seed-case.json");
        Mode = "json";
        CaseJsonText = Body = System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : "";
        if (Body.Length == 0) { Error = "The demo case is not part of this installation."; return Page(); }
        Evaluate(Body);
        return Page();
    }

    /// <summary>Another population, findings toggled or a dose changed: the result section alone for the page's script, else the page.</summary>
    public IActionResult OnPostWhatIf()
    {
        if (string.IsNullOrEmpty(Body)) { Error = "Nothing to re-assess: assess a case first."; return Page(); }
        Evaluate(Body, Toggle, DoseGy);
        if (Result is not null && CaseId is not null) Result = Result with { CaseId = CaseId };
        if (Request.Headers["X-Requested-With"] == "fetch")
            return Result is null ? Content($"<section id=\"result\"><div class=\"error\" role=\"alert\" id=\"error\">{System.Net.WebUtility.HtmlEncode(Error)}</div></section>", "text/html") : Partial("_Assessment", Result);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (string.IsNullOrEmpty(Body)) { Error = "Nothing to save: assess a case first."; return Page(); }
        var r = Evaluate(Body);
        if (r is null) return Page();
        var actor = Actor.From(User, "web")!;
        var p = r.Parsed with { Title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim() };
        var id = await services.GetRequiredService<CaseRegistry>().Create(actor, p, r.Assessment, r.Document, HttpContext.RequestAborted);
        if (id is null) { Error = "The case was not saved because of a conflicting save; please save again."; return Page(); }
        return Redirect($"/cases/{id}?saved=true");
    }

    private LiveResult? Evaluate(string body, IReadOnlyList<string>? toggles = null, double? dose = null)
    {
        try
        {
            var r = Live.Run(body, Mode, PriorContext, toggles, dose);
            Result = r.View;
            return r;
        }
        catch (InputException e)
        {
            Error = $"{e.Code}: {e.Message}{(string.IsNullOrEmpty(e.Where) ? "" : $" (at {e.Where})")}";
            return null;
        }
    }

    public static string Inv(double? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";
}
