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
    /// <summary>The request body that was assessed, carried to the save step unchanged.</summary>
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Title { get; set; }

    public string? Error { get; private set; }
    public AssessmentView? Result { get; private set; }
    public bool TextAvailable => Readers.CanReadText;

    private CaseReaders Readers => services.GetRequiredService<CaseReaders>();
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

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (string.IsNullOrEmpty(Body)) { Error = "Nothing to save: assess a case first."; return Page(); }
        var parsed = Evaluate(Body);
        if (parsed is null) return Page();
        var (p, a, json) = parsed.Value;
        var actor = Actor.From(User, "web")!;
        var id = await services.GetRequiredService<CaseRegistry>().Create(actor, p with { Title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim() }, a, json, HttpContext.RequestAborted);
        if (id is null) { Error = "The case was not saved because of a conflicting save; please save again."; return Page(); }
        return Redirect($"/cases/{id}?saved=true");
    }

    private (ParsedInput, Assessment, JsonObject)? Evaluate(string body)
    {
        try
        {
            var p = Readers.Parse(body, Mode == "note" ? "note" : "case");
            var a = Readers.Service.Assess(p.Input, p.PriorContext);
            var json = Readers.Service.ToJson(p.Input, a);
            Result = new AssessmentView(json, p.Kind == "text" ? AssessmentView.NoteFrom("text", body) : null, Knowledge);
            return (p, a, json);
        }
        catch (InputException e)
        {
            Error = e.Code is "MDX-IN030"
                ? "This build cannot read free text yet; use the structured form or case JSON."
                : $"{e.Code}: {e.Message}{(string.IsNullOrEmpty(e.Where) ? "" : $" (at {e.Where})")}";
            return null;
        }
    }

    public static IEnumerable<(string Value, string Label)> Options(params string[] values) =>
        values.Select(v => (v, v.Length == 0 ? "unknown" : v.Replace('_', ' ')));

    public static string Inv(double? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";
}
