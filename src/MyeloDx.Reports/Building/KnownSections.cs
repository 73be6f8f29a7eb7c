using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Reports.Building;

/// <summary>
/// Prose renderings of the assessment's sections (radiotherapy arithmetic, scores, next tests, management,
/// sensitivity, remaining uncertainty), read from the typed <see cref="AssessmentDocument"/>. A document bound from
/// stored JSON (<see cref="StoredAssessment"/>) may lack a member that the records declare, so lists are read with
/// a fallback to empty rather than trusted to be there.
/// </summary>
internal sealed class KnownSections(KnowledgeBase kb, Assessment a, Citations cites)
{
    public static string Title(string key) => key switch
    {
        "radiotherapy" => "Radiotherapy arithmetic",
        "scores" => "Clinical scores",
        "nextTests" => "Next tests",
        "withheldTests" => "Withheld for this patient",
        "management" => "Management and prognosis",
        "sensitivity" => "How robust the ranking is",
        "diagnosticUncertaintyBits" => "Remaining uncertainty",
        _ => Fmt.Humanize(key),
    };

    /// <summary>" [1, 3]" for the ids that are known sources, or "" when none is.</summary>
    private string CiteAll(IEnumerable<string?> ids)
    {
        var c = cites.Cite(ids);
        return c.Length == 0 ? "" : " " + c;
    }

    private string Cite(string? source) => CiteAll([source]);

    private string Name(string? id) => id is not null && kb.DiagnosisIndex.ContainsKey(id) ? kb.Diagnosis(id).Name : id ?? "";

    private static string Sentence(string s) => s.Length == 0 ? s : Fmt.Cap(s.TrimEnd()) + (s.TrimEnd().EndsWith('.') ? "" : ".");

    // ---------- radiotherapy ----------

    public List<ReportBlock> Radiotherapy(RadiotherapySection o)
    {
        var blocks = new List<ReportBlock> { new ParagraphBlock(Sentence(o.Status + (o.Lesion is null ? "" : $" (affected level: {o.Lesion})"))) };
        var items = new List<ListItem>();
        foreach (var c in o.Courses ?? [])
        {
            var parts = new List<string>();
            if (c.Prescription is { } rx) parts.Add(Prescription(rx));
            if (c.FractionationAssumption is { } assume) parts.Add(assume);
            if (c.Reason is { } reason) parts.Add(reason);
            if (c.CordEqd2Gy is { } ceq)
                parts.Add($"cord EQD2 at the affected level ≈ {Fmt.Num(ceq)} Gy{(c.UsesStatedCordDose ? " (from the stated cord dose)" : "")}");
            if (c.MonthsBeforeOnset is { } m) parts.Add($"{Fmt.Num(m)} months before the onset");
            parts.AddRange((c.Warnings ?? []).Select(w => "warning: " + w));
            items.Add(new ListItem(Sentence(string.Join("; ", parts)), Fmt.Cap(c.Target ?? "course") + ":"));
        }
        if (items.Count > 0) blocks.Add(new ListBlock(items));
        if (o.Cumulative is { } cum)
        {
            var abCite = cites.Cite(o.AlphaBetaSource);
            var text = $"Cord EQD2 over all courses {Fmt.Num(cum.CordEqd2Gy)} Gy (BED {Fmt.Num(cum.CordBedGy)} Gy)" +
                       (o.AlphaBetaGy is { } x ? $", at α/β {Fmt.Num(x)} Gy for the cord{(abCite.Length > 0 ? " " + abCite : "")}" : "") +
                       (cum.Complete ? "" : "; incomplete, since a course lacks its dose") + ".";
            if (cum.Note is { } note) text += " " + Sentence(note);
            blocks.Add(new ParagraphBlock(text, "Cumulative:"));
        }
        var intervals = (o.Intervals ?? []).Select(Interval).ToList();
        if (intervals.Count > 0) blocks.Add(new ParagraphBlock(string.Join("; ", intervals) + ".", "Intervals between courses:"));
        var risks = (o.Risk ?? []).Where(r => r.Summary is not null).Select(r => new ListItem(Sentence(r.Summary) + Cite(r.Source))).ToList();
        if (risks.Count > 0)
        {
            blocks.Add(new ParagraphBlock("", "Myelopathy risk"));
            blocks.Add(new ListBlock(risks));
        }
        if (o.Evidence is { } ev) blocks.Add(new ParagraphBlock(Sentence(ev)));
        return blocks;
    }

