using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Scores;
using MyeloDx.Core.Tests.TestSupport;

namespace MyeloDx.Core.Tests.Scores;

public class ScoresTests
{
    private static Case Legs(double? right, double? left, bool? walks = null, bool? sensoryLoss = null, bool? bladder = null, string? syndrome = null) => new()
    {
        Presentation = new Presentation
        {
            Motor = new MotorExam { RightLeg = right, LeftLeg = left },
            Ambulatory = walks, SensoryLoss = sensoryLoss, BladderDysfunction = bladder, Syndrome = syndrome,
        },
    };

    [Fact]
    public void MRC_grades_are_described_and_summed_over_the_examined_limbs()
    {
        var s = MotorScores.Mrc(Repo.Demo);
        Assert.Equal("4/10", s.Value);
        Assert.Contains("left leg 1/5 (flicker or trace of contraction)", s.Summary);
        Assert.Contains("right arm grade", s.Missing);
        Assert.Equal("active movement against gravity and resistance (between 4 and 5)", MotorScores.Meaning(4.5));
    }

    [Theory]
    [InlineData(5.0, 5.0, true, false, false, null, "E")]
    [InlineData(4.0, 4.0, true, null, null, null, "D")]
    [InlineData(3.0, 1.0, false, null, null, null, "C")]
    [InlineData(3.0, 1.0, null, null, null, "paraplegia", "C")]
    [InlineData(3.0, 2.0, null, null, null, null, "C or D")]
    [InlineData(0.0, 0.0, null, false, null, null, "B")]
    [InlineData(0.0, 0.0, null, true, null, null, "A or B")]
    public void Frankel_grade_follows_strength_walking_and_sensation(double r, double l, bool? walks, bool? sens, bool? bladder, string? syn, string grade) =>
        Assert.Equal(grade, MotorScores.Frankel(Legs(r, l, walks, sens, bladder, syn)).Value);

    [Fact]
    public void Frankel_says_what_is_missing_when_walking_is_not_recorded() =>
        Assert.Contains("whether the patient walks", MotorScores.Frankel(Legs(3, 2)).Missing);

    [Theory]
    [InlineData(0.0, 0.0, "A or B")]
    [InlineData(2.0, 1.0, "C")]
    [InlineData(4.0, 3.0, "D")]
    [InlineData(3.0, 1.0, "C or D")]
    public void ASIA_grade_is_the_range_the_case_allows(double r, double l, string grade)
    {
        var s = MotorScores.Asia(Legs(r, l));
        Assert.Equal(grade, s.Value);
        Assert.Contains("S4-S5 sensation", s.Missing);
    }

    [Fact]
    public void No_leg_grades_means_no_Frankel_or_ASIA_grade() =>
        Assert.Null(MotorScores.Asia(new Case()).Value);

    [Theory]
    [InlineData(0, 90, 100, 100, 100)]
    [InlineData(1, 70, 80, 80, 90)]
    [InlineData(2, 50, 60, 70, 70)]
    [InlineData(3, 30, 40, 50, 60)]
    public void ECOG_maps_to_KPS_by_both_published_tables(int ecog, int convLo, int convHi, int empLo, int empHi)
    {
        Assert.Equal((convLo, convHi), PerformanceStatus.ConventionalKps(ecog));
        Assert.Equal((empLo, empHi), PerformanceStatus.EmpiricalKps(ecog));
    }

    [Theory]
    [InlineData(100, 0, 0)]
    [InlineData(80, 1, 1)]
    [InlineData(70, 1, 2)]
    [InlineData(60, 2, 3)]
    [InlineData(0, 5, 5)]
    public void KPS_maps_back_to_ECOG_and_the_mappings_can_disagree(int kps, int conventional, int empirical)
    {
        Assert.Equal(conventional, PerformanceStatus.ConventionalEcog(kps));
        Assert.Equal(empirical, PerformanceStatus.EmpiricalEcog(kps));
    }

    [Fact]
    public void The_performance_summary_names_the_mapping_used()
    {
        var s = PerformanceStatus.Assess(new Case { Patient = new Patient { Ecog = 1 } });
        Assert.Contains("conventional table (MyelomaCI-table, used here)", s.Summary);
        Assert.Contains("Prasad2018", s.Summary);
    }

