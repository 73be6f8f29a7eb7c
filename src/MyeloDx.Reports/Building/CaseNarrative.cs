using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Reports.Building;

/// <summary>
/// Writes the patient's story from the case data, sentence by sentence, in the report's own words. Says only what
/// the case states: an unknown stays unknown (and is listed as not recorded), never guessed.
/// </summary>
internal sealed class CaseNarrative(CaseInput input, KnowledgeBase kb)
{
    private readonly Case _c = input.Case;

    private string Pronoun => _c.Patient?.Sex switch { "female" => "she", "male" => "he", _ => "the patient" };
    private string PronounCap => Fmt.Cap(Pronoun);

    /// <summary>"a 35-year-old woman", "a man of unknown age", "a patient".</summary>
    public string Subject()
    {
        var age = _c.Patient?.AgeYears is { } a ? $"{Fmt.Num(Math.Floor(a))}-year-old " : "";
        var who = _c.Patient?.Sex switch { "female" => "woman", "male" => "man", _ => "person" };
        var s = $"{age}{who}";
        return Article(s) + s;
    }

    internal static string Article(string s)
    {
        var w = s.Split('-', ' ')[0];
        var an = w is "11" or "18" || w.StartsWith('8') || (w.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(w[0])));
        return an ? "an " : "a ";
    }

    /// <summary>"breast cancer", "non-small cell lung cancer", "cancer (primary not stated)".</summary>
    public string CancerName()
    {
        var ca = _c.Cancer;
        var site = ca?.PrimarySite;
        if (string.IsNullOrWhiteSpace(site)) return "cancer (primary site not stated)";
        var s = Fmt.Words(site);
        if (s is "none" or "none known" or "none_known") return "no known cancer";
        if (s.Contains("unknown")) return "cancer of unknown primary";
        return s.Contains("cancer") || s.Contains("oma") || s.Contains("leuk") ? s : s + " cancer";
    }

    /// <summary>One sentence for a summary's header.</summary>
    public string OneLiner()
    {
        var parts = new List<string> { Fmt.Cap(Subject()) };
        if (_c.Cancer is not null) parts.Add("with " + CancerName() + (Metastases() is { Length: > 0 } m ? $" (metastases: {m})" : ""));
        var sentence = string.Join(" ", parts);
        var pres = Presentation(short_: true);
        if (pres.Length > 0) sentence += "; " + pres;
        var img = ImagingShort();
        if (img.Length > 0) sentence += "; MRI: " + img;
        return sentence + ".";
    }

    private string Metastases() => Fmt.Join(_c.Cancer?.MetastaticSites?.Select(Fmt.Words) ?? []);

    /// <summary>The CASE section, as paragraphs.</summary>
    public IReadOnlyList<string> Story()
    {
        var paras = new List<string>();
        var p1 = new List<string>();
        var ca = _c.Cancer;
        if (ca is null) p1.Add($"The patient is {Subject()}; the case data say nothing about a cancer diagnosis.");
        else
        {
            var tumour = new List<string>();
            if (ca.Grade is { } g) tumour.Add($"grade {g}");
            if (!string.IsNullOrWhiteSpace(ca.Histology)) tumour.Add(ca.Histology!);
            var what = tumour.Count > 0 ? $"{string.Join(" ", tumour)} ({CancerName()})" : CancerName();
            p1.Add($"The patient is {Subject()} with {what}.");
            if (Receptors(ca.Receptors) is { Length: > 0 } rec) p1.Add($"The tumour was {rec}.");
            if (!string.IsNullOrWhiteSpace(ca.Stage)) p1.Add($"Stage: {ca.Stage}.");
            if (ca.MetastaticSites is { } ms)
                p1.Add(ms.Count == 0 ? "No metastases were known." : $"Metastases were known in the following sites: {Metastases()}.");
            if (ca.Status is { } st) p1.Add($"The cancer was described as {StatusWords(st)}.");
            if (ca.MonthsSinceDiagnosis is { } mo) p1.Add($"It had been diagnosed {Months(mo)} before the cord symptoms began.");
        }
        paras.Add(string.Join(" ", p1));

        if (Treatment() is { Length: > 0 } t) paras.Add(t);
        if (Presentation(short_: false) is { Length: > 0 } pr) paras.Add(Fmt.Cap(pr));
        if (Laboratory() is { Length: > 0 } lab) paras.Add(lab);
        if (ImagingStory() is { Length: > 0 } im) paras.Add(im);
        if (StatedFindings() is { Length: > 0 } sf) paras.Add(sf);
        var performance = new List<string>();
        if (_c.Patient?.Ecog is { } ecog) performance.Add($"ECOG {ecog}");
        if (_c.Patient?.Kps is { } kps) performance.Add($"Karnofsky {kps}");
        if (performance.Count > 0) paras.Add($"Performance status: {Fmt.Join(performance)}.");
        if (input.Kind != "structured" && input.Observations.Count > 0)
            paras.Add($"The case was read from {Fmt.Words(input.Kind)}; the findings taken from it were: " +
                      string.Join("; ", input.Observations.Select(o => Fmt.Finding(o, kb))) + ".");
        var missing = NotRecorded();
        if (missing.Count > 0) paras.Add($"Not recorded in the case data: {Fmt.Join(missing)}.");
        if (!string.IsNullOrWhiteSpace(_c.Notes)) paras.Add($"Note kept with the case: \u201c{_c.Notes!.Trim()}\u201d");
        return paras.Where(p => p.Length > 0).ToArray();
    }

    private static string Receptors(Receptors? r)
    {
        if (r is null) return "";
        var l = new List<string>();
        void Add(bool? v, string name) { if (v is { } b) l.Add($"{name} {(b ? "positive" : "negative")}"); }
        Add(r.EstrogenPositive, "oestrogen receptor");
        Add(r.ProgesteronePositive, "progesterone receptor");
        Add(r.Her2Positive, "HER2");
        return Fmt.Join(l);
    }

    private static string StatusWords(string s) => s switch
    {
        "new_diagnosis" => "newly diagnosed",
        "none_known" => "not known to be active",
        "remission" => "in remission",
        _ => Fmt.Words(s),
    };

    private static string Months(double m) => m == 1 ? "1 month" : $"{Fmt.Num(m)} months";

    private string Treatment()
    {
        var t = _c.Treatments;
        if (t is null) return "";
        var s = new List<string>();
        if (t.Radiotherapy is { } rts)
        {
            if (rts.Count == 0) s.Add($"{PronounCap} had never received radiotherapy.");
            foreach (var rt in rts) s.Add(RadiotherapySentence(rt));
        }
        if (t.Systemic is { } drugs)
        {
            if (drugs.Count == 0) s.Add("No systemic treatment was recorded as given.");
            var ongoing = drugs.Where(d => d.Ongoing is true).Select(DrugName).ToList();
            var past = drugs.Where(d => d.Ongoing is not true).ToList();
            if (ongoing.Count > 0) s.Add($"At the onset {Pronoun} was receiving {Fmt.Join(ongoing)}.");
            foreach (var d in past)
            {
                var when = d.MonthsBeforeOnset is { } m ? $", last given {Months(m)} before the onset" : "";
                s.Add($"{PronounCap} had previously received {DrugName(d)}{when}{(d.Ongoing is false ? ", since stopped" : "")}.");
            }
        }
        if (t.Exposures is { Count: > 0 } ex) s.Add($"Exposures recorded: {Fmt.Join(ex.Select(Fmt.Words))}.");
        if (t.Surgery is { Count: > 0 } su) s.Add($"Previous surgery: {Fmt.Join(su.Select(Fmt.Words))}.");
        return string.Join(" ", s);
    }

    private static string DrugName(Drug d)
    {
        var name = string.IsNullOrWhiteSpace(d.Name) ? "an unnamed drug" : d.Name!;
        return d.Class is { } c && !name.Contains(Fmt.Words(c), StringComparison.OrdinalIgnoreCase) ? $"{name} ({Fmt.Words(c)})" : name;
    }

    public static string DoseText(RadiotherapyCourse rt)
    {
        if (rt.TotalDoseGy is not { } d) return "dose not stated";
        if (rt.Fractions is { } n)
            return n == 1 ? $"{Fmt.Num(d)} Gy in a single fraction" : $"{Fmt.Num(d)} Gy in {n} fractions of {Fmt.Num(Math.Round(d / n, 2))} Gy";
        return $"{Fmt.Num(d)} Gy (number of fractions not stated)";
    }

    private string RadiotherapySentence(RadiotherapyCourse rt)
    {
        var where = string.IsNullOrWhiteSpace(rt.Target) ? "an unstated field" : $"the {rt.Target}";
        var levels = !string.IsNullOrWhiteSpace(rt.Levels) && rt.Levels != rt.Target ? $" (levels {rt.Levels})" : "";
        var tech = rt.Technique is { } te ? $", {TechniqueWords(te)}" : "";
        var when = rt.MonthsBeforeOnset is { } m ? $", ending {Months(m)} before the cord symptoms began" : "";
        var cord = rt.CordInField switch { true => " The affected cord was inside this field.", false => " The affected cord lay outside this field.", _ => "" };
        var cordDose = rt.CordMaxDoseGy is { } cd ? $" The plan's maximum cord dose was {Fmt.Num(cd)} Gy." : "";
        return $"{PronounCap} had received radiotherapy to {where}{levels}: {DoseText(rt)}{tech}{when}.{cord}{cordDose}";
    }

    private static string TechniqueWords(string t) => t switch
    {
        "sbrt" => "stereotactic body radiotherapy",
        "srs" => "stereotactic radiosurgery",
        "proton" => "proton therapy",
        "brachytherapy" => "brachytherapy",
        _ => "conventional technique",
    };

    private static readonly Dictionary<string, string> Syndromes = new()
    {
        ["paraparesis"] = "a paraparesis",
        ["paraplegia"] = "a paraplegia",
        ["quadriparesis"] = "a quadriparesis",
        ["hemicord"] = "a hemicord (Brown-Séquard) syndrome",
        ["monoparesis"] = "a monoparesis",
        ["sensory_ataxia"] = "a sensory ataxia",
        ["none"] = "no weakness syndrome",
    };

    private static readonly Dictionary<string, string> Tempos = new()
    {
        ["minutes_hours"] = "within minutes to hours",
        ["days"] = "over days",
        ["weeks"] = "over weeks",
        ["months"] = "over months",
        ["years"] = "over years",
    };

    private string Presentation(bool short_)
    {
        var p = _c.Presentation;
        if (p is null) return "";
        var s = new List<string>();
        if (short_)
        {
            var bits = new List<string>();
            if (p.Syndrome is { } syn) bits.Add(Syndromes.GetValueOrDefault(syn, Fmt.Words(syn)).Replace("a ", "", StringComparison.Ordinal));
            if (p.OnsetTempo is { } tmp) bits.Add("onset " + Tempos.GetValueOrDefault(tmp, tmp));
            if (p.SensoryLevel is { Length: > 0 } sl) bits.Add("sensory level " + sl);
            if (p.BladderDysfunction is true || p.BowelDysfunction is true) bits.Add("sphincter dysfunction");
            return string.Join(", ", bits);
        }
        var onset = p.HoursToNadir is { } h ? $"reached its worst {Fmt.Num(h)} hours after onset" : p.OnsetTempo is { } t ? "developed " + Tempos.GetValueOrDefault(t, Fmt.Words(t)) : null;
        if (onset is not null) s.Add($"The cord syndrome {onset}.");
        var exam = new List<string>();
        if (p.Syndrome is { } sy) exam.Add(Syndromes.GetValueOrDefault(sy, Fmt.Words(sy)));
        if (Motor(p.Motor) is { Length: > 0 } mo) exam.Add("strength graded " + mo);
        if (exam.Count > 0) s.Add($"Examination found {string.Join(", with ", exam)}.");
        if (p.SensoryLevel is { } lvl) s.Add(lvl.Length > 0 ? $"There was a sensory level at {lvl}." : "There was no sensory level.");
        if (p.SensoryLoss is { } sl2) s.Add(sl2 ? "Sensation was impaired." : "Sensation was intact.");
        if (p.PosteriorColumnLoss is { } pc) s.Add(pc ? "Vibration and joint-position sense were lost." : "Vibration and joint-position sense were preserved.");
        s.Add((p.BladderDysfunction, p.BowelDysfunction) switch
        {
            (false, false) => "Bladder and bowel function were preserved.",
            (true, true) => "Both bladder and bowel function were disturbed.",
            (true, _) => "Bladder function was disturbed.",
            (_, true) => "Bowel function was disturbed.",
            (false, null) => "Bladder function was preserved.",
            (null, false) => "Bowel function was preserved.",
            _ => "",
        });
        if (p.Reflexes is { } r) s.Add($"Tendon reflexes were {r}.");
        if (p.Ambulatory is { } am) s.Add(am ? $"{PronounCap} could still walk." : $"{PronounCap} could not walk.");
        if (p.Pain is { } pain)
            s.Add(pain switch { "none" => $"{PronounCap} reported no pain.", "radicular" => "There was radicular pain.", "back" => "There was back pain.", "neck" => "There was neck pain.", _ => "Pain was reported." });
        void Flag(bool? v, string yes, string no) { if (v is { } b) s.Add(b ? yes : no); }
        Flag(p.Fever, "There was fever.", "There was no fever.");
        Flag(p.Lhermitte, "Neck flexion brought on Lhermitte's phenomenon.", "There was no Lhermitte's phenomenon.");
        Flag(p.CranialNeuropathy, "Cranial nerve palsies were present.", "Cranial nerves were normal.");
        Flag(p.Headache, "There was headache.", "There was no headache.");
        Flag(p.WorseAfterSteroidsOrExertion, "The deficit worsened after corticosteroids or exertion.", "Corticosteroids or exertion did not worsen the deficit.");
        return string.Join(" ", s.Where(x => x.Length > 0));
    }

    private static string Motor(MotorExam? m)
    {
        if (m is null) return "";
        var l = new List<string>();
        void Add(double? g, string limb) { if (g is { } x) l.Add($"{Fmt.Num(x)}/5 in the {limb}"); }
        Add(m.RightArm, "right arm");
        Add(m.LeftArm, "left arm");
        Add(m.RightLeg, "right leg");
        Add(m.LeftLeg, "left leg");
        return l.Count == 0 ? "" : "MRC " + Fmt.Join(l);
    }

    private string Laboratory()
    {
        var l = _c.Labs;
        if (l is null) return "";
        var s = new List<string>();
        if (l.B12PgPerMl is { } b12) s.Add($"Serum vitamin B12 was {Fmt.Num(b12)} pg/mL{(l.B12Low is { } lo ? lo ? " (low)" : " (not low)" : "")}.");
        else if (l.B12Low is { } lo2) s.Add(lo2 ? "Vitamin B12 was low." : "Vitamin B12 was not low.");
        if (l.CopperUgPerDl is { } cu) s.Add($"Serum copper was {Fmt.Num(cu)} µg/dL{(l.CopperLow is { } cl ? cl ? " (low)" : " (not low)" : "")}.");
        else if (l.CopperLow is { } cl2) s.Add(cl2 ? "Copper was low." : "Copper was not low.");
        if (l.Csf is { } csf)
        {
            var parts = new List<string>();
            if (csf.WhiteCellsPerUl is { } w) parts.Add($"{Fmt.Num(w)} white cells/µL");
            if (csf.ProteinMgPerDl is { } pr) parts.Add($"protein {Fmt.Num(pr)} mg/dL");
            if (csf.GlucoseMgPerDl is { } gl) parts.Add($"glucose {Fmt.Num(gl)} mg/dL");
            if (csf.Cytology is { } cy) parts.Add($"cytology {cy}{(csf.CytologySamples is { } n ? $" ({n} sample{(n == 1 ? "" : "s")})" : "")}");
            if (csf.OligoclonalBands is { } ocb) parts.Add($"oligoclonal bands {ocb}");
            if (parts.Count > 0) s.Add($"Cerebrospinal fluid showed {Fmt.Join(parts)}.");
        }
        if (l.Antibodies is { Count: > 0 } ab) s.Add($"Antibody tests: {string.Join(", ", ab.Select(kv => $"{kv.Key.ToUpperInvariant()} {kv.Value}"))}.");
        if (l.Infection is { Count: > 0 } inf) s.Add($"Tests for infection: {string.Join(", ", inf.Select(kv => $"{Fmt.Words(kv.Key)} {kv.Value}"))}.");
        return string.Join(" ", s);
    }

    private string ImagingShort()
    {
        var im = _c.Imaging;
        if (im is null) return "";
        var bits = new List<string>();
        var n = im.LesionCount is { } c ? (c == 1 ? "one " : $"{c} ") : "";
        if (im.Compartment is { } comp) bits.Add(comp == "none" ? "no spinal lesion" : $"{n}{Fmt.Words(comp)} lesion{(im.LesionCount is > 1 ? "s" : "")}");
        if (!string.IsNullOrWhiteSpace(im.Levels)) bits.Add("at " + im.Levels);
        if (im.LargestLesionMm is { Count: > 0 } mm) bits.Add("largest " + string.Join(" × ", mm.Select(Fmt.Num)) + " mm");
        return string.Join(" ", bits.Take(2)) + (bits.Count > 2 ? ", " + bits[2] : "");
    }

    /// <summary>The imaging in prose for the CASE section.</summary>
    private string ImagingStory()
    {
        var im = _c.Imaging;
        if (im is null) return "";
        var s = new List<string>();
        var main = ImagingShort();
        if (main.Length > 0) s.Add($"Spinal MRI showed {main}.");
        if (im.T2ExtentSegments is { } t2) s.Add($"T2 signal change extended over {Fmt.Num(t2)} vertebral segment{(t2 == 1 ? "" : "s")}.");
        if (im.Enhancement is { } e)
            s.Add(e switch
            {
                "none" => "The lesion did not enhance with gadolinium.",
                "enhancing" => "The lesion enhanced with gadolinium (pattern not stated).",
                _ => $"Contrast enhancement was {Fmt.Words(e)}.",
            });
        if (im.GreyMatterPattern is { } g && g != "none") s.Add($"Grey matter signal showed a {Fmt.Words(g).Replace("h shaped", "H-shaped", StringComparison.Ordinal)} pattern.");
        var present = new List<string>(); var absent = new List<string>();
        void Flag(bool? v, string name) { if (v is true) present.Add(name); else if (v is false) absent.Add(name); }
        Flag(im.FocalMass, "a discrete mass inside the cord");
        Flag(im.CordEdema, "cord oedema");
        Flag(im.CordExpansion, "cord expansion");
        Flag(im.Hemorrhage, "haemorrhage");
        Flag(im.Syrinx, "a syrinx or cyst");
        Flag(im.FlowVoids, "perimedullary flow voids");
        Flag(im.PosteriorColumns, "symmetric dorsal-column signal");
        Flag(im.DiffusionRestriction, "restricted diffusion");
        Flag(im.BoneMetastases, "bone metastases");
        Flag(im.EpiduralDisease, "epidural tumour");
        Flag(im.BrainMetastases, "brain metastases");
        Flag(im.BrainDemyelination, "demyelinating brain lesions");
        Flag(im.DiscOsteophyteCompression, "disc or osteophyte compression of the cord");
        if (present.Count > 0) s.Add($"Imaging also showed {Fmt.Join(present)}.");
        if (absent.Count > 0) s.Add($"There was no {Fmt.Join(absent).Replace(" and ", " or ", StringComparison.Ordinal)}.");
        return string.Join(" ", s);
    }

    private string StatedFindings()
    {
        if (_c.Findings is not { Count: > 0 } f) return "";
        var items = f.Where(kv => kv.Value != "unknown").Select(kv =>
        {
            var uncertain = kv.Value.StartsWith("possible_", StringComparison.Ordinal);
            var state = uncertain ? kv.Value["possible_".Length..] : kv.Value;
            double? num = double.TryParse(kv.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) ? x : null;
            var o = new Observation(kv.Key, num is null ? state : null, num, "findings." + kv.Key, uncertain);
            return Fmt.Finding(o, kb);
        }).ToList();
        return items.Count == 0 ? "" : $"Further findings recorded: {string.Join("; ", items)}.";
    }

    /// <summary>Key parts of a work-up the case data leave unknown (kept unknown: listed, never assumed normal).</summary>
    public IReadOnlyList<string> NotRecorded()
    {
        var l = new List<string>();
        var p = _c.Presentation; var im = _c.Imaging; var labs = _c.Labs;
        if (input.Kind != "structured") return l;
        if (p?.OnsetTempo is null && p?.HoursToNadir is null) l.Add("how fast the deficit evolved");
        if (p?.SensoryLevel is null) l.Add("whether there was a sensory level");
        if (im?.Enhancement is null) l.Add("the pattern of gadolinium enhancement");
        if (im?.T2ExtentSegments is null) l.Add("the length of T2 signal change");
        if (labs?.Csf is null) l.Add("cerebrospinal fluid analysis");
        if (labs?.Antibodies is null) l.Add("antibody tests");
        return l;
    }

    /// <summary>A legend for the spinal imaging (the images themselves are not part of the case data).</summary>
    public string ImagingLegend()
    {
        var im = _c.Imaging;
        if (im is null) return "No imaging was described in the case data.";
        var s = new List<string>();
        var main = ImagingShort();
        s.Add(main.Length > 0 ? $"Spinal MRI: {main}." : "Spinal MRI (findings not detailed).");
        if (im.Enhancement is { } e)
            s.Add(e switch { "none" => "No enhancement after gadolinium.", "enhancing" => "Enhancement after gadolinium.", _ => $"{Fmt.Cap(Fmt.Words(e))} enhancement after gadolinium." });
        if (im.FocalMass is true) s.Add("A discrete mass inside the cord.");
        if (im.T2ExtentSegments is { } t2) s.Add($"T2 signal over {Fmt.Num(t2)} segment{(t2 == 1 ? "" : "s")}.");
        if (im.CordEdema is true) s.Add("Surrounding cord oedema.");
        if (im.EpiduralDisease is { } ep) s.Add(ep ? "Epidural tumour present." : "No epidural tumour.");
        s.Add("The images themselves are not part of the case data; sequences and planes should be added by the authors.");
        return string.Join(" ", s);
    }
}
