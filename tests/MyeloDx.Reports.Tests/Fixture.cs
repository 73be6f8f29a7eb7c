using System.Text.Json.Nodes;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Reports.Tests;

/// <summary>Inputs for report tests: a tiny fictional knowledge base (stable goldens) and the real one (the demo).</summary>
internal static class Fixture
{
    public static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 0, TimeSpan.Zero);

    public static ReportBuilder Builder => new(new FakeTimeProvider(Now));

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static readonly Lazy<KnowledgeBase> Test = new(() => KnowledgeLoader.Load(Data("knowledge")));

    public static KnowledgeBase TestKnowledge => Test.Value;

    private static readonly Lazy<AssessmentService> Real = new(() =>
        AssessmentService.CreateDefault(KnowledgeLoader.Load(AssessmentService.DefaultKnowledgeFolder())));

    public static AssessmentService RealService => Real.Value;

    public static Case LoadCase(string file) => CaseJson.Parse(File.ReadAllText(Data(file)), file);

    /// <summary>The golden case's findings, stated by hand in the test knowledge base's terms.</summary>
    public static IReadOnlyList<Observation> GoldenObservations =>
    [
        new("age_years", null, 52, "patient.ageYears"),
        new("compartment", "intramedullary", null, "imaging.compartment"),
        new("brain_metastases", "present", null, "cancer.metastaticSites"),
        new("cord_rt_exposure", "outside_field", null, "treatments.radiotherapy[0]"),
        new("fever", "absent", null, "presentation.fever"),
    ];

    public static IReadOnlyList<Observation> EpiduralObservations =>
    [
        new("age_years", null, 67, "patient.ageYears"),
        new("compartment", "epidural", null, "imaging.compartment"),
        new("fever", "absent", null, "presentation.fever"),
    ];

    /// <summary>
    /// Sections as the radiotherapy, scores, next-test and management features write them into the JSON assessment
    /// (small copies of their shapes, every required member present), plus one section in a shape the records do not
    /// know ("whatIf" as another build might have written it), which reaches the report unbound.
    /// </summary>
    public static JsonObject AugmenterSections() => JsonNode.Parse("""
        {
          "radiotherapy": {
            "status": "the affected cord lay outside every radiotherapy field",
            "lesion": "T9-T10",
            "alphaBetaGy": 2,
            "alphaBetaSource": "SrcB",
            "courses": [
              { "index": 0, "target": "whole brain", "relation": "outside", "stated": true, "usesStatedCordDose": false, "prescription": { "physicalDoseGy": 20, "fractions": 5, "dosePerFractionGy": 4,
                  "atAlphaBeta": [ { "alphaBetaGy": 2, "bedGy": 60, "eqd2Gy": 30 } ] },
                "reason": "the affected levels lie far below the whole-brain field", "cordEqd2Gy": 0.1, "monthsBeforeOnset": 5, "warnings": [] }
            ],
            "cumulative": { "cordEqd2Gy": 0.1, "cordBedGy": 0.2, "complete": true },
            "intervals": [],
            "risk": [ { "rule": "dose_response", "summary": "negligible myelopathy risk at this cord dose", "source": "SrcB" } ]
          },
          "scores": {
            "mrc": { "name": "MRC muscle grades", "value": "7/10", "summary": "right leg 4/5; left leg 3/5", "missing": ["arm grades"], "sources": ["SrcA"] },
            "frankel": { "name": "Frankel grade", "value": "D", "summary": "useful motor function" }
          },
          "diagnosticUncertaintyBits": 0.71,
          "nextTests": [
            { "id": "neuraxis_mri", "name": "Contrast MRI of the whole neuraxis", "expectedInformationGainBits": 0.62, "probabilityLeaderChanges": 0.12,
              "invasiveness": "low", "turnaroundDays": 1, "source": "SrcC", %TEST%, "after": [],
              "resultsThatChangeRanking": [ { "label": "Enhancement of the nerve roots", "probability": 0.1, "leadingAfter": "leptomeningeal_metastasis",
                "changesLeader": true, "moves": [ { "id": "leptomeningeal_metastasis", "from": 0.08, "to": 0.6 }, { "id": "intramedullary_metastasis", "from": 0.87, "to": 0.38 } ] } ] },
            { "id": "csf_cytology_repeat", "name": "Repeat CSF cytology", "expectedInformationGainBits": 0.41, "probabilityLeaderChanges": 0.05, "invasiveness": "moderate", "turnaroundDays": 2, %TEST%,
              "after": [ { "text": "after the MRI of the spine has been done and read", "test": "neuraxis_mri", "source": "SrcC", "citation": "[3]" },
                         { "text": "after a platelet count (at least 50 x 10^9/L)", "test": null, "source": "SrcA", "citation": "[1]" } ],
              "resultsThatChangeRanking": [] },
            { "id": "b12", "name": "Serum vitamin B12", "expectedInformationGainBits": 0, "probabilityLeaderChanges": 0, "invasiveness": "minimal", "turnaroundDays": 1, %TEST%, "after": [], "resultsThatChangeRanking": [] }
          ],
          "management": {
            "urgent": [ { "diagnosis": "intramedullary_metastasis", "text": "Corticosteroids while treatment is planned", "source": "SrcC", %ITEM% } ],
            "diagnoses": [ { "id": "intramedullary_metastasis", "name": "Intramedullary spinal cord metastasis", "probability": 0.87,
              "treatment": [ { "text": "Radiotherapy to the lesion", "source": "SrcA", %ITEM% }, { "text": "Surgery in selected cases", "estimate": true, "reason": "no trial", %ITEM% } ],
              "prognosis": [ { "text": "Survival is usually short", "source": "SrcB", %ITEM% } ] } ],
            "general": [ { "text": "Grade the deficit before treatment", "source": "SrcA", %ITEM% } ]
          },
          "sensitivity": { "leading": "intramedullary_metastasis", "runnerUp": "leptomeningeal_metastasis", "marginFactor": 10.9,
            "priors": [ { "diagnosis": "intramedullary_metastasis", "prior": 0.2, "priorTo": 0.02 } ],
            "likelihoods": [ { "finding": "compartment", "label": "Where the spinal lesion lies: inside the cord", "competitor": "leptomeningeal_metastasis",
              "leaderLikelihood": 0.6, "competitorLikelihood": 0.1, "likelihoodRatio": 6, "factorToChangeLeader": 1.8, "leaderWithoutIt": "leptomeningeal_metastasis" } ] },
          "whatIf": { "changed": "none" }
        }
        """.Replace("%TEST%", TestMembers).Replace("%ITEM%", ItemMembers))!.AsObject();

    /// <summary>Required members of a next test that the reports do not print.</summary>
    private const string TestMembers = """
        "category": "imaging", "invasivenessLevel": 1, "valueScore": 0.5, "cost": "low", "reveals": [], "exact": true, "keyResults": [],
        "estimate": false, "rank": 1, "citations": []
        """;

    /// <summary>Required members of a management statement that the reports do not print.</summary>
    private const string ItemMembers = "\"level\": \"B\", \"citation\": \"\"";

    /// <summary>
    /// A report input whose document is read from JSON as a stored assessment is (<see cref="StoredAssessment"/>): the
    /// core from the engine, the sections above (unless <paramref name="withSections"/> is false), then
    /// <paramref name="change"/> for a test that needs another shape.
    /// </summary>
    public static ReportInput Input(string caseFile, IReadOnlyList<Observation> observations, bool withSections = true, Action<JsonObject>? change = null)
    {
        var kb = TestKnowledge;
        var c = LoadCase(caseFile);
        var a = new DiagnosticEngine(kb).Assess(observations);
        var json = JsonNode.Parse(ContractJson.Write(AssessmentJson.Full(a)))!.AsObject();
        if (withSections)
            foreach (var (k, v) in AugmenterSections()) json[k] = v?.DeepClone();
        change?.Invoke(json);
        var stored = StoredAssessment.Read(json.ToJsonString());
        return new ReportInput(new CaseInput(c, observations, [], "structured"), a, kb, stored.Document) { Unbound = stored.Unbound };
    }

    public static ReportInput Golden(bool withSections = true, Action<JsonObject>? change = null) => Input("golden-case.json", GoldenObservations, withSections, change);

    public static ReportInput Epidural() => Input("epidural-case.json", EpiduralObservations);

    /// <summary>The demo (seed) case through the real knowledge base and the default composition, as the CLI does it.</summary>
    public static ReportInput Demo(Case? c = null)
    {
        var svc = RealService;
        var input = svc.FromCase(c ?? LoadCase("seed-case.json"));
        var a = svc.Assess(input);
        return new ReportInput(input, a, svc.Knowledge, svc.Document(input, a));
    }
}
