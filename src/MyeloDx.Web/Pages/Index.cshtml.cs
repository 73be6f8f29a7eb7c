using System.Globalization;
using System.Text.Json.Nodes;
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

    /// <summary>The case JSON (only what was filled in), read by the same parser as the API.</summary>
    public JsonObject ToCaseJson()
    {
        var o = new JsonObject();
        void Put(string section, string key, JsonNode? v)
        {
            if (v is null) return;
            if (o[section] is not JsonObject sec) o[section] = sec = new JsonObject();
            sec[key] = v;
        }
        Put("patient", "ageYears", Age);
        Put("patient", "sex", S(Sex));
        Put("cancer", "primarySite", S(PrimarySite));
        Put("cancer", "status", S(CancerStatus));
        if (MetastaticSites.Count > 0) Put("cancer", "metastaticSites", new JsonArray(MetastaticSites.Select(x => (JsonNode)x).ToArray()));
        var rt = new JsonObject();
        if (S(RtTarget) is { } t) rt["target"] = t;
        if (S(RtLevels) is { } l) rt["levels"] = l;
        if (RtDoseGy is { } d) rt["totalDoseGy"] = d;
        if (RtFractions is { } f) rt["fractions"] = f;
        if (RtMonthsBefore is { } m) rt["monthsBeforeOnset"] = m;
        if (YesNo(RtCordInField) is { } cif) rt["cordInField"] = cif;
        if (rt.Count > 0) Put("treatments", "radiotherapy", new JsonArray(rt));
        else if (RtCordInField == "never") Put("treatments", "radiotherapy", new JsonArray());
        if (S(DrugClass) is { } dc) Put("treatments", "systemic", new JsonArray(new JsonObject { ["class"] = dc }));
        Put("presentation", "onsetTempo", S(OnsetTempo));
        Put("presentation", "pain", S(Pain));
        Put("presentation", "syndrome", S(Syndrome));
        Put("presentation", "sensoryLevel", S(SensoryLevel));
        Put("presentation", "bladderDysfunction", YesNo(Bladder));
        Put("presentation", "fever", YesNo(Fever));
        Put("imaging", "compartment", S(Compartment));
        Put("imaging", "levels", S(ImagingLevels));
        Put("imaging", "lesionCount", LesionCount);
        Put("imaging", "t2ExtentSegments", T2Segments);
        Put("imaging", "enhancement", S(Enhancement));
        Put("imaging", "cordEdema", YesNo(CordEdema));
        Put("imaging", "epiduralDisease", YesNo(EpiduralDisease));
        var csf = new JsonObject();
        if (S(CsfCytology) is { } cy) csf["cytology"] = cy;
        if (CsfProtein is { } pr) csf["proteinMgPerDl"] = pr;
        if (CsfCells is { } wc) csf["whiteCellsPerUl"] = wc;
        if (csf.Count > 0) Put("labs", "csf", csf);
        return o;
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
    public bool TextAvailable => Readers.CanReadText;

    private CaseReaders Readers => services.GetRequiredService<CaseReaders>();
    private LiveAssessment Live => new(Readers, services.GetService<INoteExplainer>());
    public KnowledgeBase Knowledge => Readers.Service.Knowledge;

    public void OnGet() { }

    public IActionResult OnPostAssess()
    {
        Body = Mode switch
        {
            "note" => new JsonObject { ["text"] = Note ?? "" }.ToJsonString(),
            "json" => CaseJsonText ?? "",
            _ => Form.ToCaseJson().ToJsonString(),
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
        var id = await services.GetRequiredService<CaseRegistry>().Create(actor, p, r.Assessment, r.Json, HttpContext.RequestAborted);
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
            Error = e.Code is "MDX-IN030"
                ? "This build cannot read free text yet; use the structured form or case JSON."
                : $"{e.Code}: {e.Message}{(string.IsNullOrEmpty(e.Where) ? "" : $" (at {e.Where})")}";
            return null;
        }
    }

    public static string Inv(double? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";
}
