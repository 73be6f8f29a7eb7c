using System.Globalization;
using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Cases;

/// <summary>
/// Turns a structured case into observations in the knowledge base's terms. Only facts the case states become
/// observations: a null field stays unknown and moves nothing. The numbers live in knowledge/; this holds only
/// the mapping from case fields to variables.
/// </summary>
public sealed class FindingDeriver(KnowledgeBase kb)
{
    public IReadOnlyList<Observation> Derive(Case c)
    {
        var o = new List<Observation>();
        void Add(string variable, string state, string origin, bool uncertain = false)
        {
            if (!kb.Variables.ContainsKey(variable)) throw new InvalidOperationException($"knowledge base lacks variable '{variable}' used by the deriver");
            o.Add(new Observation(variable, state, null, origin, uncertain));
        }
        void Bin(string variable, bool? value, string origin)
        {
            if (value is { } b) Add(variable, b ? "present" : "absent", origin);
        }
        void Num(string variable, double? value, string origin)
        {
            if (value is not { } x) return;
            if (!kb.Variables.ContainsKey(variable)) throw new InvalidOperationException($"knowledge base lacks variable '{variable}'");
            o.Add(new Observation(variable, null, x, origin));
        }

        // patient
        Num("age_years", c.Patient?.AgeYears, "patient.ageYears");
        if (c.Patient?.Sex is "female" or "male") Add("sex", c.Patient.Sex, "patient.sex");

        // cancer
        if (c.Cancer is { } ca)
        {
            if (PrimaryState(ca) is { } ps) Add("primary_cancer", ps, "cancer.primarySite");
            if (ca.MetastaticSites is { } sites)
            {
                var lower = sites.Select(s => s.ToLowerInvariant()).ToArray();
                Bin("systemic_metastases", lower.Length > 0, "cancer.metastaticSites");
                if (lower.Any(s => s.Contains("brain"))) Add("brain_metastases", "present", "cancer.metastaticSites");
                if (lower.Any(s => s.Contains("bone") || s.Contains("vertebra") || s.Contains("spine"))) Add("bone_metastases", "present", "cancer.metastaticSites");
                if (lower.Any(s => s.Contains("leptomening") || s.Contains("meningeal"))) Add("known_leptomeningeal_disease", "present", "cancer.metastaticSites");
            }
        }

        // treatments
        var t = c.Treatments;
        if (t?.Radiotherapy is { } courses) DeriveRadiotherapy(courses, c.Imaging, o);
        if (t?.Systemic is { } drugs)
        {
            Bin("ici_exposure", drugs.Any(d => d.Class == "immune_checkpoint_inhibitor"), "treatments.systemic");
            Bin("neurotoxic_chemotherapy", drugs.Any(d => d.Class is "intrathecal_chemotherapy" or "nelarabine"), "treatments.systemic");
        }
        var risk = (t?.Exposures ?? []).Any(e => e.Contains("nitrous", StringComparison.OrdinalIgnoreCase) || e.Contains("zinc", StringComparison.OrdinalIgnoreCase))
                   || (t?.Surgery ?? []).Any(s => s.Contains("gastrectomy", StringComparison.OrdinalIgnoreCase) || s.Contains("bariatric", StringComparison.OrdinalIgnoreCase));
        if (risk) Add("b12_copper_risk", "present", "treatments");

        // presentation
        if (c.Presentation is { } p)
        {
            var tempo = p.HoursToNadir is <= 12 ? "minutes_hours" : p.OnsetTempo;
            if (tempo is not null) Add("onset_tempo", tempo, p.HoursToNadir is <= 12 ? "presentation.hoursToNadir" : "presentation.onsetTempo");
            switch (p.Pain)
            {
                case "back" or "neck": Add("back_pain", "present", "presentation.pain"); break;
                case "radicular": Add("radicular_pain", "present", "presentation.pain"); break;
                case "none": Add("back_pain", "absent", "presentation.pain"); break;
            }
            if (p.SensoryLevel is { } sl) Bin("sensory_level", sl.Length > 0, "presentation.sensoryLevel");
            if (p.BladderDysfunction is true || p.BowelDysfunction is true) Add("sphincter_dysfunction", "present", "presentation.bladderDysfunction");
            else if (p.BladderDysfunction is false && p.BowelDysfunction is not true) Add("sphincter_dysfunction", "absent", "presentation.bladderDysfunction");
            Bin("posterior_column_signs", p.PosteriorColumnLoss, "presentation.posteriorColumnLoss");
            // Reduced or absent leg reflexes with weakness = a flaccid (lower motor neuron or shock) picture.
            if (p.Reflexes is "reduced") Add("flaccid_areflexia", "present", "presentation.reflexes");
            else if (p.Reflexes is "brisk") Add("flaccid_areflexia", "absent", "presentation.reflexes");
            if (p.Syndrome == "hemicord") Add("brown_sequard", "present", "presentation.syndrome");
            Bin("fever", p.Fever, "presentation.fever");
            Bin("lhermitte", p.Lhermitte, "presentation.lhermitte");
            Bin("cranial_nerve_palsy", p.CranialNeuropathy, "presentation.cranialNeuropathy");
            Bin("headache", p.Headache, "presentation.headache");
            if (p.WorseAfterSteroidsOrExertion is true) Add("steroid_response", "worsened", "presentation.worseAfterSteroidsOrExertion");
        }

        // labs
        if (c.Labs is { } l)
        {
            var b12 = l.B12Low ?? (l.B12PgPerMl is { } b ? b < 200 : null);
            Bin("b12_low", b12, "labs.b12");
            var cu = l.CopperLow ?? (l.CopperUgPerDl is { } cuv ? cuv < 70 : null);
            Bin("copper_low", cu, "labs.copper");
            if (l.Csf is { } csf)
            {
                switch (csf.Cytology)
                {
                    case "positive": Add("csf_cytology", "positive", "labs.csf.cytology"); break;
                    case "atypical": Add("csf_cytology", "positive", "labs.csf.cytology", uncertain: true); break;
                    case "negative": Add("csf_cytology", csf.CytologySamples is >= 2 ? "negative_repeated" : "negative_single", "labs.csf.cytology"); break;
                }
                if (csf.WhiteCellsPerUl is { } w) Bin("csf_pleocytosis", w > 5, "labs.csf.whiteCellsPerUl");
                if (csf.ProteinMgPerDl is { } pr) Bin("csf_protein_high", pr > 45, "labs.csf.proteinMgPerDl");
                if (csf.GlucoseMgPerDl is { } gl) Bin("csf_glucose_low", gl < 40, "labs.csf.glucoseMgPerDl");
                if (csf.OligoclonalBands is { } ocb) Bin("csf_oligoclonal_bands", ocb == "positive", "labs.csf.oligoclonalBands");
            }
            if (l.Antibodies is { } ab)
            {
                foreach (var (k, v) in ab)
                {
                    var key = k.ToLowerInvariant();
                    var variable = key.Contains("aqp4") ? "aqp4_igg" : key.Contains("mog") ? "mog_igg" : "onconeural_antibody";
                    if (v == "positive" || !o.Any(x => x.VariableId == variable)) Bin(variable, v == "positive", "labs.antibodies." + k);
                }
            }
            if (l.Infection is { Count: > 0 } inf) Bin("infection_test_positive", inf.Values.Any(v => v == "positive"), "labs.infection");
        }

        // imaging
        if (c.Imaging is { } im)
        {
            if (im.Compartment is { } comp) Add("compartment", comp == "intradural_extramedullary" ? "intradural_extramedullary" : comp, "imaging.compartment");
            else if (im.EpiduralDisease is true) Add("compartment", "epidural", "imaging.epiduralDisease");
            // the report's statement about epidural tumour is also its own finding (a denial beside an intramedullary
            // lesion says the reference test for epidural compression shows none)
            Bin("epidural_disease", im.EpiduralDisease, "imaging.epiduralDisease");
            if (im.LesionCount is { } n && n > 0) Bin("multiple_cord_lesions", n > 1, "imaging.lesionCount");
            Num("t2_extent_segments", im.T2ExtentSegments, "imaging.t2ExtentSegments");
            switch (im.Enhancement)
            {
                case null: break;
                case "rim": Add("enhancement_pattern", "nodular", "imaging.enhancement"); Add("rim_sign", "present", "imaging.enhancement"); break;
                case "flame": Add("enhancement_pattern", "nodular", "imaging.enhancement"); Add("flame_sign", "present", "imaging.enhancement"); break;
                case "leptomeningeal_nodular": Add("enhancement_pattern", "pial", "imaging.enhancement"); break;
                default: Add("enhancement_pattern", im.Enhancement, "imaging.enhancement"); break;
            }
            // A lesion measured in millimetres inside the cord is a discrete lesion, whatever the report calls it.
            var mass = im.FocalMass ?? (im.LargestLesionMm is { Count: > 0 } && im.Compartment == "intramedullary" ? true : null);
            Bin("focal_cord_mass", mass, im.FocalMass is null ? "imaging.largestLesionMm" : "imaging.focalMass");
            Bin("cord_edema", im.CordEdema, "imaging.cordEdema");
            Bin("cord_expansion", im.CordExpansion, "imaging.cordExpansion");
            Bin("hemorrhage", im.Hemorrhage, "imaging.hemorrhage");
            Bin("syrinx_or_cyst", im.Syrinx, "imaging.syrinx");
            Bin("flow_voids", im.FlowVoids, "imaging.flowVoids");
            switch (im.GreyMatterPattern)
            {
                case "owl_eyes": Add("owl_eyes", "present", "imaging.greyMatterPattern"); break;
                case "h_shaped": Add("h_shaped_grey", "present", "imaging.greyMatterPattern"); break;
            }
            Bin("tract_specific_signal", im.PosteriorColumns, "imaging.posteriorColumns");
            Bin("dwi_restriction", im.DiffusionRestriction, "imaging.diffusionRestriction");
            if (im.BoneMetastases is { } bm && !o.Any(x => x.VariableId == "bone_metastases")) Bin("bone_metastases", bm, "imaging.boneMetastases");
            if (im.BrainMetastases is { } br && !o.Any(x => x.VariableId == "brain_metastases")) Bin("brain_metastases", br, "imaging.brainMetastases");
            // a bone or brain metastasis seen on imaging is a distant metastasis, as when the same sites are listed under
            // cancer.metastaticSites (and as the text reader counts them)
            if (!o.Any(x => x.VariableId == "systemic_metastases"))
            {
                if (im.BoneMetastases is true) Bin("systemic_metastases", true, "imaging.boneMetastases");
                else if (im.BrainMetastases is true) Bin("systemic_metastases", true, "imaging.brainMetastases");
            }
            Bin("brain_demyelinating_lesions", im.BrainDemyelination, "imaging.brainDemyelination");
            Bin("disc_osteophyte_compression", im.DiscOsteophyteCompression, "imaging.discOsteophyteCompression");
            var ranges = SpinalLevels.Ranges(im.Levels);
            if (ranges.Count > 0)
            {
                var from = ranges.Min(r => r.From); var to = ranges.Max(r => r.To);
                Add("cord_region", SpinalLevels.Region(from, to), "imaging.levels");
            }
        }

        // findings stated directly by id
        foreach (var (k, v) in c.Findings ?? new Dictionary<string, string>())
        {
            if (!kb.Variables.TryGetValue(k, out var variable))
                throw new InputException("MDX-IN021", "case.findings." + k, $"unknown finding '{k}'");
            if (v is null) throw new InputException("MDX-IN022", "case.findings." + k, $"'{k}' has no value (null); give a state or \"unknown\"");
            o.RemoveAll(x => x.VariableId == k);
            if (v is "unknown") continue;
            if (variable.Kind == VariableKind.Continuous)
            {
                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                    throw new InputException("MDX-IN022", "case.findings." + k, $"'{k}' needs a number");
                o.Add(new Observation(k, null, x, "findings." + k));
            }
            else
            {
                var uncertain = v.StartsWith("possible_", StringComparison.Ordinal);
                var state = uncertain ? v["possible_".Length..] : v;
                if (variable.State(state) is null)
                    throw new InputException("MDX-IN022", "case.findings." + k,
                        $"unknown value '{v}' (allowed: {string.Join(", ", variable.States.Select(s => s.Id))}, possible_<value>, unknown)");
                o.Add(new Observation(k, state, null, "findings." + k, uncertain));
            }
        }
        return o;
    }

