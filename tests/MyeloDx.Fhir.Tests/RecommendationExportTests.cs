using Hl7.Fhir.Model;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Services;

namespace MyeloDx.Fhir.Tests;

/// <summary>The next tests, withheld tests and management travel in the Bundle as proposals, in the same order.</summary>
public sealed class RecommendationExportTests(ValidatorFixture v) : IClassFixture<ValidatorFixture>
{
    private static readonly Lazy<DecisionSupport> Decisions = new(() =>
        DecisionSupport.Load(AssessmentService.DefaultKnowledgeFolder(), Fixture.Service.Knowledge));

    private static (Bundle Bundle, Recommendations Recommendations) Export(string file = "seed-case.json")
    {
        var c = Fixture.LoadCase(file);
        var a = Fixture.Service.Assess(c);
        var r = Decisions.Value.Recommend(Fixture.Service.FromCase(c), a);
        return (Fixture.Exporter.Export(c, a, null, recommendations: r), r);
    }

    private static List<T> All<T>(Bundle b) => b.Entry.Select(e => e.Resource).OfType<T>().ToList();

    [Fact]
    public void Next_tests_are_proposed_in_the_same_order_with_their_preconditions()
    {
        var (b, r) = Export();
        var group = Assert.Single(All<RequestGroup>(b));
        Assert.Equal(RequestIntent.Proposal, group.Intent);
        var tests = group.Action.Where(x => x.Priority is null).ToList();
        Assert.Equal(r.Tests.Select(t => t.Name), tests.Select(x => x.Title));
        foreach (var (t, action) in r.Tests.Zip(tests))
        {
            var request = All<ServiceRequest>(b).Single(s => b.Entry.Single(e => e.Resource == s).FullUrl == action.Resource!.Reference);
            Assert.Equal(t.Name, request.Code!.Text);
            Assert.Equal(RequestIntent.Proposal, request.Intent);
            Assert.Equal(t.After.Count, request.Note.Count(n => t.Note is null || n.Text != t.Note));
        }
        Assert.All(group.Action.SelectMany(x => x.Documentation), d => Assert.False(string.IsNullOrWhiteSpace(d.Citation)));
    }

    [Fact]
    public void Withheld_tests_are_marked_do_not_perform_with_the_reason()
    {
        var (b, r) = Export();
        var withheld = All<ServiceRequest>(b).Where(s => s.DoNotPerform == true).ToList();
        Assert.Equal(r.Withheld.Select(w => w.Name), withheld.Select(s => s.Code!.Text));
        Assert.All(withheld, s => Assert.False(string.IsNullOrWhiteSpace(s.ReasonCode.Single().Text)));
    }

    [Fact]
    public void Management_is_a_proposed_care_plan_that_starts_with_the_urgent_actions()
    {
        var (b, r) = Export();
        var plan = Assert.Single(All<CarePlan>(b));
        Assert.Equal(CarePlan.CarePlanIntent.Proposal, plan.Intent);
        Assert.Contains("does not replace", plan.Description, StringComparison.OrdinalIgnoreCase);
        Assert.True(plan.Activity.Count >= r.Plan.Urgent.Count + r.Plan.Diagnoses.Sum(d => d.Treatment.Count));
        for (var i = 0; i < r.Plan.Urgent.Count; i++)
            Assert.Contains(r.Plan.Urgent[i].Item.Text, plan.Activity[i].Detail!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_with_recommendations_validates_and_imports_to_the_same_case()
    {
        var (b, _) = Export();
        var errors = v.Validator.Validate(b).Where(i => i.Severity == FhirIssueSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var json = FhirJson.Serialize(b);
        var imported = FhirImporter.Import(json, "test", FhirImportPolicy.Strict);
        Assert.Equal(Fixture.Canonical(Fixture.LoadCase("seed-case.json")), Fixture.Canonical(imported.Case));
    }
}
