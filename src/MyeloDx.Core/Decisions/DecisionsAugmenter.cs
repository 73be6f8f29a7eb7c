using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// Adds <c>firstAction</c>, <c>diagnosticUncertaintyBits</c>, <c>nextTests</c>, <c>withheldTests</c>,
/// <c>management</c>, <c>references</c> and <c>sensitivity</c> to the assessment document, for the CLI, the web API
/// and the reports alike. The decision knowledge is loaded once by the pipeline against the same knowledge base (no
/// second parse of diagnoses.yaml); when the folder has no tests.yaml or management.yaml the sections say so.
/// </summary>
public sealed class DecisionsAugmenter : IAssessmentAugmenter
{
    public const string Unavailable = "next tests and management are unavailable: knowledge/tests.yaml or management.yaml not found";

    // Loaded on first use, so the commands that never recommend (batch, evaluate) neither pay for nor depend on tests.yaml.
    private readonly Lazy<DecisionSupport?> _support;

    public DecisionsAugmenter(DecisionSupport? support) : this(() => support) { }

    public DecisionsAugmenter(Func<DecisionSupport?> load) => _support = new(load, LazyThreadSafetyMode.ExecutionAndPublication);

    public DecisionSupport? Support => _support.Value;

    /// <summary>The recommendations for this case, or null when they cannot be made (no decision knowledge, another version).</summary>
    public Recommendations? Recommend(CaseInput input, Assessment assessment) =>
        Support is { } support && support.Matches(input, assessment) ? support.Recommend(input, assessment) : null;

    public AssessmentDocument Augment(CaseInput input, Assessment assessment, AssessmentDocument document) =>
        Augment(input, assessment, document, Recommend(input, assessment));

    /// <summary>With recommendations the caller already computed (the CLI numbers its references from the same ones).</summary>
    public AssessmentDocument Augment(CaseInput input, Assessment assessment, AssessmentDocument document, Recommendations? r) =>
        Augment(input, assessment, document, r, AssessmentDetail.All);

    /// <summary>
    /// Only the parts in <paramref name="detail"/>: the decision sections (computing the recommendations when
    /// <paramref name="r"/> is null) and/or the sensitivity; a part not asked for is not computed. Without
    /// <paramref name="testResults"/> the next tests come without their per-result effects (the CDS Hooks cards).
    /// </summary>
    public AssessmentDocument Augment(CaseInput input, Assessment assessment, AssessmentDocument document, Recommendations? r, AssessmentDetail detail,
        bool testResults = true)
    {
        var decisions = detail.HasFlag(AssessmentDetail.Decisions);
        if (Support is not { } support)
            return decisions ? document with { NextTests = [], Management = new ManagementSection { Note = Unavailable } } : document;
        if (!support.Matches(input, assessment))
            return decisions ? document with
            {
                NextTests = [],
                Management = new ManagementSection { Note = $"next tests and management need knowledge version {support.Knowledge.Version}; this assessment used {assessment.KnowledgeVersion}" },
            } : document;
        var sensitivity = detail.HasFlag(AssessmentDetail.Sensitivity) ? support.Sensitivity(input, assessment.PriorContext) : null;
        if (!decisions) return sensitivity is null ? document : document with { Sensitivity = DecisionsJson.Sensitivity(sensitivity) };
        return RecommendationsJson.Apply(document, r ?? support.Recommend(input, assessment), sensitivity, support.Knowledge, testResults);
    }

    /// <summary>Loads tests.yaml and management.yaml from <paramref name="folder"/> against <paramref name="kb"/>; null when either is absent.</summary>
    public static DecisionSupport? LoadSupport(string? folder, KnowledgeBase kb)
    {
        if (folder is null) return null;
        string[] needed = [DecisionKnowledgeLoader.TestsFile, DecisionKnowledgeLoader.ManagementFile];
        return needed.All(f => File.Exists(Path.Combine(folder, f))) ? DecisionSupport.Load(folder, kb) : null;
    }
}
