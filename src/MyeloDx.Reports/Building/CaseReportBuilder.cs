using System.Globalization;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Reports.Building;

/// <summary>
/// The case report in the seed's structure: FINAL DIAGNOSIS, THREE DIFFERENTIAL DIAGNOSES, INTRODUCTION, CASE,
/// DISCUSSION, FIGURE, REFERENCES. Every sentence is generated from the case, the assessment and the knowledge base.
/// </summary>
internal sealed class CaseReportBuilder
{
    public const string FinalDiagnosis = "FINAL DIAGNOSIS";
    public const string Differentials = "THREE DIFFERENTIAL DIAGNOSES";
    public const string Introduction = "INTRODUCTION";
    public const string CaseSection = "CASE";
    public const string Discussion = "DISCUSSION";
    public const string Figure = "FIGURE";
    public const string References = "REFERENCES";

    private readonly ReportInput _in;
    private readonly Assessment _a;
    private readonly KnowledgeBase _kb;
    private readonly Citations _cites;
    private readonly Evidence _ev;
    private readonly CaseNarrative _story;
    private readonly KnownSections _known;
    private readonly List<ReportBlock> _b = [];

    public CaseReportBuilder(ReportInput input)
    {
        _in = input;
        _a = input.Assessment;
        _kb = input.Knowledge;
        _cites = new Citations(_kb);
        _ev = new Evidence(_a, _cites);
        _story = new CaseNarrative(input.Input, _kb);
        _known = new KnownSections(_kb, _a, _cites);
    }

    public ReportDocument Build(DateTimeOffset now)
    {
        var lead = _a.Leading;
        if (SummaryBuilder.FirstAction(_in.Document) is { } first) _b.Add(first);
        _b.Add(new NoticeBlock(NoticeKind.Caveat, "Clinical judgment", Assessment.Caveat));
        FinalDiagnosisSection(lead);
        DifferentialSection();
        IntroductionSection(lead);
        CaseSectionBlocks();
        DiscussionSection(lead);
        FigureSection();
        var refs = _cites.References();
        _b.Add(new HeadingBlock(2, References));
        if (refs.Count == 0) _b.Add(new ParagraphBlock("No published source was cited: every number used here is marked as an estimate in the knowledge base."));
        else _b.Add(new ListBlock(refs.Select(r => new ListItem(r.Text)).ToArray(), Numbered: true, Small: true));

        var title = _in.Title ?? $"{lead.Name} in {_story.Subject()} with {_story.CancerName()}: a case assessed by MyeloDx";
        var byline = $"Written by MyeloDx on {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC from the case data; " +
                     $"knowledge base {_a.KnowledgeVersion}; population assumed: {Population()}";
        return new ReportDocument(ReportKind.CaseReport, title, byline, now, _b.ToArray(), refs);
    }

    private void FinalDiagnosisSection(RankedDiagnosis lead)
    {
        _b.Add(new HeadingBlock(2, FinalDiagnosis));
        _b.Add(new ParagraphBlock($"{lead.Name}, with a posterior probability of {ProbabilityText.Percent(lead.Probability)}.", "Program's assessment:"));
        var summary = _kb.DiagnosisIndex.ContainsKey(lead.Id) ? _kb.Diagnosis(lead.Id).Summary : "";
        var second = _a.Differential.Count > 1 ? _a.Differential[1] : null;
        var strength = second is null ? ""
            : lead.Probability >= 0.9 ? "The recorded findings strongly favour it over every alternative."
            : lead.Probability >= 0.6 ? $"It is favoured, but {Evidence.Lower(second.Name)} remains possible at {ProbabilityText.Percent(second.Probability)}."
            : $"The findings do not settle the question: {Evidence.Lower(second.Name)} follows at {ProbabilityText.Percent(second.Probability)}, and the tests discussed below would help to decide.";
        _b.Add(new ParagraphBlock(string.Join(" ", new[] { summary, strength }.Where(s => s.Length > 0))));
        _b.Add(new ParagraphBlock("This is MyeloDx's ranking of the recorded findings, not a confirmed diagnosis: confirmation rests with the treating team, from tissue, cerebrospinal fluid or the course on follow-up imaging."));
    }

    private void DifferentialSection()
    {
        _b.Add(new HeadingBlock(2, Differentials));
        var next = _a.Differential.Skip(1).Take(3).ToList();
        _b.Add(new ListBlock(next.Select(d => new ListItem(_ev.WhyLessLikely(d), $"{d.Name} ({ProbabilityText.Percent(d.Probability)}).")).ToArray(), Numbered: true));
    }

