using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>How one diagnosis's probability would move.</summary>
public sealed record DiagnosisShift(string Id, string Name, double From, double To);

/// <summary>What one result of a test would do to the differential (computed by the engine with that result added).</summary>
public sealed record ResultEffect(
    string FactorId,
    string? VariableId,
    string ResultId,
    string Label,
    double Probability,
    string LeadingAfter,
    double LeadingAfterProbability,
    bool ChangesLeader,
    bool ChangesTopThree,
    IReadOnlyList<DiagnosisShift> Shifts)
{
    /// <summary>The largest absolute change in any diagnosis's probability.</summary>
    public double Impact => Shifts.Count == 0 ? 0 : Shifts.Max(s => Math.Abs(s.To - s.From));
}

/// <summary>The value of one test for the current case.</summary>
/// <param name="ExpectedInformationGainBits">Expected reduction in the entropy of the differential (bits) if the test were done.</param>
/// <param name="ProbabilityLeaderChanges">Probability, under the current differential, that the result changes the leading diagnosis.</param>
/// <param name="ValueScore">Information weighed against invasiveness: bits × the invasiveness weight of tests.yaml.</param>
/// <param name="Exact">False when the test reveals so many findings that rare combinations were pooled (the gain is then a lower bound).</param>
/// <param name="Reveals">The knowledge-base findings, still unknown, that the test would reveal.</param>
/// <param name="PendingPrerequisites">Tests that tests.yaml says should come first and that are not done yet.</param>
public sealed record TestValue(
    DiagnosticTest Test,
    double ExpectedInformationGainBits,
    double ProbabilityLeaderChanges,
    double ValueScore,
    bool Exact,
    IReadOnlyList<string> Reveals,
    IReadOnlyList<ResultEffect> Results,
    IReadOnlyList<string> PendingPrerequisites)
{
    /// <summary>Results whose outcome would change the leading diagnosis or the order of the top three.</summary>
    public IEnumerable<ResultEffect> RankingChangers => Results.Where(r => r.ChangesLeader || r.ChangesTopThree);

    /// <summary>The most telling results: plausible (≥ 1%) ones that move a diagnosis most, leader changes first.</summary>
    public IReadOnlyList<ResultEffect> KeyResults(int n = 3) =>
        Results.Where(r => r.Probability >= 0.01 && r.Impact >= 0.02)
            .OrderByDescending(r => r.ChangesLeader).ThenByDescending(r => r.Impact).Take(n).ToArray();
}

/// <summary>A test left out, and why (already done, not applicable, or its precondition is unmet).</summary>
public sealed record SkippedTest(DiagnosticTest Test, string Reason);

public sealed record NextTestsReport(
    string Leading,
    double EntropyBits,
    IReadOnlyList<TestValue> Ranked,
    IReadOnlyList<TestValue> Deferred,
    IReadOnlyList<SkippedTest> Skipped);

/// <summary>
/// Ranks the tests of <see cref="TestCatalog"/> by the expected reduction in entropy of the engine's posterior.
/// Every posterior shown for a result comes from <see cref="DiagnosticEngine.Assess"/> with that result added, so it
/// is exactly what `assess --set` would show. The expected gain of a test that reveals several findings enumerates
/// their joint results with the same naive-Bayes product the engine uses (checked against the engine by the tests);
/// unlikely combinations are pooled when there are very many, which can only lower the gain, never make it negative.
/// </summary>
public sealed class ValueOfInformation(DiagnosticEngine engine, TestCatalog catalog)
{
    /// <summary>Upper bound on the joint results enumerated for one test.</summary>
    public const int MaxJointResults = 600;
    private const double NegligibleMass = 1e-12;

