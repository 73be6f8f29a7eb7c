using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using MyeloDx.Core.Cases;
using static MyeloDx.Fhir.FhirCodes;
using Observation = Hl7.Fhir.Model.Observation;

namespace MyeloDx.Fhir;

/// <summary>The investigations of the case: laboratory and CSF results, imaging with its report, other findings and the notes.</summary>
public sealed partial class FhirExporter
{
    private sealed partial class Writer
    {
        private void Labs()
        {
            var l = c.Labs;
            if (l is null) return;
            const string lab = "laboratory";
            void Level(string path, string text, double? value, bool? low, string unit, string ucum, params Coding[] codes)
            {
                if (value is null && low is null) return;
                var o = Obs(path, text, lab, value is { } v ? Qty(v, unit, ucum) : null, codes);
                if (low is { } lo) o.Interpretation = [new CodeableConcept(Interpretation, lo ? "L" : "N", lo ? "Low" : "Normal")];
                AddObs(o);
            }
            Level("labs.b12", "Vitamin B12, serum", l.B12PgPerMl, l.B12Low, "pg/mL", "pg/mL", new Coding(Loinc, LoincB12, "Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma"));
            Level("labs.copper", "Copper, serum", l.CopperUgPerDl, l.CopperLow, "µg/dL", "ug/dL");
            if (l.Csf is { } csf)
            {
                var results = new List<ResourceReference>();
                void R(Observation o) => results.Add(new ResourceReference(AddObs(o)));
                if (csf.WhiteCellsPerUl is { } w) R(Obs("labs.csf.whiteCellsPerUl", "CSF white cells", lab, Qty(w, "cells/µL", "/uL")));
                if (csf.ProteinMgPerDl is { } pr) R(Obs("labs.csf.proteinMgPerDl", "CSF protein", lab, Qty(pr, "mg/dL", "mg/dL"), new Coding(Loinc, LoincCsfProtein, "Protein [Mass/volume] in Cerebral spinal fluid")));
                if (csf.GlucoseMgPerDl is { } gl) R(Obs("labs.csf.glucoseMgPerDl", "CSF glucose", lab, Qty(gl, "mg/dL", "mg/dL"), new Coding(Loinc, LoincCsfGlucose, "Glucose [Mass/volume] in Cerebral spinal fluid")));
                if (csf.Cytology is { } cy) R(Obs("labs.csf.cytology", "CSF cytology", lab, Coded(cy)));
                if (csf.CytologySamples is { } n) R(Obs("labs.csf.cytologySamples", "CSF cytology: number of samples", lab, new Integer(n)));
                if (csf.OligoclonalBands is { } ocb) R(Obs("labs.csf.oligoclonalBands", "CSF oligoclonal bands", lab, Coded(ocb)));
                Add(new DiagnosticReport
                {
                    Meta = RoleTag("csf-report"),
                    Status = DiagnosticReport.DiagnosticReportStatus.Final,
                    Category = [new CodeableConcept(V2Section, "LAB", "Laboratory")],
                    Code = Code("labs.csf", "Cerebrospinal fluid analysis"),
                    Subject = Subject,
                    Result = results,
                }, "csf-report");
            }
            void Panel(string path, string system, string text, IReadOnlyDictionary<string, string>? tests)
            {
                foreach (var (k, v) in tests ?? new Dictionary<string, string>())
                    AddObs(Obs(path, $"{text}: {k}", lab, Coded(v), new Coding(system, k)));
            }
            Panel("labs.antibodies", Antibody, "Antibody", l.Antibodies);
            Panel("labs.infection", InfectionTest, "Infection test", l.Infection);
        }

