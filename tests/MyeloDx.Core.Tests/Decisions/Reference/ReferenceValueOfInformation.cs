// The value of information as it was before issue 17's row updates (commit 104016c), kept verbatim apart from names so that
// FastWhatIfEquivalenceTests can compare the new path with it on the dev cases. Not used by the product.
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Decisions.Reference;

/// <summary>
/// Ranks the tests of <see cref="TestCatalog"/> by the expected reduction in entropy of the engine's posterior.
/// Every posterior shown for a result comes from <see cref="DiagnosticEngine.Assess"/> with that result added, so it
/// is exactly what `assess --set` would show. The expected gain of a test that reveals several findings enumerates
/// their joint results with the same naive-Bayes product the engine uses (checked against the engine by the tests);
/// unlikely combinations are pooled when there are very many, which can only lower the gain, never make it negative.
/// </summary>
internal sealed class ReferenceValueOfInformation(ReferenceDiagnosticEngine engine, TestCatalog catalog)
{
    /// <summary>Upper bound on the joint results enumerated for one test.</summary>
    public const int MaxJointResults = 600;
    private const double NegligibleMass = 1e-12;

    public NextTestsReport Rank(IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed = null, string? context = null)
    {
        computed ??= [];
        var kb = engine.Knowledge;
        var baseline = engine.Assess(observations, computed, context, explain: false);
        var p = Posterior(baseline, kb);
        var h = EntropyBits(p);
        var observed = baseline.Observations.ToDictionary(o => o.VariableId, o => o, StringComparer.Ordinal);
        var ranked = new List<TestValue>(); var deferred = new List<TestValue>(); var skipped = new List<SkippedTest>();

        foreach (var t in catalog.Tests)
        {
            var unmet = t.Requires.FirstOrDefault(r => !observed.TryGetValue(r.Key, out var o) || !r.Value.Contains(o.State ?? ""));
            if (unmet.Key is not null)
            {
                skipped.Add(new SkippedTest(t, $"only after {kb.Variables[unmet.Key].Name}: {string.Join(" or ", unmet.Value)}"));
                continue;
            }
            var excluded = t.AppliesIf.FirstOrDefault(r => observed.TryGetValue(r.Key, out var o) && !r.Value.Contains(o.State ?? ""));
            if (excluded.Key is not null)
            {
                skipped.Add(new SkippedTest(t, $"not applicable when {kb.Variables[excluded.Key].Name} is {observed[excluded.Key].State}"));
                continue;
            }
            var reveals = t.Reveals.Where(v => !observed.ContainsKey(v)).ToArray();
            if (reveals.Length == 0 && t.OwnResults.Count == 0)
            {
                skipped.Add(new SkippedTest(t, "already known: every finding it reveals is in the case"));
                continue;
            }
            var factors = reveals.Select(v => VariableFactor(kb.Variables[v])).Concat(t.OwnResults).ToArray();
            var (gain, pChange, exact) = ExpectedGain(p, factors, LeaderIndex(baseline, kb), MaxJointResults, kb.EvidenceWeight);
            var effects = new List<ResultEffect>();
            foreach (var f in factors)
                foreach (var r in f.Results)
                    effects.Add(Effect(t, f, r, baseline, p, observations, computed, context));
            var pending = t.After.Where(a => !IsDone(catalog.Get(a)!, observed)).ToArray();
            var value = new TestValue(t, gain, pChange, gain * t.Invasiveness.Weight, exact, reveals, effects, pending);
            (pending.Length > 0 ? deferred : ranked).Add(value);
        }
        static IOrderedEnumerable<TestValue> Order(IEnumerable<TestValue> v) =>
            v.OrderByDescending(x => Math.Round(x.ExpectedInformationGainBits, 12)).ThenBy(x => x.Test.Invasiveness.Level).ThenBy(x => x.Test.Id, StringComparer.Ordinal);
        return new NextTestsReport(baseline.Leading.Id, h, Order(ranked).ToArray(), Order(deferred).ToArray(), skipped);
    }

    /// <summary>A test counts as done when it reveals findings and all of them are known.</summary>
    private static bool IsDone(DiagnosticTest t, IReadOnlyDictionary<string, Observation> observed) =>
        t.Reveals.Count > 0 && t.Reveals.All(observed.ContainsKey);

