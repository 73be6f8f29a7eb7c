using MyeloDx.Core.Contract;
using MyeloDx.Core.Inference;

namespace MyeloDx.Core.Services;

/// <summary>
/// Adds a section to the assessment document (scores, radiotherapy arithmetic, next tests, management). Lives in Core
/// so the CLI, the web API and the reports all carry the same content. Returns a new document (records are immutable).
/// </summary>
public interface IAssessmentAugmenter
{
    AssessmentDocument Augment(CaseInput input, Assessment assessment, AssessmentDocument document);
}
