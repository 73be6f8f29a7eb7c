using System.Text.Json.Nodes;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>The machine-readable next-tests, management, sensitivity and what-if sections of an assessment.</summary>
public static class DecisionsJson
{
    private static double R(double x, int digits = 4) => double.IsFinite(x) ? Math.Round(x, digits) : x > 0 ? 1e9 : -1e9;

    /// <summary>The ranked tests, best expected information gain first.</summary>
    public static JsonArray NextTests(IEnumerable<TestValue> tests, KnowledgeBase kb)
    {
        var arr = new JsonArray();
        foreach (var t in tests) arr.Add(Test(t, kb));
        return arr;
    }

    public static JsonObject Test(TestValue v, KnowledgeBase kb)
    {
        var t = v.Test;
        var o = new JsonObject
        {
            ["id"] = t.Id,
            ["name"] = t.Name,
            ["category"] = t.Category,
            ["expectedInformationGainBits"] = R(v.ExpectedInformationGainBits),
            ["probabilityLeaderChanges"] = R(v.ProbabilityLeaderChanges),
            ["invasiveness"] = t.Invasiveness.Id,
            ["invasivenessLevel"] = t.Invasiveness.Level,
            ["valueScore"] = R(v.ValueScore),
            ["cost"] = t.Cost,
            ["turnaroundDays"] = R(t.TurnaroundDays, 1),
            ["reveals"] = new JsonArray(v.Reveals.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
            ["exact"] = v.Exact,
            ["resultsThatChangeRanking"] = Results(v.RankingChangers.Where(r => r.Probability >= 0.001).OrderByDescending(r => r.Probability)),
            ["keyResults"] = Results(v.KeyResults()),
            ["source"] = t.Practical.SourceId,
            ["estimate"] = t.Practical.IsEstimate,
        };
        if (t.Note is not null) o["note"] = t.Note;
        if (v.PendingPrerequisites.Count > 0) o["after"] = new JsonArray(v.PendingPrerequisites.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray());
        return o;
    }

    private static JsonArray Results(IEnumerable<ResultEffect> rs)
    {
        var arr = new JsonArray();
        foreach (var r in rs)
        {
            var j = new JsonObject
            {
                ["finding"] = r.VariableId ?? r.FactorId,
                ["value"] = r.ResultId,
                ["label"] = r.Label,
                ["probability"] = R(r.Probability),
                ["leadingAfter"] = r.LeadingAfter,
                ["leadingAfterProbability"] = R(r.LeadingAfterProbability),
                ["changesLeader"] = r.ChangesLeader,
                ["changesTopThree"] = r.ChangesTopThree,
            };
            var moves = new JsonArray();
            foreach (var s in r.Shifts.Where(s => Math.Abs(s.To - s.From) >= 0.005))
                moves.Add(new JsonObject { ["id"] = s.Id, ["from"] = R(s.From), ["to"] = R(s.To) });
            j["moves"] = moves;
            arr.Add(j);
        }
        return arr;
    }

    public static JsonObject Management(ManagementPlan plan, KnowledgeBase kb)
    {
        var urgent = new JsonArray();
        foreach (var u in plan.Urgent)
            urgent.Add(Item(u.Item, kb, new JsonObject { ["diagnosis"] = u.DiagnosisId, ["probability"] = R(u.Probability), ["urgency"] = Lower(u.Urgency) }));
        var by = new JsonArray();
        foreach (var d in plan.Diagnoses)
        {
            by.Add(new JsonObject
            {
                ["id"] = d.DiagnosisId,
                ["name"] = d.Name,
                ["probability"] = R(d.Probability),
                ["urgency"] = Lower(d.Urgency),
                ["urgentActionsShown"] = d.UrgentTriggered,
                ["treatment"] = Items(d.Treatment, kb),
                ["prognosis"] = Items(d.Prognosis, kb),
                ["scores"] = Items(d.Scores, kb),
            });
        }
        return new JsonObject { ["urgent"] = urgent, ["diagnoses"] = by, ["general"] = Items(plan.General, kb) };
    }

    private static string Lower(Urgency u) => u.ToString().ToLowerInvariant();

    private static JsonArray Items(IEnumerable<ManagementItem> items, KnowledgeBase kb)
    {
        var arr = new JsonArray();
        foreach (var i in items) arr.Add(Item(i, kb, new JsonObject()));
        return arr;
    }

    private static JsonObject Item(ManagementItem i, KnowledgeBase kb, JsonObject o)
    {
        o["text"] = i.Text;
        o["source"] = i.Provenance.SourceId;
        if (i.Provenance.SourceId is { } s && kb.Sources.TryGetValue(s, out var src)) o["reference"] = src.Link;
        if (i.Provenance.IsEstimate) { o["estimate"] = true; o["reason"] = i.Provenance.EstimateReason; }
        return o;
    }

    public static JsonObject Sensitivity(SensitivityReport s)
    {
        var priors = new JsonArray();
        foreach (var p in s.Priors)
            priors.Add(new JsonObject { ["diagnosis"] = p.DiagnosisId, ["prior"] = R(p.Prior), ["factor"] = R(p.Factor, 3), ["priorTo"] = R(p.PriorTo), ["newLeader"] = p.NewLeader });
        var lik = new JsonArray();
        foreach (var l in s.Likelihoods)
        {
            var j = new JsonObject
            {
                ["finding"] = l.Finding,
                ["label"] = l.Label,
                ["competitor"] = l.CompetitorId,
                ["leaderLikelihood"] = R(l.LeaderLikelihood, 5),
                ["competitorLikelihood"] = R(l.CompetitorLikelihood, 5),
                ["likelihoodRatio"] = R(l.LikelihoodRatio, 3),
                ["factorToChangeLeader"] = R(l.Factor, 3),
                ["leaderWithoutIt"] = l.LeaderWithoutIt,
                ["source"] = l.SourceId,
            };
            if (l.Feasible is { } f) j["feasible"] = f;
            lik.Add(j);
        }
        return new JsonObject
        {
            ["leading"] = s.LeaderId,
            ["runnerUp"] = s.RunnerUpId,
            ["marginFactor"] = R(s.MarginFactor, 3),
            ["priors"] = priors,
            ["likelihoods"] = lik,
        };
    }

    public static JsonObject WhatIf(WhatIfComparison c)
    {
        var edits = new JsonArray();
        foreach (var e in c.Edits)
        {
            var j = new JsonObject { ["finding"] = e.VariableId, ["set"] = e.Text };
            if (e.Remove) j["value"] = "unknown";
            else if (e.State is not null) j["value"] = (e.Uncertain ? "possible_" : "") + e.State;
            else j["number"] = e.Value;
            edits.Add(j);
        }
        var changes = new JsonArray();
        foreach (var d in c.Changes)
            changes.Add(new JsonObject { ["id"] = d.Id, ["before"] = R(d.Before, 6), ["after"] = R(d.After, 6), ["delta"] = R(d.Delta, 6), ["rankBefore"] = d.RankBefore, ["rankAfter"] = d.RankAfter });
        return new JsonObject
        {
            ["edits"] = edits,
            ["priorContextBefore"] = c.ContextBefore,
            ["priorContextAfter"] = c.ContextAfter,
            ["leadingBefore"] = c.LeadingBefore,
            ["leadingAfter"] = c.LeadingAfter,
            ["leaderChanged"] = c.LeaderChanged,
            ["changes"] = changes,
        };
    }
}