    /// <summary>"20 Gy in 5 fractions of 4 Gy: EQD2 30 Gy (BED 60 Gy) at α/β 2 Gy".</summary>
    private static string Prescription(PlanEntry rx)
    {
        var n = rx.Fractions;
        var text = $"{Fmt.Num(rx.PhysicalDoseGy)} Gy in {Fmt.Num(n)} fraction{(n == 1 ? "" : "s")}";
        if (n > 1) text += $" of {Fmt.Num(rx.DosePerFractionGy)} Gy";
        var lq = (rx.AtAlphaBeta ?? []).Select(x => $"EQD2 {Fmt.Num(x.Eqd2Gy)} Gy (BED {Fmt.Num(x.BedGy)} Gy) at α/β {Fmt.Num(x.AlphaBetaGy)} Gy").ToList();
        return lq.Count > 0 ? text + ": " + string.Join(", ", lq) : text;
    }

    private static string Interval(CourseIntervalEntry i) =>
        $"earlier: {Fmt.Num(i.Earlier)}, later: {Fmt.Num(i.Later)}" + (i.Months is { } m ? $", months: {Fmt.Num(m)}" : "");

    // ---------- scores ----------

    public List<ReportBlock>? Scores(ScoresSection s)
    {
        var items = new List<ListItem>();
        // in the contract's order; a document bound from stored JSON may lack a score
        foreach (var score in new[] { s.Mrc, s.Frankel, s.Asia, s.PerformanceStatus, s.BreastGpa }.OfType<ScoreEntry>())
        {
            var text = score.Value ?? "not scored";
            if (score.Summary is not null) text += ": " + score.Summary.TrimEnd('.');
            var missing = score.Missing ?? [];
            if (missing.Count > 0) text += $" (not recorded: {Fmt.Join(missing)})";
            items.Add(new ListItem(text + "." + CiteAll(score.Sources ?? []), score.Name + ":"));
        }
        return items.Count == 0 ? null : [new ListBlock(items)];
    }

    // ---------- tests ----------

    public List<ReportBlock> Tests(IReadOnlyList<NextTestEntry> tests)
    {
        var blocks = new List<ReportBlock>();
        var useful = tests.Where(t => t.ExpectedInformationGainBits > 0).ToList();
        var rest = tests.Except(useful).ToList();
        if (useful.Count > 0)
        {
            blocks.Add(new TableBlock(
                ["Test (in order)", "Expected information gain (bits)", "Chance the leader changes", "Invasiveness", "Result in (days)"],
                useful.Select(t => (IReadOnlyList<string>)
                [
                    t.Name + Cite(t.Source),
                    Fmt.Num(t.ExpectedInformationGainBits),
                    ProbabilityText.Percent(t.ProbabilityLeaderChanges),
                    Fmt.Words(t.Invasiveness ?? ""),
                    Fmt.Num(t.TurnaroundDays),
                ]).ToArray(),
                [false, true, true, false, true]));
            blocks.AddRange(Preconditions(useful));
            var what = new List<ListItem>();
            foreach (var t in useful.Take(3))
            {
                var results = (t.ResultsThatChangeRanking ?? []).OrderByDescending(r => r.ChangesLeader).ThenByDescending(r => r.Probability).Take(2)
                    .Select(ResultSentence).OfType<string>().ToList();
                if (results.Count > 0) what.Add(new ListItem(string.Join(" ", results), t.Name + ":"));
            }
            if (what.Count > 0)
            {
                blocks.Add(new ParagraphBlock("", "What a result would do"));
                blocks.Add(new ListBlock(what));
            }
        }
        if (rest.Count > 0)
            blocks.Add(new ParagraphBlock($"{Fmt.Join(rest.Select(t => t.Name))}: no expected change to the differential on the present findings.", "Not informative now:"));
        return blocks;
    }

    public List<ReportBlock>? Withheld(IReadOnlyList<WithheldTestEntry> withheld)
    {
        var items = withheld.Where(w => w.Name is not null && w.Reason is not null)
            .Select(w => new ListItem(Sentence(w.Reason) + Cite(w.Source), w.Name + ":")).ToArray();
        return items.Length == 0 ? null : [new ListBlock(items)];
    }

    /// <summary>Each listed test's unmet preconditions, in list order ("after the spinal MRI has been read").</summary>
    private List<ReportBlock> Preconditions(IEnumerable<NextTestEntry> tests)
    {
        var items = new List<ListItem>();
        foreach (var t in tests)
        {
            var after = t.After ?? [];
            var notes = after.Select(n => n.Text).OfType<string>().ToList();
            if (notes.Count > 0) items.Add(new ListItem(Sentence(string.Join("; ", notes)) + CiteAll(after.Select(n => n.Source)), t.Name + ":"));
        }
        return items.Count == 0 ? [] : [new ParagraphBlock("", "Do first"), new ListBlock(items)];
    }