    /// <summary>
    /// The categorical radiotherapy findings. When the radiotherapy evidence provider can compute the cord dose it
    /// supersedes these (the engine then drops them), so they count only when the dose model cannot place a field.
    /// </summary>
    private void DeriveRadiotherapy(IReadOnlyList<RadiotherapyCourse> courses, Imaging? imaging, List<Observation> o)
    {
        if (courses.Count == 0) { o.Add(new Observation("cord_rt_exposure", "none", null, "treatments.radiotherapy")); return; }
        var lesion = SpinalLevels.Ranges(imaging?.Levels);
        string? best = null; double? latency = null; var origin = "treatments.radiotherapy"; var uncertain = false;
        var anyUnknown = false;
        for (var i = 0; i < courses.Count; i++)
        {
            var rt = courses[i];
            var state = CordInField(rt, lesion);
            switch (state)
            {
                case "in_field" when best != "in_field" || uncertain:
                    best = "in_field"; uncertain = false; latency = rt.MonthsBeforeOnset; origin = $"treatments.radiotherapy[{i}]"; break;
                case "possible_in_field" when best is null or "outside_field":
                    best = "in_field"; uncertain = true; latency = rt.MonthsBeforeOnset; origin = $"treatments.radiotherapy[{i}]"; break;
                case "outside_field" when best is null:
                    best = "outside_field"; origin = $"treatments.radiotherapy[{i}]"; break;
                case null:
                    anyUnknown = true; break;
            }
        }
        // One course of unknown geometry leaves "outside every field" unproven.
        if (best == "outside_field" && anyUnknown) best = null;
        if (best is not null) o.Add(new Observation("cord_rt_exposure", best, null, origin, uncertain));
        if (best == "in_field" && latency is { } m) o.Add(new Observation("rt_latency_months", null, m, origin, uncertain));
    }

