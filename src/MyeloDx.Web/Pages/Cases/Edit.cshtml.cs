using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Knowledge;
using MyeloDx.Web.Input;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;

using MyeloDx.Web.Api;

namespace MyeloDx.Web.Pages.Cases;

/// <summary>Edits a saved case (its note or its structured JSON) and saves the re-assessment as a new version.</summary>
public sealed class EditModel(IServiceProvider services) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public string? PriorContext { get; set; }
    /// <summary>The version this edit started from: saving over a newer one is refused, not silently merged.</summary>
    [BindProperty] public int? Expected { get; set; }

    public int Current { get; private set; }
    public string? Error { get; private set; }
    public IEnumerable<PriorContext> Populations => Readers.Service.Knowledge.Priors.Values.OrderBy(p => p.Id == Readers.Service.Knowledge.DefaultContext ? 0 : 1).ThenBy(p => p.Id, StringComparer.Ordinal);

    private CaseReaders Readers => services.GetRequiredService<CaseReaders>();
    private CaseRegistry Registry => services.GetRequiredService<CaseRegistry>();
    private Actor Me => Actor.From(User, "web")!;

    public async Task<IActionResult> OnGetAsync()
    {
        var d = await Registry.Get(Me, Id, HttpContext.RequestAborted);
        if (d is null) return NotFound();
        Title = d.Summary.Title;
        Current = d.Summary.Version;
        Expected = Current;
        PriorContext = d.Current.PriorContext;
        if (d.Current.InputKind == "text") { Mode = "note"; Text = AssessmentView.NoteFrom("text", d.Current.InputGiven); }
        else { Mode = "json"; Text = Pretty(d.Current.InputKind == "fhir" ? d.Current.CaseUnderstood : d.Current.InputGiven); }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var d = await Registry.Get(Me, Id, HttpContext.RequestAborted);
        if (d is null) return NotFound();
        Current = d.Summary.Version;
        var body = Mode == "note" ? JsonSerializer.Serialize(new NoteRequest(Text ?? ""), WebJsonContext.Default.NoteRequest) : Text ?? "";
        try
        {
            var r = new LiveAssessment(Readers, services.GetService<INoteExplainer>()).Run(body, Mode, PriorContext);
            var p = r.Parsed with { Title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim() };
            var u = await Registry.Update(Me, Id, p, r.Assessment, r.Document, HttpContext.RequestAborted, Expected);
            switch (u.Status)
            {
                case UpdateStatus.Updated: return Redirect($"/cases/{Id}?saved=true");
                case UpdateStatus.NotFound: return NotFound();
                default:
                    Current = u.Version ?? Current;
                    Error = $"Someone saved version {u.Version} of this case while you were editing; your text is below. Open the case again, then re-apply your change.";
                    return Page();
            }
        }
        catch (InputException e)
        {
            Error = $"{e.Code}: {e.Message}{(string.IsNullOrEmpty(e.Where) ? "" : $" (at {e.Where})")}";
            return Page();
        }
    }

    private static string Pretty(string json)
    {
        try { return JsonNode.Parse(json)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? json; }
        catch (JsonException) { return json; }
    }
}
