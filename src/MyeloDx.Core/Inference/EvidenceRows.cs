using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Inference;

/// <summary>
/// The evidence of one case as <see cref="DiagnosticEngine"/> counts it: one row of log-likelihoods per finding and per
/// computed evidence (reading-error allowance, exponent and cap applied, <see cref="EvidenceCombiner.RowLogLikelihood"/>),
/// each row's dependence group, and the posterior. The engine itself computes every posterior through this class.
/// <para>
/// Value of information and sensitivity ask "what if one more result were known, or one finding left out?" many times
/// per case. A full re-assessment per question would rebuild every row, every label and every explanation; here only
/// the rows that change are rebuilt (the new one, and a finding read in the light of the changed one, such as sex
/// given the primary cancer), the groups are re-weighed, and the log-posterior is summed again from the stored rows.
/// The sum runs in the engine's row order with the engine's functions, so the answer is the full re-assessment's, bit
/// for bit (ties between diagnoses break the same way). A change the shortcut does not cover (a continuous finding, a
/// finding stated twice, computed evidence that replaces a finding) returns false, and the caller re-assesses.
/// </para>
/// Not thread-safe (scratch buffers): made per case and used by one thread.
/// </summary>
internal sealed class EvidenceRows
{
    private readonly DiagnosticEngine _engine;
    private readonly KnowledgeBase _kb;
    private readonly double[] _logPrior;
    private readonly Row[] _rows;
    private readonly HashSet<string> _superseded;
    private readonly IReadOnlyList<Observation> _observations;
    // scratch for one hypothetical case: its rows, each row's group factor, and a group's member rows
    private readonly Row[] _scratch;
    private readonly double[] _scale;
    private readonly double[][] _members;
    // the baseline's log-posterior after the observation rows and after all rows, made on the first what-if
    private double[]? _observedLogPost;
    private double[]? _allLogPost;
    private HashSet<string>? _givens;

    /// <summary>One row: the variable or computed-evidence id, its dependence group, its log-likelihoods before the group factor.</summary>
    private readonly record struct Row(string Id, DependenceGroup? Group, double[] Log);

    internal EvidenceRows(DiagnosticEngine engine, string context, PriorContext prior, IReadOnlyList<Observation> observations,
        List<Observation> used, IReadOnlyList<ComputedEvidence> computed, HashSet<string> superseded, double[][] logRows)
    {
        _engine = engine;
        _kb = engine.Knowledge;
        Context = context;
        Prior = prior;
        Used = used;
        Computed = computed;
        _observations = observations;
        _superseded = superseded;
        var r = _kb.Robustness;
        _rows = new Row[logRows.Length];
        for (var k = 0; k < _rows.Length; k++)
        {
            var id = k < used.Count ? used[k].VariableId : computed[k - used.Count].Id;
            _rows[k] = new Row(id, r.GroupOf(id), logRows[k]);
        }
        var nd = _kb.Diagnoses.Count;
        _logPrior = new double[nd];
        for (var i = 0; i < nd; i++) _logPrior[i] = Math.Log(prior.Probabilities[i]);
        _scratch = new Row[_rows.Length + 1];
        _scale = new double[_rows.Length + 1];
        _members = new double[_rows.Length + 1][];
        Posterior = new double[nd];
        Sum(_rows, _scale, Posterior);
        Scales = _scale[.._rows.Length];
    }

    public string Context { get; }
    public PriorContext Prior { get; }

    /// <summary>The observations that count, one per variable, in case order (the assessment's Observations).</summary>
    public List<Observation> Used { get; }

    public IReadOnlyList<ComputedEvidence> Computed { get; }

    /// <summary>The posterior, in knowledge-base diagnosis order.</summary>
    public double[] Posterior { get; }

    /// <summary>Per row, the dependence-group factor its log-likelihoods are multiplied by (1 outside a group).</summary>
    private double[] Scales { get; }

    public int Count => _rows.Length;

    /// <summary>Row <paramref name="k"/>'s log-likelihoods as they count (after the group factor): what the explanation shows.</summary>
    public double[] LogLikelihoods(int k)
    {
        var row = _rows[k];
        if (row.Group is null) return row.Log;
        var l = new double[row.Log.Length];
        for (var i = 0; i < l.Length; i++) l[i] = row.Log[i] * Scales[k];
        return l;
    }

