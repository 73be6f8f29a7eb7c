using MyeloDx.Core.Services;
using MyeloDx.Web;
using MyeloDx.Web.Hosting;

namespace MyeloDx.Cli;

/// <summary>The process's one <see cref="MyeloDxHost"/>, built on first use from the host's knowledge setting.</summary>
internal static class Services
{
    private static readonly Lazy<MyeloDxHost> Lazy = new(() => MyeloDxHost.Create(new MyeloDxOptions { KnowledgeFolder = KnowledgeSetting.Folder() }));

    /// <summary>The pipeline with its front ends: what `serve` hands the web app, and what every command reads through.</summary>
    public static MyeloDxHost Host => Lazy.Value;

    public static MyeloDxPipeline Pipeline => Lazy.Value.Pipeline;

    public static AssessmentService Assessment => Lazy.Value.Assessment;

    /// <summary>The knowledge folder of this process: MYELODX_KNOWLEDGE when set, else the one next to the program.</summary>
    public static string KnowledgeFolder => Lazy.Value.Pipeline.KnowledgeFolder;

    public static string DemoCasePath => Path.Combine(AppContext.BaseDirectory, "samples", "seed-case.json");
}
