using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;
using static MyeloDx.Fhir.FhirCodes;
using Case = MyeloDx.Core.Cases.Case;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace MyeloDx.Fhir;

/// <summary>How an import treats resources it cannot place in the case.</summary>
public enum FhirImportPolicy
{
    /// <summary>Fail (MDX-FH1xx) on the first resource that cannot be mapped.</summary>
    Strict,

    /// <summary>Map what can be mapped and report every resource that could not be, as notes.</summary>
    Recoverable,
}

/// <summary>Something the import could not (or deliberately did not) put into the case. Never carries clinical values.</summary>
public sealed record FhirImportNote(string Code, string Where, string Message)
{
    public string OneLine => $"{Code} at {Where}: {Message}";
}

public sealed record FhirImportResult(Case Case, IReadOnlyList<FhirImportNote> Notes);

/// <summary>
/// Reads a FHIR R4 Bundle into the case model. MyeloDx's own Bundles map back exactly (their codes are case paths);
/// foreign Bundles are read through the standard codes MyeloDx knows (LOINC, SNOMED CT, mCODE's radiotherapy course).
/// A field the Bundle does not state stays unknown (null). Resources that cannot be placed are reported (MDX-FH100/101/103),
/// MyeloDx's own assessment resources are recognised and recomputed rather than read (MDX-FH102). A wrong resourceType,
/// non-R4 content, broken references or not exactly one Patient are refused with a coded error.
/// </summary>
public static partial class FhirImporter
{
    /// <param name="clock">When given, a Patient's birthDate gives the age (at import time) if no age is stated; without it the age stays unknown.</param>
    public static FhirImportResult Import(string json, string where, FhirImportPolicy policy = FhirImportPolicy.Recoverable, TimeProvider? clock = null)
    {
        PreCheck(json, where);
        var bundle = (Bundle)FhirJson.Parse(json, where);
        CheckReferences(bundle, where);
        return new Reader(bundle, where, policy, clock).Read();
    }

    /// <summary>
    /// <see cref="Import(string, string, FhirImportPolicy, TimeProvider?)"/> from UTF-8 bytes: the same checks and parse
    /// over the same bytes (the string overload's parsers transcode their text to UTF-8 first), without the UTF-16 copy
    /// of a Bundle that was written as UTF-8 (a CDS prefetch re-wrapped: 20-60 KB, a string of twice that per call).
    /// </summary>
    public static FhirImportResult Import(ReadOnlyMemory<byte> utf8, string where, FhirImportPolicy policy = FhirImportPolicy.Recoverable, TimeProvider? clock = null)
    {
        PreCheck(utf8, where);
        var bundle = (Bundle)FhirJson.Parse(utf8.Span, where);
        CheckReferences(bundle, where);
        return new Reader(bundle, where, policy, clock).Read();
    }

