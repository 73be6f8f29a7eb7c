using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Tests.Cases;

public class CaseValidationTests
{
    [Theory]
    [InlineData("""{"patient": {"ageYears": -5}}""", "case.patient.ageYears")]
    [InlineData("""{"patient": {"ageYears": 400}}""", "case.patient.ageYears")]
    [InlineData("""{"presentation": {"motor": {"leftLeg": 7}}}""", "case.presentation.motor.leftLeg")]
    [InlineData("""{"treatments": {"radiotherapy": [{"totalDoseGy": 400, "fractions": 10}]}}""", "case.treatments.radiotherapy[0].totalDoseGy")]
    [InlineData("""{"treatments": {"radiotherapy": [{"totalDoseGy": 30, "fractions": 0}]}}""", "case.treatments.radiotherapy[0].fractions")]
    [InlineData("""{"imaging": {"compartment": "sideways"}}""", "case.imaging.compartment")]
    [InlineData("""{"presentation": {"onsetTempo": "eventually"}}""", "case.presentation.onsetTempo")]
    [InlineData("""{"imaging": {"levels": "somewhere"}}""", "case.imaging.levels")]
    // a null inside a list or a map is a hole in the input, refused the same way
    [InlineData("""{"treatments": {"radiotherapy": [{"totalDoseGy": 30, "fractions": 10}, null]}}""", "case.treatments.radiotherapy[1]")]
    [InlineData("""{"treatments": {"systemic": [null]}}""", "case.treatments.systemic[0]")]
    [InlineData("""{"cancer": {"primarySite": "breast", "metastaticSites": ["bone", null]}}""", "case.cancer.metastaticSites[1]")]
    [InlineData("""{"labs": {"antibodies": {"aqp4": null}}}""", "case.labs.antibodies.aqp4")]
    public void Impossible_or_missing_values_are_refused_naming_the_field(string json, string where)
    {
        var e = Assert.Throws<InputException>(() => CaseJson.Parse(json));
        Assert.Equal("MDX-IN003", e.Code);
        Assert.Equal(where, e.Where);
    }

    [Fact]
    public void A_finding_given_as_null_is_refused_after_its_id_is_checked()
    {
        var deriver = new FindingDeriver(TestPaths.KnowledgeBase);
        var known = Assert.Throws<InputException>(() => deriver.Derive(CaseJson.Parse("""{"findings": {"back_pain": null}}""")));
        Assert.Equal(("MDX-IN022", "case.findings.back_pain"), (known.Code, known.Where));
        var unknown = Assert.Throws<InputException>(() => deriver.Derive(CaseJson.Parse("""{"findings": {"no_such_finding": null}}""")));
        Assert.Equal("MDX-IN021", unknown.Code);
    }

    [Fact]
    public void Unknown_field_is_refused_not_ignored()
    {
        var e = Assert.Throws<InputException>(() => CaseJson.Parse("""{"patient": {"agee": 40}}"""));
        Assert.Equal("MDX-IN001", e.Code);
        Assert.Contains("patient", e.Where);
    }

    [Fact]
    public void Malformed_json_is_refused()
    {
        var e = Assert.Throws<InputException>(() => CaseJson.Parse("""{"patient": {"ageYears": 35,"""));
        Assert.Equal("MDX-IN001", e.Code);
    }

    [Fact]
    public void Seed_case_round_trips_through_json()
    {
        var c = CaseJson.Parse(File.ReadAllText(Path.Combine(TestPaths.Samples, "seed-case.json")));
        var again = CaseJson.Parse(CaseJson.Write(c));
        Assert.Equal(CaseJson.Write(c), CaseJson.Write(again));
        Assert.Equal(35, again.Patient!.AgeYears);
    }

    [Fact]
    public void Stated_absent_differs_from_unknown()
    {
        var svc = TestPaths.Service;
        var unknown = svc.FromCase(CaseJson.Parse("""{"imaging": {}}"""));
        var absent = svc.FromCase(CaseJson.Parse("""{"imaging": {"flowVoids": false}}"""));
        Assert.DoesNotContain(unknown.Observations, o => o.VariableId == "flow_voids");
        Assert.Contains(absent.Observations, o => o.VariableId == "flow_voids" && o.State == "absent");
    }

    [Fact]
    public void Whole_brain_field_does_not_reach_the_conus()
    {
        var svc = TestPaths.Service;
        var c = svc.FromCase(CaseJson.Parse("""{"treatments": {"radiotherapy": [{"target": "whole brain", "totalDoseGy": 30, "fractions": 10}]}, "imaging": {"levels": "T12-L1"}}"""));
        Assert.Contains(c.Observations, o => o.VariableId == "cord_rt_exposure" && o.State == "outside_field");
    }
}
