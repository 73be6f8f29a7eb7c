using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Cli;

/// <summary>Builds the shared services once per process.</summary>
internal static class Services
{
    private static readonly Lazy<AssessmentService> Lazy = new(() =>
    {
        var kb = KnowledgeLoader.Load(AssessmentService.DefaultKnowledgeFolder());
        return AssessmentService.CreateDefault(kb);
    });

    public static AssessmentService Assessment => Lazy.Value;

    public static string DemoCasePath => Path.Combine(AppContext.BaseDirectory, "samples", "seed-case.json");
}
