using MyeloDx.Cli.TextGold;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using Xunit.Abstractions;

namespace MyeloDx.Text.Tests.Gold;

/// <summary>
/// The reader on the held-out half of the sentence gold set (tests/TestData/text-gold, written for the language, not
/// taken from the dev cases). The floors are the figures measured when the set was written, minus 0.02 and rounded
/// down (see the README there); raise them when the reader improves, never lower them to make a change pass.
/// </summary>
public sealed class SentenceGoldTests(ITestOutputHelper output)
{
    // raised 2026-12-05 from 0.83/0.70/0.94 after the reading changes of that day (held out measured P 0.875, R 0.818,
    // negation 0.983, uncertainty 0.971, time 0.429; the time floor was added then)
    // recall floor raised to 0.80 on 2026-12-05 (afternoon: held out P 0.878, R 0.828, time 0.500)
    // raised 2026-12-06 (session 11: held out P 0.892, R 0.865, uncertainty 0.980) to 0.87 / 0.84; 2026-12-07 (session 13:
    // P 0.900, R 0.871) to 0.88 / 0.85; session 14 (P 0.901, R 0.879) recall to 0.86
    private const double MinPrecision = 0.88, MinRecall = 0.86, MinNegation = 0.96, MinUncertainty = 0.95, MinTime = 0.40;

    // The fresh set (ids "frs-") was written by a helper who never saw the reader or its vocabulary, and its misses
    // are not studied: it measures how the reader generalises. Floors = first measurement (2026-12-05: P 0.813,
    // R 0.760, negation 0.993, uncertainty 0.976) minus 0.02, rounded down.
    // Raised 2026-12-06 (session 11: P 0.874, R 0.834, uncertainty 0.991) to those figures minus about 0.025; 2026-12-07
    // (session 13: P 0.885, R 0.856) to 0.86 / 0.83; session 14 (P 0.881, R 0.867) recall to 0.84.
    private const double FreshMinPrecision = 0.86, FreshMinRecall = 0.84, FreshMinNegation = 0.97, FreshMinUncertainty = 0.96;

    private static string GoldPath => Path.Combine(TextFixture.RepoRoot(), "tests", "TestData", "text-gold", "gold.jsonl");

    private static IReadOnlyList<GoldExample> Load() => GoldSet.Load(GoldPath, TextFixture.Knowledge);

    [Fact]
    public void Held_out_half_stays_above_the_floors()
    {
        // the independent set has floors of its own (below): mixing it in would move these figures without any change
        var heldOut = Load().Where(e => GoldSet.Half(e.Id) == "heldout" && !IsIndependent(e.Id)).ToArray();
        var r = GoldEvaluator.Evaluate(heldOut, TextFixture.Knowledge, t => GoldEvaluator.Read(TextFixture.Reader, t));
        foreach (var (g, c) in r.Groups) output.WriteLine($"{g,-14} P={c.Precision:0.000} R={c.Recall:0.000} F1={c.F1:0.000}");
        output.WriteLine($"overall P={r.Overall.Precision:0.000} R={r.Overall.Recall:0.000}; negation {r.Negation.Value:0.000}; uncertainty {r.Uncertainty.Value:0.000}; time {r.Historical.Value:0.000}");
        foreach (var m in r.Misses) output.WriteLine($"{m.Id} {m.Variable} [{m.Kind}] gold {m.Gold} / read {m.Read}");
        Assert.True(r.Overall.Precision >= MinPrecision, $"precision fell to {r.Overall.Precision:0.000}");
        Assert.True(r.Overall.Recall >= MinRecall, $"recall fell to {r.Overall.Recall:0.000}");
        Assert.True(r.Negation.Value >= MinNegation, $"negation accuracy fell to {r.Negation.Value:0.000}");
        Assert.True(r.Uncertainty.Value >= MinUncertainty, $"uncertainty accuracy fell to {r.Uncertainty.Value:0.000}");
        Assert.True(r.Historical.Value >= MinTime, $"time accuracy (earlier findings not read as current) fell to {r.Historical.Value:0.000}");
    }

