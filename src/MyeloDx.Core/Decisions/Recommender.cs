using System.Globalization;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// Turns the value-of-information ranking and the management plan into the one ordered answer every surface shows
/// (CLI, web page, REST API, CDS Hooks, reports, FHIR):
/// <list type="number">
/// <item>a test is listed when it is expected to inform (at least <see cref="MinBits"/>) or when a listed test must wait for it;</item>
/// <item>a test whose procedure is contraindicated for this patient is withheld, with the reason;</item>
/// <item>unmet preconditions are shown as "after …", and a test is never ranked ahead of a listed test it must follow;</item>
/// <item>a biopsy uses the least invasive route that reaches the disease; a more invasive route is withheld while that one exists;</item>
/// <item>when a time-critical cause reaches its threshold, a first line says what to do within hours, whatever leads.</item>
/// </list>
/// Order otherwise follows information per burden (expected gain × invasiveness weight), as a clinician would weigh it.
/// </summary>
public sealed class Recommender(DecisionSupport support)
{
    /// <summary>Tests expected to shift the differential by less than this are not worth listing (estimate: below 1/200 bit no result moves any diagnosis visibly).</summary>
    public const double MinBits = 0.005;

    public Recommendations Recommend(CaseInput input, Assessment a)
    {
        var report = support.NextTests(input, a.PriorContext);
        var plan = support.Plan(a);
        var findings = a.Observations.GroupBy(o => o.VariableId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().State, StringComparer.Ordinal);
        var ctx = new CaseContext(findings, input.Case.Safety);
        var catalog = support.Tests;

        var withheld = new List<(WithheldTest W, double Bits)>();
        var drafts = new List<Draft>();
        foreach (var v in report.Ranked.Concat(report.Deferred))
        {
            var d = Assess(v, ctx, catalog, withheld);
            if (d is not null) drafts.Add(d);
        }
        // keep the informative ones and, transitively, every listed test they must wait for
        var keep = drafts.Where(d => d.Value.ExpectedInformationGainBits >= MinBits).Select(d => d.Value.Test.Id).ToHashSet(StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var d in drafts.Where(d => keep.Contains(d.Value.Test.Id)).ToArray())
                foreach (var t in d.AfterTests.Where(t => drafts.Any(x => x.Value.Test.Id == t)))
                    changed |= keep.Add(t);
        }
        // a withheld test is worth mentioning only when it would otherwise have been listed
        var shownWithheld = withheld.Where(w => w.Bits >= MinBits || keep.Contains(w.W.TestId)).Select(w => w.W).ToArray();
        var ordered = Order(drafts.Where(d => keep.Contains(d.Value.Test.Id)).ToList());
        var tests = ordered.Select((d, i) => new RecommendedTest(i + 1, d.Value, d.Name, d.Invasiveness, d.RouteId, d.After, d.Citations, d.Note)).ToArray();
        var first = FirstLine(a, ctx);
        return new Recommendations(first, tests, shownWithheld, plan, report.EntropyBits, References(first, tests, shownWithheld, plan));
    }

    private sealed record Draft(TestValue Value, string Name, InvasivenessLevel Invasiveness, string? RouteId, IReadOnlyList<ConditionNote> After,
        IReadOnlyList<string> AfterTests, IReadOnlyList<Provenance> Citations, string? Note)
    {
        public double Score => Value.ExpectedInformationGainBits * Invasiveness.Weight;
    }

    private static Draft? Assess(TestValue v, CaseContext ctx, TestCatalog catalog, List<(WithheldTest, double)> withheld)
    {
        var t = v.Test;
        var name = t.Name; var inv = t.Invasiveness; string? routeId = null; var note = t.Note;
        var citations = new List<Provenance> { t.Practical };  // estimates of cost and turnaround are not cited, only sources
        var afterTests = new List<string>(v.PendingPrerequisites);
        var procedures = new List<string?> { t.Procedure };
        if (t.Routes.Count > 0)
        {
            var available = t.Routes.Where(r => r.When is null || r.When.Holds(ctx)).ToList();
            if (available.Count == 0)
            {
                // no route yet: where the disease is decides the route, so the biopsy waits for the imaging
                if (!ctx.Findings.ContainsKey("compartment")) afterTests.Add("mri_neuraxis_gadolinium");
                else { withheld.Add((new WithheldTest(t.Id, t.Name, "no lesion that a biopsy could reach is described on the present imaging", t.Practical), v.ExpectedInformationGainBits)); return null; }
            }
            else
            {
                var route = available[0];
                if (route.UseTest is not null) return null; // the tissue comes from a test already in the list
                if (route.WithholdWhen is { } ww && ww.Holds(ctx))
                {
                    withheld.Add((new WithheldTest(t.Id, route.Name, route.WithholdReason ?? "", route.Provenance), v.ExpectedInformationGainBits));
                    return null;
                }
                name = route.Name; inv = route.Invasiveness; routeId = route.Id; note = route.Note ?? note;
                citations[0] = route.Provenance;
                procedures.Add(route.Procedure);
                afterTests.AddRange(route.After.Where(x => catalog.Get(x) is { } p && !Done(p, ctx)));
                foreach (var r in available.Skip(1).Where(r => r.Invasiveness.Level > route.Invasiveness.Level))
                    withheld.Add((new WithheldTest(t.Id, r.Name, $"a less invasive route reaches the tissue: {Lower(route.Name)}", r.Provenance), v.ExpectedInformationGainBits));
            }
        }
        var rules = procedures.OfType<string>().Select(p => catalog.Procedures[p]).ToList();
        var contra = rules.SelectMany(r => r.Contraindications).Concat(t.Contraindications).FirstOrDefault(c => c.When.Holds(ctx));
        if (contra is not null)
        {
            withheld.Add((new WithheldTest(t.Id, name, contra.Reason, contra.Provenance), v.ExpectedInformationGainBits));
            return null;
        }
        var after = new List<ConditionNote>();
        foreach (var p in rules.SelectMany(r => r.Preconditions).Concat(t.Preconditions))
        {
            if (p.RequiredWhen is { } req && !req.Holds(ctx)) continue;
            if (p.MetWhen.Holds(ctx)) continue;
            if (after.Any(x => x.Text == p.Text)) continue;
            after.Add(new ConditionNote(p.Text, p.Provenance, p.AfterTest));
            if (p.AfterTest is { } at && catalog.Get(at) is { } pt && !Done(pt, ctx) && at != t.Id) afterTests.Add(at);
        }
        // prerequisites from tests.yaml `after` that no precondition already explains
        foreach (var at in afterTests.Distinct().Where(x => after.All(n => n.AfterTest != x)).ToArray())
            after.Add(new ConditionNote("after " + Lower(Short(catalog.Get(at)!.Name)), catalog.Get(at)!.Practical, at));
        citations.AddRange(after.Select(n => n.Provenance));
        return new Draft(v, name, inv, routeId, after, afterTests.Distinct().ToArray(), citations.Where(c => c.SourceId is not null).Distinct().ToArray(), note);
    }

    /// <summary>A catalogue test is done when every finding it reveals is stated.</summary>
    private static bool Done(DiagnosticTest t, CaseContext ctx) => t.Reveals.Count > 0 && t.Reveals.All(ctx.Findings.ContainsKey);

    /// <summary>Best information per burden first, but never ahead of a listed test that must come first.</summary>
    private static List<Draft> Order(List<Draft> drafts)
    {
        var remaining = drafts.OrderByDescending(d => Math.Round(d.Score, 9)).ThenByDescending(d => Math.Round(d.Value.ExpectedInformationGainBits, 9))
            .ThenBy(d => d.Value.Test.Id, StringComparer.Ordinal).ToList();
        var result = new List<Draft>();
        while (remaining.Count > 0)
        {
            var ids = remaining.Select(d => d.Value.Test.Id).ToHashSet(StringComparer.Ordinal);
            var next = remaining.FirstOrDefault(d => !d.AfterTests.Any(x => x != d.Value.Test.Id && ids.Contains(x))) ?? remaining[0];
            result.Add(next);
            remaining.Remove(next);
        }
        return result;
    }

    /// <summary>The time-critical causes at or above their threshold, emergencies first, then by probability.</summary>
    private UrgentFirstLine? FirstLine(Assessment a, CaseContext ctx)
    {
        var hits = new List<(RankedDiagnosis D, DiagnosisManagement E, ManagementItem Item)>();
        foreach (var d in a.Differential)
        {
            if (support.Management.For(d.Id) is not { TimeCriticalAt: { } at } e || d.Probability < at) continue;
            var item = e.FirstActions.FirstOrDefault(i => i.AppliesTo(ctx.Findings));
            if (item is not null) hits.Add((d, e, item));
        }
        if (hits.Count == 0) return null;
        hits = hits.OrderBy(h => h.E.Urgency).ThenByDescending(h => h.D.Probability).ToList();
        var text = "Act within hours: " + string.Join(" ", hits.Select(h =>
            $"{h.D.Name} {ProbabilityText.Verbal(h.D.Probability)} ({ProbabilityText.Percent(h.D.Probability)}) — {h.Item.Text.TrimEnd('.')}."));
        return new UrgentFirstLine(text, hits.Select(h => h.D.Id).ToArray(), hits.Select(h => h.Item).ToArray());
    }

    private IReadOnlyList<Reference> References(UrgentFirstLine? first, IReadOnlyList<RecommendedTest> tests, IReadOnlyList<WithheldTest> withheld, ManagementPlan plan)
    {
        var order = new List<string>();
        void Add(Provenance p) { if (p.SourceId is { } id && !order.Contains(id) && support.Knowledge.Sources.ContainsKey(id)) order.Add(id); }
        foreach (var i in first?.Items ?? []) Add(i.Provenance);
        foreach (var t in tests) foreach (var c in t.Citations) Add(c);
        foreach (var w in withheld) Add(w.Provenance);
        foreach (var u in plan.Urgent) Add(u.Item.Provenance);
        foreach (var d in plan.Diagnoses) foreach (var i in d.Treatment.Concat(d.Prognosis).Concat(d.Scores)) Add(i.Provenance);
        foreach (var g in plan.General) Add(g.Provenance);
        return order.Select((id, i) => Reference.Of(i + 1, support.Knowledge.Sources[id])).ToArray();
    }

    /// <summary>The test's name up to the first parenthesis, for running text.</summary>
    public static string Short(string name)
    {
        var i = name.IndexOf(" (", StringComparison.Ordinal);
        return i > 0 ? name[..i] : name;
    }

    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
