// The diagnostic engine as it was before issue 17's row updates (commit 104016c), kept verbatim apart from names so that
// FastWhatIfEquivalenceTests can compare the new path with it on the dev cases. Not used by the product.
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Tests.Decisions.Reference;

/// <summary>
/// Bayes over the knowledge base's variables. The states of one variable are mutually exclusive, and one variable
/// counts once however often it is stated; related variables (one lesion's imaging, one fact said in two ways) are
/// damped as a group, and each likelihood carries a reading-error allowance and a cap (<see cref="EvidenceCombiner"/>).
/// Unknown variables contribute nothing. Deterministic and thread-safe.
/// </summary>
internal sealed class ReferenceDiagnosticEngine(KnowledgeBase kb)
{
    /// <summary>Weight (as an exponent on the likelihood) given to a finding reported as uncertain.</summary>
    public const double UncertainWeight = 0.5;

    public KnowledgeBase Knowledge => kb;

    public Assessment Assess(IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed = null, string? context = null)
        => Assess(observations, computed, context, explain: true);

    /// <summary>
    /// With <paramref name="explain"/> false only the posterior is computed (no per-finding likelihood ratios and no
    /// unknowns): the same probabilities, for batch work where nobody reads the explanation.
    /// </summary>
    public Assessment Assess(IReadOnlyList<Observation> observations, IReadOnlyList<ComputedEvidence>? computed, string? context, bool explain)
    {
        var nd = kb.Diagnoses.Count;
        context ??= kb.DefaultContext;
        if (!kb.Priors.TryGetValue(context, out var prior))
            throw new MyeloDx.Core.Errors.InputException("MDX-IN020", "priorContext", $"unknown prior context '{context}' (known: {string.Join(", ", kb.Priors.Keys)})");

        var notes = new List<string>();
        computed ??= [];
        // Computed evidence may replace a categorical variable (the cord dose model replaces cord_rt_exposure):
        // drop those observations so one fact counts once.
        var superseded = computed.SelectMany(c => c.Supersedes).ToHashSet(StringComparer.Ordinal);
        if (superseded.Count > 0 && observations.Any(o => superseded.Contains(o.VariableId)))
        {
            var dropped = observations.Where(o => superseded.Contains(o.VariableId)).Select(o => o.VariableId).Distinct().ToArray();
            observations = observations.Where(o => !superseded.Contains(o.VariableId)).ToArray();
            notes.Add($"{string.Join(" and ", dropped.Select(d => $"'{(kb.Variables.TryGetValue(d, out var dv) ? dv.Name : d)}'"))} counted through the computed evidence instead of as a category.");
        }
        var used = Consolidate(observations, notes);

        // likelihood rows, one per piece of evidence; EvidenceCombiner turns them into the log-likelihoods that count
        var liks = new List<IReadOnlyList<double>>(used.Count + computed.Count);
        var ids = new List<string>(used.Count + computed.Count);
        var exps = new List<double>(used.Count + computed.Count);
        var meta = new List<(Contribution template, IReadOnlyList<Provenance>? provs)>(used.Count + computed.Count);
        foreach (var o in used)
        {
            var v = kb.Variables[o.VariableId];
            string finding; string? src; bool est; IReadOnlyList<Provenance> provs; IReadOnlyList<double> lik;
            if (v.Kind == VariableKind.Continuous)
            {
                var x = o.Value!.Value;
                lik = v.Densities!.Select(d => d.Evaluate(x)).ToArray();
                finding = $"{v.Name} = {x:0.##}{(v.Unit is null ? "" : " " + v.Unit)}";
                src = MostCommonSource(v.Densities!.Select(d => d.Provenance));
                est = v.Densities!.All(d => d.Provenance.IsEstimate);
                provs = v.Densities!.Select(d => d.Provenance).ToArray();
            }
            else
            {
                var s = v.State(o.State!)!;
                lik = s.Likelihood;
                finding = v.Kind == VariableKind.Binary ? (s.Id == "present" ? v.Name : FindingWording.Absent(v.Name)) : $"{v.Name}: {s.Label}";
                provs = s.Provenance;
                if (Conditioned(v, s, used) is { } c)
                {
                    lik = c.Likelihood;
                    provs = c.Provenance;
                    finding += $" ({c.Words})";
                }
                src = MostCommonSource(provs);
                est = provs.All(p => p.IsEstimate);
            }
            if (o.Uncertain) finding += " (uncertain)";
            liks.Add(lik); ids.Add(o.VariableId); exps.Add(o.Uncertain ? UncertainWeight : 1);
            meta.Add((new Contribution(o.VariableId, finding, o.State, 0, src, est, o.Origin, o.Span, o.Detail), provs));
        }
        foreach (var c in computed)
        {
            liks.Add(c.Likelihood); ids.Add(c.Id); exps.Add(1);
            meta.Add((new Contribution(c.Id, c.Label, null, 0, c.SourceId, c.SourceId is null, c.Origin, null, c.Explanation), null));
        }
        var logRows = EvidenceCombiner.LogLikelihoods(liks, ids, exps, kb.Robustness);
        var rows = logRows.Select((l, k) => (logL: l, meta[k].template, meta[k].provs)).ToList();

        // posterior
        var logPost = new double[nd];
        for (var i = 0; i < nd; i++) logPost[i] = Math.Log(prior.Probabilities[i]);
        var w = kb.EvidenceWeight;
        foreach (var (logL, _, _) in rows) for (var i = 0; i < nd; i++) logPost[i] += w * logL[i];
        var post = Softmax(logPost);

        // explanation: for each diagnosis, LR of each finding against the prior-weighted rest
        var ranked = new List<RankedDiagnosis>(nd);
        for (var i = 0; i < nd; i++)
        {
            var contribs = new List<Contribution>(explain ? rows.Count : 0);
            foreach (var (logL, t, provs) in explain ? rows : [])
            {
                double num = 0, den = 0;
                for (var j = 0; j < nd; j++)
                {
                    if (j == i) continue;
                    num += prior.Probabilities[j] * Math.Exp(logL[j]);
                    den += prior.Probabilities[j];
                }
                var llr = logL[i] - Math.Log(num / den);
                // cite the number that belongs to this diagnosis
                var own = provs?[i];
                contribs.Add(own is null ? t with { LogLikelihoodRatio = llr }
                    : t with { LogLikelihoodRatio = llr, SourceId = own.Carried ? null : own.SourceId, Estimate = own.IsEstimate });
            }
            var d = kb.Diagnoses[i];
            ranked.Add(new RankedDiagnosis(d.Id, d.Name, post[i], prior.Probabilities[i],
                contribs.Where(c => c.LogLikelihoodRatio > 0.05).OrderByDescending(c => c.LogLikelihoodRatio).ToArray(),
                contribs.Where(c => c.LogLikelihoodRatio < -0.05).OrderBy(c => c.LogLikelihoodRatio).ToArray()));
        }
        // stable order: probability, then knowledge-base order
        var order = ranked.Select((r, idx) => (r, idx)).OrderByDescending(t => t.r.Probability).ThenBy(t => t.idx).Select(t => t.r).ToArray();
        IReadOnlyList<UnknownThatMatters> unknowns = explain ? UnknownsThatMatter(used, kb.DiagnosisIndex[order[0].Id], prior) : [];
        return new Assessment(kb.Version, context, order, used, computed, notes, unknowns);
    }

