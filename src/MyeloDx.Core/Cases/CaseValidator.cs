using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Errors;

namespace MyeloDx.Core.Cases;

/// <summary>Refuses impossible numbers and unknown coded values, naming the field. Never guesses.</summary>
public static class CaseValidator
{
    public static readonly string[] Sexes = ["female", "male", "other"];
    public static readonly string[] Tempos = ["minutes_hours", "days", "weeks", "months", "years"];
    public static readonly string[] Pains = ["none", "back", "neck", "radicular", "other"];
    public static readonly string[] Compartments = ["intramedullary", "leptomeningeal", "intradural_extramedullary", "epidural", "extrinsic_degenerative", "none"];
    public static readonly string[] Enhancements = ["enhancing", "nodular", "rim", "flame", "ring", "patchy", "linear", "pial", "leptomeningeal_nodular", "dorsal_subpial", "pancake", "none"];
    public static readonly string[] GreyPatterns = ["owl_eyes", "h_shaped", "central", "none"];
    public static readonly string[] DrugClasses = ["chemotherapy", "immune_checkpoint_inhibitor", "intrathecal_chemotherapy", "nelarabine", "targeted", "hormonal", "other"];
    public static readonly string[] Techniques = ["conventional", "sbrt", "srs", "proton", "brachytherapy"];
    public static readonly string[] Cytology = ["positive", "negative", "atypical"];
    public static readonly string[] PosNeg = ["positive", "negative"];
    public static readonly string[] Reflexes = ["brisk", "reduced", "normal"];
    public static readonly string[] Anticoagulation = ["none", "prophylactic", "therapeutic", "antiplatelet"];
    public static readonly string[] Syndromes = ["paraparesis", "paraplegia", "quadriparesis", "hemicord", "monoparesis", "sensory_ataxia", "none"];

