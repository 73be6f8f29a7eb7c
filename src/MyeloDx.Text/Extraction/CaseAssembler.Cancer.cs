using System.Globalization;
using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Text.Matching;
using MyeloDx.Text.Numbers;
using MyeloDx.Text.Rules;

namespace MyeloDx.Text.Extraction;

/// <summary>The primary cancer: site, histology, metastatic sites and status, and whether it was known before the cord syndrome.</summary>
internal sealed partial class CaseAssembler
{
    // ------------------------------------------------------------------ cancer
    private Cancer? Cancer(Dictionary<string, Candidate> agg)
    {
        string? site = null, histology = null; Mention? from = null;
        var noneKnown = false; Mention? noneFrom = null;
        // a stated cancer wins over a suspected one ("suspected lung primary" before "biopsy: breast carcinoma")
        // (loops over the mentions here, not LINQ: see Aggregate)
        var definiteCancer = false;
        foreach (var m in doc.Mentions) definiteCancer |= m.Used && m.Concept == "cancer" && !m.Negated && !m.Uncertain;
        foreach (var m in doc.Mentions)
        {
            if (!m.Used) continue;
            if (m.Concept == "cancer" && !m.Negated && site is null && (!definiteCancer || !m.Uncertain))
            {
                var parts = (m.Term.ConceptValue ?? "other").Split('|');
                site = parts[0]; histology = parts.Length > 1 ? parts[1] : null; from = m;
            }
            // "a primary lung malignancy; small cell carcinoma is favoured": the histology named later for the same site, held
            // at least as firmly, says which lung cancer it is
            else if (m.Concept == "cancer" && !m.Negated && from is not null && histology is null && (!m.Uncertain || from.Uncertain)
                     && m.Term.ConceptValue?.Split('|') is [var laterSite, var laterHistology] && laterSite == site)
                histology = laterHistology;
            else if ((m.Concept == "cancer" && m.Negated && m.Term.ConceptValue is null || m.Concept == "cancer_generic" && m.Negated)
                     // "atypical cells, not diagnostic of malignancy": a judgement of one sample or lesion, not a history
                     && !DescribesOneLesion(m))
            {
                noneKnown = true; noneFrom ??= m;
            }
        }
        if (site is null && noneKnown) { site = "none_known"; from = noneFrom; }
        // Chemotherapy or radiotherapy given for a tumour the vocabulary does not name ("a rare sarcoma of the pleura")
        // is still a cancer history.
        if (site is null && TreatedTumour() is { } treated) { site = "other"; from = treated; }
        // A case history (it names the patient's sex) that never mentions a cancer: probably none was known (a published
        // case report names the known cancer), but silence is not a statement, so the reader counts it at half weight
        // (no span is recorded; see ClinicalTextReader.ToInput). A bare imaging report says nothing either way.
        if (site is null && !NamesCancer() && NamesSex() && doc.Sentences.Count >= 2)
            site = "none_known";
        // only suspected ("possible occult breast primary"): a hypothesis, counted as uncertain, not a known cancer
        if (from is not null && from.Uncertain && site is not "none_known" && !agg.ContainsKey("primary_cancer")
            && Core.Cases.FindingDeriver.PrimaryCancerState(site, histology) is { } suspected)
            agg["primary_cancer"] = new Candidate { State = suspected, Definite = false, First = from, Score = 0.5 };
        // "No cancer history before this admission. The vertebral biopsy showed adenocarcinoma of lung origin": a cancer
        // named after the note has said none was known was found during this illness
        if (from is not null && !from.Uncertain && site is not "none_known" && noneFrom is not null && noneFrom.TokenStart < from.TokenStart
            && !noneFrom.OtherExperiencer && !noneFrom.Hypothetical && !agg.ContainsKey("cancer_found_on_workup") && !KnownBeforeCordSyndrome(from))
            agg["cancer_found_on_workup"] = new Candidate { State = "present", Definite = true, First = from, FirstDefinite = from, Score = 1 };
        if (from is not null && !from.Uncertain && site is not "none_known" && !agg.ContainsKey("cancer_found_on_workup") && KnownBeforeCordSyndrome(from))
            agg["cancer_found_on_workup"] = new Candidate { State = "absent", Definite = true, First = from, FirstDefinite = from, Score = 1 };
        // metastatic sites
        var sites = new List<string>();
        var anyMet = false; var negMet = false; Mention? metFrom = null; Mention? suspectedMet = null;
        foreach (var m in doc.Mentions)
        {
            if (!m.Used || m.Concept != "metastasis") continue;
            if (m.Negated || m.Term.ConceptValue == "none")
            {
                // "no bone metastases" says nothing about metastases elsewhere
                var siteSpecific = doc.InSentence(m.Sentence).Any(o => o != m && o.TokenStart <= m.TokenStart && o.TokenEnd >= m.TokenEnd
                                                        && o.Term.Findings.Any(f => f.Variable is "brain_metastases" or "bone_metastases"));
                // "CT brain: no metastatic deposits" is about the brain only (unless the sentence names other regions:
                // "staging CT of the brain, chest and abdomen: no metastases")
                if ((m.Flags & MentionFlags.Brain) != 0 && !NamesBodyRegionBesidesBrain(m))
                {
                    if (!agg.ContainsKey("brain_metastases"))
                        agg["brain_metastases"] = new Candidate { State = "absent", Definite = !m.Uncertain, First = m, FirstDefinite = m.Uncertain ? null : m, Score = m.Uncertain ? 0.5 : 1 };
                    continue;
                }
                if (!siteSpecific && !DescribesOneLesion(m)) negMet = true;
                continue;
            }
            // "possible liver metastasis, indeterminate": a suspicion, counted below as an uncertain finding
            if (m.Uncertain) { suspectedMet ??= m; continue; }
            anyMet = true; metFrom ??= m;
            if (m.Term.ConceptValue is { } v && !sites.Contains(v)) sites.Add(v);
            // "Brain MRI: a frontal metastasis": a metastasis read under brain imaging is in the brain
            if ((m.Flags & MentionFlags.Brain) != 0 && !NamesBodyRegionBesidesBrain(m) && !sites.Contains("brain")) sites.Add("brain");
            // body sites close to the metastasis word: "metastases to the brain, liver and bone", "liver metastases";
            // only in its clause ("a frontal metastasis; spinal MRI to follow" names no spinal metastasis)
            var (clauseFrom, clauseTo) = doc.Clause(m.Sentence, m.TokenStart);
            // "Metastases: brain, liver and bone": a metastasis word that labels a list names its sites after the colon
            if (clauseTo == m.TokenEnd && m.TokenEnd < _t.Count && _t[m.TokenEnd].Text == ":" && m.TokenEnd + 1 < doc.Sentences[m.Sentence].Sentence.TokenTo)
                clauseTo = doc.Clause(m.Sentence, m.TokenEnd + 1).To;
            foreach (var b in doc.InSentence(m.Sentence))
            {
                if (b.Concept != "body_site" || !b.Used || b.Negated || b.TokenStart < clauseFrom || b.TokenEnd > clauseTo) continue;
                var after = b.TokenStart >= m.TokenEnd && b.TokenStart - m.TokenEnd <= 10;
                var before = b.TokenEnd <= m.TokenStart && m.TokenStart - b.TokenEnd <= 3;
                if ((after || before) && b.Term.ConceptValue is { } bv && !sites.Contains(bv)) sites.Add(bv);
            }
        }
        // TNM codes: "pT3N2M0", "T3N1M0" (M0: no distant spread at staging; M1: distant spread)
        foreach (var tk in _t)
        {
            if (tk.Kind != TokenKind.Word || tk.Length < 5 || !(tk.Text[0] == 't' || tk.Text.StartsWith("pt", StringComparison.Ordinal) || tk.Text.StartsWith("ct", StringComparison.Ordinal))) continue;
            var mi = tk.Text.LastIndexOf('m');
            if (mi < 3 || mi + 1 >= tk.Text.Length || !tk.Text.Contains('n')) continue;
            if (tk.Text[mi + 1] == '0') { negMet = true; _spans.TryAdd("cancer.stage", new TextSpan(tk.Start, tk.Length)); }
            else if (tk.Text[mi + 1] == '1') { anyMet = true; metFrom ??= null; _spans.TryAdd("cancer.metastaticSites", new TextSpan(tk.Start, tk.Length)); }
        }
        foreach (var (variable, site2) in new[] { ("brain_metastases", "brain"), ("bone_metastases", "bone"), ("known_leptomeningeal_disease", "leptomeninges") })
            if (agg.TryGetValue(variable, out var cnd) && cnd.State == "present" && cnd.Definite && !sites.Contains(site2)) { sites.Add(site2); anyMet = true; metFrom ??= cnd.First; }
        if (!anyMet && suspectedMet is not null && !agg.ContainsKey("systemic_metastases"))
            agg["systemic_metastases"] = new Candidate { State = "present", Definite = false, First = suspectedMet, Score = 0.5 };
        // a metastasis stated plainly ("lung metastases") stands over a question about one ("Metastatic cord compression?"):
        // the doubtful finding would otherwise replace the certain one
        if (anyMet && agg.TryGetValue("systemic_metastases", out var doubtfulMet) && !doubtfulMet.Definite && doubtfulMet.State == "present")
            agg.Remove("systemic_metastases");
        if (anyMet && sites.Count == 0) sites.Add("unspecified");
        IReadOnlyList<string>? metastatic = anyMet ? sites : negMet ? [] : null;
        if (metFrom is not null) _spans["cancer.metastaticSites"] = metFrom.Span;
        else if (negMet && doc.Mentions.FirstOrDefault(m => m.Used && m.Concept == "metastasis" && (m.Negated || m.Term.ConceptValue == "none")) is { } nm)
            _spans["cancer.metastaticSites"] = nm.Span;
        else if (negMet && _spans.TryGetValue("cancer.stage", out var stageSpan)) _spans["cancer.metastaticSites"] = stageSpan;
        if (site is null && metastatic is null) return null;
        if (from is not null) _spans["cancer.primarySite"] = from.Span;
        return new Cancer { PrimarySite = site, Histology = histology, MetastaticSites = metastatic };
    }

