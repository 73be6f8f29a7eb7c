using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Cli;

/// <summary>Builds the shared services once per process.</summary>
internal static partial class Services
{
    private static readonly Lazy<AssessmentService> Lazy = new(() =>
    {
        var kb = KnowledgeLoader.Load(AssessmentService.DefaultKnowledgeFolder());
        var providers = new List<IEvidenceProvider>();
        AddProviders(providers);
        return new AssessmentService(kb, providers);
    });

    public static AssessmentService Assessment => Lazy.Value;

    static partial void AddProviders(List<IEvidenceProvider> providers);

    public static string DemoCasePath => Path.Combine(AppContext.BaseDirectory, "samples", "seed-case.json");
}
