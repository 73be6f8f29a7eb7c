using System.Globalization;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;

namespace MyeloDx.Reports.Building;

/// <summary>
/// The one-page clinician summary: red flags first (an emergency says so before anything else), then the
/// differential with probabilities, the key evidence, and suggested next steps.
/// </summary>
internal sealed class SummaryBuilder
{
    public const string RedFlags = "Red flags";
    public const string DifferentialTitle = "Differential diagnosis";
    public const string KeyEvidence = "Key evidence";
    public const string NextSteps = "Suggested next steps";
    public const string ReferencesTitle = "References";

    private const int RowsShown = 5;

    private readonly ReportInput _in;
    private readonly Assessment _a;
    private readonly Citations _cites;
    private readonly Evidence _ev;
    private readonly CaseNarrative _story;
    private readonly List<ReportBlock> _b = [];

    public SummaryBuilder(ReportInput input)
    {
        _in = input;
        _a = input.Assessment;
        _cites = new Citations(input.Knowledge);
        _ev = new Evidence(_a, _cites);
        _story = new CaseNarrative(input.Input, input.Knowledge);
    }

    public ReportDocument Build(DateTimeOffset now)
    {
        var lead = _a.Leading;
        var flags = Flags();
        // What to do within hours (the shared decision answer) is the very first line, whatever leads.
        if (FirstAction(_in.Document) is { } first) _b.Add(first);
        // An emergency comes before everything else, the patient line included.
        foreach (var f in flags.Where(f => f.Kind == NoticeKind.Emergency)) _b.Add(f);
        _b.Add(new ParagraphBlock(_story.OneLiner(), "Patient:"));

        _b.Add(new HeadingBlock(2, RedFlags));
        var warnings = flags.Where(f => f.Kind != NoticeKind.Emergency).ToList();
        if (flags.Count == 0)
            _b.Add(new ParagraphBlock("None among the recorded findings." + (UnrecordedFlags() is { Length: > 0 } u ? $" Not recorded: {u}." : "")));
        else if (warnings.Count == 0) _b.Add(new ParagraphBlock("See the emergency above."));
        else if (warnings.Count == 1) _b.Add(warnings[0]);
        else _b.Add(new NoticeBlock(NoticeKind.Warning, warnings[0].Title, warnings[0].Text + " " + string.Join(" ", warnings.Skip(1).Select(w => $"{w.Title}: {Evidence.Lower(w.Text)}"))));

        _b.Add(new HeadingBlock(2, DifferentialTitle));
        var rows = _a.Differential.Take(RowsShown).Select((d, i) => (IReadOnlyList<string>)
            [(i + 1).ToString(CultureInfo.InvariantCulture), d.Name, ProbabilityText.Percent(d.Probability), MainReason(d)]).ToList();
        var rest = _a.Differential.Skip(RowsShown).ToList();
        if (rest.Count > 0) rows.Add(["", $"{rest.Count} others together", ProbabilityText.Percent(rest.Sum(d => d.Probability)), ""]);
        _b.Add(new TableBlock(["#", "Diagnosis", "Probability", "Weighs most"], rows, [true, false, true, false]));

        _b.Add(new HeadingBlock(2, KeyEvidence));
        var items = lead.Supporting.Take(4).Select(c => new ListItem(_ev.Describe(c, detail: false), "For:"))
            .Concat(lead.Opposing.Take(2).Select(c => new ListItem(_ev.Describe(c, detail: false), "Against:"))).ToArray();
        _b.Add(items.Length > 0 ? new ListBlock(items) : new ParagraphBlock("No recorded finding moves the leading diagnosis; it leads on its prior alone."));
        if (_a.Differential.Count > 1 && _a.Differential[1].Probability >= 0.01) // a runner-up worth a sentence
            _b.Add(new ParagraphBlock(_ev.WhyLessLikely(_a.Differential[1], detail: false), $"{_a.Differential[1].Name}:"));

        _b.Add(new HeadingBlock(2, NextSteps));
        _b.Add(new ListBlock(Steps()));

        var refs = _cites.References();
        if (refs.Count > 0)
        {
            _b.Add(new HeadingBlock(2, ReferencesTitle));
            _b.Add(new ListBlock(refs.Select(r => new ListItem(r.Text)).ToArray(), Numbered: true, Small: true));
        }
        _b.Add(new NoticeBlock(NoticeKind.Caveat, "Clinical judgment", Assessment.Caveat));

        var title = _in.Title ?? $"Clinician summary: {lead.Name} leads at {ProbabilityText.Percent(lead.Probability)}";
        var byline = $"MyeloDx, {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC; knowledge base {_a.KnowledgeVersion}; population assumed: {(_in.Knowledge.Priors.TryGetValue(_a.PriorContext, out var pop) ? pop.Description.Trim().TrimEnd('.') : "as chosen by the user")}.";
        return new ReportDocument(ReportKind.ClinicianSummary, title, byline, now, _b.ToArray(), refs);
    }