    /// <summary>Refuses non-Bundles and resource types FHIR R4 does not have, before the strict parse.</summary>
    private static void PreCheck(string json, string where)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, PreCheckOptions); }
        catch (JsonException e) { throw new InputException("MDX-FH002", $"{where} line {(e.LineNumber ?? 0) + 1}", "malformed FHIR JSON"); }
        PreCheck(doc, where);
    }

    private static void PreCheck(ReadOnlyMemory<byte> utf8, string where)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(utf8, PreCheckOptions); }
        catch (JsonException e) { throw new InputException("MDX-FH002", $"{where} line {(e.LineNumber ?? 0) + 1}", "malformed FHIR JSON"); }
        PreCheck(doc, where);
    }

    private static readonly JsonDocumentOptions PreCheckOptions = new() { MaxDepth = 128 };

    private static void PreCheck(JsonDocument doc, string where)
    {
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var rt) || rt.ValueKind != JsonValueKind.String)
                throw new InputException("MDX-FH001", where, "not a FHIR resource (no resourceType)");
            var type = rt.GetString();
            if (type != "Bundle")
                throw new InputException("MDX-FH001", where, $"expected a FHIR Bundle, got resourceType '{Short(type)}'");
            if (!root.TryGetProperty("entry", out var entries)) return;
            if (entries.ValueKind != JsonValueKind.Array) throw new InputException("MDX-FH003", where + " Bundle.entry", "not valid FHIR R4: entry must be an array");
            var i = 0;
            foreach (var e in entries.EnumerateArray())
            {
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("resource", out var r) && r.ValueKind == JsonValueKind.Object)
                {
                    if (!r.TryGetProperty("resourceType", out var t) || t.ValueKind != JsonValueKind.String)
                        throw new InputException("MDX-FH003", $"{where} Bundle.entry[{i}]", "not valid FHIR R4: resource without resourceType");
                    var name = t.GetString()!;
                    if (!ModelInfo.IsKnownResource(name))
                        throw new InputException("MDX-FH003", $"{where} Bundle.entry[{i}]", $"resource type '{Short(name)}' is not part of FHIR R4 (R5 or other non-R4 content?)");
                }
                i++;
            }
        }
    }

    private static string Short(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Every reference inside the Bundle must resolve to an entry: urn:uuid/urn:oid and relative Type/id references.
    /// Absolute http(s) references point outside the Bundle and are left alone; "#id" points into contained resources.</summary>
    private static void CheckReferences(Bundle bundle, string where)
    {
        var fullUrls = new HashSet<string>(bundle.Entry.Select(e => e.FullUrl).OfType<string>(), StringComparer.Ordinal);
        var typed = new HashSet<string>(bundle.Entry.Select(e => e.Resource).Where(r => r?.Id is not null).Select(r => $"{r!.TypeName}/{r.Id}"), StringComparer.Ordinal);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var r = bundle.Entry[i].Resource;
            if (r is null) throw new InputException("MDX-FH003", $"{where} Bundle.entry[{i}]", "entry without a resource");
            foreach (var reference in References(r))
            {
                var s = reference.Reference;
                if (string.IsNullOrEmpty(s) || s.StartsWith('#')) continue;
                bool ok;
                if (s.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)) ok = fullUrls.Contains(s);
                else if (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ok = true;
                else
                {
                    var parts = s.Split('/');
                    var key = parts.Length >= 2 ? $"{parts[0]}/{parts[1]}" : s;
                    ok = typed.Contains(key) || fullUrls.Any(u => u.EndsWith("/" + key, StringComparison.Ordinal));
                }
                if (!ok) throw new InputException("MDX-FH004", $"{where} Bundle.entry[{i}] ({r.TypeName})", $"broken reference '{Short(s)}': no such entry in the Bundle");
            }
        }
    }

    private static IEnumerable<ResourceReference> References(Base node)
    {
        foreach (var (_, value) in node.EnumerateElements())
        {
            IEnumerable<Base> items = value switch { Base b => [b], IEnumerable<Base> list => list, _ => [] };
            foreach (var child in items)
            {
                if (child is ResourceReference rr) yield return rr;
                if (child is Resource) continue; // contained resources reference their own context
                foreach (var x in References(child)) yield return x;
            }
        }
    }

    private sealed partial class Reader(Bundle bundle, string where, FhirImportPolicy policy, TimeProvider? clock)
    {
        private DateOnly? _birthDate;
        /// <summary>null for a full date; "year" or "month" when the birthDate gave only that.</summary>
        private string? _birthPrecision;
        private string _patientAt = "";
        private readonly List<FhirImportNote> _notes = [];
        private Core.Cases.Patient? _patient;
        private Core.Cases.Cancer? _cancer;
        private Receptors? _receptors;
        private List<string>? _metastases;
        private List<RadiotherapyCourse>? _rt;
        private List<Drug>? _drugs;
        private List<string>? _exposures, _surgery;
        private Presentation? _presentation;
        private MotorExam? _motor;
        private Labs? _labs;
        private Safety? _safety;
        private Csf? _csf;
        private Dictionary<string, string>? _antibodies, _infection;
        private Imaging? _imaging;
        private List<double>? _lesionMm;
        private Dictionary<string, string>? _findings;
        private List<string>? _notesText;
        private bool _primarySeen;

        public FhirImportResult Read()
        {
            var patients = bundle.Entry.Select((e, i) => (e.Resource, i)).Where(t => t.Resource is FhirPatient).ToList();
            if (patients.Count == 0) throw new InputException("MDX-FH005", where, "the Bundle has no Patient");
            if (patients.Count > 1) throw new InputException("MDX-FH005", where, $"the Bundle describes {patients.Count} patients; give one");
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                var r = bundle.Entry[i].Resource ?? throw new InputException("MDX-FH003", $"{where} Bundle.entry[{i}]", "entry without a resource");
                var at = $"{where} Bundle.entry[{i}] ({r.TypeName})";
                switch (r)
                {
                    case FhirPatient p: ReadPatient(p); _patientAt = at; break;
                    case Observation o: ReadObservation(o, at); break;
                    case Condition c: ReadCondition(c, at); break;
                    case Procedure p: ReadProcedure(p, at); break;
                    case MedicationStatement m: ReadDrug(m); break;
                    case DiagnosticReport d: ReadReport(d, at); break;
                    case ImagingStudy s:
                        if (RoleOf(s) != "mri-study") Note("MDX-FH100", at, "ImagingStudy not mapped: MyeloDx reads imaging findings, not images");
                        break;
                    case DocumentReference d: ReadDocument(d, at); break;
                    // MyeloDx's own export carries the case's key images as Media; a case holds findings, not
                    // images, so they are noted (not an error even under --strict: the round trip must succeed).
                    case Media m when RoleOf(m) == "key-image":
                        Note("MDX-FH106", at, "key image not read: a case holds findings, not images; attach images to a saved case (its page, the API, or report --image)");
                        break;
                    case RiskAssessment or ClinicalImpression:
                        Note("MDX-FH102", at, "an assessment in the Bundle is not read; MyeloDx recomputes its own");
                        break;
                    case RequestGroup or ServiceRequest or CarePlan when RoleOf(r) is "recommendations" or "next-test" or "withheld-test" or "management":
                        Note("MDX-FH102", at, "recommendations in the Bundle are MyeloDx output; MyeloDx recomputes its own");
                        break;
                    default:
                        Note("MDX-FH100", at, $"{r.TypeName} not mapped: MyeloDx has no place for it in the case");
                        break;
                }
            }
            if (_patient?.AgeYears is null && _birthDate is { } born && clock is not null)
            {
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                // A partial date is the first day of its year or month, so this is the oldest the patient can be;
                // the youngest is one year less (year precision) or the same age unless the birthday month is now.
                var years = today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0);
                if (years is >= 0 and <= 120)
                {
                    _patient = (_patient ?? new()) with { AgeYears = years };
                    Note("MDX-FH104", _patientAt, _birthPrecision is null
                        ? "age taken from birthDate at import time (no age at onset was stated)"
                        : $"age taken from a birthDate given only to the {_birthPrecision} (no age at onset was stated): {years}, possibly one year less");
                }
            }
            var result = Build();
            CaseValidator.Validate(result, where);
            return new FhirImportResult(result, _notes);
        }

        private void Note(string code, string at, string message)
        {
            var n = new FhirImportNote(code, at, message);
            if (policy == FhirImportPolicy.Strict && code is not ("MDX-FH102" or "MDX-FH104" or "MDX-FH106")) throw new InputException(code, at, message + " (strict import)");
            _notes.Add(n);
        }

        private static InputException Bad(string at, string path, string expected) =>
            new("MDX-FH010", $"{at} {path}", $"expected {expected}");

        // ---------- patient ----------

        private void ReadPatient(FhirPatient p)
        {
            var sex = p.Gender switch
            {
                AdministrativeGender.Female => "female",
                AdministrativeGender.Male => "male",
                AdministrativeGender.Other => "other",
                _ => null,
            };
            var name = p.Name.FirstOrDefault() is { } hn ? hn.Text ?? string.Join(" ", hn.Given.Append(hn.Family).Where(s => !string.IsNullOrWhiteSpace(s))) : null;
            if (string.IsNullOrWhiteSpace(name)) name = null;
            if (sex is not null || name is not null) _patient = (_patient ?? new()) with { Sex = sex, Name = name };
            if (p.BirthDate is { Length: >= 10 } bd && DateOnly.TryParseExact(bd[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) _birthDate = d;
            // FHIR allows a year or a year and month ("1980", "1980-06"): kept at that precision, never dropped silently.
            else if (p.BirthDate is { Length: 4 or 7 } part && DateOnly.TryParseExact(part.Length == 4 ? part + "-01-01" : part + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                (_birthDate, _birthPrecision) = (start, part.Length == 4 ? "year" : "month");
            else if (!string.IsNullOrEmpty(p.BirthDate))
                Note("MDX-FH105", _patientAt, "birthDate is not a date MyeloDx reads (yyyy, yyyy-mm or yyyy-mm-dd); no age was derived from it");
        }

        // ---------- observations ----------

        private void ReadObservation(Observation o, string at)
        {
            var path = PathOf(o.Code);
            if (path is null && CodeIn(o.Code, Loinc) is { } loinc && LoincToPath.TryGetValue(loinc, out var p)) path = p;
            if (path is null)
            {
                var first = o.Code?.Coding.FirstOrDefault();
                Note("MDX-FH101", at, first is null ? "Observation without a code MyeloDx knows" : $"Observation code {Short(first.System)}|{Short(first.Code)} is not known to MyeloDx");
                return;
            }
            var v = o.Value;
            switch (path)
            {
                case "patient.ageYears": _patient = (_patient ?? new()) with { AgeYears = Number(v, at, path, "a") }; break;
                case "patient.ecog": _patient = (_patient ?? new()) with { Ecog = Whole(Number(v, at, path), at, path) }; break;
                case "patient.kps": _patient = (_patient ?? new()) with { Kps = Whole(Number(v, at, path), at, path) }; break;
                case "cancer.receptors.estrogenPositive": _receptors = (_receptors ?? new()) with { EstrogenPositive = PosNeg(CodedValue(v, at, path), at, path) }; break;
                case "cancer.receptors.progesteronePositive": _receptors = (_receptors ?? new()) with { ProgesteronePositive = PosNeg(CodedValue(v, at, path), at, path) }; break;
                case "cancer.receptors.her2Positive": _receptors = (_receptors ?? new()) with { Her2Positive = PosNeg(CodedValue(v, at, path), at, path) }; break;
                case "cancer.metastaticSites": _metastases ??= []; break;
                case "treatments.radiotherapy": _rt ??= []; break;
                case "treatments.systemic": _drugs ??= []; break;
                case "treatments.exposures":
                    _exposures ??= [];
                    if (v is FhirString es && es.Value is { } ev) _exposures.Add(ev);
                    break;
                case "treatments.surgery": _surgery ??= []; break;
                case "safety.plateletCount": _safety = (_safety ?? new()) with { PlateletCount = Number(v, at, path, "10*9/L") }; break;
                case "safety.anticoagulation": _safety = (_safety ?? new()) with { Anticoagulation = CodedValue(v, at, path) }; break;
                case "safety.brainMassEffect": _safety = (_safety ?? new()) with { BrainMassEffect = Bool(v, at, path) }; break;
                case "safety.raisedIntracranialPressure": _safety = (_safety ?? new()) with { RaisedIntracranialPressure = Bool(v, at, path) }; break;
                case "safety.egfrMlMin": _safety = (_safety ?? new()) with { EgfrMlMin = Number(v, at, path, "mL/min/{1.73_m2}") }; break;
                case "safety.gadoliniumAllergy": _safety = (_safety ?? new()) with { GadoliniumAllergy = Bool(v, at, path) }; break;
                case "safety.iodinatedContrastAllergy": _safety = (_safety ?? new()) with { IodinatedContrastAllergy = Bool(v, at, path) }; break;
                case "presentation.onsetTempo": Pres(x => x with { OnsetTempo = CodedValue(v, at, path) }); break;
                case "presentation.hoursToNadir": Pres(x => x with { HoursToNadir = Number(v, at, path, "h") }); break;
                case "presentation.pain": Pres(x => x with { Pain = CodedValue(v, at, path) }); break;
                case "presentation.motor.rightArm": _motor = (_motor ?? new()) with { RightArm = Number(v, at, path) }; break;
                case "presentation.motor.leftArm": _motor = (_motor ?? new()) with { LeftArm = Number(v, at, path) }; break;
                case "presentation.motor.rightLeg": _motor = (_motor ?? new()) with { RightLeg = Number(v, at, path) }; break;
                case "presentation.motor.leftLeg": _motor = (_motor ?? new()) with { LeftLeg = Number(v, at, path) }; break;
                case "presentation.sensoryLevel": Pres(x => x with { SensoryLevel = Text(v, at, path) }); break;
                case "presentation.sensoryLoss": Pres(x => x with { SensoryLoss = Bool(v, at, path) }); break;
                case "presentation.posteriorColumnLoss": Pres(x => x with { PosteriorColumnLoss = Bool(v, at, path) }); break;
                case "presentation.bladderDysfunction": Pres(x => x with { BladderDysfunction = Bool(v, at, path) }); break;
                case "presentation.bowelDysfunction": Pres(x => x with { BowelDysfunction = Bool(v, at, path) }); break;
                case "presentation.reflexes": Pres(x => x with { Reflexes = CodedValue(v, at, path) }); break;
                case "presentation.ambulatory": Pres(x => x with { Ambulatory = Bool(v, at, path) }); break;
                case "presentation.syndrome": Pres(x => x with { Syndrome = CodedValue(v, at, path) }); break;
                case "presentation.fever": Pres(x => x with { Fever = Bool(v, at, path) }); break;
                case "presentation.lhermitte": Pres(x => x with { Lhermitte = Bool(v, at, path) }); break;
                case "presentation.cranialNeuropathy": Pres(x => x with { CranialNeuropathy = Bool(v, at, path) }); break;
                case "presentation.headache": Pres(x => x with { Headache = Bool(v, at, path) }); break;
                case "presentation.worseAfterSteroidsOrExertion": Pres(x => x with { WorseAfterSteroidsOrExertion = Bool(v, at, path) }); break;
                case "labs.b12":
                    _labs = (_labs ?? new()) with { B12PgPerMl = Number(v, at, path, "pg/mL"), B12Low = Low(o) };
                    break;
                case "labs.copper":
                    _labs = (_labs ?? new()) with { CopperUgPerDl = Number(v, at, path, "ug/dL"), CopperLow = Low(o) };
                    break;
                case "labs.csf.whiteCellsPerUl": _csf = (_csf ?? new()) with { WhiteCellsPerUl = Number(v, at, path, "/uL") }; break;
                case "labs.csf.proteinMgPerDl": _csf = (_csf ?? new()) with { ProteinMgPerDl = Number(v, at, path, "mg/dL") }; break;
                case "labs.csf.glucoseMgPerDl": _csf = (_csf ?? new()) with { GlucoseMgPerDl = Number(v, at, path, "mg/dL") }; break;
                case "labs.csf.cytology": _csf = (_csf ?? new()) with { Cytology = CodedValue(v, at, path) }; break;
                case "labs.csf.cytologySamples": _csf = (_csf ?? new()) with { CytologySamples = Number(v, at, path) is { } n ? (int)n : null }; break;
                case "labs.csf.oligoclonalBands": _csf = (_csf ?? new()) with { OligoclonalBands = CodedValue(v, at, path) }; break;
                case "labs.antibodies": Panel(ref _antibodies, o, Antibody, at, path); break;
                case "labs.infection": Panel(ref _infection, o, InfectionTest, at, path); break;
                case "imaging.compartment": Img(x => x with { Compartment = CodedValue(v, at, path) }); break;
                case "imaging.levels": Img(x => x with { Levels = Text(v, at, path) }); break;
                case "imaging.lesionCount": Img(x => x with { LesionCount = Number(v, at, path) is { } n2 ? (int)n2 : null }); break;
                case "imaging.largestLesionMm":
                    _lesionMm = o.Component.Select((comp, k) => Number(comp.Value, at, $"{path}[{k}]", "mm") ?? throw Bad(at, $"{path}[{k}]", "a size in mm")).ToList();
                    break;
                case "imaging.t2ExtentSegments": Img(x => x with { T2ExtentSegments = Number(v, at, path) }); break;
                case "imaging.enhancement": Img(x => x with { Enhancement = CodedValue(v, at, path) }); break;
                case "imaging.focalMass": Img(x => x with { FocalMass = Bool(v, at, path) }); break;
                case "imaging.cordEdema": Img(x => x with { CordEdema = Bool(v, at, path) }); break;
                case "imaging.cordExpansion": Img(x => x with { CordExpansion = Bool(v, at, path) }); break;
                case "imaging.hemorrhage": Img(x => x with { Hemorrhage = Bool(v, at, path) }); break;
                case "imaging.syrinx": Img(x => x with { Syrinx = Bool(v, at, path) }); break;
                case "imaging.flowVoids": Img(x => x with { FlowVoids = Bool(v, at, path) }); break;
                case "imaging.greyMatterPattern": Img(x => x with { GreyMatterPattern = CodedValue(v, at, path) }); break;
                case "imaging.posteriorColumns": Img(x => x with { PosteriorColumns = Bool(v, at, path) }); break;
                case "imaging.diffusionRestriction": Img(x => x with { DiffusionRestriction = Bool(v, at, path) }); break;
                case "imaging.boneMetastases": Img(x => x with { BoneMetastases = Bool(v, at, path) }); break;
                case "imaging.epiduralDisease": Img(x => x with { EpiduralDisease = Bool(v, at, path) }); break;
                case "imaging.brainMetastases": Img(x => x with { BrainMetastases = Bool(v, at, path) }); break;
                case "imaging.brainDemyelination": Img(x => x with { BrainDemyelination = Bool(v, at, path) }); break;
                case "imaging.discOsteophyteCompression": Img(x => x with { DiscOsteophyteCompression = Bool(v, at, path) }); break;
                case "findings":
                    var id = CodeIn(o.Code, Finding) ?? throw Bad(at, path, "a finding id");
                    _findings ??= new(StringComparer.Ordinal);
                    _findings[id] = Text(v, at, path) ?? throw Bad(at, path, "a finding value");
                    break;
                default:
                    Note("MDX-FH101", at, $"Observation for '{Short(path)}' is not part of this case model");
                    break;
            }
        }

        private void Pres(Func<Presentation, Presentation> set) => _presentation = set(_presentation ?? new());

        private void Img(Func<Imaging, Imaging> set) => _imaging = set(_imaging ?? new());

        private static bool? Low(Observation o) =>
            CodeIn(o.Interpretation.FirstOrDefault(), Interpretation) switch { "L" or "LL" => true, "N" or "H" or "HH" => false, _ => null };

        private static void Panel(ref Dictionary<string, string>? dict, Observation o, string system, string at, string path)
        {
            var key = CodeIn(o.Code, system) ?? throw Bad(at, path, "the name of the test");
            dict ??= new(StringComparer.Ordinal);
            dict[key] = CodedValue(o.Value, at, path) ?? throw Bad(at, path, "a result");
        }

        // ---------- assembling ----------

        private Case Build()
        {
            var cancer = _cancer;
            if (_receptors is not null || _metastases is not null) cancer = (cancer ?? new()) with { Receptors = _receptors, MetastaticSites = _metastases };
            Treatments? t = null;
            if (_rt is not null || _drugs is not null || _exposures is not null || _surgery is not null)
                t = new Treatments { Radiotherapy = _rt, Systemic = _drugs, Exposures = _exposures, Surgery = _surgery };
            var pres = _presentation;
            if (_motor is not null) pres = (pres ?? new()) with { Motor = _motor };
            var labs = _labs;
            if (_csf is not null || _antibodies is not null || _infection is not null)
                labs = (labs ?? new()) with { Csf = _csf, Antibodies = _antibodies, Infection = _infection };
            var imaging = _imaging;
            if (_lesionMm is not null) imaging = (imaging ?? new()) with { LargestLesionMm = _lesionMm };
            return CaseNormalizer.Normalize(new Case
            {
                Patient = _patient,
                Cancer = cancer,
                Treatments = t,
                Presentation = pres,
                Labs = labs,
                Safety = _safety,
                Imaging = imaging,
                Findings = _findings,
                Notes = _notesText is null ? null : string.Join("\n\n", _notesText),
            });
        }
    }
}
