using MyeloDx.Core.Contract;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Scores;

/// <summary>Every clinical score the case allows, in display order.</summary>
public static class CaseScores
{
    public static IReadOnlyList<ScoreResult> All(Case c) =>
    [
        MotorScores.Mrc(c),
        MotorScores.Frankel(c),
        MotorScores.Asia(c),
        PerformanceStatus.Assess(c),
        BreastGpa.Assess(c),
    ];

    /// <summary>One line per score, for readable and Markdown output.</summary>
    public static IEnumerable<string> Lines(Case c) =>
        All(c).Select(s => (s.Computed ? $"{s.Name}: {s.Value} — {s.Summary}" : $"{s.Name}: {s.Summary}") +
                           (s.Computed && s.Missing.Count > 0 ? $" [missing: {string.Join(", ", s.Missing)}]" : ""));

    public static ScoresSection Section(Case c) =>
        new(MotorScores.Mrc(c).ToEntry(), MotorScores.Frankel(c).ToEntry(), MotorScores.Asia(c).ToEntry(),
            PerformanceStatus.Assess(c).ToEntry(), BreastGpa.Assess(c).ToEntry());
}

/// <summary>Adds the "scores" section (MRC, Frankel, ASIA, ECOG/KPS, Breast GPA) to the machine-readable assessment.</summary>
public sealed class ScoresAugmenter : IAssessmentAugmenter
{
    public AssessmentDocument Augment(CaseInput input, Assessment assessment, AssessmentDocument document) =>
        document with { Scores = CaseScores.Section(input.Case) };
}