    private void IntroductionSection(RankedDiagnosis lead)
    {
        _b.Add(new HeadingBlock(2, Introduction));
        _b.Add(new ParagraphBlock(
            "When a person with cancer develops new weakness, numbness or sphincter trouble from the spinal cord, the cause may be the tumour itself " +
            "(inside the cord, on its surface or pressing from the spine), an effect of earlier treatment, or a disease that has nothing to do with the cancer. " +
            $"The causes differ in urgency and in treatment. MyeloDx weighs {_kb.Diagnoses.Count} such diagnoses against each other from the findings of a case, " +
            "using likelihoods taken from the published literature or marked as estimates."));
        var named = new[] { lead }.Concat(_a.Differential.Skip(1).Take(3))
            .Where(d => _kb.DiagnosisIndex.ContainsKey(d.Id))
            .Select(d => $"{Evidence.Lower(_kb.Diagnosis(d.Id).Name)} ({Lower(_kb.Diagnosis(d.Id).Summary).TrimEnd('.')})");
        _b.Add(new ParagraphBlock($"In this case the program ranks first {named.First()}. The alternatives it weighs next are {Fmt.Join(named.Skip(1))}."));
        _b.Add(new ParagraphBlock("The report tells the case from its recorded data, sets out the reasoning with the evidence and its sources, and names what would settle the question."));
    }

    private static string Lower(string s) => Evidence.Lower(s);

    private void CaseSectionBlocks()
    {
        _b.Add(new HeadingBlock(2, CaseSection));
        foreach (var p in _story.Story()) _b.Add(new ParagraphBlock(p));
    }

    private void DiscussionSection(RankedDiagnosis lead)
    {
        _b.Add(new HeadingBlock(2, Discussion));
        var ctx = _kb.Priors.TryGetValue(_a.PriorContext, out var pc) ? pc.Description.Trim().TrimEnd('.') : _a.PriorContext;
        var computed = _a.Computed.Count > 0 ? $" and {_a.Computed.Count} computed piece{(_a.Computed.Count == 1 ? "" : "s")} of evidence" : "";
        _b.Add(new ParagraphBlock(
            $"MyeloDx started from the prior probabilities of the population '{_a.PriorContext}' ({Lower(ctx).Replace(" (the default)", "", StringComparison.Ordinal)}), where {Evidence.Lower(lead.Name)} has a prior of {ProbabilityText.Percent(lead.Prior)}. " +
            $"It then weighed {_a.Observations.Count} finding{(_a.Observations.Count == 1 ? "" : "s")} from the case{computed}, each through how often that finding occurs under each diagnosis. " +
            $"After this, {Evidence.Lower(lead.Name)} stands at {ProbabilityText.Percent(lead.Probability)}.", "Reasoning."));

        _b.Add(new HeadingBlock(3, $"Evidence for and against {Evidence.Lower(lead.Name)}"));
        var rows = lead.Supporting.Take(6).Select(c => Row(c, "for"))
            .Concat(lead.Opposing.Take(4).Select(c => Row(c, "against"))).ToArray();
        if (rows.Length > 0)
        {
            _b.Add(new TableBlock(["Finding", "Effect", "Likelihood ratio", "Source"], rows, [false, false, true, false]));
            _b.Add(new ParagraphBlock("A likelihood ratio compares how often the finding occurs with this diagnosis and with the other diagnoses (weighted by their priors): above 1 it favours the diagnosis, below 1 it weighs against it."));
        }
        else _b.Add(new ParagraphBlock("No recorded finding moves this diagnosis; it leads on its prior probability alone."));
        // Details of computed evidence are told once, under "Computed evidence" below; only other details go here.
        var computedText = _a.Computed.Select(c => c.Explanation).ToHashSet(StringComparer.Ordinal);
        foreach (var c in lead.Supporting.Take(6).Concat(lead.Opposing.Take(4)).Where(c => c.Detail is { Length: > 0 } && !computedText.Contains(c.Detail!)))
            _b.Add(new ParagraphBlock(c.Detail!, _ev.Finding(c) + ":"));

        _b.Add(new HeadingBlock(3, "Why the alternatives rank lower"));
        var discussed = _a.Differential.Skip(1).Take(3)
            .Concat(_a.Differential.Where(d => Evidence.MustNotMiss.Contains(d.Id) && _ev.Rank(d) > 4)).ToList();
        _b.Add(new ListBlock(discussed.Select(d => new ListItem(_ev.WhySentence(d) + (Evidence.MustNotMiss.Contains(d.Id) && _ev.Rank(d) > 4 ? " It is discussed because it must not be missed." : ""))).ToArray()));

        if (_a.Computed.Count > 0)
        {
            _b.Add(new HeadingBlock(3, "Computed evidence"));
            _b.Add(new ListBlock(_a.Computed.Select(c => new ListItem($"{c.Explanation} {_cites.Cite(c.SourceId)}".Trim(), c.Label + ":")).ToArray()));
        }

        var doc = _in.Document;
        RadiotherapySection(doc.Radiotherapy);
        if (doc.Scores is { } scores) Section("scores", _known.Scores(scores));
        if (doc.NextTests is { Count: > 0 } tests) Section("nextTests", _known.Tests(tests));
        if (doc.WithheldTests is { Count: > 0 } withheld) Section("withheldTests", _known.Withheld(withheld));

        if (_a.Unknowns.Count > 0)
        {
            _b.Add(new HeadingBlock(3, "What would change the assessment"));
            _b.Add(new ParagraphBlock($"These findings are not recorded; each would move {Evidence.Lower(lead.Name)} markedly if known:"));
            _b.Add(new ListBlock(_a.Unknowns.Select(u => new ListItem(
                $"{Evidence.IfState(u)}, the likelihood ratio for {Evidence.Lower(lead.Name)} would be {Fmt.Lr(Math.Exp(u.LogLikelihoodRatio))}.", u.Name + ":")).ToArray()));
        }

        _b.Add(new HeadingBlock(3, "Management and prognosis"));
        if (KnownSections.Says(doc.Management)) _b.AddRange(_known.Management(doc.Management!));
        else _b.Add(new ParagraphBlock($"This version of the knowledge base holds no management or prognosis notes for {Evidence.Lower(lead.Name)}; treatment should follow current guidelines and the treating team."));
        if (doc.DiagnosticUncertaintyBits is { } bits) Section("diagnosticUncertaintyBits", _known.Uncertainty(bits));
        if (doc.Sensitivity is { } sensitivity) Section("sensitivity", _known.Sensitivity(sensitivity));
        // What-if and text analysis belong to `assess` (its --set and --explain-text), never to a report's document.
        foreach (var u in JsonSections.Shown(_in.Unbound)) Section(u.Key, JsonSections.Render(u.Value, _cites));

        _b.Add(new HeadingBlock(3, "Limitations"));
        var used = lead.Supporting.Take(6).Concat(lead.Opposing.Take(4)).ToList();
        var est = used.Count(c => c.Estimate);
        var lim = "The program treats findings as independent of each other once the diagnosis is known, which can overstate agreeing findings; its probabilities are only as good as the published series behind them.";
        if (used.Count > 0) lim += $" Of the {used.Count} likelihood ratios in the evidence table, {est} rest on numbers the knowledge base marks as estimates rather than on a cited study.";
        _b.Add(new ParagraphBlock(lim));
        foreach (var n in _a.Notes) _b.Add(new ParagraphBlock(n, "Note:"));
    }

