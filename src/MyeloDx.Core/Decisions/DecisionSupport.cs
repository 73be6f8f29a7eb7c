using MyeloDx.Core.Inference;
using MyeloDx.Core.Knowledge;
using MyeloDx.Core.Services;

namespace MyeloDx.Core.Decisions;

/// <summary>
/// Next-best test, management and sensitivity for one knowledge base: built once, then immutable and thread-safe.
/// </summary>
public sealed class DecisionSupport
{
    public DecisionSupport(KnowledgeBase kb, TestCatalog tests, ManagementCatalog management)
    {
        Knowledge = kb;
        Engine = new DiagnosticEngine(kb);
        Tests = tests;
        Management = management;
        Voi = new ValueOfInformation(Engine, tests);
        Recommender = new Recommender(this);
    }

    /// <summary>The one ordered answer (tests, withheld tests, management, urgent first line) that every surface renders.</summary>
    public Recommender Recommender { get; }

    public Recommendations Recommend(CaseInput input, Assessment a) => Recommender.Recommend(input, a);

    public KnowledgeBase Knowledge { get; }
    public DiagnosticEngine Engine { get; }
    public TestCatalog Tests { get; }
    public ManagementCatalog Management { get; }
    public ValueOfInformation Voi { get; }

    /// <summary>Loads tests.yaml and management.yaml from the knowledge folder, checked against <paramref name="kb"/>.</summary>
    public static DecisionSupport Load(string knowledgeFolder, KnowledgeBase kb)
    {
        var (t, m) = DecisionKnowledgeLoader.Load(knowledgeFolder, kb);
        return new DecisionSupport(kb, t, m);
    }

    /// <summary>True when the assessment was made with this knowledge base (same version, every finding known).</summary>
    public bool Matches(CaseInput input, Assessment a) =>
        a.KnowledgeVersion == Knowledge.Version
        && a.Differential.All(d => Knowledge.DiagnosisIndex.ContainsKey(d.Id))
        && input.Observations.All(o => Knowledge.Variables.ContainsKey(o.VariableId))
        && input.Computed.All(c => c.Likelihood.Count == Knowledge.Diagnoses.Count);

    public NextTestsReport NextTests(CaseInput input, string? context) => Voi.Rank(input.Observations, input.Computed, context);

    public ManagementPlan Plan(Assessment a) => ManagementPlan.For(a, Management);

    public SensitivityReport Sensitivity(CaseInput input, string? context) =>
        Decisions.Sensitivity.Analyze(Engine, input.Observations, input.Computed, context);
}
