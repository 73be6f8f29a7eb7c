using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Cli;

/// <summary>Builds the shared services once per process.</summary>
internal static class Services
{
    private static readonly Lazy<string> Folder = new(() =>
        Environment.GetEnvironmentVariable("MYELODX_KNOWLEDGE") is { Length: > 0 } chosen ? chosen : AssessmentService.DefaultKnowledgeFolder());

    private static readonly Lazy<AssessmentService> Lazy = new(() =>
        AssessmentService.CreateDefault(KnowledgeLoader.Load(Folder.Value), Folder.Value));

    public static AssessmentService Assessment => Lazy.Value;

    /// <summary>The knowledge folder of this process: MYELODX_KNOWLEDGE when set, else the one next to the program.</summary>
    public static string KnowledgeFolder => Folder.Value;

    public static string DemoCasePath => Path.Combine(AppContext.BaseDirectory, "samples", "seed-case.json");
}