    private IReadOnlyList<string> Row(Contribution c, string effect) =>
        [_ev.Finding(c), effect, Fmt.Lr(c.LikelihoodRatio), _ev.Source(c)];

    /// <summary>A titled subsection; a section with nothing to say (e.g. no score could be listed) gets no heading.</summary>
    private void Section(string key, List<ReportBlock>? blocks)
    {
        if (blocks is not { Count: > 0 }) return;
        _b.Add(new HeadingBlock(3, KnownSections.Title(key)));
        _b.AddRange(blocks);
    }

    /// <summary>The radiotherapy arithmetic: the augmenter's section when present, else the plain facts of each course.</summary>
    private void RadiotherapySection(Core.Contract.RadiotherapySection? section)
    {
        var courses = _in.Input.Case.Treatments?.Radiotherapy;
        if (section is null && courses is null) return;
        _b.Add(new HeadingBlock(3, "Radiotherapy"));
        if (section is not null)
        {
            _b.AddRange(_known.Radiotherapy(section));
            return;
        }
        if (courses!.Count == 0) { _b.Add(new ParagraphBlock("The patient had never been irradiated, so radiation injury to the cord is not in question.")); return; }
        _b.Add(new ListBlock(courses.Select(rt => new ListItem(CaseNarrative.DoseText(rt) +
            (rt.MonthsBeforeOnset is { } m ? $", {Fmt.Num(m)} months before the onset" : "") + ".", Fmt.Cap(rt.Target ?? "Unstated field") + ":")).ToArray()));
        var exposure = _a.Observations.FirstOrDefault(o => o.VariableId == "cord_rt_exposure");
        if (exposure is not null) _b.Add(new ParagraphBlock(Fmt.Finding(exposure, _kb) + ".", "Cord in the field:"));
        else _b.Add(new ParagraphBlock("The case data do not tell whether the affected cord lay in a radiotherapy field."));
    }

    private void FigureSection()
    {
        _b.Add(new HeadingBlock(2, Figure));
        // As in the seed, Figure 1 is the imaging: the attached key images when there are any, else its description.
        var n = 0;
        foreach (var img in _in.Images) _b.Add(new ImageBlock(img, $"Figure {++n}.", img.Caption));
        if (n == 0) _b.Add(new ParagraphBlock(_story.ImagingLegend(), $"Figure {++n}."));
        _b.Add(new ParagraphBlock($"Posterior probability of each of the {_a.Differential.Count} diagnoses after the case findings were weighed (knowledge base {_a.KnowledgeVersion}); the leading diagnosis is highlighted.", $"Figure {++n}."));
        _b.Add(new ChartBlock("Posterior probability by diagnosis",
            _a.Differential.Select((d, i) => new ChartBar(d.Name, d.Probability, i == 0)).ToArray()));
    }

    /// <summary>The population the priors describe, in words (its description), never the internal context id.</summary>
    private string Population() =>
        _kb.Priors.TryGetValue(_a.PriorContext, out var p) ? p.Description.Trim().TrimEnd('.') + "." : "as chosen by the user.";
}
