using MyeloDx.Core.Decisions;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Scores;

namespace MyeloDx.Core.Services;

/// <summary>The augmenters every front end uses, in output order. Add new ones here (one line each).</summary>
public static class AssessmentAugmenters
{
    /// <summary>The decision knowledge is read once here, against <paramref name="kb"/> (the pipeline's one knowledge base).</summary>
    public static IReadOnlyList<IAssessmentAugmenter> Default(string knowledgeFolder, KnowledgeBase kb) =>
    [
        new RadiotherapyAugmenter(() => RadiotherapyKnowledgeLoader.Load(knowledgeFolder)),
        new ScoresAugmenter(),
        new DecisionsAugmenter(() => DecisionsAugmenter.LoadSupport(knowledgeFolder, kb)),
    ];
}
