using MyeloDx.Core.Contract;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Scores;

namespace MyeloDx.Core.Services;

/// <summary>What a host chooses when it builds the pipeline. The Core never reads the environment: hosts pass the folder.</summary>
public sealed record MyeloDxOptions
{
    /// <summary>The knowledge folder; null takes the copy installed next to the program (or above it, in a checkout).</summary>
    public string? KnowledgeFolder { get; init; }

    /// <summary>A knowledge base the caller already loaded from that folder (test fixtures share one); null loads it.</summary>
    public KnowledgeBase? Knowledge { get; init; }
}

/// <summary>One case through the pipeline: what was read, the assessment, the recommendations (computed once), the document.</summary>
public sealed record CaseResult(CaseInput Input, Assessment Assessment, Recommendations? Recommendations, AssessmentDocument Document);

/// <summary>
/// The composition root: built once per process (CLI) or host (web, tests), it loads every knowledge file once from
/// one folder and owns case → observations → engine → decisions → assessment document. Front ends (text reader,
/// reports, FHIR) are built over it and ask it; nothing else loads knowledge.
/// </summary>
public sealed class MyeloDxPipeline
{
    private readonly Lazy<RadiotherapyKnowledge> _radiotherapy;

    private MyeloDxPipeline(string folder, KnowledgeBase kb)
    {
        KnowledgeFolder = folder;
        // Lazy so a command that never meets radiotherapy (knowledge --folder, evaluate-text) does not depend on the file;
        // shared by the evidence provider, the augmenter, the dose command and the readable output.
        _radiotherapy = new(() => RadiotherapyKnowledgeLoader.Load(folder, kb), LazyThreadSafetyMode.ExecutionAndPublication);
        Service = new AssessmentService(kb,
            [new RadiotherapyEvidenceProvider(() => _radiotherapy.Value)],
            [
                new RadiotherapyAugmenter(() => _radiotherapy.Value),
                new ScoresAugmenter(),
                new DecisionsAugmenter(() => DecisionsAugmenter.LoadSupport(folder, kb)),
            ]) { KnowledgeFolder = folder };
    }

    public static MyeloDxPipeline Create(MyeloDxOptions? options = null)
    {
        var folder = options?.KnowledgeFolder is { Length: > 0 } chosen ? chosen : AssessmentService.DefaultKnowledgeFolder();
        return new MyeloDxPipeline(folder, options?.Knowledge ?? KnowledgeLoader.Load(folder));
    }

    public string KnowledgeFolder { get; }
    public KnowledgeBase Knowledge => Service.Knowledge;
    public RadiotherapyKnowledge Radiotherapy => _radiotherapy.Value;

    /// <summary>Case → observations → engine → augmenters; what the CLI, web, CDS Hooks and tests share.</summary>
    public AssessmentService Service { get; }

    /// <summary>Assesses once and computes the recommendations once; the document reuses them.</summary>
    public CaseResult Run(CaseInput input, string? priorContext = null)
    {
        var a = Service.Assess(input, priorContext);
        var r = Service.Recommend(input, a);
        return new CaseResult(input, a, r, Service.Document(input, a, r));
    }
}
