using MyeloDx.Core.Services;
using MyeloDx.Web;

namespace MyeloDx.Cli;

/// <summary>The process's one <see cref="MyeloDxPipeline"/>, built on first use from the host's knowledge setting.</summary>
internal static class Services
{
    private static readonly Lazy<MyeloDxPipeline> Lazy = new(() => MyeloDxPipeline.Create(new MyeloDxOptions { KnowledgeFolder = KnowledgeSetting.Folder() }));

    public static MyeloDxPipeline Pipeline => Lazy.Value;

    public static AssessmentService Assessment => Lazy.Value.Service;

    /// <summary>The knowledge folder of this process: MYELODX_KNOWLEDGE when set, else the one next to the program.</summary>
    public static string KnowledgeFolder => Lazy.Value.KnowledgeFolder;

    public static string DemoCasePath => Path.Combine(AppContext.BaseDirectory, "samples", "seed-case.json");
}