    /// <summary>
    /// in_field, outside_field, possible_in_field, or null when it cannot be told. Uses the cord geometry model
    /// (<see cref="Dose.CordGeometry"/>): a lesion near a field's edge counts as in the field for this categorical
    /// fallback; a chest or mantle field without vertebral levels, or a cord-facing field while the lesion's level is
    /// not stated, makes it only possible. The fallback counts only when the dose model cannot (see docs/dose.md).
    /// </summary>
    internal static string? CordInField(RadiotherapyCourse rt, IReadOnlyList<(int From, int To)> lesion) =>
        Dose.CordGeometry.Locate(rt, lesion).Relation switch
        {
            Dose.FieldRelation.InField or Dose.FieldRelation.NearEdge => "in_field",
            Dose.FieldRelation.Possible => "possible_in_field",
            Dose.FieldRelation.Outside => "outside_field",
            _ => null,
        };

    private static string? PrimaryState(Cancer ca) => PrimaryCancerState(ca.PrimarySite, ca.Histology);

    /// <summary>The knowledge base's primary_cancer state for a named site and histology ("lung", "small cell") or null.</summary>
    public static string? PrimaryCancerState(string? primarySite, string? histology)
    {
        var site = (primarySite ?? "").ToLowerInvariant();
        var hist = (histology ?? "").ToLowerInvariant();
        if (site.Length == 0) return null;
        if (site is "none" or "none_known" or "unknown_primary") return site == "unknown_primary" ? "other" : "none_known";
        if (site.Contains("lung") || site.Contains("bronch"))
            return hist.Contains("small") && !hist.Contains("non") ? "lung_small_cell" : "lung_non_small_cell";
        if (site.Contains("breast")) return "breast";
        if (site.Contains("melanoma") || site.Contains("skin")) return "melanoma";
        if (site.Contains("kidney") || site.Contains("renal")) return "kidney";
        if (site.Contains("prostate")) return "prostate";
        if (site.Contains("lymphoma")) return "lymphoma";
        if (site.Contains("leuk")) return "leukaemia";
        if (site.Contains("myeloma") || site.Contains("plasmacytoma")) return "myeloma";
        if (site.Contains("colo") || site.Contains("rect") || site.Contains("gastr") || site.Contains("stomach") || site.Contains("esoph") || site.Contains("oesoph") || site.Contains("pancrea") || site.Contains("liver")) return "gastrointestinal";
        if (site.Contains("ovar") || site.Contains("uter") || site.Contains("endometr") || site.Contains("cervi")) return "gynaecological";
        if (site.Contains("head") || site.Contains("neck") || site.Contains("nasophar") || site.Contains("laryn") || site.Contains("oral")) return "head_neck";
        if (site.Contains("thyroid")) return "thyroid";
        return "other";
    }
}
