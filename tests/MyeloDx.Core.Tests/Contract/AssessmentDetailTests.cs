using MyeloDx.Core.Cases;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Tests.Contract;

/// <summary>
/// Issue 17's lean path: a caller that asks for part of the document (the web API's `include=`) gets only that part,
/// and the parts it did not ask for are not computed; asking for everything gives exactly the full document.
/// </summary>
public sealed class AssessmentDetailTests
{
    private static readonly Lazy<AssessmentService> Service = new(() =>
        MyeloDxPipeline.Create(new MyeloDxOptions { KnowledgeFolder = TestPaths.Knowledge, Knowledge = TestPaths.KnowledgeBase }).Service);

    private static CaseInput Seed => Service.Value.FromCase(CaseJson.Parse(File.ReadAllText(Path.Combine(TestPaths.Samples, "seed-case.json"))));

    [Fact]
    public void Everything_asked_for_is_byte_for_byte_the_full_document()
    {
        var svc = Service.Value;
        var input = Seed;
        var a = svc.Assess(input);
        Assert.Equal(ContractJson.Write(svc.Document(input, a)), ContractJson.Write(svc.Document(input, svc.Assess(input, null, AssessmentDetail.All), null, AssessmentDetail.All)));
    }

    [Fact]
    public void Nothing_optional_leaves_out_next_tests_management_sensitivity_scores_dose_and_evidence()
    {
        var svc = Service.Value;
        var input = Seed;
        var d = svc.Document(input, svc.Assess(input, null, AssessmentDetail.None), null, AssessmentDetail.None);
        Assert.Null(d.NextTests); Assert.Null(d.Management); Assert.Null(d.Sensitivity); Assert.Null(d.References);
        Assert.Null(d.Scores); Assert.Null(d.Radiotherapy); Assert.Null(d.FirstAction);
        Assert.All(d.Differential, x => { Assert.Empty(x.Supporting); Assert.Empty(x.Opposing); });
        // the differential itself is the full document's
        var full = svc.Document(input, svc.Assess(input));
        Assert.Equal(full.Differential.Select(x => (x.Id, x.Probability)), d.Differential.Select(x => (x.Id, x.Probability)));
    }

    [Fact]
    public void Decisions_alone_give_the_full_document_s_next_tests_without_sensitivity()
    {
        var svc = Service.Value;
        var input = Seed;
        var a = svc.Assess(input);
        var d = svc.Document(input, a, null, AssessmentDetail.Decisions);
        var full = svc.Document(input, a);
        Assert.Null(d.Sensitivity);
        Assert.NotNull(d.NextTests);
        Assert.Equal(ContractJson.Write(full with { Sensitivity = null, Scores = null, Radiotherapy = null }), ContractJson.Write(d));
        var s = svc.Document(input, a, null, AssessmentDetail.Sensitivity);
        Assert.Null(s.NextTests);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(full.Sensitivity, ContractJson.CompactOptions), System.Text.Json.JsonSerializer.Serialize(s.Sensitivity, ContractJson.CompactOptions));
    }

    [Theory]
    [InlineData(null, AssessmentDetail.All)]
    [InlineData("", AssessmentDetail.None)]
    [InlineData("nextTests,sensitivity", AssessmentDetail.Decisions | AssessmentDetail.Sensitivity)]
    [InlineData(" Management , EVIDENCE", AssessmentDetail.Decisions | AssessmentDetail.Evidence)]
    public void Include_names_are_read_case_insensitively(string? text, AssessmentDetail expected)
    {
        Assert.True(AssessmentDetails.TryParse(text, out var detail, out _));
        Assert.Equal(expected, detail);
    }

    [Fact]
    public void An_unknown_include_name_is_refused_and_named()
    {
        Assert.False(AssessmentDetails.TryParse("nextTests,differentials", out _, out var unknown));
        Assert.Equal("differentials", unknown);
    }
}
