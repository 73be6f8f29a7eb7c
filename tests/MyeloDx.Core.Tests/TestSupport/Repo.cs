using MyeloDx.Core.Cases;
using MyeloDx.Core.Dose;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Tests.TestSupport;

/// <summary>The repository's real knowledge and samples, loaded once per test run (immutable after loading).</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "knowledge", "diagnoses.yaml")) && Directory.Exists(Path.Combine(d.FullName, "samples")))
                return d.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<KnowledgeBase> KbLazy = new(() => KnowledgeLoader.Load(KnowledgeFolder));
    private static readonly Lazy<RadiotherapyKnowledge> RtLazy = new(() => RadiotherapyKnowledgeLoader.Load(KnowledgeFolder));
    private static readonly Lazy<AssessmentService> ServiceLazy = new(() =>
        MyeloDxPipeline.Create(new MyeloDxOptions { KnowledgeFolder = KnowledgeFolder, Knowledge = Kb }).Service);

    public static string Root => RootLazy.Value;
    public static string KnowledgeFolder => Path.Combine(Root, "knowledge");
    public static KnowledgeBase Kb => KbLazy.Value;
    public static RadiotherapyKnowledge Radiotherapy => RtLazy.Value;

    /// <summary>The standard composition (deriver + radiotherapy evidence + augmenters) over the real knowledge.</summary>
    public static AssessmentService Service => ServiceLazy.Value;

    /// <summary>The same knowledge without the radiotherapy provider: only the deriver's categorical findings.</summary>
    public static AssessmentService WithoutDoseModel => NoDoseLazy.Value;
    private static readonly Lazy<AssessmentService> NoDoseLazy = new(() => new AssessmentService(Kb));

    public static Case Demo => CaseJson.Parse(File.ReadAllText(Path.Combine(Root, "samples", "seed-case.json")), "demo");
}