    /// <summary>A finding as a test result: its states, without the coarser group states (which are not separate results).</summary>
    internal static TestFactor VariableFactor(Variable v) =>
        new(v.Id, v.Name, v.Id, v.States.Where(s => !s.IsGroup).Select(s => new TestResult(s.Id, StateLabel(v, s), s.Likelihood, s.Provenance)).ToArray());

    internal static string StateLabel(Variable v, VariableState s) =>
        v.Kind == VariableKind.Binary ? (s.Id == "present" ? v.Name : FindingWording.Absent(v.Name)) : $"{v.Name}: {s.Label}";

    private ResultEffect Effect(DiagnosticTest t, TestFactor f, TestResult r, Assessment baseline, double[] p,
        IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence> computed, string? context)
    {
        var kb = engine.Knowledge;
        var after = f.IsVariable
            ? engine.Assess([.. observations, new Observation(f.VariableId!, r.Id, null, $"next test {t.Id}")], computed, context, explain: false)
            : engine.Assess(observations, [.. computed, AsEvidence(t, f, r)], context, explain: false);
        var q = Posterior(after, kb);
        double prob = 0;
        for (var i = 0; i < p.Length; i++) prob += p[i] * r.Likelihood[i];
        var shifts = Enumerable.Range(0, p.Length)
            .Select(i => new DiagnosisShift(kb.Diagnoses[i].Id, kb.Diagnoses[i].Name, p[i], q[i]))
            .OrderByDescending(s => Math.Abs(s.To - s.From)).Take(3).ToArray();
        var top3Before = baseline.Differential.Take(3).Select(d => d.Id);
        var top3After = after.Differential.Take(3).Select(d => d.Id);
        return new ResultEffect(f.Id, f.VariableId, r.Id, r.Label, prob, after.Leading.Id, after.Leading.Probability,
            after.Leading.Id != baseline.Leading.Id, !top3Before.SequenceEqual(top3After), shifts);
    }

