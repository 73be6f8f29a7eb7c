using System.Runtime.CompilerServices;
using System.Text.Json;

namespace MyeloDx.Core.Cases;

/// <summary>
/// A hand-written binder of the case schema (issue 17): binding through the source-generated serializer was about a
/// quarter of a structured batch line, because <see cref="Case"/> and its parts are records with <c>init</c>
/// properties, which it binds through its parameterised-constructor converter with boxed argument arrays. This reader
/// binds only what it is sure of: the known camelCase names, each at most once, unescaped, with values of exactly the
/// declared JSON type (a number the serializer's own <c>TryGetDouble</c>/<c>TryGetInt32</c> accepts, a string, true,
/// false, or null where the property is nullable). Anything else (an unknown or repeated field, an escaped name, a
/// string where a number belongs, a null inside a list or map, a duplicate map key) returns false without deciding what
/// it is, and the caller binds the same bytes with the serializer, which then gives its usual result or coded error.
/// Collections are the types the serializer makes (<see cref="List{T}"/>, <see cref="Dictionary{TKey,TValue}"/>),
/// so a case read here is the case the serializer would have read. When a field is added to the case records it must be
/// added here too, or every case using it takes the slower path (CaseReaderTests checks every property round-trips).
/// </summary>
internal static class CaseReader
{
    /// <summary>Binds the case whose start of object the reader is at; false (reader position then undefined) when unsure.</summary>
    public static bool TryRead(ref Utf8JsonReader r, out Case? value)
    {
        value = null;
        if (r.TokenType != JsonTokenType.StartObject) return false;
        Patient? patient = null; Cancer? cancer = null; Treatments? treatments = null; Presentation? presentation = null;
        Labs? labs = null; Imaging? imaging = null; Safety? safety = null; Dictionary<string, string>? findings = null; string? notes = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var name)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (name.SequenceEqual("patient"u8)) { bit = 1u << 0; ok = Patient(ref r, out patient); }
            else if (name.SequenceEqual("cancer"u8)) { bit = 1u << 1; ok = Cancer(ref r, out cancer); }
            else if (name.SequenceEqual("treatments"u8)) { bit = 1u << 2; ok = Treatments(ref r, out treatments); }
            else if (name.SequenceEqual("presentation"u8)) { bit = 1u << 3; ok = Presentation(ref r, out presentation); }
            else if (name.SequenceEqual("labs"u8)) { bit = 1u << 4; ok = Labs(ref r, out labs); }
            else if (name.SequenceEqual("imaging"u8)) { bit = 1u << 5; ok = Imaging(ref r, out imaging); }
            else if (name.SequenceEqual("safety"u8)) { bit = 1u << 6; ok = Safety(ref r, out safety); }
            else if (name.SequenceEqual("findings"u8)) { bit = 1u << 7; ok = Map(ref r, out findings); }
            else if (name.SequenceEqual("notes"u8)) { bit = 1u << 8; ok = Str(ref r, out notes); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Case
        {
            Patient = patient, Cancer = cancer, Treatments = treatments, Presentation = presentation,
            Labs = labs, Imaging = imaging, Safety = safety, Findings = findings, Notes = notes,
        };
        return true;
    }

    private static bool Patient(ref Utf8JsonReader r, out Patient? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        double? age = null; string? sex = null, name = null; int? ecog = null, kps = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("ageYears"u8)) { bit = 1u << 0; ok = Num(ref r, out age); }
            else if (n.SequenceEqual("sex"u8)) { bit = 1u << 1; ok = Str(ref r, out sex); }
            else if (n.SequenceEqual("name"u8)) { bit = 1u << 2; ok = Str(ref r, out name); }
            else if (n.SequenceEqual("ecog"u8)) { bit = 1u << 3; ok = Int(ref r, out ecog); }
            else if (n.SequenceEqual("kps"u8)) { bit = 1u << 4; ok = Int(ref r, out kps); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Patient { AgeYears = age, Sex = sex, Name = name, Ecog = ecog, Kps = kps };
        return true;
    }