    private string MainReason(RankedDiagnosis d)
    {
        var rank = _ev.Rank(d);
        var c = rank == 1 ? d.Supporting.FirstOrDefault() ?? d.Opposing.FirstOrDefault() : d.Opposing.FirstOrDefault() ?? d.Supporting.FirstOrDefault();
        if (c is null) return "prior only";
        return $"{(c.LogLikelihoodRatio >= 0 ? "+" : "−")} {_ev.Finding(c)} ({_ev.Weight(c)})";
    }

    /// <summary>Emergencies (from the differential and the imaging) and warnings from the case data.</summary>
    private List<NoticeBlock> Flags()
    {
        var l = new List<NoticeBlock>();
        var c = _in.Input.Case;
        // diagnoses the management knowledge already asks to act on (it acts on an emergency while only suspected)
        var actOn = (_in.Document.Management?.Urgent ?? []).Select(u => u.Diagnosis).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var id in Evidence.Emergencies)
        {
            var d = _a.Get(id);
            var imagingSays = id == "epidural_cord_compression" && (c.Imaging?.EpiduralDisease is true || c.Imaging?.Compartment == "epidural");
            if (d is null) continue;
            var topThree = _ev.Rank(d) <= 3 && d.Probability >= Evidence.TopThreeFloor;
            if (d.Probability < Evidence.RedFlagThreshold && !topThree && !imagingSays && !actOn.Contains(id)) continue;
            var why = imagingSays ? "the imaging reports epidural tumour" : $"it ranks #{_ev.Rank(d)} at {ProbabilityText.Percent(d.Probability)}";
            var cite = _cites.Cite(["Patchell2005"]);
            l.Add(new NoticeBlock(NoticeKind.Emergency, $"EMERGENCY: possible {Evidence.Lower(d.Name)}",
                $"{Fmt.Cap(why)}. Treat as an emergency until excluded: urgent MRI of the whole spine and same-day review by the spinal surgical and oncology teams" +
                (cite.Length > 0 ? $"; in a randomised trial, decompressive surgery followed by radiotherapy kept more selected patients walking than radiotherapy alone {cite}." : ".")));
        }
        var inf = _a.Get("infectious_myelitis");
        if (inf is not null && (inf.Probability >= Evidence.RedFlagThreshold || (c.Presentation?.Fever is true && _ev.Rank(inf) <= 3 && inf.Probability >= Evidence.TopThreeFloor)))
            l.Add(new NoticeBlock(NoticeKind.Warning, "Possible infection or abscess", $"{inf.Name} ranks #{_ev.Rank(inf)} at {ProbabilityText.Percent(inf.Probability)}; cultures and infection tests before immunosuppression."));
        var p = c.Presentation;
        if (p?.HoursToNadir is <= 12 || p?.OnsetTempo == "minutes_hours")
            l.Add(new NoticeBlock(NoticeKind.Warning, "Abrupt onset", "The deficit developed within hours, which calls for immediate imaging (vascular or compressive causes)."));
        if (p?.BladderDysfunction is true || p?.BowelDysfunction is true)
            l.Add(new NoticeBlock(NoticeKind.Warning, "Sphincter dysfunction", "Bladder or bowel function is affected, a sign of advanced cord or conus involvement."));
        if (p?.Ambulatory is false)
            l.Add(new NoticeBlock(NoticeKind.Warning, "Cannot walk", "The patient has lost the ability to walk."));
        return l;
    }

    private string UnrecordedFlags()
    {
        var p = _in.Input.Case.Presentation;
        var l = new List<string>();
        if (p?.BladderDysfunction is null && p?.BowelDysfunction is null) l.Add("sphincter function");
        if (p?.Ambulatory is null) l.Add("ability to walk");
        if (p?.OnsetTempo is null && p?.HoursToNadir is null) l.Add("speed of onset");
        if (p?.Fever is null) l.Add("fever");
        return Fmt.Join(l);
    }

    private IReadOnlyList<ListItem> Steps()
    {
        var steps = new List<ListItem>();
        var doc = _in.Document;
        // urgent management first, then the tests
        var known = new KnownSections(_in.Knowledge, _a, _cites);
        if (doc.Management is { } m) steps.AddRange((known.UrgentItems(m) ?? []).Take(3));
        if (doc.NextTests is { Count: > 0 } tests)
        {
            // a display rule: a test expected to remove less than 0.01 bit is not worth a line on one page, unless nothing better exists
            var useful = tests.Where(t => t.ExpectedInformationGainBits >= 0.01).Take(3).ToList();
            if (useful.Count == 0) useful = tests.Take(1).ToList();
            foreach (var t in useful) steps.Add(new ListItem(TestLine(t), t.Name + ":"));
        }
        // a test withheld for this patient (e.g. no lumbar puncture with mass effect) is a next step too: "not now, because"
        if (doc.WithheldTests?.FirstOrDefault() is { Name: not null, Reason: not null } w)
            steps.Add(new ListItem($"{w.Name}: {w.Reason}.", "Not now:"));
        if (steps.Count == 0)
            foreach (var u in _a.Unknowns.Take(4))
                steps.Add(new ListItem($"not recorded; {Evidence.IfState(u)}, it would give a likelihood ratio of {Fmt.Lr(Math.Exp(u.LogLikelihoodRatio))} for {Evidence.Lower(_a.Leading.Name)}.", u.Name + ":"));
        if (steps.Count == 0) steps.Add(new ListItem("No further finding in the knowledge base would change the ranking markedly; review the assessment with the treating team."));
        return steps;
    }

    /// <summary>A next test in one line: its expected gain, chance of changing the leader, invasiveness and what must come first.</summary>
    private string TestLine(NextTestEntry t)
    {
        var parts = new List<string>
        {
            $"expected information gain {Fmt.Num(t.ExpectedInformationGainBits)} bits",
            $"chance the leader changes {ProbabilityText.Percent(t.ProbabilityLeaderChanges)}",
            $"invasiveness {Fmt.Words(t.Invasiveness)}",
        };
        var cite = _cites.Cite(t.Source);
        // what must come first, shortened to its subject, each with its own evidence so a clinician sees why it applies:
        // "brain imaging [2]; a platelet count [3]" (the test's own source is cited after the line, as before)
        var after = (t.After ?? []).Where(a => a.Text is not null)
            .Select(a => Subject(a.Text) + (_cites.Cite(a.Source) is { Length: > 0 } c ? " " + c : "")).ToList();
        var first = after.Count == 0 ? "" : " Before it, check: " + string.Join("; ", after) + ".";
        return string.Join(", ", parts) + "." + first + (cite.Length > 0 ? " " + cite : "");
    }

    /// <summary>A precondition shortened to its subject: "after brain imaging (CT or MRI) has excluded …" → "brain imaging".</summary>
    private static string Subject(string precondition)
    {
        var s = precondition.StartsWith("after ", StringComparison.Ordinal) ? precondition[6..] : precondition;
        return s.Split([" (", ",", " has ", " have "], StringSplitOptions.None)[0];
    }

    /// <summary>The urgent first line of the decision answer, or null when nothing is time-critical.</summary>
    internal static NoticeBlock? FirstAction(AssessmentDocument d) =>
        d.FirstAction?.Text is { } text ? new NoticeBlock(NoticeKind.Emergency, "Act within hours", text) : null;
}
