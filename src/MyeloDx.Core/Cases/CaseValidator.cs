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
        if (c.Patient is { } p)
        {
            Range(p.AgeYears, 0, 120, $"{where}.patient.ageYears", "years");
            OneOf(p.Sex, Sexes, $"{where}.patient.sex");
            if (p.Ecog is { } ecog && (ecog < 0 || ecog > 5)) Fail($"{where}.patient.ecog", $"ECOG {ecog} is impossible (0-5)");
            if (p.Kps is { } kps && (kps < 0 || kps > 100 || kps % 10 != 0)) Fail($"{where}.patient.kps", $"KPS {kps} is impossible (0-100 in steps of 10)");
        }
        if (c.Cancer is { } ca)
        {
            if (ca.Grade is { } g && (g < 1 || g > 4)) Fail($"{where}.cancer.grade", $"grade {g} is impossible (1-4)");
            Range(ca.MonthsSinceDiagnosis, 0, 1200, $"{where}.cancer.monthsSinceDiagnosis", "months");
        }
        if (c.Treatments is { } t)
        {
            for (var i = 0; i < (t.Radiotherapy?.Count ?? 0); i++)
            {
                var rt = t.Radiotherapy![i]; var at = $"{where}.treatments.radiotherapy[{i}]";
                Range(rt.TotalDoseGy, 0.1, 150, at + ".totalDoseGy", "Gy");
                if (rt.Fractions is { } f && (f < 1 || f > 60)) Fail(at + ".fractions", $"{f} fractions is impossible (1-60)");
                if (rt.TotalDoseGy is { } d && rt.Fractions is { } n && d / n > 30) Fail(at, $"{d / n:0.#} Gy per fraction is impossible");
                Range(rt.MonthsBeforeOnset, 0, 600, at + ".monthsBeforeOnset", "months");
                Range(rt.CordMaxDoseGy, 0, 150, at + ".cordMaxDoseGy", "Gy");
                OneOf(rt.Technique, Techniques, at + ".technique");
                if (!string.IsNullOrWhiteSpace(rt.Levels) && SpinalLevels.Ranges(rt.Levels).Count == 0)
                    Fail(at + ".levels", "no vertebral level recognised (expected e.g. \"T10-L2\")");
            }
            for (var i = 0; i < (t.Systemic?.Count ?? 0); i++)
            {
                var dr = t.Systemic![i]; var at = $"{where}.treatments.systemic[{i}]";
                OneOf(dr.Class, DrugClasses, at + ".class");
                Range(dr.MonthsBeforeOnset, 0, 600, at + ".monthsBeforeOnset", "months");
            }
        }
        if (c.Presentation is { } pr)
        {
            var at = $"{where}.presentation";
            OneOf(pr.OnsetTempo, Tempos, at + ".onsetTempo");
            OneOf(pr.Pain, Pains, at + ".pain");
            OneOf(pr.Reflexes, Reflexes, at + ".reflexes");
            OneOf(pr.Syndrome, Syndromes, at + ".syndrome");
            Range(pr.HoursToNadir, 0, 100000, at + ".hoursToNadir", "hours");
            if (pr.Motor is { } m)
            {
                Range(m.RightArm, 0, 5, at + ".motor.rightArm", "MRC grade");
                Range(m.LeftArm, 0, 5, at + ".motor.leftArm", "MRC grade");
                Range(m.RightLeg, 0, 5, at + ".motor.rightLeg", "MRC grade");
                Range(m.LeftLeg, 0, 5, at + ".motor.leftLeg", "MRC grade");
            }
            if (!string.IsNullOrWhiteSpace(pr.SensoryLevel) && SpinalLevels.Ranges(pr.SensoryLevel).Count == 0)
                Fail(at + ".sensoryLevel", "no level recognised (expected e.g. \"T9\")");
        }
        if (c.Labs is { } l)
        {
            var at = $"{where}.labs";
            Range(l.B12PgPerMl, 0, 100000, at + ".b12PgPerMl", "pg/mL");
            Range(l.CopperUgPerDl, 0, 1000, at + ".copperUgPerDl", "µg/dL");
            if (l.Csf is { } csf)
            {
                Range(csf.WhiteCellsPerUl, 0, 100000, at + ".csf.whiteCellsPerUl", "cells/µL");
                Range(csf.ProteinMgPerDl, 0, 10000, at + ".csf.proteinMgPerDl", "mg/dL");
                Range(csf.GlucoseMgPerDl, 0, 1000, at + ".csf.glucoseMgPerDl", "mg/dL");
                OneOf(csf.Cytology, Cytology, at + ".csf.cytology");
                OneOf(csf.OligoclonalBands, PosNeg, at + ".csf.oligoclonalBands");
                if (csf.CytologySamples is { } n && (n < 1 || n > 20)) Fail(at + ".csf.cytologySamples", $"{n} samples is impossible (1-20)");
            }
            foreach (var (k, v) in l.Antibodies ?? new Dictionary<string, string>()) OneOf(v, PosNeg, $"{at}.antibodies.{k}");
            foreach (var (k, v) in l.Infection ?? new Dictionary<string, string>()) OneOf(v, PosNeg, $"{at}.infection.{k}");
        }
        if (c.Safety is { } sf)
        {
            Range(sf.PlateletCount, 0, 2000, $"{where}.safety.plateletCount", "x 10^9/L");
            OneOf(sf.Anticoagulation, Anticoagulation, $"{where}.safety.anticoagulation");
            Range(sf.EgfrMlMin, 0, 200, $"{where}.safety.egfrMlMin", "mL/min/1.73 m2");
        }
        if (c.Imaging is { } im)
        {
            var at = $"{where}.imaging";
            OneOf(im.Compartment, Compartments, at + ".compartment");
            OneOf(im.Enhancement, Enhancements, at + ".enhancement");
            OneOf(im.GreyMatterPattern, GreyPatterns, at + ".greyMatterPattern");
            if (im.LesionCount is { } n && (n < 0 || n > 100)) Fail(at + ".lesionCount", $"{n} lesions is impossible");
            Range(im.T2ExtentSegments, 0, 33, at + ".t2ExtentSegments", "vertebral segments");
            if (im.LargestLesionMm is { } mm)
                for (var i = 0; i < mm.Count; i++) Range(mm[i], 0.1, 600, $"{at}.largestLesionMm[{i}]", "mm");
            if (!string.IsNullOrWhiteSpace(im.Levels) && SpinalLevels.Ranges(im.Levels).Count == 0)
                Fail(at + ".levels", "no vertebral level recognised (expected e.g. \"T12-L1\" or \"conus\")");
        }
    }

    private static void Range(double? v, double min, double max, string at, string unit)
    {
        if (v is not { } x) return;
        if (double.IsNaN(x) || x < min || x > max) Fail(at, $"{x} {unit} is impossible (expected {min}-{max})");
    }

    private static void OneOf(string? v, string[] allowed, string at)
    {
        if (v is null) return;
        if (!allowed.Contains(v)) Fail(at, $"unknown value '{Trim(v)}' (allowed: {string.Join(", ", allowed)})");
    }

    private static string Trim(string v) => v.Length > 40 ? v[..40] + "…" : v;

    private static void Fail(string at, string message) => throw new InputException("MDX-IN003", at, message);
}
