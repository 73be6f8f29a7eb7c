using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Tests;

internal static class TestPaths
{
    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "MyeloDx.slnx"))) return d.FullName;
            throw new InvalidOperationException("repository root not found");
        }
    }

    public static string Knowledge => Path.Combine(RepoRoot, "knowledge");
    public static string Samples => Path.Combine(RepoRoot, "samples");

    private static readonly Lazy<KnowledgeBase> Kb = new(() => KnowledgeLoader.Load(Knowledge));
    public static KnowledgeBase KnowledgeBase => Kb.Value;
    public static AssessmentService Service => new(Kb.Value);
}
