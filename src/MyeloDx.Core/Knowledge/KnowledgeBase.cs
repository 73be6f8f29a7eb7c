namespace MyeloDx.Core.Knowledge;

/// <summary>The loaded, validated, immutable knowledge base. Thread-safe: nothing changes after loading.</summary>
public sealed class KnowledgeBase
{
    internal KnowledgeBase(
        string version,
        IReadOnlyList<Diagnosis> diagnoses,
        IReadOnlyDictionary<string, Variable> variables,
        IReadOnlyDictionary<string, Source> sources,
        IReadOnlyDictionary<string, PriorContext> priors,
        string defaultContext,
        IReadOnlyDictionary<string, string> notes)
    {
        Version = version;
        Diagnoses = diagnoses;
        Variables = variables;
        Sources = sources;
        Priors = priors;
        DefaultContext = defaultContext;
        Notes = notes;
        DiagnosisIndex = diagnoses.ToDictionary(d => d.Id, d => d.Index);
    }

    public string Version { get; }
    public IReadOnlyList<Diagnosis> Diagnoses { get; }
    public IReadOnlyDictionary<string, int> DiagnosisIndex { get; }
    public IReadOnlyDictionary<string, Variable> Variables { get; }
    public IReadOnlyDictionary<string, Source> Sources { get; }
    public IReadOnlyDictionary<string, PriorContext> Priors { get; }
    public string DefaultContext { get; }
    /// <summary>Extra named notes from the knowledge files (e.g. the population the priors describe).</summary>
    public IReadOnlyDictionary<string, string> Notes { get; }

    /// <summary>
    /// Exponent applied to every likelihood (1 = plain naive Bayes). Below 1 it tempers the over-confidence that
    /// comes from findings which are not truly independent of each other.
    /// </summary>
    public double EvidenceWeight { get; init; } = 1;
    public Provenance? EvidenceWeightProvenance { get; init; }

    /// <summary>Reading-error allowance, caps, dependence groups and tails (knowledge/dependence.yaml).</summary>
    public Robustness Robustness { get; init; } = Robustness.None;

    public int FindingCount => Variables.Values.Sum(v => v.Kind == VariableKind.Continuous ? 1 : v.Kind == VariableKind.Binary ? 1 : v.States.Count(s => !s.IsGroup));

    /// <summary>Numbers without a source id and without an estimate reason. The loader refuses such files, so this is 0 for a loaded base.</summary>
    public int UnsourcedCount =>
        Variables.Values.SelectMany(v => v.States.SelectMany(s => s.Provenance).Concat(v.Densities?.Select(d => d.Provenance) ?? []))
            .Concat(Priors.Values.SelectMany(p => p.Provenance))
            .Count(p => p.SourceId is null && string.IsNullOrWhiteSpace(p.EstimateReason));

    public int EstimateCount =>
        Variables.Values.SelectMany(v => v.States.SelectMany(s => s.Provenance).Concat(v.Densities?.Select(d => d.Provenance) ?? []))
            .Concat(Priors.Values.SelectMany(p => p.Provenance))
            .Count(p => p.IsEstimate);

    public Diagnosis Diagnosis(string id) => Diagnoses[DiagnosisIndex[id]];
}