    public static void Validate(Case c, string where = "case")
    {
        // The field paths are built only when a check fails (At): building every path of a valid case was most of
        // validation's cost in a structured batch (issue 17). The checks and their order are unchanged.
        // a null inside a list or a map ("radiotherapy": [null], "antibodies": {"aqp4": null}) is a hole in the input,
        // refused with its path like any other bad value (it used to surface later as an internal error); a finding's
        // null is refused where findings are read, after its id is checked (FindingDeriver)
        NoNulls(c.Cancer?.MetastaticSites, where, ".cancer.metastaticSites");
        NoNulls(c.Treatments?.Radiotherapy, where, ".treatments.radiotherapy");
        NoNulls(c.Treatments?.Systemic, where, ".treatments.systemic");
        NoNulls(c.Treatments?.Exposures, where, ".treatments.exposures");
        NoNulls(c.Treatments?.Surgery, where, ".treatments.surgery");
        NoNullValues(c.Labs?.Antibodies, where, ".labs.antibodies");
        NoNullValues(c.Labs?.Infection, where, ".labs.infection");
        if (c.Patient is { } p)
        {
            Range(p.AgeYears, 0, 120, new At(where, ".patient.ageYears"), "years");
            OneOf(p.Sex, Sexes, new At(where, ".patient.sex"));
            if (p.Ecog is { } ecog && (ecog < 0 || ecog > 5)) Fail($"{where}.patient.ecog", $"ECOG {ecog} is impossible (0-5)");
            if (p.Kps is { } kps && (kps < 0 || kps > 100 || kps % 10 != 0)) Fail($"{where}.patient.kps", $"KPS {kps} is impossible (0-100 in steps of 10)");
        }
        if (c.Cancer is { } ca)
        {
            if (ca.Grade is { } g && (g < 1 || g > 4)) Fail($"{where}.cancer.grade", $"grade {g} is impossible (1-4)");
            Range(ca.MonthsSinceDiagnosis, 0, 1200, new At(where, ".cancer.monthsSinceDiagnosis"), "months");
        }
        if (c.Treatments is { } t)
        {
            for (var i = 0; i < (t.Radiotherapy?.Count ?? 0); i++)
            {
                var rt = t.Radiotherapy![i];
                Range(rt.TotalDoseGy, 0.1, 150, new At(where, ".treatments.radiotherapy", i, ".totalDoseGy"), "Gy");
                if (rt.Fractions is { } f && (f < 1 || f > 60)) Fail($"{where}.treatments.radiotherapy[{i}].fractions", $"{f} fractions is impossible (1-60)");
                if (rt.TotalDoseGy is { } d && rt.Fractions is { } n && d / n > 30) Fail($"{where}.treatments.radiotherapy[{i}]", $"{d / n:0.#} Gy per fraction is impossible");
                Range(rt.MonthsBeforeOnset, 0, 600, new At(where, ".treatments.radiotherapy", i, ".monthsBeforeOnset"), "months");
                Range(rt.CordMaxDoseGy, 0, 150, new At(where, ".treatments.radiotherapy", i, ".cordMaxDoseGy"), "Gy");
                OneOf(rt.Technique, Techniques, new At(where, ".treatments.radiotherapy", i, ".technique"));
                if (!string.IsNullOrWhiteSpace(rt.Levels) && SpinalLevels.Ranges(rt.Levels).Count == 0)
                    Fail($"{where}.treatments.radiotherapy[{i}].levels", "no vertebral level recognised (expected e.g. \"T10-L2\")");
            }
            for (var i = 0; i < (t.Systemic?.Count ?? 0); i++)
            {
                var dr = t.Systemic![i];
                OneOf(dr.Class, DrugClasses, new At(where, ".treatments.systemic", i, ".class"));
                Range(dr.MonthsBeforeOnset, 0, 600, new At(where, ".treatments.systemic", i, ".monthsBeforeOnset"), "months");
            }
        }
        if (c.Presentation is { } pr)
        {
            OneOf(pr.OnsetTempo, Tempos, new At(where, ".presentation.onsetTempo"));
            OneOf(pr.Pain, Pains, new At(where, ".presentation.pain"));
            OneOf(pr.Reflexes, Reflexes, new At(where, ".presentation.reflexes"));
            OneOf(pr.Syndrome, Syndromes, new At(where, ".presentation.syndrome"));
            Range(pr.HoursToNadir, 0, 100000, new At(where, ".presentation.hoursToNadir"), "hours");
            if (pr.Motor is { } m)
            {
                Range(m.RightArm, 0, 5, new At(where, ".presentation.motor.rightArm"), "MRC grade");
                Range(m.LeftArm, 0, 5, new At(where, ".presentation.motor.leftArm"), "MRC grade");
                Range(m.RightLeg, 0, 5, new At(where, ".presentation.motor.rightLeg"), "MRC grade");
                Range(m.LeftLeg, 0, 5, new At(where, ".presentation.motor.leftLeg"), "MRC grade");
            }
            if (!string.IsNullOrWhiteSpace(pr.SensoryLevel) && SpinalLevels.Ranges(pr.SensoryLevel).Count == 0)
                Fail($"{where}.presentation.sensoryLevel", "no level recognised (expected e.g. \"T9\")");
        }
        if (c.Labs is { } l)
        {
            Range(l.B12PgPerMl, 0, 100000, new At(where, ".labs.b12PgPerMl"), "pg/mL");
            Range(l.CopperUgPerDl, 0, 1000, new At(where, ".labs.copperUgPerDl"), "µg/dL");
            if (l.Csf is { } csf)
            {
                Range(csf.WhiteCellsPerUl, 0, 100000, new At(where, ".labs.csf.whiteCellsPerUl"), "cells/µL");
                Range(csf.ProteinMgPerDl, 0, 10000, new At(where, ".labs.csf.proteinMgPerDl"), "mg/dL");
                Range(csf.GlucoseMgPerDl, 0, 1000, new At(where, ".labs.csf.glucoseMgPerDl"), "mg/dL");
                OneOf(csf.Cytology, Cytology, new At(where, ".labs.csf.cytology"));
                OneOf(csf.OligoclonalBands, PosNeg, new At(where, ".labs.csf.oligoclonalBands"));
                if (csf.CytologySamples is { } n && (n < 1 || n > 20)) Fail($"{where}.labs.csf.cytologySamples", $"{n} samples is impossible (1-20)");
            }
            if (l.Antibodies is { } antibodies)
                foreach (var (k, v) in antibodies) OneOf(v, PosNeg, new At(where, ".labs.antibodies.", Rest: k));
            if (l.Infection is { } infection)
                foreach (var (k, v) in infection) OneOf(v, PosNeg, new At(where, ".labs.infection.", Rest: k));
        }
        if (c.Safety is { } sf)
        {
            Range(sf.PlateletCount, 0, 2000, new At(where, ".safety.plateletCount"), "x 10^9/L");
            OneOf(sf.Anticoagulation, Anticoagulation, new At(where, ".safety.anticoagulation"));
            Range(sf.EgfrMlMin, 0, 200, new At(where, ".safety.egfrMlMin"), "mL/min/1.73 m2");
        }
        if (c.Imaging is { } im)
        {
            OneOf(im.Compartment, Compartments, new At(where, ".imaging.compartment"));
            OneOf(im.Enhancement, Enhancements, new At(where, ".imaging.enhancement"));
            OneOf(im.GreyMatterPattern, GreyPatterns, new At(where, ".imaging.greyMatterPattern"));
            if (im.LesionCount is { } n && (n < 0 || n > 100)) Fail($"{where}.imaging.lesionCount", $"{n} lesions is impossible");
            Range(im.T2ExtentSegments, 0, 33, new At(where, ".imaging.t2ExtentSegments"), "vertebral segments");
            if (im.LargestLesionMm is { } mm)
                for (var i = 0; i < mm.Count; i++) Range(mm[i], 0.1, 600, new At(where, ".imaging.largestLesionMm", i, ""), "mm");
            if (!string.IsNullOrWhiteSpace(im.Levels) && SpinalLevels.Ranges(im.Levels).Count == 0)
                Fail($"{where}.imaging.levels", "no vertebral level recognised (expected e.g. \"T12-L1\" or \"conus\")");
        }
    }

