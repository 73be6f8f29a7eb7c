using MyeloDx.Core.Decisions;

namespace MyeloDx.Core.Tests.Decisions;

public sealed class ManagementPlanTests
{
    private static ManagementPlan Plan(string sample, string? context = null)
    {
        var input = DecisionFixtures.Sample(sample);
        return DecisionFixtures.Support.Plan(DecisionFixtures.Service.Assess(input, context));
    }

    [Fact]
    public void When_epidural_compression_leads_its_emergency_actions_come_first()
    {
        var plan = Plan("vignette-epidural-compression.json");
        Assert.NotEmpty(plan.Urgent);
        var first = plan.Urgent[0];
        Assert.Equal("epidural_cord_compression", first.DiagnosisId);
        Assert.Equal(Urgency.Emergency, first.Urgency);
        Assert.Contains("dexamethasone", first.Item.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(plan.Urgent, u => u.Item.Text.Contains("surgeon", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("epidural_cord_compression", plan.Diagnoses[0].DiagnosisId);
        Assert.NotEmpty(plan.Diagnoses[0].Prognosis);
    }

    [Fact]
    public void Emergencies_are_listed_before_merely_urgent_actions()
    {
        var plan = Plan("vignette-suspected-compression-before-mri.json");
        var order = plan.Urgent.Select(u => (int)u.Urgency).ToArray();
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void An_MRI_is_urged_only_while_the_spine_has_not_been_imaged()
    {
        static bool AsksForMri(ManagementPlan p) => p.Urgent.Any(u => u.Item.UnlessKnown.Contains("compartment"));
        Assert.True(AsksForMri(Plan("vignette-suspected-compression-before-mri.json", "cancer_clinic")));
        Assert.False(AsksForMri(Plan("vignette-epidural-compression.json")));
    }

    [Fact]
    public void On_the_demo_case_there_is_no_cord_compression_emergency_and_breast_specific_items_apply()
    {
        var plan = Plan("seed-case.json");
        Assert.DoesNotContain(plan.Urgent, u => u.DiagnosisId == "epidural_cord_compression");
        var imscm = plan.Diagnoses.Single(d => d.DiagnosisId == "intramedullary_metastasis");
        Assert.Contains(imscm.Scores, s => s.Provenance.SourceId == "Sperduto2012"); // breast GPA: breast cancer with brain metastases
        Assert.NotEmpty(imscm.Treatment);
    }

    [Fact]
    public void A_case_specific_item_is_left_out_when_the_case_does_not_match()
    {
        var plan = Plan("vignette-lm-vs-imscm.json"); // lung cancer
        Assert.All(plan.Diagnoses.SelectMany(d => d.Scores), s => Assert.NotEqual("Sperduto2012", s.Provenance.SourceId));
        Assert.All(plan.Diagnoses.SelectMany(d => d.Prognosis), s => Assert.NotEqual("Morikawa2017", s.Provenance.SourceId));
    }
}