    private static bool Cancer(ref Utf8JsonReader r, out Cancer? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        string? site = null, histology = null, stage = null, status = null; Receptors? receptors = null; int? grade = null;
        List<string>? sites = null; double? months = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("primarySite"u8)) { bit = 1u << 0; ok = Str(ref r, out site); }
            else if (n.SequenceEqual("histology"u8)) { bit = 1u << 1; ok = Str(ref r, out histology); }
            else if (n.SequenceEqual("receptors"u8)) { bit = 1u << 2; ok = Receptors(ref r, out receptors); }
            else if (n.SequenceEqual("grade"u8)) { bit = 1u << 3; ok = Int(ref r, out grade); }
            else if (n.SequenceEqual("stage"u8)) { bit = 1u << 4; ok = Str(ref r, out stage); }
            else if (n.SequenceEqual("metastaticSites"u8)) { bit = 1u << 5; ok = Strings(ref r, out sites); }
            else if (n.SequenceEqual("status"u8)) { bit = 1u << 6; ok = Str(ref r, out status); }
            else if (n.SequenceEqual("monthsSinceDiagnosis"u8)) { bit = 1u << 7; ok = Num(ref r, out months); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Cancer
        {
            PrimarySite = site, Histology = histology, Receptors = receptors, Grade = grade, Stage = stage,
            MetastaticSites = sites, Status = status, MonthsSinceDiagnosis = months,
        };
        return true;
    }

    private static bool Receptors(ref Utf8JsonReader r, out Receptors? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        bool? er = null, pr = null, her2 = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("estrogenPositive"u8)) { bit = 1u << 0; ok = Bool(ref r, out er); }
            else if (n.SequenceEqual("progesteronePositive"u8)) { bit = 1u << 1; ok = Bool(ref r, out pr); }
            else if (n.SequenceEqual("her2Positive"u8)) { bit = 1u << 2; ok = Bool(ref r, out her2); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Receptors { EstrogenPositive = er, ProgesteronePositive = pr, Her2Positive = her2 };
        return true;
    }

    private static bool Treatments(ref Utf8JsonReader r, out Treatments? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        List<RadiotherapyCourse>? radiotherapy = null; List<Drug>? systemic = null; List<string>? exposures = null, surgery = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("radiotherapy"u8)) { bit = 1u << 0; ok = Courses(ref r, out radiotherapy); }
            else if (n.SequenceEqual("systemic"u8)) { bit = 1u << 1; ok = Drugs(ref r, out systemic); }
            else if (n.SequenceEqual("exposures"u8)) { bit = 1u << 2; ok = Strings(ref r, out exposures); }
            else if (n.SequenceEqual("surgery"u8)) { bit = 1u << 3; ok = Strings(ref r, out surgery); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Treatments { Radiotherapy = radiotherapy, Systemic = systemic, Exposures = exposures, Surgery = surgery };
        return true;
    }

    private static bool Courses(ref Utf8JsonReader r, out List<RadiotherapyCourse>? value) => Records(ref r, Course, out value);

    // a list of records: null, or an array of objects each read by `read`; a null element is left to the serializer
    private delegate bool RecordReader<T>(ref Utf8JsonReader r, out T value);

