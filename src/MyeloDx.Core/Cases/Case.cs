using System.Text.Json.Serialization;

namespace MyeloDx.Core.Cases;

/// <summary>
/// What a clinician knows about a patient with cancer and new cord dysfunction before the diagnosis is made.
/// Every field is optional: null means unknown, which is distinct from false/absent.
/// </summary>
public sealed record Case
{
    public Patient? Patient { get; init; }
    public Cancer? Cancer { get; init; }
    public Treatments? Treatments { get; init; }
    public Presentation? Presentation { get; init; }
    public Labs? Labs { get; init; }
    public Imaging? Imaging { get; init; }
    /// <summary>Facts that decide whether a procedure is safe (not diagnostic evidence): platelets, anticoagulation, mass effect, kidney function, contrast allergy.</summary>
    public Safety? Safety { get; init; }

    /// <summary>
    /// Further findings stated directly by knowledge-base variable id, e.g. <c>"rim_sign": "present"</c>.
    /// Lets a clinician (or the text reader) state anything the knowledge base can weigh.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Findings { get; init; }

    /// <summary>Free-text notes kept with the case; never reasoned over.</summary>
    public string? Notes { get; init; }
}

public sealed record Patient
{
    public double? AgeYears { get; init; }
    /// <summary>"female", "male" or "other".</summary>
    public string? Sex { get; init; }
    public string? Name { get; init; }
    /// <summary>ECOG performance status 0 (fully active) to 5 (dead), when stated.</summary>
    public int? Ecog { get; init; }
    /// <summary>Karnofsky performance status 0-100 in steps of 10, when stated.</summary>
    public int? Kps { get; init; }
}

public sealed record Cancer
{
    /// <summary>breast, lung, melanoma, kidney, prostate, lymphoma, leukaemia, myeloma, colorectal, ...</summary>
    public string? PrimarySite { get; init; }
    public string? Histology { get; init; }
    public Receptors? Receptors { get; init; }
    public int? Grade { get; init; }
    public string? Stage { get; init; }
    public IReadOnlyList<string>? MetastaticSites { get; init; }
    /// <summary>active, progressing, stable, remission, new_diagnosis, none_known</summary>
    public string? Status { get; init; }
    public double? MonthsSinceDiagnosis { get; init; }
}

public sealed record Receptors
{
    public bool? EstrogenPositive { get; init; }
    public bool? ProgesteronePositive { get; init; }
    public bool? Her2Positive { get; init; }
}

public sealed record Treatments
{
    /// <summary>Null: unknown. Empty: never irradiated.</summary>
    public IReadOnlyList<RadiotherapyCourse>? Radiotherapy { get; init; }
    public IReadOnlyList<Drug>? Systemic { get; init; }
    /// <summary>e.g. "nitrous_oxide", "zinc_excess".</summary>
    public IReadOnlyList<string>? Exposures { get; init; }
    /// <summary>e.g. "gastrectomy", "bariatric", "aortic", "spinal".</summary>
    public IReadOnlyList<string>? Surgery { get; init; }
}

public sealed record RadiotherapyCourse
{
    /// <summary>Where the field was, in words: "whole brain", "T10-L2", "mediastinum", "whole spine".</summary>
    public string? Target { get; init; }
    /// <summary>Vertebral levels in the field, e.g. "T10-L2". Empty string or null when not stated.</summary>
    public string? Levels { get; init; }
    /// <summary>True when the course is stated to have irradiated the affected cord; false when the cord was outside the field.</summary>
    public bool? CordInField { get; init; }
    public double? TotalDoseGy { get; init; }
    public int? Fractions { get; init; }
    /// <summary>conventional, sbrt, srs, proton, brachytherapy</summary>
    public string? Technique { get; init; }
    /// <summary>Months from the end of the course to the onset of the cord symptoms.</summary>
    public double? MonthsBeforeOnset { get; init; }
    /// <summary>Maximum cord dose if the plan states it (physical Gy, same fractions).</summary>
    public double? CordMaxDoseGy { get; init; }
}

public sealed record Drug
{
    public string? Name { get; init; }
    /// <summary>chemotherapy, immune_checkpoint_inhibitor, intrathecal_chemotherapy, nelarabine, targeted, hormonal, other</summary>
    public string? Class { get; init; }
    public double? MonthsBeforeOnset { get; init; }
    /// <summary>True while the patient is still receiving it at onset.</summary>
    public bool? Ongoing { get; init; }
}