    // Compiled once from the knowledge: every finding and every test's own results as a test factor ready for the
    // expected gain (likelihood arrays and their logarithms), and the row each test's own result adds (the same for
    // every case), so ranking a case builds none of them.
    private readonly Dictionary<string, GainFactor> _factors =
        engine.Knowledge.Variables.Values.ToDictionary(v => v.Id, v => new GainFactor(VariableFactor(v)), StringComparer.Ordinal);
    private readonly Dictionary<TestResult, double[]> _resultRows = ResultRows(engine.Knowledge, catalog);
    private readonly Dictionary<TestFactor, GainFactor> _ownFactors = OwnFactors(catalog);

    private static Dictionary<TestFactor, GainFactor> OwnFactors(TestCatalog catalog)
    {
        var compiled = new Dictionary<TestFactor, GainFactor>(ReferenceEqualityComparer.Instance);
        foreach (var f in catalog.Tests.SelectMany(t => t.OwnResults)) compiled.TryAdd(f, new GainFactor(f));
        return compiled;
    }

    private static Dictionary<TestResult, double[]> ResultRows(KnowledgeBase kb, TestCatalog catalog)
    {
        var rows = new Dictionary<TestResult, double[]>(ReferenceEqualityComparer.Instance);
        foreach (var r in catalog.Tests.SelectMany(t => t.OwnResults).SelectMany(f => f.Results))
            rows.TryAdd(r, EvidenceCombiner.RowLogLikelihood(r.Likelihood, 1, kb.Robustness));
        return rows;
    }