    private static bool Records<T>(ref Utf8JsonReader r, RecordReader<T> read, out List<T>? value)
    {
        value = null;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartArray) return false;
        var list = new List<T>();
        while (true)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.EndArray) break;
            if (r.TokenType != JsonTokenType.StartObject || !read(ref r, out var item)) return false;
            list.Add(item);
        }
        value = list;
        return true;
    }

    private static bool Course(ref Utf8JsonReader r, out RadiotherapyCourse value)
    {
        value = null!;
        string? target = null, levels = null, technique = null; bool? cordInField = null;
        double? dose = null, months = null, cordMax = null; int? fractions = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("target"u8)) { bit = 1u << 0; ok = Str(ref r, out target); }
            else if (n.SequenceEqual("levels"u8)) { bit = 1u << 1; ok = Str(ref r, out levels); }
            else if (n.SequenceEqual("cordInField"u8)) { bit = 1u << 2; ok = Bool(ref r, out cordInField); }
            else if (n.SequenceEqual("totalDoseGy"u8)) { bit = 1u << 3; ok = Num(ref r, out dose); }
            else if (n.SequenceEqual("fractions"u8)) { bit = 1u << 4; ok = Int(ref r, out fractions); }
            else if (n.SequenceEqual("technique"u8)) { bit = 1u << 5; ok = Str(ref r, out technique); }
            else if (n.SequenceEqual("monthsBeforeOnset"u8)) { bit = 1u << 6; ok = Num(ref r, out months); }
            else if (n.SequenceEqual("cordMaxDoseGy"u8)) { bit = 1u << 7; ok = Num(ref r, out cordMax); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new RadiotherapyCourse
        {
            Target = target, Levels = levels, CordInField = cordInField, TotalDoseGy = dose, Fractions = fractions,
            Technique = technique, MonthsBeforeOnset = months, CordMaxDoseGy = cordMax,
        };
        return true;
    }

    private static bool Drugs(ref Utf8JsonReader r, out List<Drug>? value) => Records(ref r, Drug, out value);

    private static bool Drug(ref Utf8JsonReader r, out Drug value)
    {
        value = null!;
        string? name = null, cls = null; double? months = null; bool? ongoing = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("name"u8)) { bit = 1u << 0; ok = Str(ref r, out name); }
            else if (n.SequenceEqual("class"u8)) { bit = 1u << 1; ok = Str(ref r, out cls); }
            else if (n.SequenceEqual("monthsBeforeOnset"u8)) { bit = 1u << 2; ok = Num(ref r, out months); }
            else if (n.SequenceEqual("ongoing"u8)) { bit = 1u << 3; ok = Bool(ref r, out ongoing); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Drug { Name = name, Class = cls, MonthsBeforeOnset = months, Ongoing = ongoing };
        return true;
    }

    private static bool Presentation(ref Utf8JsonReader r, out Presentation? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        string? tempo = null, pain = null, level = null, reflexes = null, syndrome = null;
        double? nadir = null; MotorExam? motor = null;
        bool? sensoryLoss = null, posterior = null, bladder = null, bowel = null, ambulatory = null, fever = null,
            lhermitte = null, cranial = null, headache = null, worse = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("onsetTempo"u8)) { bit = 1u << 0; ok = Str(ref r, out tempo); }
            else if (n.SequenceEqual("hoursToNadir"u8)) { bit = 1u << 1; ok = Num(ref r, out nadir); }
            else if (n.SequenceEqual("pain"u8)) { bit = 1u << 2; ok = Str(ref r, out pain); }
            else if (n.SequenceEqual("motor"u8)) { bit = 1u << 3; ok = Motor(ref r, out motor); }
            else if (n.SequenceEqual("sensoryLevel"u8)) { bit = 1u << 4; ok = Str(ref r, out level); }
            else if (n.SequenceEqual("sensoryLoss"u8)) { bit = 1u << 5; ok = Bool(ref r, out sensoryLoss); }
            else if (n.SequenceEqual("posteriorColumnLoss"u8)) { bit = 1u << 6; ok = Bool(ref r, out posterior); }
            else if (n.SequenceEqual("bladderDysfunction"u8)) { bit = 1u << 7; ok = Bool(ref r, out bladder); }
            else if (n.SequenceEqual("bowelDysfunction"u8)) { bit = 1u << 8; ok = Bool(ref r, out bowel); }
            else if (n.SequenceEqual("reflexes"u8)) { bit = 1u << 9; ok = Str(ref r, out reflexes); }
            else if (n.SequenceEqual("ambulatory"u8)) { bit = 1u << 10; ok = Bool(ref r, out ambulatory); }
            else if (n.SequenceEqual("syndrome"u8)) { bit = 1u << 11; ok = Str(ref r, out syndrome); }
            else if (n.SequenceEqual("fever"u8)) { bit = 1u << 12; ok = Bool(ref r, out fever); }
            else if (n.SequenceEqual("lhermitte"u8)) { bit = 1u << 13; ok = Bool(ref r, out lhermitte); }
            else if (n.SequenceEqual("cranialNeuropathy"u8)) { bit = 1u << 14; ok = Bool(ref r, out cranial); }
            else if (n.SequenceEqual("headache"u8)) { bit = 1u << 15; ok = Bool(ref r, out headache); }
            else if (n.SequenceEqual("worseAfterSteroidsOrExertion"u8)) { bit = 1u << 16; ok = Bool(ref r, out worse); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Presentation
        {
            OnsetTempo = tempo, HoursToNadir = nadir, Pain = pain, Motor = motor, SensoryLevel = level,
            SensoryLoss = sensoryLoss, PosteriorColumnLoss = posterior, BladderDysfunction = bladder,
            BowelDysfunction = bowel, Reflexes = reflexes, Ambulatory = ambulatory, Syndrome = syndrome, Fever = fever,
            Lhermitte = lhermitte, CranialNeuropathy = cranial, Headache = headache, WorseAfterSteroidsOrExertion = worse,
        };
        return true;
    }

    private static bool Motor(ref Utf8JsonReader r, out MotorExam? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        double? ra = null, la = null, rl = null, ll = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("rightArm"u8)) { bit = 1u << 0; ok = Num(ref r, out ra); }
            else if (n.SequenceEqual("leftArm"u8)) { bit = 1u << 1; ok = Num(ref r, out la); }
            else if (n.SequenceEqual("rightLeg"u8)) { bit = 1u << 2; ok = Num(ref r, out rl); }
            else if (n.SequenceEqual("leftLeg"u8)) { bit = 1u << 3; ok = Num(ref r, out ll); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new MotorExam { RightArm = ra, LeftArm = la, RightLeg = rl, LeftLeg = ll };
        return true;
    }

    private static bool Labs(ref Utf8JsonReader r, out Labs? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        double? b12 = null, copper = null; bool? b12Low = null, copperLow = null; Csf? csf = null;
        Dictionary<string, string>? antibodies = null, infection = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("b12PgPerMl"u8)) { bit = 1u << 0; ok = Num(ref r, out b12); }
            else if (n.SequenceEqual("b12Low"u8)) { bit = 1u << 1; ok = Bool(ref r, out b12Low); }
            else if (n.SequenceEqual("copperUgPerDl"u8)) { bit = 1u << 2; ok = Num(ref r, out copper); }
            else if (n.SequenceEqual("copperLow"u8)) { bit = 1u << 3; ok = Bool(ref r, out copperLow); }
            else if (n.SequenceEqual("csf"u8)) { bit = 1u << 4; ok = Csf(ref r, out csf); }
            else if (n.SequenceEqual("antibodies"u8)) { bit = 1u << 5; ok = Map(ref r, out antibodies); }
            else if (n.SequenceEqual("infection"u8)) { bit = 1u << 6; ok = Map(ref r, out infection); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Labs
        {
            B12PgPerMl = b12, B12Low = b12Low, CopperUgPerDl = copper, CopperLow = copperLow, Csf = csf,
            Antibodies = antibodies, Infection = infection,
        };
        return true;
    }

    private static bool Csf(ref Utf8JsonReader r, out Csf? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        double? cells = null, protein = null, glucose = null; string? cytology = null, bands = null; int? samples = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("whiteCellsPerUl"u8)) { bit = 1u << 0; ok = Num(ref r, out cells); }
            else if (n.SequenceEqual("proteinMgPerDl"u8)) { bit = 1u << 1; ok = Num(ref r, out protein); }
            else if (n.SequenceEqual("glucoseMgPerDl"u8)) { bit = 1u << 2; ok = Num(ref r, out glucose); }
            else if (n.SequenceEqual("cytology"u8)) { bit = 1u << 3; ok = Str(ref r, out cytology); }
            else if (n.SequenceEqual("cytologySamples"u8)) { bit = 1u << 4; ok = Int(ref r, out samples); }
            else if (n.SequenceEqual("oligoclonalBands"u8)) { bit = 1u << 5; ok = Str(ref r, out bands); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Csf
        {
            WhiteCellsPerUl = cells, ProteinMgPerDl = protein, GlucoseMgPerDl = glucose, Cytology = cytology,
            CytologySamples = samples, OligoclonalBands = bands,
        };
        return true;
    }

    private static bool Imaging(ref Utf8JsonReader r, out Imaging? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        string? compartment = null, levels = null, enhancement = null, grey = null; int? count = null;
        List<double>? largest = null; double? t2 = null;
        bool? focal = null, edema = null, expansion = null, hemorrhage = null, syrinx = null, flowVoids = null,
            posterior = null, diffusion = null, bone = null, epidural = null, brainMets = null, demyelination = null, disc = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("compartment"u8)) { bit = 1u << 0; ok = Str(ref r, out compartment); }
            else if (n.SequenceEqual("levels"u8)) { bit = 1u << 1; ok = Str(ref r, out levels); }
            else if (n.SequenceEqual("lesionCount"u8)) { bit = 1u << 2; ok = Int(ref r, out count); }
            else if (n.SequenceEqual("largestLesionMm"u8)) { bit = 1u << 3; ok = Numbers(ref r, out largest); }
            else if (n.SequenceEqual("t2ExtentSegments"u8)) { bit = 1u << 4; ok = Num(ref r, out t2); }
            else if (n.SequenceEqual("enhancement"u8)) { bit = 1u << 5; ok = Str(ref r, out enhancement); }
            else if (n.SequenceEqual("focalMass"u8)) { bit = 1u << 6; ok = Bool(ref r, out focal); }
            else if (n.SequenceEqual("cordEdema"u8)) { bit = 1u << 7; ok = Bool(ref r, out edema); }
            else if (n.SequenceEqual("cordExpansion"u8)) { bit = 1u << 8; ok = Bool(ref r, out expansion); }
            else if (n.SequenceEqual("hemorrhage"u8)) { bit = 1u << 9; ok = Bool(ref r, out hemorrhage); }
            else if (n.SequenceEqual("syrinx"u8)) { bit = 1u << 10; ok = Bool(ref r, out syrinx); }
            else if (n.SequenceEqual("flowVoids"u8)) { bit = 1u << 11; ok = Bool(ref r, out flowVoids); }
            else if (n.SequenceEqual("greyMatterPattern"u8)) { bit = 1u << 12; ok = Str(ref r, out grey); }
            else if (n.SequenceEqual("posteriorColumns"u8)) { bit = 1u << 13; ok = Bool(ref r, out posterior); }
            else if (n.SequenceEqual("diffusionRestriction"u8)) { bit = 1u << 14; ok = Bool(ref r, out diffusion); }
            else if (n.SequenceEqual("boneMetastases"u8)) { bit = 1u << 15; ok = Bool(ref r, out bone); }
            else if (n.SequenceEqual("epiduralDisease"u8)) { bit = 1u << 16; ok = Bool(ref r, out epidural); }
            else if (n.SequenceEqual("brainMetastases"u8)) { bit = 1u << 17; ok = Bool(ref r, out brainMets); }
            else if (n.SequenceEqual("brainDemyelination"u8)) { bit = 1u << 18; ok = Bool(ref r, out demyelination); }
            else if (n.SequenceEqual("discOsteophyteCompression"u8)) { bit = 1u << 19; ok = Bool(ref r, out disc); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Imaging
        {
            Compartment = compartment, Levels = levels, LesionCount = count, LargestLesionMm = largest,
            T2ExtentSegments = t2, Enhancement = enhancement, FocalMass = focal, CordEdema = edema,
            CordExpansion = expansion, Hemorrhage = hemorrhage, Syrinx = syrinx, FlowVoids = flowVoids,
            GreyMatterPattern = grey, PosteriorColumns = posterior, DiffusionRestriction = diffusion,
            BoneMetastases = bone, EpiduralDisease = epidural, BrainMetastases = brainMets,
            BrainDemyelination = demyelination, DiscOsteophyteCompression = disc,
        };
        return true;
    }

    private static bool Safety(ref Utf8JsonReader r, out Safety? value)
    {
        value = null;
        if (!Open(ref r, out var isNull)) return false;
        if (isNull) return true;
        double? platelets = null, egfr = null; string? anticoagulation = null;
        bool? massEffect = null, icp = null, gadolinium = null, iodinated = null;
        var seen = 0u;
        while (true)
        {
            if (!NextName(ref r, out var n)) { if (r.TokenType == JsonTokenType.EndObject) break; return false; }
            uint bit;
            bool ok;
            if (n.SequenceEqual("plateletCount"u8)) { bit = 1u << 0; ok = Num(ref r, out platelets); }
            else if (n.SequenceEqual("anticoagulation"u8)) { bit = 1u << 1; ok = Str(ref r, out anticoagulation); }
            else if (n.SequenceEqual("brainMassEffect"u8)) { bit = 1u << 2; ok = Bool(ref r, out massEffect); }
            else if (n.SequenceEqual("raisedIntracranialPressure"u8)) { bit = 1u << 3; ok = Bool(ref r, out icp); }
            else if (n.SequenceEqual("egfrMlMin"u8)) { bit = 1u << 4; ok = Num(ref r, out egfr); }
            else if (n.SequenceEqual("gadoliniumAllergy"u8)) { bit = 1u << 5; ok = Bool(ref r, out gadolinium); }
            else if (n.SequenceEqual("iodinatedContrastAllergy"u8)) { bit = 1u << 6; ok = Bool(ref r, out iodinated); }
            else return false;
            if (!ok || !Once(ref seen, bit)) return false;
        }
        value = new Safety
        {
            PlateletCount = platelets, Anticoagulation = anticoagulation, BrainMassEffect = massEffect,
            RaisedIntracranialPressure = icp, EgfrMlMin = egfr, GadoliniumAllergy = gadolinium,
            IodinatedContrastAllergy = iodinated,
        };
        return true;
    }

    // The small steps below are inlined into the loops that call them (which are compiled optimised at once): left
    // as calls, they ran as unoptimised tier-0 code for the whole of a 20,000-line batch on one core.

    /// <summary>
    /// Moves to the next property name of the object being read: true with its unescaped UTF-8 bytes; false at the end
    /// of the object (the caller checks the token) and at anything else, an escaped name included (the serializer
    /// unescapes names before matching; left to it rather than done twice here).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NextName(ref Utf8JsonReader r, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!r.Read() || r.TokenType != JsonTokenType.PropertyName || r.ValueIsEscaped || r.HasValueSequence) return false;
        name = r.ValueSpan;
        return true;
    }

    // A repeated field: the serializer (duplicates disallowed) refuses it, so it is left to it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Once(ref uint seen, uint bit)
    {
        if ((seen & bit) != 0) return false;
        seen |= bit;
        return true;
    }

    /// <summary>Moves to a nested object's value: true at its start (or at null, with <paramref name="isNull"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Open(ref Utf8JsonReader r, out bool isNull)
    {
        isNull = false;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Null) { isNull = true; return true; }
        return r.TokenType == JsonTokenType.StartObject;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Str(ref Utf8JsonReader r, out string? value)
    {
        value = null;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.String) return false;
        value = r.GetString();
        return true;
    }

    // The serializer's double converter reads with the same TryGetDouble (no NaN/Infinity, no overflow to infinity);
    // what it refuses is left to it for its message.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Num(ref Utf8JsonReader r, out double? value)
    {
        value = null;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.Number || !r.TryGetDouble(out var d)) return false;
        value = d;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Int(ref Utf8JsonReader r, out int? value)
    {
        value = null;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out var i)) return false;
        value = i;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Bool(ref Utf8JsonReader r, out bool? value)
    {
        value = null;
        if (!r.Read()) return false;
        switch (r.TokenType)
        {
            case JsonTokenType.Null: return true;
            case JsonTokenType.True: value = true; return true;
            case JsonTokenType.False: value = false; return true;
            default: return false;
        }
    }

    private static bool Strings(ref Utf8JsonReader r, out List<string>? value)
    {
        value = null;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartArray) return false;
        var list = new List<string>();
        while (true)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.EndArray) break;
            if (r.TokenType != JsonTokenType.String) return false;
            list.Add(r.GetString()!);
        }
        value = list;
        return true;
    }

    private static bool Numbers(ref Utf8JsonReader r, out List<double>? value)
    {
        value = null;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartArray) return false;
        var list = new List<double>();
        while (true)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.EndArray) break;
            if (r.TokenType != JsonTokenType.Number || !r.TryGetDouble(out var d)) return false;
            list.Add(d);
        }
        value = list;
        return true;
    }

    /// <summary>A string-to-string map; a null value or a key given twice is left to the serializer.</summary>
    private static bool Map(ref Utf8JsonReader r, out Dictionary<string, string>? value)
    {
        value = null;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartObject) return false;
        var map = new Dictionary<string, string>();
        while (true)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.EndObject) break;
            if (r.TokenType != JsonTokenType.PropertyName) return false;
            var key = r.GetString()!;
            if (!r.Read() || r.TokenType != JsonTokenType.String || !map.TryAdd(key, r.GetString()!)) return false;
        }
        value = map;
        return true;
    }
}
