using MyeloDx.Core.Dose;

namespace MyeloDx.Core.Services;

/// <summary>The computed-evidence providers every front end (CLI, web) uses. Add new providers here.</summary>
public static class EvidenceProviders
{
    public static IReadOnlyList<IEvidenceProvider> Default(string knowledgeFolder) =>
    [
        // cord dose at the affected levels and latency (knowledge/radiotherapy.yaml), replacing cord_rt_exposure
        new RadiotherapyEvidenceProvider(() => RadiotherapyKnowledgeLoader.Load(knowledgeFolder)),
    ];
}