    public NextTestsReport Rank(IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed = null, string? context = null)
    {
        computed ??= [];
        var kb = engine.Knowledge;
        // the case as the engine counts it, without labels or explanations; every result below varies one row of it
        var baseline = engine.Prepare(observations, computed, context);
        var p = baseline.Posterior;
        var h = EntropyBits(p);
        var leader = ArgMax(p);
        var before = new Branch(baseline, p, leader, TopThree(p), new double[p.Length]);
        var observed = baseline.Used.ToDictionary(o => o.VariableId, o => o, StringComparer.Ordinal);
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
            var compiled = new GainFactor[reveals.Length + t.OwnResults.Count];
            for (var k = 0; k < reveals.Length; k++) compiled[k] = _factors[reveals[k]];
            for (var k = 0; k < t.OwnResults.Count; k++) compiled[reveals.Length + k] = _ownFactors[t.OwnResults[k]];
            var (gain, pChange, exact) = InformationGain.Expected(p, compiled, leader, MaxJointResults, kb.EvidenceWeight, NegligibleMass);
            // worked out when first read: only the tests a document lists are ever asked for their results
            var effects = new LazyResultEffects(() =>
            {
                var list = new List<ResultEffect>();
                foreach (var g in compiled)
                    foreach (var r in g.Factor.Results)
                        list.Add(Effect(t, g.Factor, r, before, observations, computed));
                return list;
            }, before);
            var pending = t.After.Where(a => !IsDone(catalog.Get(a)!, observed)).ToArray();
            var value = new TestValue(t, gain, pChange, gain * t.Invasiveness.Weight, exact, reveals, effects, pending);
            (pending.Length > 0 ? deferred : ranked).Add(value);
        }
        static IOrderedEnumerable<TestValue> Order(IEnumerable<TestValue> v) =>
            v.OrderByDescending(x => Math.Round(x.ExpectedInformationGainBits, 12)).ThenBy(x => x.Test.Invasiveness.Level).ThenBy(x => x.Test.Id, StringComparer.Ordinal);
        return new NextTestsReport(kb.Diagnoses[leader].Id, h, Order(ranked).ToArray(), Order(deferred).ToArray(), skipped);
    }

    /// <summary>The baseline a result is compared with: the prepared case, its posterior, leader and top three (knowledge-base indices).</summary>
    /// <param name="Scratch">The posterior of the result being looked at (reused: only three of its moves are kept).</param>
    private sealed record Branch(EvidenceRows Rows, double[] Posterior, int Leader, int[] TopThree, double[] Scratch);

    /// <summary>A test counts as done when it reveals findings and all of them are known.</summary>
    private static bool IsDone(DiagnosticTest t, IReadOnlyDictionary<string, Observation> observed) =>
        t.Reveals.Count > 0 && t.Reveals.All(observed.ContainsKey);

    /// <summary>A finding as a test result: its states, without the coarser group states (which are not separate results).</summary>
    internal static TestFactor VariableFactor(Variable v) =>
        new(v.Id, v.Name, v.Id, v.States.Where(s => !s.IsGroup).Select(s => new TestResult(s.Id, StateLabel(v, s), s.Likelihood, s.Provenance)).ToArray());

    internal static string StateLabel(Variable v, VariableState s) =>
        v.Kind == VariableKind.Binary ? (s.Id == "present" ? v.Name : FindingWording.Absent(v.Name)) : $"{v.Name}: {s.Label}";

    /// <summary>
    /// What one result would do: the posterior with it added, as the engine would give it (<see cref="EvidenceRows"/>
    /// adds the result's row to the baseline's; a change it cannot make is re-assessed in full).
    /// </summary>
    private ResultEffect Effect(DiagnosticTest t, TestFactor f, TestResult r, Branch before,
        IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence> computed)
    {
        var kb = engine.Knowledge;
        var p = before.Posterior;
        var q = before.Scratch;
        var fast = f.IsVariable
            ? before.Rows.WithObservation(f.VariableId!, r.Id, q)
            : _resultRows.TryGetValue(r, out var row) && before.Rows.WithComputed($"{t.Id}.{f.Id}", row, q);
        if (!fast)
        {
            var after = f.IsVariable
                ? engine.Assess([.. observations, new Observation(f.VariableId!, r.Id, null, $"next test {t.Id}")], computed, before.Rows.Context, explain: false)
                : engine.Assess(observations, [.. computed, AsEvidence(t, f, r)], before.Rows.Context, explain: false);
            q = Posterior(after, kb);
        }
        double prob = 0;
        for (var i = 0; i < p.Length; i++) prob += p[i] * r.Likelihood[i];
        // the three largest moves, ties in knowledge-base order (a partial selection, not a sort)
        Span<double> move = p.Length <= 64 ? stackalloc double[p.Length] : new double[p.Length];
        for (var i = 0; i < p.Length; i++) move[i] = Math.Abs(q[i] - p[i]);
        var top = Top(move, 3);
        var shifts = new DiagnosisShift[top.Length];
        for (var k = 0; k < top.Length; k++)
            shifts[k] = new DiagnosisShift(kb.Diagnoses[top[k]].Id, kb.Diagnoses[top[k]].Name, p[top[k]], q[top[k]]);
        var lead = ArgMax(q);
        return new ResultEffect(f.Id, f.VariableId, r.Id, r.Label, prob, kb.Diagnoses[lead].Id, q[lead],
            lead != before.Leader, !before.TopThree.AsSpan().SequenceEqual(TopThree(q)), shifts);
    }

    private static int[] TopThree(double[] q) => Top(q, 3);

    /// <summary>The indices of the n largest values, largest first, ties by index: the head of a stable descending sort.</summary>
    internal static int[] Top(ReadOnlySpan<double> values, int n)
    {
        var result = new int[Math.Min(n, values.Length)];
        for (var k = 0; k < result.Length; k++)
        {
            var best = -1;
            for (var i = 0; i < values.Length; i++)
            {
                if (result.AsSpan(0, k).Contains(i)) continue;
                if (best < 0 || values[i] > values[best]) best = i;
            }
            result[k] = best;
        }
        return result;
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
        int maxJoint = MaxJointResults, double evidenceWeight = 1) =>
        // Each branch carries two vectors: the result probability under each diagnosis (the knowledge-base likelihoods,
        // for the predictive weight of the branch) and the engine's unnormalised posterior (likelihoods raised to the
        // knowledge base's evidence weight, as DiagnosticEngine does). With weight 1 they coincide.
        InformationGain.Expected(p, factors.Select(f => new GainFactor(f)).ToArray(), leader, maxJoint, evidenceWeight, NegligibleMass);

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
