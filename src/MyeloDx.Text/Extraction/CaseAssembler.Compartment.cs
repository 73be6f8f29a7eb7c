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
        if (agg.ContainsKey("compartment")) return;
        foreach (var m in doc.Mentions)
        {
            if (!m.Used || m.Negated || m.Historical || (m.Flags & MentionFlags.Brain) != 0) continue;
            var intrinsic = m.Findings.Any(f => IntrinsicCordFindings.Contains(f.Variable) && f.State is not ("absent" or "none" or null));
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