    /// <summary>A field's path, written out only for a failure: where, the field, and an element index when it has one.</summary>
    private readonly record struct At(string Where, string Field, int Index = -1, string Rest = "")
    {
        public override string ToString() => Index < 0 ? Where + Field + Rest : $"{Where}{Field}[{Index}]{Rest}";
    }

    private static void Range(double? v, double min, double max, At at, string unit)
    {
        if (v is not { } x) return;
        if (double.IsNaN(x) || x < min || x > max) Fail(at.ToString(), $"{x} {unit} is impossible (expected {min}-{max})");
    }

    private static void OneOf(string? v, string[] allowed, At at)
    {
        if (v is null) return;
        if (!allowed.Contains(v)) Fail(at.ToString(), $"unknown value '{Trim(v)}' (allowed: {string.Join(", ", allowed)})");
    }

    private static string Trim(string v) => v.Length > 40 ? v[..40] + "…" : v;

    private static void Fail(string at, string message) => throw new InputException("MDX-IN003", at, message);

    private static void NoNulls<T>(IReadOnlyList<T>? list, string where, string path)
    {
        if (list is null) return;
        for (var i = 0; i < list.Count; i++)
            if (list[i] is null) Fail($"{where}{path}[{i}]", "an empty entry (null) in the list");
    }

    private static void NoNullValues(IReadOnlyDictionary<string, string>? map, string where, string path)
    {
        if (map is null) return;
        foreach (var (key, value) in map)
            if (value is null) Fail($"{where}{path}.{key}", "no value (null)");
    }
}