    private bool NamesCancer()
    {
        foreach (var m in doc.Mentions)
        {
            if (m.Concept is "cancer" or "cancer_generic" or "metastasis" or "radiotherapy") return true;
            foreach (var f in m.Term.Findings) if (f.Variable == "primary_cancer") return true;
        }
        return false;
    }

    private bool NamesSex()
    {
        foreach (var m in doc.Mentions) if (m.Concept == "sex" && m.Term.Weight >= 1) return true;
        return false;
    }

    /// <summary>
    /// Was this cancer known before the cord syndrome? A note gives the history first: a cancer named before any
    /// neurological complaint, said to be past ("history of", "treated 2019") or named with its treatment in the same
    /// sentence ("on letrozole", "s/p nephrectomy", "received intrathecal methotrexate") was not found by the work-up.
    /// A cancer that first appears after the complaint (a biopsy result, a staging scan) stays unknown here.
    /// </summary>
    private bool KnownBeforeCordSyndrome(Mention cancer)
    {
        if (cancer.Historical) return true;
        var firstComplaint = doc.Mentions.FirstOrDefault(m => m.Used && !m.Negated && (m.Concept is "deficit" or "onset" or "pain"
            || m.Findings.Any(f => f.Variable is "sphincter_dysfunction" or "sensory_level" or "posterior_column_signs" or "back_pain")));
        if (firstComplaint is not null) return cancer.TokenStart < firstComplaint.TokenStart;
        var sentence = doc.Sentences[cancer.Sentence].Sentence;
        // the treatment may follow in the next sentence of a terse history ("OVARIAN CANCER, STAGE IVB. ON CARBOPLATIN.")
        return doc.InSentence(cancer.Sentence).Any(m => m.Used && !m.Negated && m.Concept is "radiotherapy" or "drug" or "surgery" or "exposure")
               || (cancer.Sentence + 1 < doc.Sentences.Count
                   && doc.InSentence(cancer.Sentence + 1).Any(m => m.Used && !m.Negated && !m.Hypothetical && m.Concept is "radiotherapy" or "drug"))
               || Enumerable.Range(sentence.TokenFrom, sentence.TokenTo - sentence.TokenFrom).Any(q => SaysTreatedOrPast(q, sentence.TokenTo));
    }