    /// <summary>The posterior with one more definite categorical finding; false when only a full re-assessment can say.</summary>
    public bool WithObservation(string variableId, string state, Span<double> posterior)
    {
        if (_superseded.Contains(variableId))
        {
            // the engine drops a finding that computed evidence replaces, so nothing changes
            Posterior.CopyTo(posterior);
            return true;
        }
        if (!_kb.Variables.TryGetValue(variableId, out var v) || v.Kind == VariableKind.Continuous || v.State(state) is null) return false;
        foreach (var o in Used) if (o.VariableId == variableId) return false;
        var added = new Observation(variableId, state, null, "what-if");
        var group = _kb.Robustness.GroupOf(variableId);
        if (!Givens().Contains(variableId) && !InAnyRow(group))
        {
            // No row depends on the new finding and it shares no group with one: every other row and group factor is
            // as in the baseline, so the sum is the baseline's after the observation rows, plus the new row, plus the
            // computed rows in order: the very additions Sum makes.
            EnsurePrefixes();
            var row = _engine.LogRow(added, v, Used);
            Span<double> lp = _observedLogPost!.Length <= 64 ? stackalloc double[_observedLogPost.Length] : new double[_observedLogPost.Length];
            _observedLogPost.CopyTo(lp);
            Add(lp, row, group is null ? null : Alone(row, group));
            for (var k = Used.Count; k < _rows.Length; k++) Add(lp, _rows[k].Log, _rows[k].Group is null ? null : Scales[k]);
            DiagnosticEngine.Softmax(lp, posterior);
            return true;
        }
        var n = 0;
        for (var k = 0; k < Used.Count; k++)
            _scratch[n++] = ConditionedOn(k, variableId) ? Rebuild(k, [added]) : _rows[k];
        _scratch[n++] = new Row(variableId, _kb.Robustness.GroupOf(variableId), _engine.LogRow(added, v, Used));
        for (var k = Used.Count; k < _rows.Length; k++) _scratch[n++] = _rows[k];
        Sum(_scratch.AsSpan(0, n), _scale, posterior);
        return true;
    }

    /// <summary>
    /// The posterior with one more computed evidence (a test's own result, replacing no finding) at the end;
    /// <paramref name="logRow"/> is its <see cref="EvidenceCombiner.RowLogLikelihood"/> with exponent 1.
    /// </summary>
    public bool WithComputed(string id, double[] logRow, Span<double> posterior)
    {
        if (logRow.Length != _kb.Diagnoses.Count) return false;
        var group = _kb.Robustness.GroupOf(id);
        if (!InAnyRow(group))
        {
            // appended last and alone in its group: the baseline's whole sum plus this row, as Sum would add it
            EnsurePrefixes();
            Span<double> lp = _allLogPost!.Length <= 64 ? stackalloc double[_allLogPost.Length] : new double[_allLogPost.Length];
            _allLogPost.CopyTo(lp);
            Add(lp, logRow, group is null ? null : Alone(logRow, group));
            DiagnosticEngine.Softmax(lp, posterior);
            return true;
        }
        _rows.CopyTo(_scratch, 0);
        _scratch[_rows.Length] = new Row(id, _kb.Robustness.GroupOf(id), logRow);
        Sum(_scratch, _scale, posterior);
        return true;
    }

    /// <summary>The posterior with every statement of one finding left out.</summary>
    public bool WithoutObservation(string variableId, Span<double> posterior)
    {
        var n = 0;
        for (var k = 0; k < _rows.Length; k++)
        {
            if (k < Used.Count && Used[k].VariableId == variableId) continue;
            _scratch[n++] = k < Used.Count && ConditionedOn(k, variableId) ? Rebuild(k, []) : _rows[k];
        }
        Sum(_scratch.AsSpan(0, n), _scale, posterior);
        return true;
    }

