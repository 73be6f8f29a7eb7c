using System.Text.Json.Nodes;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Scores;

namespace MyeloDx.Core.Services;

/// <summary>
/// Adds a section to the machine-readable assessment (scores, radiotherapy arithmetic, next tests, management).
/// Lives in Core so the CLI, the web API and the reports all carry the same content.
/// </summary>
public interface IAssessmentAugmenter
{
    void Augment(CaseInput input, Assessment assessment, JsonObject json);
}

/// <summary>The augmenters every front end uses, in output order. Add new ones here (one line each).</summary>
public static class AssessmentAugmenters
{
    public static IReadOnlyList<IAssessmentAugmenter> Default(string knowledgeFolder) =>
    [
        new RadiotherapyAugmenter(() => RadiotherapyKnowledgeLoader.Load(knowledgeFolder)),
        new ScoresAugmenter(),
        new Decisions.DecisionsAugmenter(knowledgeFolder),
    ];
}
