using MyeloDx.Core.Cases;
using MyeloDx.Core.Contract;
using MyeloDx.Core.Decisions;
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

/// <summary>Case → observations → engine → assessment document; built by <see cref="MyeloDxPipeline"/>, which CLI, web and tests share.</summary>
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
        // a loop, not SelectMany/ToArray with a closure: per structured batch line (issue 17); same order
        var kb = Knowledge;
        var list = new List<ComputedEvidence>();
        for (var i = 0; i < _providers.Count; i++) list.AddRange(_providers[i].Evidence(c, kb));
        var computed = list.ToArray();
        return new CaseInput(c, _deriver.Derive(c), computed, "structured");
    }

    /// <summary>Posterior only, without explanations (batch).</summary>
    public Assessment Rank(CaseInput input, string? context = null) =>
        Engine.Assess(input.Observations, input.Computed, context, explain: false);

    public Assessment Assess(CaseInput input, string? context = null) =>
        Engine.Assess(input.Observations, input.Computed, context);

    public Assessment Assess(Case c, string? context = null) => Assess(FromCase(c), context);

    /// <summary>The decision support (next tests, management, sensitivity), when the knowledge folder has it.</summary>
    public DecisionsAugmenter? Decisions => _augmenters.OfType<DecisionsAugmenter>().FirstOrDefault();

    /// <summary>The recommendations for this case, computed once; pass them to <see cref="Document"/> to reuse them.</summary>
    public Recommendations? Recommend(CaseInput input, Assessment a) => Decisions?.Recommend(input, a);

    /// <summary>How far each prior or likelihood would have to move to change the leading diagnosis (needs only the engine).</summary>
    public SensitivityReport Sensitivity(CaseInput input, string? context) =>
        MyeloDx.Core.Decisions.Sensitivity.Analyze(Engine, input.Observations, input.Computed, context);

    /// <summary>
    /// The full assessment document: differential, evidence, and every augmenter's section. The decision sections use
    /// <paramref name="recommendations"/> when given, so a caller that also renders them computes them once.
    /// </summary>
    public AssessmentDocument Document(CaseInput input, Assessment a, Recommendations? recommendations = null) =>
        Document(input, a, recommendations, AssessmentDetail.All);

    /// <summary>
    /// The document with only the optional parts in <paramref name="detail"/>: an augmenter whose section was not asked
    /// for does not run. With <see cref="AssessmentDetail.All"/> it is the full document. The evidence part follows
    /// the assessment: pass one made without explanations (<see cref="Rank"/>) when evidence is not wanted.
    /// </summary>
    public AssessmentDocument Document(CaseInput input, Assessment a, Recommendations? recommendations, AssessmentDetail detail) =>
        Document(input, a, recommendations, detail, testResults: true);

    /// <summary>
    /// As above; without <paramref name="testResults"/> the next tests come without the results that would change the
    /// ranking and without key results (both empty), which then are not computed: for a caller that shows neither.
    /// </summary>
    public AssessmentDocument Document(CaseInput input, Assessment a, Recommendations? recommendations, AssessmentDetail detail, bool testResults)
    {
        var d = AssessmentJson.Full(a) with { Input = input.Kind };
        foreach (var g in _augmenters)
        {
            d = g switch
            {
                DecisionsAugmenter decisions => (detail & (AssessmentDetail.Decisions | AssessmentDetail.Sensitivity)) == 0 ? d
                    : decisions.Augment(input, a, d, recommendations, detail, testResults),
                Dose.RadiotherapyAugmenter when !detail.HasFlag(AssessmentDetail.Radiotherapy) => d,
                Scores.ScoresAugmenter when !detail.HasFlag(AssessmentDetail.Scores) => d,
                _ => g.Augment(input, a, d),
            };
        }
        return d;
    }

    /// <summary>The assessment with or without the engine's explanation, as <paramref name="detail"/> asks.</summary>
    public Assessment Assess(CaseInput input, string? context, AssessmentDetail detail) =>
        Engine.Assess(input.Observations, input.Computed, context, explain: detail.HasFlag(AssessmentDetail.Evidence));

    /// <summary>The standard composition over an already loaded knowledge base (see <see cref="MyeloDxPipeline"/>).</summary>
    public static AssessmentService CreateDefault(KnowledgeBase kb, string? knowledgeFolder = null) =>
        MyeloDxPipeline.Create(new MyeloDxOptions { KnowledgeFolder = knowledgeFolder, Knowledge = kb }).Service;

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
