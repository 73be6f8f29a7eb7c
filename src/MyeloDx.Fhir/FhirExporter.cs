using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using static MyeloDx.Fhir.FhirCodes;
using Case = MyeloDx.Core.Cases.Case;
using FhirPatient = Hl7.Fhir.Model.Patient;
using Observation = Hl7.Fhir.Model.Observation;

namespace MyeloDx.Fhir;

/// <summary>
/// Writes a case (and optionally its assessment) as a FHIR R4 collection Bundle: Patient, Conditions (the primary
/// cancer, each metastasis, the new myelopathy), Procedures (radiotherapy courses coded as mCODE does, surgery),
/// MedicationStatements, Observations (exam, labs, CSF, imaging findings), a lab and a radiology DiagnosticReport with
/// an MR ImagingStudy, the notes as a DocumentReference, and the assessment as a RiskAssessment (one prediction per
/// diagnosis) with a ClinicalImpression. Every case field lands in an identifiable place, so
/// <see cref="FhirImporter"/> restores the same case. Unknown (null) fields produce nothing.
/// Deterministic: the same case, assessment and time give the same Bundle.
/// </summary>
public sealed class FhirExporter(TimeProvider time)
{
    /// <param name="report">A human-readable write-up (e.g. the HTML case report) to carry as a DiagnosticReport's
    /// presentedForm, linked to the ClinicalImpression; only with an assessment.</param>
    /// <param name="images">Key images (already cleaned) carried as Media resources and linked from the radiology report.</param>
    /// <param name="recommendations">The next tests, withheld tests and management for this assessment (the same
    /// decision answer every surface shows), written as proposals; only with an assessment.</param>
    public Bundle Export(Case c, Assessment? assessment = null, PresentedReport? report = null, IReadOnlyList<FhirKeyImage>? images = null,
        Recommendations? recommendations = null) =>
        KeyImageMedia.AddTo(new Writer(c, assessment, report, recommendations, time.GetUtcNow()).Build(), images ?? []);

    public string ExportJson(Case c, Assessment? assessment = null, PresentedReport? report = null, IReadOnlyList<FhirKeyImage>? images = null,
        Recommendations? recommendations = null) =>
        FhirJson.Serialize(Export(c, assessment, report, images, recommendations));

    private sealed class Writer(Case c, Assessment? a, PresentedReport? report, Recommendations? recommendations, DateTimeOffset now)
    {
        private readonly Bundle _bundle = new() { Type = Bundle.BundleType.Collection };
        private readonly byte[] _seed = SHA256.HashData(Encoding.UTF8.GetBytes(CaseJson.Write(c)));
        private readonly List<ResourceReference> _caseData = [];
        private readonly List<ResourceReference> _exam = [];
        private readonly List<ResourceReference> _investigations = []; // what ClinicalImpression.investigation.item may point to in R4
        private int _n;
        private string _patient = "";
        private string? _primary;

        public Bundle Build()
        {
            _bundle.Timestamp = now;
            _bundle.Identifier = new Identifier("urn:ietf:rfc:3986", Uuid("bundle"));
            _patient = Add(Patient(), "patient", caseData: false);
            PatientFacts();
            Cancer();
            Treatments();
            Presentation();
            Labs();
            SafetyFacts();
            Imaging();
            Findings();
            Notes();
            if (a is not null) AssessmentResources(a);
            if (a is not null && recommendations is not null)
                new RecommendationResources(recommendations, Subject, (r, key) => Add(r, key, caseData: false)).Write();
            return _bundle;
        }

        /// <summary>A name-based UUID (from the case's hash and a key), so exports are reproducible.</summary>
        private string Uuid(string key)
        {
            var h = SHA256.HashData(_seed.Concat(Encoding.UTF8.GetBytes(key)).ToArray());
            h[6] = (byte)((h[6] & 0x0F) | 0x50); // version 5-style
            h[8] = (byte)((h[8] & 0x3F) | 0x80);
            return "urn:uuid:" + new Guid(h.AsSpan(0, 16), bigEndian: true).ToString();
        }