    [Fact]
    public void The_demo_breast_GPA_is_a_range_because_KPS_is_missing()
    {
        var s = BreastGpa.Assess(Repo.Demo);
        Assert.Equal("2.5-4", s.Value); // luminal B 2.0 + age <60 0.5 + KPS 0..1.5
        Assert.Contains("15.1-25.3 months", s.Summary);
        Assert.Contains("KPS (or ECOG)", s.Missing);
        Assert.Contains("extrapolation", s.Summary);
    }

    [Theory]
    [InlineData(90, 35, true, true, "4")]     // 1.5 + 2.0 + 0.5
    [InlineData(60, 65, false, true, "2")]    // 0.5 + 1.5 (HER2) + 0
    [InlineData(50, 70, false, false, "0")]   // basal, KPS ≤50, age ≥60
    [InlineData(80, 50, true, false, "2.5")]  // 1.0 + 1.0 (luminal A) + 0.5
    public void Breast_GPA_adds_the_published_points(int kps, double age, bool hr, bool her2, string gpa)
    {
        var c = new Case
        {
            Patient = new Patient { AgeYears = age, Kps = kps },
            Cancer = new Cancer { PrimarySite = "breast", Receptors = new Receptors { EstrogenPositive = hr, ProgesteronePositive = hr, Her2Positive = her2 } },
        };
        Assert.Equal(gpa, BreastGpa.Assess(c).Value);
    }

    [Fact]
    public void Breast_GPA_from_ECOG_uses_the_conventional_KPS_range()
    {
        var c = Repo.Demo with { Patient = Repo.Demo.Patient! with { Ecog = 2 } };
        Assert.Equal("2.5-3", BreastGpa.Assess(c).Value); // KPS 50-60 → 0 or 0.5
    }

    [Fact]
    public void Breast_GPA_does_not_apply_to_other_primaries() =>
        Assert.Null(BreastGpa.Assess(new Case { Cancer = new Cancer { PrimarySite = "lung" } }).Value);

    [Theory]
    [InlineData("{\"patient\":{\"ecog\":6}}", "case.patient.ecog")]
    [InlineData("{\"patient\":{\"kps\":85}}", "case.patient.kps")]
    [InlineData("{\"patient\":{\"kps\":110}}", "case.patient.kps")]
    public void Impossible_performance_values_are_refused(string json, string where)
    {
        var e = Assert.Throws<InputException>(() => CaseJson.Parse(json));
        Assert.Equal("MDX-IN003", e.Code);
        Assert.Equal(where, e.Where);
    }

    [Fact]
    public void Performance_fields_are_camel_case_in_JSON()
    {
        var c = CaseJson.Parse("{\"patient\":{\"ecog\":1,\"kps\":80}}");
        Assert.Equal(1, c.Patient!.Ecog);
        Assert.Contains("\"kps\": 80", CaseJson.Write(c));
    }

    [Fact]
    public void Every_score_source_is_defined_in_sources_yaml()
    {
        foreach (var s in CaseScores.All(Repo.Demo).SelectMany(s => s.Sources))
            Assert.True(Repo.Kb.Sources.ContainsKey(s), $"{s} missing from sources.yaml");
    }

    [Fact]
    public void The_assessment_JSON_carries_radiotherapy_and_scores_sections()
    {
        var input = Repo.Service.FromCase(Repo.Demo);
        var json = System.Text.Json.Nodes.JsonNode.Parse(MyeloDx.Core.Contract.ContractJson.Write(Repo.Service.Document(input, Repo.Service.Assess(input))))!.AsObject();
        Assert.Equal("outside", (string?)json["radiotherapy"]!["courses"]![0]!["relation"]);
        Assert.Equal(0.15, (double)json["radiotherapy"]!["cumulative"]!["cordEqd2Gy"]!, 2);
        Assert.Equal("C", (string?)json["scores"]!["frankel"]!["value"]);
        Assert.Equal("2.5-4", (string?)json["scores"]!["breastGpa"]!["value"]);
    }
}
