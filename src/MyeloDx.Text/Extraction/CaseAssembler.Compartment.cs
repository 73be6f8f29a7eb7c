using MyeloDx.Text.Matching;

namespace MyeloDx.Text.Extraction;

internal sealed partial class CaseAssembler
{
    // findings that can only be seen inside the cord: oedema, swelling, grey-matter and tract patterns, a syrinx, restricted
    // diffusion, a short peripheral (plaque-like) cord lesion, bright spotty lesions. (Enhancing roots or pia are not
    // enough for the leptomeningeal compartment: the roots enhance in cord infarction and in infections too.)
    private static readonly HashSet<string> IntrinsicCordFindings = new(StringComparer.Ordinal)
    {
        "cord_edema", "cord_expansion", "h_shaped_grey", "owl_eyes", "syrinx_or_cyst", "dwi_restriction", "tract_columns", "tract_specific_signal",
        "peripheral_short_lesion", "bright_spotty_lesions",
    };

    /// <summary>
    /// Where the report names no compartment, a finding that can only be inside the cord places the lesion there
    /// ("surrounding cord oedema", "fusiform swelling of the cord at C3-C4", "DWI bright at T10"); so does T2 signal
    /// change at a stated level when nothing in the sentence points to bone, disc or the epidural space (a STIR signal,
    /// often the marrow's, only as uncertain).
    /// </summary>
    private void InferIntramedullary(Dictionary<string, Candidate> agg, List<UsedLevel> levels)
    {
        // "no extrinsic compression" leaves the cord open (a group of states with intramedullary among them): a cord finding
        // then narrows it, as it would with no compartment named at all
        // (a compartment only raised as an opinion, "intramedullary metastasis considered less likely", is a hypothesis:
        // an observed cord finding still places the lesion)
        if (agg.TryGetValue("compartment", out var named) && named.Definite
            && !(named.State is { } g && rules.Knowledge.Variables["compartment"].State(g) is { Members: { } members } && members.Contains("intramedullary")))
            return;
        foreach (var m in doc.Mentions)
        {
            if (!m.Used || m.Negated || m.Historical || (m.Flags & MentionFlags.Brain) != 0) continue;
            // a dorsal subpial band or a segment of enhancement with a missing piece is enhancement of the cord itself
            var intrinsic = m.Findings.Any(f => IntrinsicCordFindings.Contains(f.Variable) && f.State is not ("absent" or "none" or null)
                                                || f.Variable == "enhancement_pattern" && f.State is "dorsal_subpial" or "missing_piece");
            // T2 signal, or a lesion given a length ("new long lesion from T4 to T9"), at stated levels
            var signalAtLevel = !intrinsic && (m.Concept == "t2_signal" || m.Findings.Any(f => f.Variable == "t2_extent_segments")) && doc.Sentences[m.Sentence].Imaging
                                && levels.Any(l => l.Sentence == m.Sentence && l.Use == LevelUse.Lesion) && !OutsideCordWords(m.Sentence);
            if (!intrinsic && !signalAtLevel) continue;
            // "T2 signal change T3-T5" in a spinal report is read as the cord by clinicians; a STIR signal is as often the
            // vertebral marrow (bone metastases, fractures), so it stays uncertain
            var definite = !m.Uncertain && (intrinsic || !NamesStir(m));
            agg["compartment"] = new Candidate { State = "intramedullary", Definite = definite, First = m, FirstDefinite = definite ? m : null, Score = 0.5 };
            return;
        }
    }

    // enhancement patterns of a lesion of the cord itself (a generic "enhancing", no enhancement and the pancake band of a
    // compression do not make the cord the lesion)
    private static readonly HashSet<string> CordLesionEnhancement = new(StringComparer.Ordinal)
    {
        "nodular", "ring", "patchy", "linear", "pial", "dorsal_subpial", "missing_piece",
    };

    // findings that make the cord itself diseased, whatever compresses it
    private static readonly HashSet<string> CordDiseaseFindings = new(StringComparer.Ordinal)
    {
        "focal_cord_mass", "h_shaped_grey", "owl_eyes", "tract_specific_signal", "bright_spotty_lesions", "multiple_cord_lesions", "syrinx_or_cyst",
        "flame_sign", "rim_sign", "hemorrhage", "peripheral_short_lesion",
    };

    /// <summary>
    /// "A disc-osteophyte bar at C5/6 compressing the cord, with T2 signal within the cord at that level": signal in a
    /// compressed cord is the compression's effect (oedema, myelomalacia), so the compartment is the compression's, not
    /// the cord's. The cord stays the lesion when the report gives it a disease of its own: a mass or another cord-lesion
    /// finding, enhancement of a cord lesion, or signal over three or more segments.
    /// </summary>
    private void CompressionExplainsCordSignal(Dictionary<string, Candidate> agg, List<UsedLevel> levels)
    {
        if (!agg.TryGetValue("compartment", out var chosen)) return;
        if (chosen.State == "intramedullary" && !CordHasADiseaseOfItsOwn(agg, levels))
        {
            // ("severe canal stenosis at C5/6 with T2 signal in the cord": a narrowed canal, itself only a suspicion of
            // compression, still explains the signal better than a disease of the cord; it stays a suspicion)
            var compression = CurrentCompartmentMention("extrinsic_degenerative", "epidural") ?? CurrentCompartmentMention(uncertainToo: true, "extrinsic_degenerative", "epidural");
            if (compression is null) return;
            var state = compression.Findings.First(f => f.Variable == "compartment").State;
            var definite = !compression.Uncertain;
            agg["compartment"] = new Candidate { State = state, Definite = definite, First = compression, FirstDefinite = definite ? compression : null, Score = chosen.Score };
        }
        // (not the other way round: an enhancing, even mass-like, lesion next to a compressing disc is often the
        // compression's own enhancement, Flanagan 2014, so a stated compression is never overruled by it here)
    }

    private bool CordHasADiseaseOfItsOwn(Dictionary<string, Candidate> agg, List<UsedLevel> levels)
    {
        foreach (var v in CordDiseaseFindings)
            if (agg.TryGetValue(v, out var c) && c.State == "present") return true;
        if (agg.TryGetValue("enhancement_pattern", out var enh) && enh.State is { } pattern && CordLesionEnhancement.Contains(pattern)) return true;
        if (agg.TryGetValue("t2_extent_segments", out var ext) && ext.Value >= 3) return true;
        return levels.Any(l => l.Use == LevelUse.Lesion && l.Range.Segments >= 3);
    }

    private Mention? CurrentCompartmentMention(params string[] states) => CurrentCompartmentMention(uncertainToo: false, states);

    private Mention? CurrentCompartmentMention(bool uncertainToo, params string[] states) =>
        doc.Mentions.FirstOrDefault(m => m.Used && !m.Negated && !m.Historical && (uncertainToo || !m.Uncertain) && (m.Flags & MentionFlags.Brain) == 0
            && m.Findings.Any(f => f.Variable == "compartment" && states.Contains(f.State)));

    private bool NamesStir(Mention m)
    {
        for (var i = m.TokenStart; i < m.TokenEnd; i++)
            if (rules.Words.MarrowSequences.Contains(_t[i].Text)) return true;
        return false;
    }

    private bool OutsideCordWords(int sentence)
    {
        var s = doc.Sentences[sentence].Sentence;
        for (var i = s.TokenFrom; i < s.TokenTo; i++)
            if (rules.Words.OutsideCord.Contains(_t[i].Text))
                return true;
        return false;
    }
}
