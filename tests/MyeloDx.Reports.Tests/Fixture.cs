using System.Text.Json.Nodes;
using MyeloDx.Core.Cases;
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
    /// Sections as the radiotherapy, scores, next-test and management features add them to the JSON assessment
    /// (trimmed copies of their shapes), plus one section no report code knows ("whatIf").
    /// </summary>
    public static JsonObject AugmenterSections() => JsonNode.Parse("""
        {
          "radiotherapy": {
            "status": "the affected cord lay outside every radiotherapy field",
            "lesion": "T9-T10",
            "alphaBetaGy": 2,
            "alphaBetaSource": "SrcB",
            "courses": [
              { "target": "whole brain", "prescription": { "physicalDoseGy": 20, "fractions": 5, "dosePerFractionGy": 4,
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
              "invasiveness": "low", "turnaroundDays": 1, "source": "SrcC",
              "resultsThatChangeRanking": [ { "label": "Enhancement of the nerve roots", "probability": 0.1, "leadingAfter": "leptomeningeal_metastasis",
                "changesLeader": true, "moves": [ { "id": "leptomeningeal_metastasis", "from": 0.08, "to": 0.6 }, { "id": "intramedullary_metastasis", "from": 0.87, "to": 0.38 } ] } ] },
            { "id": "csf_cytology_repeat", "name": "Repeat CSF cytology", "expectedInformationGainBits": 0.41, "probabilityLeaderChanges": 0.05, "invasiveness": "moderate", "turnaroundDays": 2 },
            { "id": "b12", "name": "Serum vitamin B12", "expectedInformationGainBits": 0, "invasiveness": "minimal" }
          ],
          "management": {
            "urgent": [ { "diagnosis": "intramedullary_metastasis", "text": "Corticosteroids while treatment is planned", "source": "SrcC" } ],
            "diagnoses": [ { "id": "intramedullary_metastasis", "name": "Intramedullary spinal cord metastasis", "probability": 0.87,
              "treatment": [ { "text": "Radiotherapy to the lesion", "source": "SrcA" }, { "text": "Surgery in selected cases", "estimate": true, "reason": "no trial" } ],
              "prognosis": [ { "text": "Survival is usually short", "source": "SrcB" } ] } ],
            "general": [ { "text": "Grade the deficit before treatment", "source": "SrcA" } ]
          },
          "sensitivity": { "leading": "intramedullary_metastasis", "runnerUp": "leptomeningeal_metastasis", "marginFactor": 10.9,
            "priors": [ { "diagnosis": "intramedullary_metastasis", "prior": 0.2, "priorTo": 0.02 } ],
            "likelihoods": [ { "label": "Where the spinal lesion lies: inside the cord", "leaderWithoutIt": "leptomeningeal_metastasis" } ] },
          "whatIf": { "changed": "none" }
        }
        """)!.AsObject();

    public static ReportInput Input(string caseFile, IReadOnlyList<Observation> observations, bool withSections = true, string? title = null)
    {
        var kb = TestKnowledge;
        var c = LoadCase(caseFile);
        var a = new DiagnosticEngine(kb).Assess(observations);
        var json = MyeloDx.Core.Contract.ContractJson.ToNode(AssessmentJson.Full(a));
        if (withSections)
            foreach (var (k, v) in AugmenterSections()) json[k] = v?.DeepClone();
        return new ReportInput(new CaseInput(c, observations, [], "structured"), a, kb, json, title);
    }

    public static ReportInput Golden(bool withSections = true) => Input("golden-case.json", GoldenObservations, withSections);

    public static ReportInput Epidural() => Input("epidural-case.json", EpiduralObservations);

    /// <summary>The demo (seed) case through the real knowledge base and the default composition, as the CLI does it.</summary>
    public static ReportInput Demo(Case? c = null)
    {
        var svc = RealService;
        var input = svc.FromCase(c ?? LoadCase("seed-case.json"));
        var a = svc.Assess(input);
        return new ReportInput(input, a, svc.Knowledge, svc.ToJson(input, a));
    }
}