public sealed record Presentation
{
    /// <summary>minutes_hours, days, weeks, months, years</summary>
    public string? OnsetTempo { get; init; }
    public double? HoursToNadir { get; init; }
    /// <summary>none, back, radicular, neck, other</summary>
    public string? Pain { get; init; }
    public MotorExam? Motor { get; init; }
    /// <summary>A vertebral/dermatomal level such as "T9"; empty when none.</summary>
    public string? SensoryLevel { get; init; }
    public bool? SensoryLoss { get; init; }
    public bool? PosteriorColumnLoss { get; init; }
    public bool? BladderDysfunction { get; init; }
    public bool? BowelDysfunction { get; init; }
    /// <summary>brisk, reduced, normal</summary>
    public string? Reflexes { get; init; }
    public bool? Ambulatory { get; init; }
    /// <summary>paraparesis, paraplegia, quadriparesis, hemicord (Brown-Séquard), monoparesis, sensory_ataxia, none</summary>
    public string? Syndrome { get; init; }
    public bool? Fever { get; init; }
    public bool? Lhermitte { get; init; }
    public bool? CranialNeuropathy { get; init; }
    public bool? Headache { get; init; }
    public bool? WorseAfterSteroidsOrExertion { get; init; }
}

public sealed record MotorExam
{
    /// <summary>MRC grade 0-5 of the weakest muscle group per limb; null when not examined.</summary>
    public double? RightArm { get; init; }
    public double? LeftArm { get; init; }
    public double? RightLeg { get; init; }
    public double? LeftLeg { get; init; }
}

public sealed record Labs
{
    public double? B12PgPerMl { get; init; }
    public bool? B12Low { get; init; }
    public double? CopperUgPerDl { get; init; }
    public bool? CopperLow { get; init; }
    public Csf? Csf { get; init; }
    /// <summary>positive/negative per antibody: aqp4, mog, amphiphysin, crmp5, anna1, ... ; "onconeural" for a panel.</summary>
    public IReadOnlyDictionary<string, string>? Antibodies { get; init; }
    /// <summary>positive/negative per test, e.g. "vzv_pcr": "positive", "blood_culture": "negative".</summary>
    public IReadOnlyDictionary<string, string>? Infection { get; init; }
}

public sealed record Csf
{
    public double? WhiteCellsPerUl { get; init; }
    public double? ProteinMgPerDl { get; init; }
    public double? GlucoseMgPerDl { get; init; }
    /// <summary>positive, negative, atypical</summary>
    public string? Cytology { get; init; }
    public int? CytologySamples { get; init; }
    /// <summary>positive, negative</summary>
    public string? OligoclonalBands { get; init; }
}

public sealed record Imaging
{
    /// <summary>intramedullary, leptomeningeal, intradural_extramedullary, epidural, none</summary>
    public string? Compartment { get; init; }
    public string? Levels { get; init; }
    public int? LesionCount { get; init; }
    /// <summary>Largest lesion's dimensions in mm, e.g. [13, 7, 8].</summary>
    public IReadOnlyList<double>? LargestLesionMm { get; init; }
    public double? T2ExtentSegments { get; init; }
    /// <summary>enhancing (pattern not stated), nodular, rim, flame, ring, patchy, linear, pial, leptomeningeal_nodular, dorsal_subpial, pancake, none</summary>
    public string? Enhancement { get; init; }
    /// <summary>A discrete mass or nodule inside the cord, as opposed to diffuse or tract-shaped signal change only.</summary>
    public bool? FocalMass { get; init; }
    public bool? CordEdema { get; init; }
    public bool? CordExpansion { get; init; }
    public bool? Hemorrhage { get; init; }
    public bool? Syrinx { get; init; }
    public bool? FlowVoids { get; init; }
    /// <summary>owl_eyes, h_shaped, central, none</summary>
    public string? GreyMatterPattern { get; init; }
    /// <summary>Symmetric dorsal-column (tract-specific) signal.</summary>
    public bool? PosteriorColumns { get; init; }
    public bool? DiffusionRestriction { get; init; }
    public bool? BoneMetastases { get; init; }
    public bool? EpiduralDisease { get; init; }
    public bool? BrainMetastases { get; init; }
    public bool? BrainDemyelination { get; init; }
    public bool? DiscOsteophyteCompression { get; init; }
}