    /// <summary>
    /// Floors for the held-out half of an independently written set: each was written by a helper who never saw the
    /// reader, its vocabulary, its rules, its spec rows or any misses, and is split tune/held-out like the first set (only
    /// the tune half is studied). A floor starts at the first measurement before any reader change that could have seen
    /// the set, minus 0.02, rounded down, and is raised as the held-out figures rise.
    /// </summary>
    public sealed record IndependentSet(string Prefix, string Name, int MinExamples, double Precision, double Recall, double Negation, double Uncertainty)
    {
        public override string ToString() => Name;
    }

    private static readonly IndependentSet[] IndependentSetFloors =
    [
        // "ind-" (2026-12-06). First measured at main 47680ce: P 0.789, R 0.786, negation 0.972, uncertainty 0.980.
        // Raised session 11 (P 0.808, R 0.803) to 0.78 / 0.78; session 12 (P 0.812, R 0.825) to 0.79 / 0.80; session 13
        // (P 0.813, R 0.832) to 0.80 / 0.81; session 14 (P 0.822, R 0.838) recall to 0.82.
        new("ind-", "the independent set", 100, 0.80, 0.82, 0.95, 0.96),
        // "inb-" (2026-12-06, session 12). First measured at main 591b943: P 0.774, R 0.774, negation 0.986, uncertainty
        // 0.991. Raised session 13 (P 0.777, R 0.786) to 0.76 / 0.77; session 14 (P 0.782, R 0.793) recall to 0.78.
        new("inb-", "the second independent set", 120, 0.76, 0.78, 0.96, 0.97),
        // "inc-" (2026-12-07, session 14), leaning to whole short notes (an old and a new scan, lab lines, questions and
        // answers). First measured at main 62f5489: P 0.806, R 0.745, negation 0.969, uncertainty 0.990.
        new("inc-", "the third independent set", 100, 0.78, 0.72, 0.94, 0.97),
        // "ine-" (2026-12-07, session 15), leaning to time (earlier studies told many ways), ward shorthand, hedged
        // impressions and words that are not this patient's spinal findings. First measured with the session's reader
        // before anyone looked at it: P 0.806, R 0.825, negation 0.988, uncertainty 0.977 (the session-start reader
        // 2971e33: P 0.805, R 0.808).
        new("ine-", "the fourth independent set", 100, 0.78, 0.80, 0.96, 0.95),
        // "inf-" (2026-12-07, session 20), 200 lines covering every variable and state, many with two or more sentences.
        // First measured with the session-start reader 6eb3269 before anyone looked at it: P 0.896, R 0.892, negation
        // 0.979, uncertainty 0.990 (99 held-out lines; the same with the session's reader at that point).
        new("inf-", "the fifth independent set", 90, 0.87, 0.87, 0.95, 0.97),
        // "ing-" (2026-12-07, session 21), 200 lines (16 of them whole short notes, written as published-case prose,
        // dictation and ward shorthand). First measured with the session-start reader 57100e2 before anyone looked at
        // it: P 0.849, R 0.838, negation 0.967, uncertainty 0.986 (106 held-out lines; the same with the session's
        // reader at that point).
        new("ing-", "the sixth independent set", 100, 0.82, 0.81, 0.94, 0.96),
        // "inh-" (2026-12-08, session 22), 200 lines (15 whole short notes; checklists, lay words, UTF-8 units). First
        // measured with the session-start reader 93f7d63 before anyone looked at it: P 0.896, R 0.849, negation 0.996,
        // uncertainty 0.991 (100 held-out lines).
        new("inh-", "the seventh independent set", 95, 0.87, 0.82, 0.97, 0.97),
        // "ini-" (2026-12-08, session 22), 200 lines leaning to forms, checklists, text messages and case-report sections.
        // First measured before anyone looked at it: session-start reader 93f7d63 P 0.903, R 0.830; the session's reader
        // at that moment P 0.905, R 0.849, negation 0.991, uncertainty 0.991 (92 held-out lines).
        new("ini-", "the eighth independent set", 85, 0.87, 0.81, 0.97, 0.97),
        // "inj-" (2026-12-08, session 23), 200 lines (15 whole notes: discharge summary, handover, triage, portal message,
        // MDT minutes, second opinion). First measured before anyone looked at it: session-start reader 127a585 P 0.891,
        // R 0.865; the session's reader at that moment P 0.892, R 0.868, negation 0.996, uncertainty 0.996 (112 lines).
        new("inj-", "the ninth independent set", 100, 0.86, 0.83, 0.97, 0.97),
    ];

