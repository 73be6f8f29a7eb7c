using System.Text;
using Hl7.Fhir.Model;
using MyeloDx.Core.Cases;
using static MyeloDx.Fhir.FhirCodes;

namespace MyeloDx.Fhir;

/// <summary>Reading Conditions, Procedures, MedicationStatements, DiagnosticReports and DocumentReferences into the case.</summary>
public static partial class FhirImporter
{
    private sealed partial class Reader
    {
        // ---------- conditions, procedures, medications ----------

        private void ReadCondition(Condition c, string at)
        {
            var role = RoleOf(c);
            var sct = CodeIn(c.Code, Snomed);
            if (role == "myelopathy") { Note("MDX-FH102", at, "the myelopathy problem is MyeloDx output; not read"); return; }
            if (role == "metastasis" || (role is null && sct == SctSecondaryMalignancy))
            {
                var site = c.BodySite.FirstOrDefault() is { } bs ? bs.Text ?? bs.Coding.FirstOrDefault()?.Display : null;
                site ??= c.Code?.Text;
                if (string.IsNullOrWhiteSpace(site)) { Note("MDX-FH101", at, "metastasis without a body site"); return; }
                (_metastases ??= []).Add(site);
                return;
            }
            if (role == "primary-cancer" || (role is null && LooksLikeCancer(c)))
            {
                if (_primarySeen) { Note("MDX-FH103", at, "a second primary cancer is not mapped; MyeloDx keeps one"); return; }
                _primarySeen = true;
                var site = c.BodySite.FirstOrDefault() is { } bs ? bs.Text ?? bs.Coding.FirstOrDefault()?.Display : null;
                if (site is null && role is null) site = c.Code?.Text ?? c.Code?.Coding.FirstOrDefault()?.Display;
                var histology = c.GetExtension(ExtHistology)?.Value is CodeableConcept h ? h.Text ?? h.Coding.FirstOrDefault()?.Display : null;
                int? grade = c.GetExtension(ExtTumourGrade)?.Value is Integer g ? g.Value : null;
                var status = c.GetExtension(ExtCancerStatus)?.Value is Code sc ? sc.Value : null;
                status ??= role is null ? CodeIn(c.ClinicalStatus, ConditionClinical) switch { "active" or "recurrence" or "relapse" => "active", "remission" => "remission", _ => null } : null;
                _cancer = (_cancer ?? new()) with
                {
                    PrimarySite = site,
                    Histology = histology,
                    Grade = grade,
                    Stage = c.Stage.FirstOrDefault()?.Summary?.Text,
                    Status = status,
                    MonthsSinceDiagnosis = MonthsBefore(c.Extension, at),
                };
                return;
            }
            Note("MDX-FH101", at, "Condition not mapped: neither a cancer nor a metastasis MyeloDx recognises");
        }

        private static bool LooksLikeCancer(Condition c)
        {
            var sct = CodeIn(c.Code, Snomed);
            if (sct is SctMalignantNeoplasm or SctBreastCancer) return true;
            var text = (c.Code?.Text ?? c.Code?.Coding.FirstOrDefault()?.Display ?? "").ToLowerInvariant();
            return new[] { "cancer", "carcinoma", "malignant", "lymphoma", "melanoma", "myeloma", "leukaemia", "leukemia", "sarcoma" }.Any(text.Contains);
        }

        private void ReadProcedure(Procedure p, string at)
        {
            var role = RoleOf(p);
            if (role == "radiotherapy-course" || CodeIn(p.Code, Snomed) == SctRadiotherapyCourse)
            {
                var dose = p.GetExtension(ExtDoseDelivered);
                double? total = dose?.GetExtension("totalDoseDelivered")?.Value is Quantity q && q.Value is { } d ? Convert(q, (double)d, "Gy", at, "totalDoseDelivered") : null;
                int? fractions = dose?.GetExtension("fractionsDelivered")?.Value switch { UnsignedInt u => u.Value, PositiveInt pi => pi.Value, Integer i => i.Value, _ => null };
                (_rt ??= []).Add(new RadiotherapyCourse
                {
                    Target = p.BodySite.FirstOrDefault() is { } bs ? bs.Text ?? bs.Coding.FirstOrDefault()?.Display : null,
                    Levels = p.GetExtension(ExtVertebralLevels)?.Value is FhirString lv ? lv.Value : null,
                    CordInField = p.GetExtension(ExtCordInField)?.Value is FhirBoolean fb ? fb.Value : null,
                    TotalDoseGy = total,
                    Fractions = fractions,
                    Technique = p.GetExtension(ExtTechnique)?.Value is Code tc ? tc.Value : null,
                    MonthsBeforeOnset = MonthsBefore(p.Extension, at),
                    CordMaxDoseGy = p.GetExtension(ExtCordMaxDose)?.Value is Quantity cq && cq.Value is { } cd ? Convert(cq, (double)cd, "Gy", at, "cordMaxDose") : null,
                });
                return;
            }
            if (role == "surgery" || PathOf(p.Code) == "treatments.surgery")
            {
                var what = p.Code?.Text ?? p.Code?.Coding.FirstOrDefault(c => c.System != CaseElement)?.Display;
                if (what is null) { Note("MDX-FH101", at, "surgery without a description"); return; }
                (_surgery ??= []).Add(what);
                return;
            }
            Note("MDX-FH101", at, "Procedure not mapped: neither a radiotherapy course nor past surgery MyeloDx recognises");
        }

        private void ReadDrug(MedicationStatement m)
        {
            string? name = m.Medication is CodeableConcept cc ? cc.Text ?? cc.Coding.FirstOrDefault()?.Display : null;
            bool? ongoing = m.Status switch
            {
                MedicationStatement.MedicationStatusCodes.Active or MedicationStatement.MedicationStatusCodes.Intended => true,
                MedicationStatement.MedicationStatusCodes.Completed or MedicationStatement.MedicationStatusCodes.Stopped => false,
                _ => null,
            };
            (_drugs ??= []).Add(new Drug
            {
                Name = name,
                Class = CodeIn(m.Category, DrugClass),
                MonthsBeforeOnset = MonthsBefore(m.Extension, "MedicationStatement"),
                Ongoing = ongoing,
            });
        }

        private void ReadReport(DiagnosticReport d, string at)
        {
            var role = RoleOf(d);
            var path = PathOf(d.Code);
            if (role == "csf-report" || path == "labs.csf") { _csf ??= new(); return; }
            if (role == "mri-report" || path == "imaging") { _imaging ??= new(); return; }
            if (role == "written-report") { Note("MDX-FH102", at, "the written report is MyeloDx output; not read"); return; }
            Note("MDX-FH100", at, "DiagnosticReport not mapped as a whole (its result Observations are read one by one)");
        }

        private void ReadDocument(DocumentReference d, string at)
        {
            var att = d.Content.FirstOrDefault()?.Attachment;
            if (att?.Data is { } bytes && (att.ContentType ?? "").StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            {
                (_notesText ??= []).Add(Encoding.UTF8.GetString(bytes));
                return;
            }
            Note("MDX-FH100", at, "DocumentReference not mapped: only inline text/plain notes are read");
        }

    }
}
