using Hl7.Fhir.Model;
using MyeloDx.Core.Decisions;
using Provenance = MyeloDx.Core.Knowledge.Provenance;
using static MyeloDx.Fhir.FhirCodes;

namespace MyeloDx.Fhir;

/// <summary>
/// The decision answer as FHIR R4 proposals, in the order every other surface shows it: a RequestGroup whose actions
/// are the urgent first line (priority stat) and then the next tests in their safe order, each action pointing to a
/// proposed ServiceRequest that carries its "after ..." preconditions and numbered citations; withheld tests as
/// ServiceRequests with doNotPerform and the reason; management as a proposed CarePlan (urgent actions first, then per
/// diagnosis, each with its level of evidence). Nothing here is an order: all are status draft, intent proposal.
/// </summary>
internal sealed class RecommendationResources(Recommendations r, ResourceReference subject, Func<Resource, string, string> add)
{
    public void Write()
    {
        var group = new RequestGroup
        {
            Meta = RoleTag("recommendations"),
            Status = RequestStatus.Draft,
            Intent = RequestIntent.Proposal,
            Subject = subject,
            Note = [new Annotation { Text = new Markdown(Core.Inference.Assessment.Caveat) }],
        };
        if (r.FirstLine is { } first)
            group.Action.Add(new RequestGroup.ActionComponent
            {
                Title = "Within the next hours",
                Description = first.Text,
                Priority = RequestPriority.Stat,
                Documentation = Documentation(first.Items.Select(i => i.Provenance)),
            });
        foreach (var t in r.Tests)
        {
            var request = new ServiceRequest
            {
                Meta = RoleTag("next-test"),
                Status = RequestStatus.Draft,
                Intent = RequestIntent.Proposal,
                Subject = subject,
                Code = new CodeableConcept { Text = t.Name },
                Note = Notes(t),
            };
            var url = add(request, "next-test");
            group.Action.Add(new RequestGroup.ActionComponent
            {
                Prefix = t.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = t.Name,
                Description = t.After.Count == 0 ? null : Sentence(string.Join("; ", t.After.Select(a => a.Text))),
                Documentation = Documentation(t.Citations.Concat(t.After.Select(a => a.Provenance))),
                Resource = new ResourceReference(url),
            });
        }
        foreach (var w in r.Withheld)
            add(new ServiceRequest
            {
                Meta = RoleTag("withheld-test"),
                Status = RequestStatus.Draft,
                Intent = RequestIntent.Proposal,
                DoNotPerform = true,
                Subject = subject,
                Code = new CodeableConcept { Text = w.Name },
                ReasonCode = [new CodeableConcept { Text = w.Reason + Cite(w.Provenance) }],
            }, "withheld-test");
        add(group, "recommendations");
        add(CarePlan(), "management");
    }

    private CarePlan CarePlan()
    {
        var plan = new CarePlan
        {
            Meta = RoleTag("management"),
            Status = RequestStatus.Draft,
            Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Proposal,
            Subject = subject,
            Title = "Management to consider",
            Description = Core.Inference.Assessment.Caveat,
        };
        foreach (var u in r.Plan.Urgent) plan.Activity.Add(Activity($"{u.Urgency} ({u.DiagnosisName}): ", u.Item));
        foreach (var d in r.Plan.Diagnoses)
            foreach (var item in d.Treatment) plan.Activity.Add(Activity($"{d.Name}: ", item));
        foreach (var item in r.Plan.General) plan.Activity.Add(Activity("", item));
        return plan;
    }

    private Hl7.Fhir.Model.CarePlan.ActivityComponent Activity(string prefix, ManagementItem item) => new()
    {
        Detail = new Hl7.Fhir.Model.CarePlan.DetailComponent
        {
            Status = Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.NotStarted,
            Description = prefix + item.Text + (item.Level.Length > 0 ? $" (evidence: {item.Level})" : "") + Cite(item.Provenance),
        },
    };

    private List<Annotation> Notes(RecommendedTest t)
    {
        var notes = t.After.Select(a => new Annotation { Text = new Markdown(Sentence(a.Text) + Cite(a.Provenance)) }).ToList();
        if (t.Note is { } n) notes.Add(new Annotation { Text = new Markdown(n) });
        return notes;
    }

    private static string Sentence(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private string Cite(Provenance p) => r.Cite(p) is { Length: > 0 } c ? " " + c : "";

    /// <summary>The numbered references behind an action, as citations a receiving system can show.</summary>
    private List<RelatedArtifact> Documentation(IEnumerable<Provenance> provenance) =>
        provenance.Where(p => p.SourceId is not null).Select(p => p.SourceId!).Distinct()
            .Select(id => r.References.FirstOrDefault(x => x.SourceId == id))
            .Where(x => x is not null)
            .Select(x => new RelatedArtifact { Type = RelatedArtifact.RelatedArtifactType.Citation, Label = $"[{x!.Number}]", Citation = new Markdown(x.Citation) })
            .ToList();
}
