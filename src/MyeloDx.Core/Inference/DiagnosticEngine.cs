using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Inference;

/// <summary>
/// Bayes over the knowledge base's variables. The states of one variable are mutually exclusive, and one variable
/// counts once however often it is stated; related variables (one lesion's imaging, one fact said in two ways) are
/// damped as a group, and each likelihood carries a reading-error allowance and a cap (<see cref="EvidenceCombiner"/>).
/// Unknown variables contribute nothing. Deterministic and thread-safe.
/// </summary>
public sealed class DiagnosticEngine(KnowledgeBase kb)
{
    /// <summary>Weight (as an exponent on the likelihood) given to a finding reported as uncertain.</summary>
    public const double UncertainWeight = 0.5;

    public KnowledgeBase Knowledge => kb;

    // Per categorical variable and state, the row a definite, unconditioned statement of it adds: compiled once, because
    // value of information adds every unknown state of every test to every case. Read-only after construction.
    private readonly Dictionary<string, double[][]> _stateRows = kb.Variables.Values.Where(v => v.Kind != VariableKind.Continuous)
        .ToDictionary(v => v.Id, v => v.States.Select(s => EvidenceCombiner.RowLogLikelihood(s.Likelihood, 1, kb.Robustness)).ToArray(), StringComparer.Ordinal);

    // Per prior context (the knowledge base's own objects) and leading diagnosis, each finding's most telling state: the
    // same for every case with that context and leader, yet worked out for every finding on every explained assessment
    // (issue 17, round 16). Read-only after construction; shared records are immutable.
    private readonly Dictionary<PriorContext, UnknownThatMatters?[][]> _mostTelling = MostTellingTable(kb);

    public Assessment Assess(IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed = null, string? context = null)
        => Assess(observations, computed, context, explain: true);

    /// <summary>
    /// With <paramref name="explain"/> false only the posterior is computed (no per-finding likelihood ratios and no
    /// unknowns): the same probabilities, for batch work where nobody reads the explanation.
    /// </summary>
    public Assessment Assess(IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed, string? context, bool explain)
    {
        var nd = kb.Diagnoses.Count;
        var notes = new List<string>();
        var ev = Prepare(observations, computed, context, notes);
        var prior = ev.Prior;
        var post = ev.Posterior;
        var used = ev.Used;

        var ranked = new List<RankedDiagnosis>(nd);
        if (!explain)
        {
            for (var i = 0; i < nd; i++)
                ranked.Add(new RankedDiagnosis(kb.Diagnoses[i].Id, kb.Diagnoses[i].Name, post[i], prior.Probabilities[i], [], []));
        }
        else
        {
            // explanation: for each diagnosis, LR of each finding against the prior-weighted rest
            var rows = Templates(used, ev.Computed).Select((m, k) => (logL: ev.LogLikelihoods(k), m.template, m.provs)).ToList();
            // each row's likelihoods, exponentiated once rather than once per diagnosis compared (the same values in the
            // same sums; issue 17, round 16: nd x nd exponentials per row were most of the explanation's cost)
            var likelihoods = new double[rows.Count][];
            for (var k = 0; k < rows.Count; k++)
            {
                var logL = rows[k].logL;
                var l = likelihoods[k] = new double[nd];
                for (var j = 0; j < nd; j++) l[j] = Math.Exp(logL[j]);
            }
            for (var i = 0; i < nd; i++)
            {
                var contribs = new List<Contribution>(rows.Count);
                for (var k = 0; k < rows.Count; k++)
                {
                    var (logL, t, provs) = rows[k];
                    var lik = likelihoods[k];
                    double num = 0, den = 0;
                    for (var j = 0; j < nd; j++)
                    {
                        if (j == i) continue;
                        num += prior.Probabilities[j] * lik[j];
                        den += prior.Probabilities[j];
                    }
                    var llr = logL[i] - Math.Log(num / den);
                    // cite the number that belongs to this diagnosis
                    var own = provs?[i];
                    contribs.Add(own is null ? t with { LogLikelihoodRatio = llr }
                        // a carried figure is shown as the estimate it is, not under its source's name
                        : t with { LogLikelihoodRatio = llr, SourceId = own.Carried ? null : own.SourceId, Estimate = own.IsEstimate });
                }
                var d = kb.Diagnoses[i];
                ranked.Add(new RankedDiagnosis(d.Id, d.Name, post[i], prior.Probabilities[i],
                    contribs.Where(c => c.LogLikelihoodRatio > 0.05).OrderByDescending(c => c.LogLikelihoodRatio).ToArray(),
                    contribs.Where(c => c.LogLikelihoodRatio < -0.05).OrderBy(c => c.LogLikelihoodRatio).ToArray()));
            }
        }
        // stable order: probability (descending, as Comparer<double> orders, NaN last), then knowledge-base order. An
        // insertion sort of 15: the LINQ sort with its key arrays and tuples was 9% of a batch line's engine time.
        var order = ranked.ToArray();
        for (var i = 1; i < order.Length; i++)
        {
            var x = order[i];
            var j = i - 1;
            for (; j >= 0 && order[j].Probability.CompareTo(x.Probability) < 0; j--) order[j + 1] = order[j];
            order[j + 1] = x;
        }
        IReadOnlyList<UnknownThatMatters> unknowns = explain ? UnknownsThatMatter(used, kb.DiagnosisIndex[order[0].Id], prior) : [];
        return new Assessment(kb.Version, ev.Context, order, used, ev.Computed, notes, unknowns);
    }

