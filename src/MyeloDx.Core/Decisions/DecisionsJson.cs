using MyeloDx.Core.Contract;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>Maps the decision results (tests, management, sensitivity, what-if) to their sections of the contract.</summary>
public static class DecisionsJson
{
    /// <summary>Rounded for the document; an infinite factor is written as ±1e9 (JSON has no infinity).</summary>
    internal static double R(double x, int digits = 4) => double.IsFinite(x) ? Math.Round(x, digits) : x > 0 ? 1e9 : -1e9;

    /// <summary>The test with its value of information, before <see cref="RecommendationsJson"/> adds rank, route and citations.</summary>
    /// <param name="results">False leaves out the results that would change the ranking and the key results (both empty),
    /// so that a caller that shows neither (the CDS Hooks cards) does not have the effect of every result worked out.</param>
    public static NextTestEntry Test(TestValue v, int rank = 0, bool results = true)
    {
        var t = v.Test;
        return new NextTestEntry
        {
            Id = t.Id,
            Name = t.Name,
            Category = t.Category,
            ExpectedInformationGainBits = R(v.ExpectedInformationGainBits),
            ProbabilityLeaderChanges = R(v.ProbabilityLeaderChanges),
            Invasiveness = t.Invasiveness.Id,
            InvasivenessLevel = t.Invasiveness.Level,
            ValueScore = R(v.ValueScore),
            Cost = t.Cost,
            TurnaroundDays = R(t.TurnaroundDays, 1),
            Reveals = v.Reveals,
            Exact = v.Exact,
            ResultsThatChangeRanking = results ? Results(v.RankingChangers.Where(r => r.Probability >= 0.001).OrderByDescending(r => r.Probability)) : [],
            KeyResults = results ? Results(v.KeyResults()) : [],
            Source = t.Practical.SourceId,
            Estimate = t.Practical.IsEstimate,
            Rank = rank,
            Note = t.Note,
            After = [],
            Citations = [],
        };
    }

    private static IReadOnlyList<TestResultEntry> Results(IEnumerable<ResultEffect> rs) =>
        rs.Select(r => new TestResultEntry(r.VariableId ?? r.FactorId, r.ResultId, r.Label, R(r.Probability), r.LeadingAfter,
            R(r.LeadingAfterProbability), r.ChangesLeader, r.ChangesTopThree,
            r.Shifts.Where(s => Math.Abs(s.To - s.From) >= 0.005).Select(s => new ProbabilityMove(s.Id, R(s.From), R(s.To))).ToArray())).ToArray();

    /// <summary>The management plan; <paramref name="cite"/> gives each statement's citation number (or estimate reason).</summary>
    public static ManagementSection Management(ManagementPlan plan, KnowledgeBase kb, Func<Provenance, string> cite) => new()
    {
        Urgent = plan.Urgent.Select(u => Item(u.Item, kb, cite) with
        {
            Diagnosis = u.DiagnosisId, Probability = R(u.Probability), Urgency = u.Urgency,
        }).ToArray(),
        Diagnoses = plan.Diagnoses.Select(d => new DiagnosisManagementEntry(d.DiagnosisId, d.Name, R(d.Probability), d.Urgency,
            d.UrgentTriggered, Items(d.Treatment, kb, cite), Items(d.Prognosis, kb, cite), Items(d.Scores, kb, cite))).ToArray(),
        General = Items(plan.General, kb, cite),
    };

    private static IReadOnlyList<ManagementItemEntry> Items(IEnumerable<ManagementItem> items, KnowledgeBase kb, Func<Provenance, string> cite) =>
        items.Select(i => Item(i, kb, cite)).ToArray();

    private static ManagementItemEntry Item(ManagementItem i, KnowledgeBase kb, Func<Provenance, string> cite) => new()
    {
        Text = i.Text,
        Source = i.Provenance.SourceId,
        Reference = i.Provenance.SourceId is { } s && kb.Sources.TryGetValue(s, out var src) ? src.Link : null,
        Estimate = i.Provenance.IsEstimate ? true : null,
        Reason = i.Provenance.IsEstimate ? i.Provenance.EstimateReason : null,
        Level = i.Level,
        Citation = cite(i.Provenance),
    };

    public static SensitivitySection Sensitivity(SensitivityReport s) => new(
        s.LeaderId,
        s.RunnerUpId,
        R(s.MarginFactor, 3),
        s.Priors.Select(p => new PriorSensitivityEntry(p.DiagnosisId, R(p.Prior), R(p.Factor, 3), R(p.PriorTo), p.NewLeader)).ToArray(),
        s.Likelihoods.Select(l => new LikelihoodSensitivityEntry
        {
            Finding = l.Finding,
            Label = l.Label,
            Competitor = l.CompetitorId,
            LeaderLikelihood = R(l.LeaderLikelihood, 5),
            CompetitorLikelihood = R(l.CompetitorLikelihood, 5),
            LikelihoodRatio = R(l.LikelihoodRatio, 3),
            FactorToChangeLeader = R(l.Factor, 3),
            LeaderWithoutIt = l.LeaderWithoutIt,
            Source = l.SourceId,
            Feasible = l.Feasible,
        }).ToArray());

    public static WhatIfSection WhatIf(WhatIfComparison c) => new(
        c.Edits.Select(e => e.Remove ? new WhatIfEditEntry(e.VariableId, e.Text, Value: "unknown")
            : e.State is not null ? new WhatIfEditEntry(e.VariableId, e.Text, Value: (e.Uncertain ? "possible_" : "") + e.State)
            : new WhatIfEditEntry(e.VariableId, e.Text, Number: e.Value)).ToArray(),
        c.ContextBefore,
        c.ContextAfter,
        c.LeadingBefore,
        c.LeadingAfter,
        c.LeaderChanged,
        c.Changes.Select(d => new WhatIfChangeEntry(d.Id, R(d.Before, 6), R(d.After, 6), R(d.Delta, 6), d.RankBefore, d.RankAfter)).ToArray());
}
