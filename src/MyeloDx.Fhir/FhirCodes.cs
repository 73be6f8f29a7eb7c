using Hl7.Fhir.Model;

namespace MyeloDx.Fhir;

/// <summary>
/// Code systems and codes used in MyeloDx Bundles. Standard codes (LOINC, SNOMED CT, HL7 terminology) are used only
/// where their meaning was checked; everything else is coded in MyeloDx's own systems, whose codes are the case
/// model's JSON paths and values, so that a Bundle maps back to exactly the same case.
/// </summary>
public static class FhirCodes
{
    /// <summary>Canonical base of MyeloDx's own code systems and extensions (a name, not necessarily a resolvable URL).</summary>
    public const string Base = "http://myelodx.org/fhir";

    /// <summary>Codes are case-model paths, e.g. "presentation.onsetTempo", "labs.csf.proteinMgPerDl".</summary>
    public const string CaseElement = Base + "/CodeSystem/case-element";

    /// <summary>Codes are the case model's coded values, e.g. "intramedullary", "days", "positive".</summary>
    public const string CaseValue = Base + "/CodeSystem/case-value";

    /// <summary>The 15 diagnosis ids of labels.tsv.</summary>
    public const string Diagnosis = Base + "/CodeSystem/diagnosis";

    /// <summary>Knowledge-base variable ids, for findings stated directly.</summary>
    public const string Finding = Base + "/CodeSystem/finding";

    public const string Antibody = Base + "/CodeSystem/antibody";
    public const string InfectionTest = Base + "/CodeSystem/infection-test";
    public const string DrugClass = Base + "/CodeSystem/drug-class";

    /// <summary>meta.tag system saying what a resource stands for in the case (primary-cancer, metastasis, myelopathy...).</summary>
    public const string Role = Base + "/CodeSystem/resource-role";

    public const string ExtMonthsBeforeOnset = Base + "/StructureDefinition/months-before-myelopathy-onset";
    public const string ExtTumourGrade = Base + "/StructureDefinition/tumour-grade";
    public const string ExtCancerStatus = Base + "/StructureDefinition/cancer-status";
    public const string ExtDoseDelivered = Base + "/StructureDefinition/dose-delivered";
    public const string ExtVertebralLevels = Base + "/StructureDefinition/vertebral-levels";
    public const string ExtCordInField = Base + "/StructureDefinition/cord-in-field";
    public const string ExtTechnique = Base + "/StructureDefinition/radiotherapy-technique";
    public const string ExtCordMaxDose = Base + "/StructureDefinition/cord-max-dose";

    /// <summary>mCODE's histology extension (a CodeableConcept; MyeloDx fills its text).</summary>
    public const string ExtHistology = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior";

    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string V2Section = "http://terminology.hl7.org/CodeSystem/v2-0074";
    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public const string DataAbsentReasonExt = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";

    // SNOMED CT concepts (checked against mCODE and published value sets).
    public const string SctMalignantNeoplasm = "363346000";
    public const string SctBreastCancer = "254837009";
    public const string SctSecondaryMalignancy = "128462008";
    public const string SctRadiotherapyCourse = "1217123003";
    public const string SctRadiationOncology = "108290001";
    public const string SctPositive = "10828004";
    public const string SctNegative = "260385009";

    // LOINC codes (checked).
    public const string LoincAge = "30525-0";
    public const string LoincCsfProtein = "2880-3";
    public const string LoincCsfGlucose = "2342-4";
    public const string LoincB12 = "2132-9";
    public const string LoincEstrogenReceptor = "16112-5";
    public const string LoincProgesteroneReceptor = "16113-3";
    public const string LoincHer2 = "48676-1";
    public const string LoincEcog = "89247-1";
    public const string LoincKarnofsky = "89243-0";

    /// <summary>LOINC codes MyeloDx reads from foreign Bundles, by the case path they fill.</summary>
    public static readonly IReadOnlyDictionary<string, string> LoincToPath = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LoincAge] = "patient.ageYears",
        [LoincCsfProtein] = "labs.csf.proteinMgPerDl",
        [LoincCsfGlucose] = "labs.csf.glucoseMgPerDl",
        [LoincB12] = "labs.b12",
        [LoincEstrogenReceptor] = "cancer.receptors.estrogenPositive",
        [LoincProgesteroneReceptor] = "cancer.receptors.progesteronePositive",
        [LoincHer2] = "cancer.receptors.her2Positive",
        [LoincEcog] = "patient.ecog",
        [LoincKarnofsky] = "patient.kps",
    };

    public static Coding Element(string path, string? display = null) => new(CaseElement, path, display);

    public static Meta RoleTag(string role) => new() { Tag = [new Coding(Role, role)] };

    public static string? RoleOf(Resource r) => r.Meta?.Tag.FirstOrDefault(t => t.System == Role)?.Code;

    /// <summary>The MyeloDx case path in a CodeableConcept, if any.</summary>
    public static string? PathOf(CodeableConcept? cc) => cc?.Coding.FirstOrDefault(c => c.System == CaseElement)?.Code;

    public static string? CodeIn(CodeableConcept? cc, string system) => cc?.Coding.FirstOrDefault(c => c.System == system)?.Code;
}