    /// <summary>
    /// The case as the engine counts it (prior, one observation per variable, computed evidence, the rows and the
    /// posterior), without labels or explanations: what <see cref="Assess"/> starts from, and what value of information
    /// and sensitivity vary one row of (<see cref="EvidenceRows"/>).
    /// </summary>
    internal EvidenceRows Prepare(IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed, string? context, List<string>? notes = null)
    {
        context ??= kb.DefaultContext;
        if (!kb.Priors.TryGetValue(context, out var prior))
            throw new Errors.InputException("MDX-IN020", "priorContext", $"unknown prior context '{context}' (known: {string.Join(", ", kb.Priors.Keys)})");

        notes ??= [];
        computed ??= [];
        var original = observations;
        // Computed evidence may replace a categorical variable (the cord dose model replaces cord_rt_exposure):
        // drop those observations so one fact counts once.
        var superseded = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < computed.Count; k++)
            for (var j = 0; j < computed[k].Supersedes.Count; j++) superseded.Add(computed[k].Supersedes[j]);
        if (superseded.Count > 0 && observations.Any(o => superseded.Contains(o.VariableId)))
        {
            var dropped = observations.Where(o => superseded.Contains(o.VariableId)).Select(o => o.VariableId).Distinct().ToArray();
            observations = observations.Where(o => !superseded.Contains(o.VariableId)).ToArray();
            notes.Add($"{string.Join(" and ", dropped.Select(d => $"'{(kb.Variables.TryGetValue(d, out var dv) ? dv.Name : d)}'"))} counted through the computed evidence instead of as a category.");
        }
        var used = Consolidate(observations, notes, out var variables);