    /// <summary>The posterior with the computed evidence of this id left out.</summary>
    public bool WithoutComputed(string id, Span<double> posterior)
    {
        var remaining = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Computed) if (c.Id != id) remaining.UnionWith(c.Supersedes);
        // a finding the removed evidence replaced would count again: the engine must re-read the case
        foreach (var o in _observations) if (_superseded.Contains(o.VariableId) && !remaining.Contains(o.VariableId)) return false;
        var n = 0;
        for (var k = 0; k < _rows.Length; k++)
            if (k < Used.Count || _rows[k].Id != id) _scratch[n++] = _rows[k];
        Sum(_scratch.AsSpan(0, n), _scale, posterior);
        return true;
    }

    /// <summary>True when observation <paramref name="k"/> is read in the light of <paramref name="givenId"/> (so its row depends on it).</summary>
    private bool ConditionedOn(int k, string givenId) =>
        _kb.Robustness.Conditioned.TryGetValue(Used[k].VariableId, out var cf) && cf.GivenVariableId == givenId;

    /// <summary>The variables that some observation's row is read in the light of (a change to one rebuilds that row).</summary>
    private HashSet<string> Givens()
    {
        if (_givens is not null) return _givens;
        _givens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in Used)
            if (_kb.Robustness.Conditioned.TryGetValue(o.VariableId, out var cf)) _givens.Add(cf.GivenVariableId);
        return _givens;
    }

    /// <summary>True when some row of the case belongs to <paramref name="group"/> (whose factor a new member would change).</summary>
    private bool InAnyRow(DependenceGroup? group)
    {
        if (group is null) return false;
        foreach (var r in _rows) if (group.Equals(r.Group)) return true;
        return false;
    }

    /// <summary>The group factor of a row that is its group's only member (<see cref="EvidenceCombiner.GroupScale"/> of one row).</summary>
    private double Alone(double[] row, DependenceGroup group)
    {
        _members[0] = row;
        return EvidenceCombiner.GroupScale(_members.AsSpan(0, 1), group.Rho, _kb.Robustness.GroupCap);
    }

    /// <summary>The baseline's log prior plus its rows, kept after the observation rows and after all rows (the additions of <see cref="Sum"/>).</summary>
    private void EnsurePrefixes()
    {
        if (_allLogPost is not null) return;
        var lp = (double[])_logPrior.Clone();
        for (var k = 0; k < _rows.Length; k++)
        {
            if (k == Used.Count) _observedLogPost = (double[])lp.Clone();
            Add(lp, _rows[k].Log, _rows[k].Group is null ? null : Scales[k]);
        }
        _observedLogPost ??= (double[])lp.Clone();
        _allLogPost = lp;
    }

    /// <summary>One row added to a log-posterior exactly as <see cref="Sum"/> adds it (weighted; times its group factor when grouped).</summary>
    private void Add(Span<double> logPost, double[] row, double? scale)
    {
        var w = _kb.EvidenceWeight;
        if (scale is not { } s) for (var i = 0; i < logPost.Length; i++) logPost[i] += w * row[i];
        else for (var i = 0; i < logPost.Length; i++) logPost[i] += w * (row[i] * s);
    }

    /// <summary>Observation <paramref name="k"/>'s row again, its condition looked up among <paramref name="used"/> (the changed finding).</summary>
    private Row Rebuild(int k, IReadOnlyList<Observation> used)
    {
        var o = Used[k];
        return _rows[k] with { Log = _engine.LogRow(o, _kb.Variables[o.VariableId], used) };
    }

    /// <summary>
    /// The same dependence group: the same instance first (groups come from one table, so that is the usual answer),
    /// then record equality, which is reflexive, so the result is <c>Equals</c>'s; its generated code per pair of rows
    /// was a measurable part of a batch line.
    /// </summary>
    private static bool Same(DependenceGroup g, DependenceGroup? other) => ReferenceEquals(g, other) || g.Equals(other);

    /// <summary>
    /// log prior + Σ weight · (row × its group factor), rows in order, then the softmax: the engine's posterior. The group
    /// factor comes from the group's member rows in order (<see cref="EvidenceCombiner.GroupScale"/>).
    /// </summary>
    private void Sum(ReadOnlySpan<Row> rows, double[] scale, Span<double> posterior)
    {
        var r = _kb.Robustness;
        for (var k = 0; k < rows.Length; k++)
        {
            scale[k] = 1;
            if (rows[k].Group is not { } g) continue;
            var first = true;
            for (var j = 0; j < k && first; j++) if (Same(g, rows[j].Group)) { scale[k] = scale[j]; first = false; }
            if (!first) continue;
            var m = 0;
            for (var j = k; j < rows.Length; j++) if (Same(g, rows[j].Group)) _members[m++] = rows[j].Log;
            scale[k] = EvidenceCombiner.GroupScale(_members.AsSpan(0, m), g.Rho, r.GroupCap);
        }
        var nd = _logPrior.Length;
        Span<double> logPost = nd <= 64 ? stackalloc double[nd] : new double[nd];
        _logPrior.CopyTo(logPost);
        var w = _kb.EvidenceWeight;
        for (var k = 0; k < rows.Length; k++)
        {
            var l = rows[k].Log;
            if (rows[k].Group is null) for (var i = 0; i < nd; i++) logPost[i] += w * l[i];
            else { var s = scale[k]; for (var i = 0; i < nd; i++) logPost[i] += w * (l[i] * s); }
        }
        DiagnosticEngine.Softmax(logPost, posterior);
    }
}
