using System.Globalization;
using Hl7.Fhir.Model;
using MyeloDx.Core.Inference;
using static MyeloDx.Fhir.FhirCodes;

namespace MyeloDx.Fhir;

/// <summary>The assessment: the myelopathy problem, the differential as a RiskAssessment, the ClinicalImpression and the written report.</summary>
public sealed partial class FhirExporter
{
    private sealed partial class Writer
    {
        // ---------- the assessment ----------

        private void AssessmentResources(Assessment a)
        {
            var problem = new Condition
            {
                Meta = RoleTag("myelopathy"),
                Category = [new CodeableConcept(ConditionCategory, "problem-list-item")],
                ClinicalStatus = new CodeableConcept(ConditionClinical, "active"),
                VerificationStatus = new CodeableConcept(ConditionVerification, "provisional"),
                Code = Code("myelopathy", "New spinal cord dysfunction (myelopathy) in a patient with cancer"),
                Subject = Subject,
            };
            if (_exam.Count > 0) problem.Evidence = [new Condition.EvidenceComponent { Detail = _exam.ToList() }];
            var problemUrl = Add(problem, "myelopathy", caseData: false);

            var method = $"MyeloDx Bayesian differential (knowledge base {a.KnowledgeVersion}, prior context {a.PriorContext})";
            var probs = AssessmentJson.Differential(a);
            var risk = new RiskAssessment
            {
                Meta = RoleTag("differential"),
                Status = ObservationStatus.Final,
                Subject = Subject,
                Occurrence = new FhirDateTime(now),
                Condition = new ResourceReference(problemUrl),
                Method = new CodeableConcept { Text = method },
                Basis = _caseData.ToList(),
                Note = [new Annotation { Text = new Markdown(Assessment.Caveat) }],
            };
            for (var i = 0; i < a.Differential.Count; i++)
            {
                var d = a.Differential[i];
                risk.Prediction.Add(new RiskAssessment.PredictionComponent
                {
                    Outcome = new CodeableConcept(Diagnosis, d.Id, d.Name) { Text = d.Name },
                    Probability = new FhirDecimal((decimal)Math.Round(probs[i].Probability, 6)),
                    Rationale = Rationale(d),
                });
            }
            var riskUrl = Add(risk, "differential", caseData: false);

            var lead = a.Leading;
            var impression = new ClinicalImpression
            {
                Meta = RoleTag("impression"),
                Status = ClinicalImpression.ClinicalImpressionStatus.Completed,
                Subject = Subject,
                Date = now.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
                Description = "MyeloDx differential diagnosis of new spinal cord dysfunction in a patient with cancer",
                Problem = [new ResourceReference(problemUrl)],
                Investigation = [new ClinicalImpression.InvestigationComponent { Code = new CodeableConcept { Text = "Case data weighed by MyeloDx" }, Item = _investigations.ToList() }],
                Summary = $"{lead.Name} ranks first ({ProbabilityText.Percent(lead.Probability)})" +
                          (a.Differential.Count > 1 ? $", then {a.Differential[1].Name} ({ProbabilityText.Percent(a.Differential[1].Probability)})" : "") + ". " + Assessment.Caveat,
                PrognosisReference = [new ResourceReference(riskUrl)],
                Note = [new Annotation { Text = new Markdown(Assessment.Caveat) }],
            };
            foreach (var d in a.Differential.Take(4))
                impression.Finding.Add(new ClinicalImpression.FindingComponent
                {
                    ItemCodeableConcept = new CodeableConcept(Diagnosis, d.Id, d.Name) { Text = d.Name },
                    Basis = $"{ProbabilityText.Percent(d.Probability)}. {Rationale(d)}",
                });
            var impressionUrl = Add(impression, "impression", caseData: false);

            if (report is not null)
                Add(new DiagnosticReport
                {
                    Meta = RoleTag("written-report"),
                    Status = DiagnosticReport.DiagnosticReportStatus.Final,
                    Code = Code("report", report.Title),
                    Subject = Subject,
                    Issued = now,
                    Conclusion = $"{lead.Name} ranks first ({ProbabilityText.Percent(lead.Probability)}). {Assessment.Caveat}",
                    PresentedForm = [new Attachment { ContentType = report.ContentType, Data = report.Content, Title = report.Title, Creation = now.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture) }],
                    // R4 has no element linking a DiagnosticReport to a ClinicalImpression: the core workflow extension does
                    Extension = [new Extension("http://hl7.org/fhir/StructureDefinition/workflow-supportingInfo", new ResourceReference(impressionUrl))],
                }, "written-report", caseData: false);
        }


        private static string Rationale(RankedDiagnosis d)
        {
            static string F(Contribution x) => $"{x.Finding} (LR {x.LikelihoodRatio.ToString("0.##", CultureInfo.InvariantCulture)}{(x.Estimate ? ", estimate" : x.SourceId is null ? "" : ", " + x.SourceId)})";
            var parts = new List<string>();
            if (d.Supporting.Count > 0) parts.Add("For: " + string.Join("; ", d.Supporting.Take(3).Select(F)));
            if (d.Opposing.Count > 0) parts.Add("Against: " + string.Join("; ", d.Opposing.Take(3).Select(F)));
            return parts.Count == 0 ? "No recorded finding moves it; prior only." : string.Join(". ", parts) + ".";
        }
    }
}