        // log-likelihood rows, one per piece of evidence (EvidenceCombiner steps 1-2); EvidenceRows weighs the groups and sums
        var rows = new double[used.Count + computed.Count][];
        for (var k = 0; k < used.Count; k++) rows[k] = LogRow(used[k], variables[k], used);
        for (var k = 0; k < computed.Count; k++) rows[used.Count + k] = EvidenceCombiner.RowLogLikelihood(computed[k].Likelihood, 1, kb.Robustness);
        return new EvidenceRows(this, context, prior, original, used, computed, superseded, rows);
    }

    /// <summary>
    /// One observation's row of log-likelihoods (reading-error allowance, exponent, cap), the compiled one when the
    /// observation is definite and not read in the light of another finding. Shared arrays: callers must not write to them.
    /// </summary>
    internal double[] LogRow(Observation o, Variable v, IReadOnlyList<Observation> used)
    {
        var lik = RowLikelihood(o, v, used);
        if (!o.Uncertain && v.Kind != VariableKind.Continuous)
        {
            var states = _stateRows[v.Id];
            for (var i = 0; i < v.States.Count; i++)
                if (ReferenceEquals(v.States[i].Likelihood, lik)) return states[i];
        }
        return EvidenceCombiner.RowLogLikelihood(lik, o.Uncertain ? UncertainWeight : 1, kb.Robustness);
    }

    /// <summary>P(finding | diagnosis) for one observation: the density, the state's row, or the row read in the light of a stated finding.</summary>
    internal IReadOnlyList<double> RowLikelihood(Observation o, Variable v, IReadOnlyList<Observation> used)
    {
        if (v.Kind == VariableKind.Continuous)
        {
            // a plain loop: the LINQ Select/ToArray with its closure was half of this row's cost in a batch
            var densities = v.Densities!;
            var x = o.Value!.Value;
            var row = new double[densities.Count];
            for (var i = 0; i < row.Length; i++) row[i] = densities[i].Evaluate(x);
            return row;
        }
        var s = v.State(o.State!)!;
        return ConditionedRow(v, s, used) ?? s.Likelihood;
    }

    /// <summary>
    /// The likelihood part of <see cref="Conditioned"/> alone: the posterior needs no sources and no wording, and
    /// building them for every case was most of the conditioned finding's cost in a batch.
    /// </summary>
    private double[]? ConditionedRow(Variable v, VariableState s, IReadOnlyList<Observation> used) =>
        Given(v, used) is ({ } cf, { } shares) ? ConditionedLikelihood.Of(v, s.Id, cf, shares) : null;

    /// <summary>The conditioning of <paramref name="v"/> and the shares for the stated given finding, when both apply.</summary>
    private (ConditionedFinding Finding, ConditionalShares Shares)? Given(Variable v, IReadOnlyList<Observation> used)
    {
        if (!kb.Robustness.Conditioned.TryGetValue(v.Id, out var cf)) return null;
        Observation? given = null;
        for (var i = 0; i < used.Count && given is null; i++)
            if (used[i].VariableId == cf.GivenVariableId && !used[i].Uncertain) given = used[i];
        if (given?.State is null || !cf.SharesByGivenState.TryGetValue(given.State, out var shares)) return null;
        return (cf, shares);
    }

    /// <summary>Per row, the contribution's wording and sources (the likelihood ratio is filled in per diagnosis).</summary>
    private IEnumerable<(Contribution template, IReadOnlyList<Provenance>? provs)> Templates(List<Observation> used, IReadOnlyList<ComputedEvidence> computed)
    {
        foreach (var o in used)
        {
            var v = kb.Variables[o.VariableId];
            string finding; string? src; bool est; IReadOnlyList<Provenance> provs;
            if (v.Kind == VariableKind.Continuous)
            {
                var x = o.Value!.Value;
                finding = $"{v.Name} = {x:0.##}{(v.Unit is null ? "" : " " + v.Unit)}";
                src = MostCommonSource(v.Densities!.Select(d => d.Provenance));
                est = v.Densities!.All(d => d.Provenance.IsEstimate);
                provs = v.Densities!.Select(d => d.Provenance).ToArray();
            }
            else
            {
                var s = v.State(o.State!)!;
                finding = v.Kind == VariableKind.Binary ? (s.Id == "present" ? v.Name : FindingWording.Absent(v.Name)) : $"{v.Name}: {s.Label}";
                provs = s.Provenance;
                if (Conditioned(v, s, used) is { } c)
                {
                    provs = c.Provenance;
                    finding += $" ({c.Words})";
                }
                src = MostCommonSource(provs);
                est = provs.All(p => p.IsEstimate);
            }
            if (o.Uncertain) finding += " (uncertain)";
            yield return (new Contribution(o.VariableId, finding, o.State, 0, src, est, o.Origin, o.Span, o.Detail), provs);
        }
        foreach (var c in computed)
            yield return (new Contribution(c.Id, c.Label, null, 0, c.SourceId, c.SourceId is null, c.Origin, null, c.Explanation), null);
    }

    /// <summary>
    /// One observation per variable. Definite beats uncertain; for a binary finding, present beats absent
    /// (a mention of a finding anywhere outweighs a generic negative elsewhere). Unknown variables or states are refused.
    /// </summary>
    private List<Observation> Consolidate(IReadOnlyList<Observation> observations, List<string> notes, out List<Variable> variables)
    {
        // each variable's place in the result: one lookup per observation instead of a map of observations, a list of
        // ids and a lookup per id to build the result, and the variables kept for the rows (issue 17)
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        var used = new List<Observation>(observations.Count);
        variables = new List<Variable>(observations.Count);
        for (var n = 0; n < observations.Count; n++)
        {
            var o = observations[n];
            if (!kb.Variables.TryGetValue(o.VariableId, out var v))
                throw new Errors.InputException("MDX-IN021", o.Origin, $"unknown finding '{o.VariableId}'");
            if (v.Kind == VariableKind.Continuous)
            {
                if (o.Value is null || double.IsNaN(o.Value.Value) || double.IsInfinity(o.Value.Value))
                    throw new Errors.InputException("MDX-IN022", o.Origin, $"finding '{o.VariableId}' needs a number");
            }
            else if (o.State is null || v.State(o.State) is null)
            {
                throw new Errors.InputException("MDX-IN022", o.Origin,
                    $"finding '{o.VariableId}' has no value '{o.State}' (allowed: {string.Join(", ", v.States.Select(s => s.Id))})");
            }
            if (!at.TryGetValue(o.VariableId, out var k)) { at[o.VariableId] = used.Count; used.Add(o); variables.Add(v); continue; }
            var prev = used[k];
            if (Better(o, prev, v)) used[k] = o;
            if (prev.State != o.State || prev.Value != o.Value)
                notes.Add($"'{v.Name}' was stated more than once with different values; counted once, as '{used[k].State ?? used[k].Value?.ToString()}'.");
        }
        return used;
    }

    /// <summary>
    /// The finding's likelihood read in the light of another stated finding (sex given the primary cancer), or null when
    /// the knowledge base conditions nothing on it or the other finding is not stated definitely.
    /// </summary>
    private (double[] Likelihood, Provenance[] Provenance, string Words)? Conditioned(Variable v, VariableState s, IReadOnlyList<Observation> used)
    {
        if (Given(v, used) is not ({ } cf, { } shares)) return null;
        if (ConditionedLikelihood.Of(v, s.Id, cf, shares) is not { } lik) return null;
        var givenState = used.First(o => o.VariableId == cf.GivenVariableId && !o.Uncertain).State!;
        var provs = s.Provenance.Select((p, i) => cf.ArisingFromGiven[i] ? shares.Provenance : p).ToArray();
        var label = kb.Variables[cf.GivenVariableId].State(givenState)?.Label ?? givenState;
        return (lik, provs, $"weighed with {label}");
    }

    private static bool Better(Observation candidate, Observation current, Variable v)
    {
        if (candidate.Uncertain != current.Uncertain) return !candidate.Uncertain;
        if (v.Kind == VariableKind.Binary && candidate.State != current.State) return candidate.State == "present";
        return false;
    }

    private IReadOnlyList<UnknownThatMatters> UnknownsThatMatter(List<Observation> used, int lead, PriorContext prior)
    {
        var seen = used.Select(o => o.VariableId).ToHashSet();
        var list = new List<UnknownThatMatters>();
        var table = _mostTelling.TryGetValue(prior, out var byLead) ? byLead[lead] : null;
        var k = 0;
        foreach (var v in kb.Variables.Values)
        {
            var best = table is not null ? table[k++] : v.Kind == VariableKind.Continuous ? null : MostTelling(v, lead, prior);
            if (best is null || seen.Contains(v.Id)) continue;
            if (Math.Abs(best.LogLikelihoodRatio) > Math.Log(3)) list.Add(best);
        }
        return list.OrderByDescending(u => Math.Abs(u.LogLikelihoodRatio)).Take(6).ToArray();
    }

    /// <summary>The state of <paramref name="v"/> whose likelihood ratio for the leader against the rest is largest in size.</summary>
    private static UnknownThatMatters? MostTelling(Variable v, int lead, PriorContext prior)
    {
        UnknownThatMatters? best = null;
        foreach (var s in v.States)
        {
            double num = 0, den = 0;
            for (var j = 0; j < s.Likelihood.Count; j++)
            {
                if (j == lead) continue;
                num += prior.Probabilities[j] * s.Likelihood[j];
                den += prior.Probabilities[j];
            }
            var llr = Math.Log(s.Likelihood[lead] / (num / den));
            if (best is null || Math.Abs(llr) > Math.Abs(best.LogLikelihoodRatio))
                best = new UnknownThatMatters(v.Id, v.Name, s.Label, llr);
        }
        return best;
    }

    /// <summary>Per prior context and leading diagnosis, every finding's <see cref="MostTelling"/> state in knowledge-base order.</summary>
    private static Dictionary<PriorContext, UnknownThatMatters?[][]> MostTellingTable(KnowledgeBase kb)
    {
        var table = new Dictionary<PriorContext, UnknownThatMatters?[][]>(ReferenceEqualityComparer.Instance);
        foreach (var prior in kb.Priors.Values)
        {
            if (table.ContainsKey(prior)) continue;
            var byLead = new UnknownThatMatters?[kb.Diagnoses.Count][];
            for (var lead = 0; lead < byLead.Length; lead++)
            {
                var row = byLead[lead] = new UnknownThatMatters?[kb.Variables.Count];
                var k = 0;
                foreach (var v in kb.Variables.Values) row[k++] = v.Kind == VariableKind.Continuous ? null : MostTelling(v, lead, prior);
            }
            table[prior] = byLead;
        }
        return table;
    }

    private static string? MostCommonSource(IEnumerable<Provenance> provs) =>
        provs.Where(p => p.SourceId is not null).GroupBy(p => p.SourceId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();

    internal static double[] Softmax(double[] logits)
    {
        var result = new double[logits.Length];
        Softmax(logits, result);
        return result;
    }

    /// <summary>exp(x − max) / Σ, summed in order (as Enumerable.Sum does), so every caller gets the same bits.</summary>
    internal static void Softmax(ReadOnlySpan<double> logits, Span<double> result)
    {
        var max = logits[0];
        foreach (var x in logits) if (x > max) max = x;
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++) { result[i] = Math.Exp(logits[i] - max); sum += result[i]; }
        for (var i = 0; i < result.Length; i++) result[i] /= sum;
    }
}