    /// <summary>Whether the sentence up to the end of a metastasis word's clause names a body region besides the brain
    /// ("staging CT of the brain, chest and abdomen: no metastases" is about all three; "MRI brain: a parietal
    /// metastasis; spine imaging to follow" keeps the metastasis in the brain).</summary>
    private bool NamesBodyRegionBesidesBrain(Mention m)
    {
        var from = doc.Sentences[m.Sentence].Sentence.TokenFrom;
        var to = doc.Clause(m.Sentence, m.TokenStart).To;
        for (var q = from; q < to; q++)
            if (rules.Words.BodyBeyondBrain.Contains(_t[q].Text))
                return true;
        return false;
    }

    /// <summary>
    /// A word that places a cancer in the patient's past or under treatment: an operation done ("nephrectomy",
    /// "oesophagectomy", "resected"), a course of treatment or a past-history word. ("previous", "prior" and "post" are
    /// left out: "no previous history of malignancy", "post-contrast CT"; so is a bare year, which may be this year.)
    /// </summary>
    private bool SaysTreatedOrPast(int q, int sentenceEnd)
    {
        var t = _t[q];
        if (t.Kind != TokenKind.Word) return false;
        // an operation still to come ("mastectomy is planned") places nothing in the past
        if (t.Text.EndsWith("ectomy", StringComparison.Ordinal) || t.Text.EndsWith("ectomies", StringComparison.Ordinal)
            || rules.Words.Operations.Contains(t.Text))
            return !Enumerable.Range(q + 1, Math.Max(0, Math.Min(sentenceEnd, q + 4) - q - 1))
                .Any(k => rules.Words.Planned.Contains(_t[k].Text));
        return rules.Words.TreatedOrPast.Contains(t.Text);
    }

    // "unlikely to be metastatic", "the lesion does not represent a metastasis": the denied word is said of one lesion
    // (after a copula or "represent"), so it says nothing about metastases elsewhere
    private bool DescribesOneLesion(Mention m)
    {
        var k = m.TokenStart - 1;
        while (k >= 0 && _t[k].Text is "a" or "an" or "the") k--;
        // "not typical of metastasis", "not consistent with a metastasis": a judgement of the lesion described
        if (k >= 1 && _t[k].Text is "of" or "with" && rules.Words.JudgedAs.Contains(_t[k - 1].Text)) return true;
        return k >= 0 && rules.Words.Predicate.Contains(_t[k].Text);
    }
}
