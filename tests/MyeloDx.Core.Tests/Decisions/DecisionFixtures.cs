using MyeloDx.Core.Cases;
using MyeloDx.Core.Decisions;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Tests.Decisions;

/// <summary>The real knowledge base, the decision knowledge and the sample cases, loaded once for all tests.</summary>
internal static class DecisionFixtures
{
    private static readonly Lazy<(KnowledgeBase Kb, DecisionSupport Support, AssessmentService Service)> Loaded = new(() =>
    {
        var folder = AssessmentService.DefaultKnowledgeFolder();
        var loaded = KnowledgeLoader.Load(folder);
        // These tests check the exact arithmetic of sensitivity and value of information, which is stated for plain
        // Bayes; the reading-error allowance and caps (knowledge/dependence.yaml) make those figures approximate.
        var kb = new KnowledgeBase(loaded.Version, loaded.Diagnoses, loaded.Variables, loaded.Sources, loaded.Priors, "case_reports", loaded.Notes)
            { EvidenceWeight = loaded.EvidenceWeight, EvidenceWeightProvenance = loaded.EvidenceWeightProvenance };
        return (kb, DecisionSupport.Load(folder, kb), new AssessmentService(kb));
    });

    public static KnowledgeBase Kb => Loaded.Value.Kb;
    public static DecisionSupport Support => Loaded.Value.Support;
    public static AssessmentService Service => Loaded.Value.Service;
    public static DiagnosticEngine Engine => Support.Engine;

    public static string KnowledgeFolder => AssessmentService.DefaultKnowledgeFolder();

    public static string RepoFile(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, relative);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException(relative);
    }

    public static CaseInput Sample(string name) =>
        Service.FromCase(CaseJson.Parse(File.ReadAllText(RepoFile(Path.Combine("samples", name))), name));

    public static CaseInput Demo => Sample("seed-case.json");

    public static double[] Posterior(Assessment a) => ValueOfInformation.Posterior(a, Kb);
}