        private string Add(Resource r, string key, bool caseData = true)
        {
            var url = Uuid(key + "#" + (_n++).ToString(CultureInfo.InvariantCulture));
            _bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = r });
            if (caseData) _caseData.Add(new ResourceReference(url));
            if (caseData && r is Observation or DiagnosticReport or ImagingStudy) _investigations.Add(new ResourceReference(url));
            return url;
        }

        private ResourceReference Subject => new(_patient);

        private FhirPatient Patient()
        {
            var p = new FhirPatient { Meta = RoleTag("patient") };
            p.Gender = c.Patient?.Sex switch
            {
                "female" => AdministrativeGender.Female,
                "male" => AdministrativeGender.Male,
                "other" => AdministrativeGender.Other,
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(c.Patient?.Name)) p.Name = [new HumanName { Text = c.Patient!.Name }];
            return p;
        }

        // ---------- helpers ----------

        private static CodeableConcept Category(string code) => new(ObservationCategory, code);

        private static Quantity Qty(double v, string unit, string ucum) => new() { Value = (decimal)v, Unit = unit, System = Ucum, Code = ucum };

        private static CodeableConcept Coded(string value, string? text = null)
        {
            var cc = new CodeableConcept(CaseValue, value) { Text = text ?? value.Replace('_', ' ') };
            if (value == "positive") cc.Coding.Add(new Coding(Snomed, SctPositive, "Positive"));
            if (value == "negative") cc.Coding.Add(new Coding(Snomed, SctNegative, "Negative"));
            return cc;
        }

        private static CodeableConcept Code(string path, string text, params Coding[] extra)
        {
            var cc = new CodeableConcept { Text = text };
            cc.Coding.AddRange(extra);
            cc.Coding.Add(Element(path));
            return cc;
        }

        private static Extension Months(double m) => new(ExtMonthsBeforeOnset, Qty(m, "months", "mo"));

        private Observation Obs(string path, string text, string? category, DataType? value, params Coding[] codes)
        {
            var o = new Observation { Status = ObservationStatus.Final, Code = Code(path, text, codes), Subject = Subject, Value = value };
            if (category is not null) o.Category = [Category(category)];
            return o;
        }

        private string AddObs(Observation o, bool exam = false)
        {
            var url = Add(o, "obs");
            if (exam) _exam.Add(new ResourceReference(url));
            return url;
        }

        private void Bool(string path, string text, string category, bool? v, bool exam = false)
        {
            if (v is { } b) AddObs(Obs(path, text, category, new FhirBoolean(b)), exam);
        }

        private void CodedObs(string path, string text, string category, string? v, bool exam = false)
        {
            if (v is not null) AddObs(Obs(path, text, category, Coded(v)), exam);
        }

        /// <summary>"Known none" for a list (never irradiated, no metastases): distinct from unknown.</summary>
        private void NoneMarker(string path, string text) =>
            AddObs(Obs(path, text, null, new FhirBoolean(false)));

        // ---------- sections ----------

        private void PatientFacts()
        {
            if (c.Patient?.AgeYears is { } age)
                AddObs(Obs("patient.ageYears", "Age", null, Qty(age, "years", "a"), new Coding(Loinc, LoincAge, "Age")));
            // performance status as mCODE codes it: LOINC score, integer value, survey category
            if (c.Patient?.Ecog is { } ecog)
                AddObs(Obs("patient.ecog", "ECOG performance status", "survey", new Integer(ecog), new Coding(Loinc, LoincEcog, "ECOG Performance Status score")));
            if (c.Patient?.Kps is { } kps)
                AddObs(Obs("patient.kps", "Karnofsky performance status", "survey", new Integer(kps), new Coding(Loinc, LoincKarnofsky, "Karnofsky Performance Status score")));
        }

        private void Cancer()
        {
            var ca = c.Cancer;
            if (ca is null) return;
            var site = ca.PrimarySite;
            var cond = new Condition
            {
                Meta = RoleTag("primary-cancer"),
                Category = [new CodeableConcept(ConditionCategory, "problem-list-item")],
                Subject = Subject,
                Code = new CodeableConcept(Snomed, site is not null && site.Contains("breast", StringComparison.OrdinalIgnoreCase) ? SctBreastCancer : SctMalignantNeoplasm)
                {
                    Text = site is null ? "Primary cancer (site not stated)" : $"Primary cancer: {site}",
                },
            };
            if (site is not null) cond.BodySite = [new CodeableConcept { Text = site }];
            if (ca.Histology is { } h) cond.Extension.Add(new Extension(ExtHistology, new CodeableConcept { Text = h }));
            if (ca.Grade is { } g) cond.Extension.Add(new Extension(ExtTumourGrade, new Integer(g)));
            if (ca.Stage is { } st) cond.Stage = [new Condition.StageComponent { Summary = new CodeableConcept { Text = st } }];
            if (ca.Status is { } s)
            {
                cond.Extension.Add(new Extension(ExtCancerStatus, new Code(s)));
                var clinical = s switch { "remission" => "remission", "none_known" => "inactive", _ => "active" };
                cond.ClinicalStatus = new CodeableConcept(ConditionClinical, clinical);
            }
            if (ca.MonthsSinceDiagnosis is { } m) cond.Extension.Add(Months(m));
            _primary = Add(cond, "primary");

            if (ca.Receptors is { } r)
            {
                void Rec(string path, string text, string loinc, bool? v)
                {
                    if (v is not { } b) return;
                    var o = Obs(path, text, "laboratory", Coded(b ? "positive" : "negative"), new Coding(Loinc, loinc, text));
                    o.Focus = [new ResourceReference(_primary)];
                    AddObs(o);
                }
                Rec("cancer.receptors.estrogenPositive", "Estrogen receptor status", LoincEstrogenReceptor, r.EstrogenPositive);
                Rec("cancer.receptors.progesteronePositive", "Progesterone receptor status", LoincProgesteroneReceptor, r.ProgesteronePositive);
                Rec("cancer.receptors.her2Positive", "HER2 status", LoincHer2, r.Her2Positive);
            }
            if (ca.MetastaticSites is { } sites)
            {
                if (sites.Count == 0) NoneMarker("cancer.metastaticSites", "Known metastases: none");
                foreach (var m2 in sites)
                {
                    var met = new Condition
                    {
                        Meta = RoleTag("metastasis"),
                        Category = [new CodeableConcept(ConditionCategory, "problem-list-item")],
                        Subject = Subject,
                        ClinicalStatus = new CodeableConcept(ConditionClinical, "active"), // a known metastatic site is present disease
                        Code = new CodeableConcept(Snomed, SctSecondaryMalignancy, "Secondary malignant neoplastic disease") { Text = $"Metastasis: {m2}" },
                        BodySite = [new CodeableConcept { Text = m2 }],
                    };
                    Add(met, "metastasis");
                }
            }
        }

        private void Treatments()
        {
            var t = c.Treatments;
            if (t is null) return;
            if (t.Radiotherapy is { } rts)
            {
                if (rts.Count == 0) NoneMarker("treatments.radiotherapy", "Radiotherapy: never given");
                foreach (var rt in rts) Add(RadiotherapyCourse(rt), "radiotherapy");
            }
            if (t.Systemic is { } drugs)
            {
                if (drugs.Count == 0) NoneMarker("treatments.systemic", "Systemic treatment: none given");
                foreach (var d in drugs)
                {
                    var ms = new MedicationStatement
                    {
                        Status = d.Ongoing switch
                        {
                            true => MedicationStatement.MedicationStatusCodes.Active,
                            false => MedicationStatement.MedicationStatusCodes.Completed,
                            _ => MedicationStatement.MedicationStatusCodes.Unknown,
                        },
                        Subject = Subject,
                        Medication = d.Name is { } n ? new CodeableConcept { Text = n } : Absent(),
                    };
                    if (d.Class is { } cl) ms.Category = new CodeableConcept(DrugClass, cl) { Text = cl.Replace('_', ' ') };
                    if (d.MonthsBeforeOnset is { } m) ms.Extension.Add(Months(m));
                    Add(ms, "drug");
                }
            }
            if (t.Exposures is { } ex)
            {
                if (ex.Count == 0) NoneMarker("treatments.exposures", "Exposures: none");
                foreach (var e in ex) AddObs(Obs("treatments.exposures", "Exposure", "social-history", new FhirString(e)));
            }
            if (t.Surgery is { } su)
            {
                if (su.Count == 0) NoneMarker("treatments.surgery", "Previous surgery: none");
                foreach (var s in su)
                    Add(new Procedure { Meta = RoleTag("surgery"), Status = EventStatus.Completed, Subject = Subject, Code = Code("treatments.surgery", s) }, "surgery");
            }
        }

        private static CodeableConcept Absent() =>
            new() { Extension = [new Extension(DataAbsentReasonExt, new Code("unknown"))] };

        private Procedure RadiotherapyCourse(RadiotherapyCourse rt)
        {
            var p = new Procedure
            {
                Meta = RoleTag("radiotherapy-course"),
                Status = EventStatus.Completed,
                Category = new CodeableConcept(Snomed, SctRadiationOncology, "Radiation oncology AND/OR radiotherapy"),
                Code = new CodeableConcept(Snomed, SctRadiotherapyCourse, "Radiotherapy course of treatment") { Text = "Radiotherapy course" },
                Subject = Subject,
            };
            if (rt.Target is { } target) p.BodySite = [new CodeableConcept { Text = target }];
            if (rt.TotalDoseGy is not null || rt.Fractions is not null)
            {
                var dose = new Extension { Url = ExtDoseDelivered };
                if (rt.TotalDoseGy is { } d) dose.Extension.Add(new Extension("totalDoseDelivered", Qty(d, "Gy", "Gy")));
                if (rt.Fractions is { } n) dose.Extension.Add(new Extension("fractionsDelivered", new UnsignedInt(n)));
                p.Extension.Add(dose);
            }
            if (rt.Levels is { Length: > 0 } lv) p.Extension.Add(new Extension(ExtVertebralLevels, new FhirString(lv))); // "" means not stated, as null does
            if (rt.CordInField is { } inField) p.Extension.Add(new Extension(ExtCordInField, new FhirBoolean(inField)));
            if (rt.Technique is { } tech) p.Extension.Add(new Extension(ExtTechnique, new Code(tech)));
            if (rt.MonthsBeforeOnset is { } m) p.Extension.Add(Months(m));
            if (rt.CordMaxDoseGy is { } cd) p.Extension.Add(new Extension(ExtCordMaxDose, Qty(cd, "Gy", "Gy")));
            return p;
        }

        private void Presentation()
        {
            var p = c.Presentation;
            if (p is null) return;
            const string exam = "exam";
            CodedObs("presentation.onsetTempo", "Onset tempo of the cord syndrome", exam, p.OnsetTempo, true);
            if (p.HoursToNadir is { } h) AddObs(Obs("presentation.hoursToNadir", "Hours from onset to nadir", exam, Qty(h, "h", "h")), true);
            CodedObs("presentation.pain", "Pain", exam, p.Pain, true);
            if (p.Motor is { } m)
            {
                void Mrc(string limb, string text, double? g)
                {
                    if (g is not { } v) return;
                    var o = Obs("presentation.motor." + limb, $"MRC strength grade, {text}", exam, Qty(v, "MRC grade", "{score}"));
                    o.BodySite = new CodeableConcept { Text = text };
                    AddObs(o, true);
                }
                Mrc("rightArm", "right arm", m.RightArm);
                Mrc("leftArm", "left arm", m.LeftArm);
                Mrc("rightLeg", "right leg", m.RightLeg);
                Mrc("leftLeg", "left leg", m.LeftLeg);
            }
            if (p.SensoryLevel is { } sl)
                AddObs(Obs("presentation.sensoryLevel", "Sensory level", exam, sl.Length > 0 ? new FhirString(sl) : new FhirBoolean(false)), true);
            Bool("presentation.sensoryLoss", "Sensory loss", exam, p.SensoryLoss, true);
            Bool("presentation.posteriorColumnLoss", "Loss of vibration and joint-position sense", exam, p.PosteriorColumnLoss, true);
            Bool("presentation.bladderDysfunction", "Bladder dysfunction", exam, p.BladderDysfunction, true);
            Bool("presentation.bowelDysfunction", "Bowel dysfunction", exam, p.BowelDysfunction, true);
            CodedObs("presentation.reflexes", "Tendon reflexes", exam, p.Reflexes, true);
            Bool("presentation.ambulatory", "Able to walk", exam, p.Ambulatory, true);
            CodedObs("presentation.syndrome", "Cord syndrome", exam, p.Syndrome, true);
            Bool("presentation.fever", "Fever", exam, p.Fever, true);
            Bool("presentation.lhermitte", "Lhermitte's phenomenon", exam, p.Lhermitte, true);
            Bool("presentation.cranialNeuropathy", "Cranial neuropathy", exam, p.CranialNeuropathy, true);
            Bool("presentation.headache", "Headache", exam, p.Headache, true);
            Bool("presentation.worseAfterSteroidsOrExertion", "Worse after corticosteroids or exertion", exam, p.WorseAfterSteroidsOrExertion, true);
        }

        /// <summary>The facts that decide whether a test is safe (platelets, anticoagulation, mass effect, kidney function,
        /// contrast reactions), each as an Observation so that a receiving system sees them and the import restores them.</summary>
        private void SafetyFacts()
        {
            if (c.Safety is not { } sf) return;
            const string lab = "laboratory", exam = "exam";
            if (sf.PlateletCount is { } plt) AddObs(Obs("safety.plateletCount", "Platelet count", lab, Qty(plt, "10^9/L", "10*9/L")));
            CodedObs("safety.anticoagulation", "Anticoagulant or antiplatelet treatment", "social-history", sf.Anticoagulation);
            Bool("safety.brainMassEffect", "Brain imaging: mass effect, midline shift or obstructive hydrocephalus", "imaging", sf.BrainMassEffect);
            Bool("safety.raisedIntracranialPressure", "Clinical signs of raised intracranial pressure", exam, sf.RaisedIntracranialPressure);
            if (sf.EgfrMlMin is { } egfr) AddObs(Obs("safety.egfrMlMin", "Estimated glomerular filtration rate", lab, Qty(egfr, "mL/min/1.73 m2", "mL/min/{1.73_m2}")));
            Bool("safety.gadoliniumAllergy", "Previous reaction to gadolinium contrast", exam, sf.GadoliniumAllergy);
            Bool("safety.iodinatedContrastAllergy", "Previous reaction to iodinated contrast", exam, sf.IodinatedContrastAllergy);
        }

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
                    Probability = new FhirDecimal((decimal)Math.Round(probs[i]!["probability"]!.GetValue<double>(), 6)),
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
                Summary = $"{lead.Name} ranks first ({Pct(lead.Probability)})" +
                          (a.Differential.Count > 1 ? $", then {a.Differential[1].Name} ({Pct(a.Differential[1].Probability)})" : "") + ". " + Assessment.Caveat,
                PrognosisReference = [new ResourceReference(riskUrl)],
                Note = [new Annotation { Text = new Markdown(Assessment.Caveat) }],
            };
            foreach (var d in a.Differential.Take(4))
                impression.Finding.Add(new ClinicalImpression.FindingComponent
                {
                    ItemCodeableConcept = new CodeableConcept(Diagnosis, d.Id, d.Name) { Text = d.Name },
                    Basis = $"{Pct(d.Probability)}. {Rationale(d)}",
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
                    Conclusion = $"{lead.Name} ranks first ({Pct(lead.Probability)}). {Assessment.Caveat}",
                    PresentedForm = [new Attachment { ContentType = report.ContentType, Data = report.Content, Title = report.Title, Creation = now.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture) }],
                    // R4 has no element linking a DiagnosticReport to a ClinicalImpression: the core workflow extension does
                    Extension = [new Extension("http://hl7.org/fhir/StructureDefinition/workflow-supportingInfo", new ResourceReference(impressionUrl))],
                }, "written-report", caseData: false);
        }

        private static string Pct(double p) => (p * 100).ToString(p < 0.01 ? "0.0" : "0", CultureInfo.InvariantCulture) + "%";

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

/// <summary>A written report to carry in the Bundle (DiagnosticReport.presentedForm), e.g. the HTML case report.</summary>
public sealed record PresentedReport(string Title, string ContentType, byte[] Content);
