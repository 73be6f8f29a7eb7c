using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MyeloDx.Core.Knowledge;
using MyeloDx.Web.Input;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Pages.Cases;

public sealed record CaseListItem(string Id, string? Title, string Owner, string Leading, string LeadingName, double Probability, int Version, DateTimeOffset Updated, bool Deleted);

public sealed class IndexModel(IServiceProvider services) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Diagnosis { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool Deleted { get; set; }

    public IReadOnlyList<CaseListItem> Cases { get; private set; } = [];
    public KnowledgeBase Knowledge => services.GetRequiredService<CaseReaders>().Service.Knowledge;
    public bool IsAdmin => User.IsInRole(Roles.Admin);
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        static DateTimeOffset? D(string? s, bool end) =>
            DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new DateTimeOffset(d.ToDateTime(end ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero) : null;
        var actor = Actor.From(User, "web")!;
        var rows = await services.GetRequiredService<CaseRegistry>().List(actor, new CaseQuery(string.IsNullOrEmpty(Diagnosis) ? null : Diagnosis, D(From, false), D(To, true), Q, Deleted && IsAdmin, 200), HttpContext.RequestAborted);
        var kb = Knowledge;
        Cases = rows.Select(r => new CaseListItem(r.Id, r.Title, r.Owner, r.LeadingDiagnosis,
            kb.DiagnosisIndex.ContainsKey(r.LeadingDiagnosis) ? kb.Diagnosis(r.LeadingDiagnosis).Name : r.LeadingDiagnosis,
            r.LeadingProbability, r.Version, r.UpdatedAt, r.Deleted)).ToList();
    }
}
