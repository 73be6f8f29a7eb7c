using System.Text.Json.Serialization;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Decisions;

/// <summary>One step of the invasiveness scale in tests.yaml (none, minimal, ... very_high) and the weight it carries.</summary>
/// <remarks>
/// <see cref="Level"/> orders the steps (0 = none). <see cref="Weight"/> in (0,1] scales a test's information when
/// tests are weighed against their burden; it is clinical judgement, so tests.yaml marks it as an estimate.
/// </remarks>
public sealed record InvasivenessLevel(string Id, string Label, int Level, double Weight, Provenance Provenance);

/// <summary>One possible result of a test, with P(result | diagnosis) in knowledge-base diagnosis order.</summary>
public sealed record TestResult(string Id, string Label, IReadOnlyList<double> Likelihood, IReadOnlyList<Provenance> Provenance);

/// <summary>
/// One independent part of what a test tells: either a knowledge-base variable (its states are the results and its
/// numbers live in knowledge/findings) or a table of the test's own results (tests.yaml), used when the result is
/// conditional on something the knowledge base cannot express (e.g. a second CSF sample after a negative first one).
/// Parts of one test are conditionally independent given the diagnosis, as the engine assumes.
/// </summary>
public sealed record TestFactor(string Id, string Label, string? VariableId, IReadOnlyList<TestResult> Results)
{
    public bool IsVariable => VariableId is not null;
}

/// <summary>A test a clinician could order next, as loaded from knowledge/tests.yaml.</summary>
public sealed record DiagnosticTest(
    string Id,
    string Name,
    string Category,
    InvasivenessLevel Invasiveness,
    string Cost,
    double TurnaroundDays,
    Provenance Practical,
    IReadOnlyList<string> Reveals,
    IReadOnlyList<TestFactor> OwnResults,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AppliesIf,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Requires,
    IReadOnlyList<string> After,
    string? Note,
    string Origin)
{
    /// <summary>The procedure whose safety rules apply (tests.yaml `procedure`), e.g. lumbar_puncture.</summary>
    public string? Procedure { get; init; }
    /// <summary>The test's own preconditions, added to those of its procedure.</summary>
    public IReadOnlyList<Precondition> Preconditions { get; init; } = [];
    public IReadOnlyList<Contraindication> Contraindications { get; init; } = [];
    /// <summary>Ways of getting tissue, least invasive first (empty for tests without a choice of route).</summary>
    public IReadOnlyList<BiopsyRoute> Routes { get; init; } = [];
}

/// <summary>The loaded, validated test catalogue. Immutable and thread-safe.</summary>
public sealed class TestCatalog
{
    internal TestCatalog(string version, IReadOnlyList<DiagnosticTest> tests, IReadOnlyList<InvasivenessLevel> scale, IReadOnlyList<string> costClasses,
        IReadOnlyList<ProcedureRules>? procedures = null)
    {
        Procedures = (procedures ?? []).ToDictionary(p => p.Id, StringComparer.Ordinal);
        Version = version;
        Tests = tests;
        Scale = scale;
        CostClasses = costClasses;
        _byId = tests.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, DiagnosticTest> _byId;
    public string Version { get; }
    public IReadOnlyList<DiagnosticTest> Tests { get; }
    public IReadOnlyList<InvasivenessLevel> Scale { get; }
    public IReadOnlyList<string> CostClasses { get; }
    /// <summary>Safety rules by procedure id (tests.yaml `procedures`).</summary>
    public IReadOnlyDictionary<string, ProcedureRules> Procedures { get; }
    public DiagnosticTest? Get(string id) => _byId.GetValueOrDefault(id);
}

/// <summary>One sentence of management or prognosis, paraphrased, with its source (or marked estimate).</summary>
/// <param name="AppliesIf">Knowledge-base variable → states; the item is shown only when each listed variable is
/// observed in one of the states (e.g. breast GPA only for breast cancer with brain metastases).</param>
/// <param name="UnlessKnown">Knowledge-base findings that make the item moot once the case states them (e.g. "get an MRI"
/// once the MRI compartment is known).</param>
public sealed record ManagementItem(string Text, Provenance Provenance, IReadOnlyDictionary<string, IReadOnlyList<string>> AppliesIf, IReadOnlyList<string> UnlessKnown)
{
    /// <summary>Level of evidence in words (management.yaml `level`), e.g. "randomised trial" or "case series".</summary>
    public string Level { get; init; } = "";

    public bool AppliesTo(IReadOnlyDictionary<string, string?> observed) =>
        AppliesIf.All(kv => observed.TryGetValue(kv.Key, out var s) && s is not null && kv.Value.Contains(s))
        && !UnlessKnown.Any(observed.ContainsKey);
}

/// <summary>How fast a diagnosis must be acted on once suspected.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Urgency>))]
public enum Urgency
{
    [JsonStringEnumMemberName("emergency")] Emergency,
    [JsonStringEnumMemberName("urgent")] Urgent,
    [JsonStringEnumMemberName("routine")] Routine,
}

/// <summary>Management and prognosis of one diagnosis (knowledge/management.yaml).</summary>
public sealed record DiagnosisManagement(
    string DiagnosisId,
    Urgency Urgency,
    double ActAtProbability,
    Provenance ActAtProvenance,
    IReadOnlyList<ManagementItem> UrgentActions,
    IReadOnlyList<ManagementItem> Treatment,
    IReadOnlyList<ManagementItem> Prognosis,
    IReadOnlyList<ManagementItem> Scores,
    string Origin)
{
    /// <summary>When time-critical: the probability from which the first line of every output says what to do within hours.</summary>
    public double? TimeCriticalAt { get; init; }
    /// <summary>What to do within hours, for that first line; the first that applies to the case is used.</summary>
    public IReadOnlyList<ManagementItem> FirstActions { get; init; } = [];
}

/// <summary>The loaded management catalogue. Immutable and thread-safe.</summary>
public sealed class ManagementCatalog
{
    internal ManagementCatalog(string version, double showAtProbability, IReadOnlyList<DiagnosisManagement> entries, IReadOnlyList<ManagementItem> general)
    {
        Version = version;
        ShowAtProbability = showAtProbability;
        Entries = entries;
        General = general;
        _byId = entries.ToDictionary(e => e.DiagnosisId, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, DiagnosisManagement> _byId;
    public string Version { get; }
    /// <summary>A diagnosis's treatment and prognosis are shown when its probability reaches this (the leader always is).</summary>
    public double ShowAtProbability { get; }
    public IReadOnlyList<DiagnosisManagement> Entries { get; }
    /// <summary>Advice for every patient with new cord dysfunction, whatever the cause.</summary>
    public IReadOnlyList<ManagementItem> General { get; }
    public DiagnosisManagement? For(string diagnosisId) => _byId.GetValueOrDefault(diagnosisId);
}