    public static TheoryData<IndependentSet> IndependentSets => new(IndependentSetFloors);

    // the prefixes of the independent sets (kept out of the first set's held-out figures, which have floors of their own)
    private static readonly string[] IndependentPrefixes = ["ind-", "inb-", "inc-", "ine-", "inf-", "ing-", "inh-", "ini-", "inj-"];

    private static bool IsIndependent(string id) => IndependentPrefixes.Any(p => id.StartsWith(p, StringComparison.Ordinal));

    [Fact]
    public void Every_independent_set_has_floors() =>
        Assert.Equal(IndependentPrefixes, IndependentSetFloors.Select(f => f.Prefix));

    [Theory]
    [MemberData(nameof(IndependentSets))]
    public void An_independent_sets_held_out_half_stays_above_its_floors(IndependentSet set)
    {
        var held = Load().Where(e => e.Id.StartsWith(set.Prefix, StringComparison.Ordinal) && GoldSet.Half(e.Id) == "heldout").ToArray();
        Assert.True(held.Length >= set.MinExamples, $"only {held.Length} held-out examples in {set.Name}");
        var r = GoldEvaluator.Evaluate(held, TextFixture.Knowledge, t => GoldEvaluator.Read(TextFixture.Reader, t));
        output.WriteLine($"{set.Name} held out P={r.Overall.Precision:0.000} R={r.Overall.Recall:0.000}; negation {r.Negation.Value:0.000}; uncertainty {r.Uncertainty.Value:0.000}");
        AssertAboveFloors(r, set.Name + "'s held-out half", set.Precision, set.Recall, set.Negation, set.Uncertainty);
    }

    [Fact]
    public void Independently_written_fresh_set_stays_above_its_floors()
    {
        var fresh = Load().Where(e => GoldSet.Half(e.Id) == "fresh").ToArray();
        Assert.True(fresh.Length >= 150, $"only {fresh.Length} fresh examples");
        var r = GoldEvaluator.Evaluate(fresh, TextFixture.Knowledge, t => GoldEvaluator.Read(TextFixture.Reader, t));
        // deliberately no list of misses here: nobody should tune the reader on this set
        output.WriteLine($"fresh P={r.Overall.Precision:0.000} R={r.Overall.Recall:0.000}; negation {r.Negation.Value:0.000}; uncertainty {r.Uncertainty.Value:0.000}");
        AssertAboveFloors(r, "the fresh set", FreshMinPrecision, FreshMinRecall, FreshMinNegation, FreshMinUncertainty);
    }

    private static void AssertAboveFloors(GoldReport r, string set, double precision, double recall, double negation, double uncertainty)
    {
        Assert.True(r.Overall.Precision >= precision, $"precision on {set} fell to {r.Overall.Precision:0.000}");
        Assert.True(r.Overall.Recall >= recall, $"recall on {set} fell to {r.Overall.Recall:0.000}");
        Assert.True(r.Negation.Value >= negation, $"negation accuracy on {set} fell to {r.Negation.Value:0.000}");
        Assert.True(r.Uncertainty.Value >= uncertainty, $"uncertainty accuracy on {set} fell to {r.Uncertainty.Value:0.000}");
    }

