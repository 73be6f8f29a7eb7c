using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Core.Services;

/// <summary>
/// What a case was turned into before reasoning: the observations, any computed evidence, and where they came from.
/// Front ends (structured case, free text, FHIR) all produce one of these.
/// </summary>
public sealed record CaseInput(Case Case, IReadOnlyList<Observation> Observations, IReadOnlyList<ComputedEvidence> Computed, string Kind, string? Text = null);

/// <summary>
/// Adds computed evidence (e.g. cord dose and latency from the radiotherapy arithmetic) for a case.
/// Registered once at start-up; must be thread-safe and free of side effects.
/// </summary>
public interface IEvidenceProvider
{
    IEnumerable<ComputedEvidence> Evidence(Case c, KnowledgeBase kb);
}

/// <summary>The one place where case → observations → engine is composed; CLI and web share it.</summary>
public sealed class AssessmentService
{
    private readonly FindingDeriver _deriver;
    private readonly IReadOnlyList<IEvidenceProvider> _providers;
    private readonly IReadOnlyList<IAssessmentAugmenter> _augmenters;

    public AssessmentService(KnowledgeBase kb, IEnumerable<IEvidenceProvider>? providers = null, IEnumerable<IAssessmentAugmenter>? augmenters = null)
    {
        _augmenters = augmenters?.ToArray() ?? [];
        Knowledge = kb;
        Engine = new DiagnosticEngine(kb);
        _deriver = new FindingDeriver(kb);
        _providers = providers?.ToArray() ?? [];
    }

    public KnowledgeBase Knowledge { get; }
    public DiagnosticEngine Engine { get; }

    /// <summary>The folder the knowledge came from, when it came from one: the other knowledge files load from it too.</summary>
    public string? KnowledgeFolder { get; init; }

    public CaseInput FromCase(Case c)
    {
        var computed = _providers.SelectMany(p => p.Evidence(c, Knowledge)).ToArray();
        return new CaseInput(c, _deriver.Derive(c), computed, "structured");
    }

    /// <summary>Posterior only, without explanations (batch).</summary>
    public Assessment Rank(CaseInput input, string? context = null) =>
        Engine.Assess(input.Observations, input.Computed, context, explain: false);

    public Assessment Assess(CaseInput input, string? context = null) =>
        Engine.Assess(input.Observations, input.Computed, context);

    public Assessment Assess(Case c, string? context = null) => Assess(FromCase(c), context);

    /// <summary>The full machine-readable assessment: differential, evidence, and every augmenter's section.</summary>
    public System.Text.Json.Nodes.JsonObject ToJson(CaseInput input, Assessment a)
    {
        var o = AssessmentJson.Full(a);
        o["input"] = input.Kind;
        foreach (var g in _augmenters) g.Augment(input, a, o);
        return o;
    }

    /// <summary>
    /// The standard composition used by the CLI and the web app: every knowledge file (radiotherapy, tests, management)
    /// is read from <paramref name="knowledgeFolder"/>, the folder the host chose, so one process never mixes two
    /// knowledge bases.
    /// </summary>
    public static AssessmentService CreateDefault(KnowledgeBase kb, string? knowledgeFolder = null)
    {
        var folder = knowledgeFolder ?? DefaultKnowledgeFolder();
        return new(kb, EvidenceProviders.Default(folder), AssessmentAugmenters.Default(folder)) { KnowledgeFolder = folder };
    }

    /// <summary>
    /// Locates knowledge/ next to the program (or above it, in a source checkout). Hosts that let the user choose
    /// another folder (the CLI's and web app's MYELODX_KNOWLEDGE) pass it explicitly; the Core never reads the environment.
    /// </summary>
    public static string DefaultKnowledgeFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var d = dir; d is not null; d = d.Parent)
        {
            var k = Path.Combine(d.FullName, "knowledge");
            if (File.Exists(Path.Combine(k, KnowledgeLoader.DiagnosesFile))) return k;
        }
        return Path.Combine(AppContext.BaseDirectory, "knowledge");
    }
}