    /// <summary>A test's own result as computed evidence for the engine.</summary>
    public static ComputedEvidence AsEvidence(DiagnosticTest t, TestFactor f, TestResult r)
    {
        var src = r.Provenance.Where(x => x.SourceId is not null).GroupBy(x => x.SourceId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return new ComputedEvidence($"{t.Id}.{f.Id}", $"{f.Label}: {r.Label}", r.Likelihood, $"result of '{t.Name}' (tests.yaml)", src, $"next test {t.Id}");
    }

    /// <summary>
    /// Expected entropy reduction, probability that the leader changes, and whether the enumeration was complete.
    /// Factors are expanded most-informative first; when the joint would grow past <see cref="MaxJointResults"/>, only the
    /// branches holding most of the remaining uncertainty are refined and the rest are kept as they are (a coarser
    /// partition of the results), so the gain stays a valid, non-negative lower bound.
    /// </summary>
    internal static (double Gain, double PLeaderChanges, bool Exact) ExpectedGain(double[] p, IReadOnlyList<TestFactor> factors, int leader,
        int maxJoint = MaxJointResults, double evidenceWeight = 1)
    {
        // Each branch carries two vectors: the result probability under each diagnosis (the knowledge-base likelihoods,
        // for the predictive weight of the branch) and the engine's unnormalised posterior (likelihoods raised to the
        // knowledge base's evidence weight, as DiagnosticEngine does). With weight 1 they coincide.
        if (evidenceWeight < 1)
            return Tempered(p, factors, leader, maxJoint, evidenceWeight);
        var h = EntropyBits(p);
        var ordered = factors.Count <= 1 ? factors : factors.OrderByDescending(f => SingleGain(p, f, h)).ToArray();
        var frontier = new List<double[]> { p };
        var finished = new List<double[]>();
        var exact = true;
        foreach (var f in ordered)
        {
            var budget = Math.Max(1, maxJoint / f.Results.Count);
            if (frontier.Count > budget)
            {
                // refine the branches where most uncertainty remains; keep the others as they are (a coarser partition)
                exact = false;
                var byWeight = frontier.OrderByDescending(q => { var m = q.Sum(); return m <= 0 ? 0 : m * EntropyBits(q.Select(x => x / m).ToArray()); }).ToArray();
                finished.AddRange(byWeight.Skip(budget));
                frontier = byWeight.Take(budget).ToList();
            }
            var next = new List<double[]>(frontier.Count * f.Results.Count);
            foreach (var q in frontier)
            {
                if (q.Sum() < NegligibleMass) { finished.Add(q); continue; }
                foreach (var r in f.Results)
                {
                    var c = new double[q.Length];
                    for (var i = 0; i < q.Length; i++) c[i] = q[i] * r.Likelihood[i];
                    next.Add(c);
                }
            }
            frontier = next;
        }
        finished.AddRange(frontier);
        double expected = 0, change = 0;
        foreach (var q in finished)
        {
            var m = q.Sum();
            if (m <= 0) continue;
            expected += m * EntropyBits(q.Select(x => x / m).ToArray());
            if (ArgMax(q) != leader) change += m;
        }
        var gain = h - expected;
        return (Math.Abs(gain) < 1e-12 ? 0 : gain, change, exact);
    }

    /// <summary>
    /// Gain of the engine's tempered posterior (likelihoods raised to the evidence weight): branch weights come from the
    /// knowledge-base likelihoods, posteriors from the tempered ones. Tempering is not Bayesian, so the difference can in
    /// principle dip below zero; it is reported as 0 then.
    /// </summary>
    private static (double Gain, double PLeaderChanges, bool Exact) Tempered(double[] p, IReadOnlyList<TestFactor> factors, int leader, int maxJoint, double w)
    {
        var h = EntropyBits(p);
        var ordered = factors.Count <= 1 ? factors : factors.OrderByDescending(f => SingleGain(p, f, h)).ToArray();
        var frontier = new List<(double[] Mass, double[] Post)> { (p, p) };
        var finished = new List<(double[] Mass, double[] Post)>();
        var exact = true;
        foreach (var f in ordered)
        {
            var budget = Math.Max(1, maxJoint / f.Results.Count);
            if (frontier.Count > budget)
            {
                exact = false;
                var byWeight = frontier.OrderByDescending(q => q.Mass.Sum() * EntropyBits(Normalise(q.Post))).ToArray();
                finished.AddRange(byWeight.Skip(budget));
                frontier = byWeight.Take(budget).ToList();
            }
            var next = new List<(double[], double[])>(frontier.Count * f.Results.Count);
            foreach (var (mass, post) in frontier)
            {
                if (mass.Sum() < NegligibleMass) { finished.Add((mass, post)); continue; }
                foreach (var r in f.Results)
                {
                    var m = new double[p.Length]; var q = new double[p.Length];
                    for (var i = 0; i < p.Length; i++) { m[i] = mass[i] * r.Likelihood[i]; q[i] = post[i] * Math.Pow(r.Likelihood[i], w); }
                    next.Add((m, q));
                }
            }
            frontier = next;
        }
        finished.AddRange(frontier);
        double expected = 0, change = 0;
        foreach (var (mass, post) in finished)
        {
            var m = mass.Sum();
            if (m <= 0) continue;
            expected += m * EntropyBits(Normalise(post));
            if (ArgMax(post) != leader) change += m;
        }
        return (Math.Max(0, h - expected), change, exact);
    }

    private static double[] Normalise(double[] q)
    {
        var s = q.Sum();
        return s <= 0 ? q : q.Select(x => x / s).ToArray();
    }

    private static double SingleGain(double[] p, TestFactor f, double h)
    {
        double expected = 0;
        foreach (var r in f.Results)
        {
            var c = p.Select((x, i) => x * r.Likelihood[i]).ToArray();
            var m = c.Sum();
            if (m > 0) expected += m * EntropyBits(c.Select(x => x / m).ToArray());
        }
        return h - expected;
    }

    private static int ArgMax(double[] q)
    {
        var best = 0;
        for (var i = 1; i < q.Length; i++) if (q[i] > q[best]) best = i;
        return best;
    }

    internal static int LeaderIndex(Assessment a, KnowledgeBase kb) => kb.DiagnosisIndex[a.Leading.Id];

    /// <summary>The posterior in knowledge-base diagnosis order.</summary>
    public static double[] Posterior(Assessment a, KnowledgeBase kb)
    {
        var p = new double[kb.Diagnoses.Count];
        foreach (var d in a.Differential) p[kb.DiagnosisIndex[d.Id]] = d.Probability;
        return p;
    }

    public static double EntropyBits(IReadOnlyList<double> p)
    {
        double h = 0;
        foreach (var x in p) if (x > 0) h -= x * Math.Log2(x);
        return h;
    }
}
