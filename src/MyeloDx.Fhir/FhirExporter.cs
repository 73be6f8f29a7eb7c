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
public sealed partial class FhirExporter(TimeProvider time)
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

    private sealed partial class Writer(Case c, Assessment? a, PresentedReport? report, Recommendations? recommendations, DateTimeOffset now)
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
    }
}