    [Fact]
    public void Gold_set_covers_every_finding_with_negatives_and_opinions()
    {
        var gold = Load();
        Assert.True(gold.Count >= 450, $"only {gold.Count} examples");
        var findings = gold.SelectMany(e => e.Findings).ToArray();
        foreach (var v in TextFixture.Knowledge.Variables.Values)
        {
            var mine = findings.Where(f => f.Variable == v.Id).ToArray();
            Assert.True(mine.Length > 0, $"no example of {v.Id}");
            if (v.Kind == VariableKind.Binary)
            {
                Assert.Contains(mine, f => f.State == "present");
                Assert.Contains(mine, f => f.State == "absent");
            }
            if (v.Kind == VariableKind.Categorical)
                foreach (var s in v.States.Where(s => !s.IsGroup))
                    Assert.True(mine.Any(f => f.State == s.Id), $"no example of {v.Id}={s.Id}");
        }
        Assert.True(findings.Count(f => f.Uncertain) >= 45, "too few opinions (uncertain findings)");
        Assert.True(findings.Count(f => f.Historical) >= 15, "too few findings from an earlier time");
        Assert.True(gold.Count(e => e.Findings.Count == 0) >= 40, "too few sentences that state no finding");
    }

    [Fact]
    public void Split_is_stable_and_both_halves_are_substantial()
    {
        var gold = Load().Where(e => GoldSet.Half(e.Id) != "fresh").ToArray();
        var held = gold.Count(e => GoldSet.Half(e.Id) == "heldout");
        Assert.InRange(held, gold.Length * 0.4, gold.Length * 0.6);
        Assert.Equal("fresh", GoldSet.Half("frs-001"));
        // SHA-256("his-001")[0] = 0x5e (even); the README documents the rule so other tools can reproduce it
        Assert.Equal("tune", GoldSet.Half("his-001"));
    }

    [Fact]
    public void The_scoring_counts_misses_opinions_and_past_findings()
    {
        var kb = TextFixture.Knowledge;
        GoldFinding F(string v, string s, bool unc = false, bool hist = false) => new(v, s, null, s == "absent", unc, hist);
        var examples = new[]
        {
            new GoldExample("a", "a", "presentation", [F("fever", "absent"), F("back_pain", "present")]),
            new GoldExample("b", "b", "imaging", [F("syrinx_or_cyst", "present", unc: true)]),
            new GoldExample("c", "c", "imaging", [F("cord_edema", "present", hist: true)]),
        };
        IReadOnlyList<Observation> Read(string t) => t switch
        {
            "a" => [new Observation("fever", "present", null, "x")],          // wrong polarity; back pain missed
            "b" => [new Observation("syrinx_or_cyst", "present", null, "x")], // an opinion read as a finding
            _ => [new Observation("cord_edema", "present", null, "x")],       // the past read as current
        };
        var r = GoldEvaluator.Evaluate(examples, kb, Read);
        Assert.Equal(new PrfCount(0, 3, 2), r.Overall);
        Assert.Equal(new Accuracy(0, 1), r.Negation);
        Assert.Equal(new Accuracy(0, 1), r.Uncertainty);
        Assert.Equal(new Accuracy(0, 1), r.Historical);
    }

    [Fact]
    public void A_bad_gold_line_gets_a_coded_error_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gold-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"id\": \"x\", \"text\": \"t\", \"findings\": [{\"variable\": \"fever\", \"value\": \"maybe\"}]}\n");
        try
        {
            var e = Assert.Throws<InputException>(() => GoldSet.Load(path, TextFixture.Knowledge));
            Assert.Equal("MDX-GOLD003", e.Code);
            Assert.Contains("line 1", e.Where);
        }
        finally { File.Delete(path); }
    }
}