        private void Imaging()
        {
            var im = c.Imaging;
            if (im is null) return;
            const string cat = "imaging";
            var results = new List<ResourceReference>();
            void R(Observation o) => results.Add(new ResourceReference(AddObs(o)));
            void B(string path, string text, bool? v) { if (v is { } b) R(Obs(path, text, cat, new FhirBoolean(b))); }
            void C(string path, string text, string? v) { if (v is not null) R(Obs(path, text, cat, Coded(v))); }
            C("imaging.compartment", "Compartment of the spinal lesion", im.Compartment);
            if (im.Levels is { } lv) R(Obs("imaging.levels", "Vertebral levels of the lesion", cat, lv.Length > 0 ? new FhirString(lv) : new FhirBoolean(false)));
            if (im.LesionCount is { } n) R(Obs("imaging.lesionCount", "Number of cord lesions", cat, new Integer(n)));
            if (im.LargestLesionMm is { } mm)
            {
                var o = Obs("imaging.largestLesionMm", "Largest lesion dimensions", cat, null);
                for (var i = 0; i < mm.Count; i++)
                    o.Component.Add(new Observation.ComponentComponent
                    {
                        Code = Code($"imaging.largestLesionMm[{i}]", $"Dimension {i + 1}"),
                        Value = Qty(mm[i], "mm", "mm"),
                    });
                if (mm.Count == 0) o.Value = new FhirBoolean(false);
                R(o);
            }
            if (im.T2ExtentSegments is { } t2) R(Obs("imaging.t2ExtentSegments", "Length of T2 signal change", cat, Qty(t2, "vertebral segments", "{segments}")));
            C("imaging.enhancement", "Enhancement pattern", im.Enhancement);
            B("imaging.focalMass", "Discrete mass or nodule inside the cord", im.FocalMass);
            B("imaging.cordEdema", "Cord oedema", im.CordEdema);
            B("imaging.cordExpansion", "Cord expansion", im.CordExpansion);
            B("imaging.hemorrhage", "Haemorrhage", im.Hemorrhage);
            B("imaging.syrinx", "Syrinx or cyst", im.Syrinx);
            B("imaging.flowVoids", "Perimedullary flow voids", im.FlowVoids);
            C("imaging.greyMatterPattern", "Grey matter pattern", im.GreyMatterPattern);
            B("imaging.posteriorColumns", "Symmetric dorsal-column signal", im.PosteriorColumns);
            B("imaging.diffusionRestriction", "Restricted diffusion", im.DiffusionRestriction);
            B("imaging.boneMetastases", "Bone metastases", im.BoneMetastases);
            B("imaging.epiduralDisease", "Epidural tumour", im.EpiduralDisease);
            B("imaging.brainMetastases", "Brain metastases", im.BrainMetastases);
            B("imaging.brainDemyelination", "Demyelinating brain lesions", im.BrainDemyelination);
            B("imaging.discOsteophyteCompression", "Disc or osteophyte compression", im.DiscOsteophyteCompression);

            var study = Add(new ImagingStudy
            {
                Meta = RoleTag("mri-study"),
                Status = ImagingStudy.ImagingStudyStatus.Available,
                Subject = Subject,
                Modality = [new Coding(Dicom, "MR", "Magnetic Resonance")],
                Description = "MRI of the spine" + (im.Levels is { Length: > 0 } l ? $" ({l})" : ""),
            }, "mri-study");
            Add(new DiagnosticReport
            {
                Meta = RoleTag("mri-report"),
                Status = DiagnosticReport.DiagnosticReportStatus.Final,
                Category = [new CodeableConcept(V2Section, "RAD", "Radiology")],
                Code = Code("imaging", "MRI of the spine"),
                Subject = Subject,
                Result = results,
                ImagingStudy = [new ResourceReference(study)],
                Conclusion = Conclusion(im),
            }, "mri-report");
        }

        private static string? Conclusion(Imaging im)
        {
            var parts = new List<string>();
            if (im.LesionCount is { } n) parts.Add($"{n} lesion{(n == 1 ? "" : "s")}");
            if (im.Compartment is { } comp) parts.Add(comp.Replace('_', ' '));
            if (im.Levels is { Length: > 0 } lv) parts.Add("at " + lv);
            if (im.LargestLesionMm is { Count: > 0 } mm) parts.Add("largest " + string.Join(" x ", mm.Select(x => x.ToString("0.##", CultureInfo.InvariantCulture))) + " mm");
            if (im.Enhancement is { } e) parts.Add("enhancement: " + e.Replace('_', ' '));
            return parts.Count == 0 ? null : string.Join(", ", parts) + ".";
        }

        private void Findings()
        {
            foreach (var (k, v) in c.Findings ?? new Dictionary<string, string>())
                AddObs(Obs("findings", $"Finding: {k}", null, new FhirString(v), new Coding(Finding, k)));
        }

        private void Notes()
        {
            if (c.Notes is null) return;
            Add(new DocumentReference
            {
                Meta = RoleTag("case-notes"),
                Status = DocumentReferenceStatus.Current,
                Type = new CodeableConcept { Text = "Case notes" },
                Subject = Subject,
                Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes(c.Notes) } }],
            }, "notes");
        }
    }
}