    private string? ResultSentence(TestResultEntry r)
    {
        if (r.Label is null) return null;
        var moves = (r.Moves ?? []).Select(m => $"{Evidence.Lower(Name(m.Id))} {ProbabilityText.Percent(m.From)} → {ProbabilityText.Percent(m.To)}").ToList();
        var leader = r.ChangesLeader && r.LeadingAfter is { } after ? $"; {Evidence.Lower(Name(after))} would lead" : "";
        return moves.Count == 0 ? null : $"{Fmt.Cap(r.Label)} (expected in {ProbabilityText.Percent(r.Probability)} of such cases): {string.Join(", ", moves)}{leader}.";
    }

    // ---------- management ----------

    /// <summary>Whether a management section says anything (a section with no part is not shown).</summary>
    public static bool Says(ManagementSection? m) =>
        m is not null && (m.Urgent is not null || m.Diagnoses is not null || m.General is not null || m.Note is not null);

    /// <summary>Urgent actions of a management section, as next-step items for the summary (null when it has no urgent list).</summary>
    public IReadOnlyList<ListItem>? UrgentItems(ManagementSection m) =>
        m.Urgent?.Select(x => new ListItem(Sentence(x.Text) + Cite(x.Source), x.Diagnosis is { } d ? $"Urgent ({Evidence.Lower(Name(d))}):" : "Urgent:")).ToList();

    public List<ReportBlock> Management(ManagementSection m)
    {
        // Without the decision knowledge (or with another version of it) the section is only a note saying why.
        if (m.Urgent is null && m.Diagnoses is null) return m.Note is { } note ? [new ListBlock([new ListItem(note, "Note:")])] : [];
        var blocks = new List<ReportBlock>();
        if (UrgentItems(m) is { Count: > 0 } urgent) blocks.Add(new ListBlock(urgent));
        foreach (var d in m.Diagnoses ?? [])
        {
            blocks.Add(new ParagraphBlock("", (d.Name ?? Name(d.Id)) + $" ({ProbabilityText.Percent(d.Probability)})"));
            var items = new List<ListItem>();
            items.AddRange((d.Treatment ?? []).Select(t => Statement(t, "Treatment:")));
            items.AddRange((d.Prognosis ?? []).Select(t => Statement(t, "Prognosis:")));
            items.AddRange((d.Scores ?? []).Select(t => Statement(t, "Score:")));
            if (items.Count > 0) blocks.Add(new ListBlock(items));
        }
        var general = (m.General ?? []).Select(t => Statement(t, null)).ToList();
        if (general.Count > 0)
        {
            blocks.Add(new ParagraphBlock("", "For every patient"));
            blocks.Add(new ListBlock(general));
        }
        return blocks;
    }

    private ListItem Statement(ManagementItemEntry t, string? lead)
    {
        var cite = Cite(t.Source);
        if (cite.Length == 0 && t.Estimate is true) cite = " (estimate" + (t.Reason is { } r ? $": {r.TrimEnd('.')}" : "") + ")";
        return new ListItem(Sentence(t.Text) + cite, lead);
    }

    // ---------- sensitivity and uncertainty ----------

    public List<ReportBlock> Sensitivity(SensitivitySection s)
    {
        var lead = s.Leading;
        var text = $"{Name(lead)} is {Fmt.Num(Math.Round(s.MarginFactor, 1))} times as probable as {Evidence.Lower(Name(s.RunnerUp))}: a single prior or likelihood would have to be wrong by that factor to swap them.";
        if ((s.Priors ?? []).FirstOrDefault(p => p.Diagnosis == lead) is { } own)
            text += $" The prior of {Evidence.Lower(Name(lead))} would have to fall from {ProbabilityText.Percent(own.Prior)} to {ProbabilityText.Percent(own.PriorTo)}.";
        var deciding = (s.Likelihoods ?? []).Where(l => l.LeaderWithoutIt is { } w && w != lead && l.Label is not null).ToList();
        text += deciding.Count == 0
            ? " No single finding decides the lead on its own."
            : $" Findings that alone decide the lead: {string.Join("; ", deciding.Select(l => $"{l.Label} (without it, {Evidence.Lower(Name(l.LeaderWithoutIt))} would lead)"))}.";
        return [new ParagraphBlock(text)];
    }

    public List<ReportBlock> Uncertainty(double bits)
    {
        var max = Math.Log2(Math.Max(2, a.Differential.Count));
        return [new ParagraphBlock($"The differential still holds {Fmt.Num(Math.Round(bits, 2))} bits of uncertainty (0 would be certainty; {Fmt.Num(Math.Round(max, 2))} bits would mean every diagnosis equally likely).")];
    }
}