    /// <summary>
    /// One observation per variable. Definite beats uncertain; for a binary finding, present beats absent
    /// (a mention of a finding anywhere outweighs a generic negative elsewhere). Unknown variables or states are refused.
    /// </summary>
    private List<Observation> Consolidate(IReadOnlyList<Observation> observations, List<string> notes)
    {
        var byVar = new Dictionary<string, Observation>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var o in observations)
        {
            if (!kb.Variables.TryGetValue(o.VariableId, out var v))
                throw new MyeloDx.Core.Errors.InputException("MDX-IN021", o.Origin, $"unknown finding '{o.VariableId}'");
            if (v.Kind == VariableKind.Continuous)
            {
                if (o.Value is null || double.IsNaN(o.Value.Value) || double.IsInfinity(o.Value.Value))
                    throw new MyeloDx.Core.Errors.InputException("MDX-IN022", o.Origin, $"finding '{o.VariableId}' needs a number");
            }
            else if (o.State is null || v.State(o.State) is null)
            {
                throw new MyeloDx.Core.Errors.InputException("MDX-IN022", o.Origin,
                    $"finding '{o.VariableId}' has no value '{o.State}' (allowed: {string.Join(", ", v.States.Select(s => s.Id))})");
            }
            if (!byVar.TryGetValue(o.VariableId, out var prev)) { byVar[o.VariableId] = o; order.Add(o.VariableId); continue; }
            if (Better(o, prev, v)) byVar[o.VariableId] = o;
            if (prev.State != o.State || prev.Value != o.Value)
                notes.Add($"'{v.Name}' was stated more than once with different values; counted once, as '{byVar[o.VariableId].State ?? byVar[o.VariableId].Value?.ToString()}'.");
        }
        return order.Select(k => byVar[k]).ToList();
    }

    /// <summary>
    /// The finding's likelihood read in the light of another stated finding (sex given the primary cancer), or null when
    /// the knowledge base conditions nothing on it or the other finding is not stated definitely.
    /// </summary>
    private (double[] Likelihood, Provenance[] Provenance, string Words)? Conditioned(Variable v, VariableState s, List<Observation> used)
    {
        if (!kb.Robustness.Conditioned.TryGetValue(v.Id, out var cf)) return null;
        var given = used.FirstOrDefault(o => o.VariableId == cf.GivenVariableId && !o.Uncertain);
        if (given?.State is null || !cf.SharesByGivenState.TryGetValue(given.State, out var shares)) return null;
        if (ConditionedLikelihood.Of(v, s.Id, cf, shares) is not { } lik) return null;
        var provs = s.Provenance.Select((p, i) => cf.ArisingFromGiven[i] ? shares.Provenance : p).ToArray();
        var label = kb.Variables[cf.GivenVariableId].State(given.State)?.Label ?? given.State;
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
        foreach (var v in kb.Variables.Values)
        {
            if (seen.Contains(v.Id) || v.Kind == VariableKind.Continuous) continue;
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
            if (best is not null && Math.Abs(best.LogLikelihoodRatio) > Math.Log(3)) list.Add(best);
        }
        return list.OrderByDescending(u => Math.Abs(u.LogLikelihoodRatio)).Take(6).ToArray();
    }

    private static string? MostCommonSource(IEnumerable<Provenance> provs) =>
        provs.Where(p => p.SourceId is not null).GroupBy(p => p.SourceId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();

    internal static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(x => Math.Exp(x - max)).ToArray();
        var sum = e.Sum();
        return e.Select(x => x / sum).ToArray();
    }
}
