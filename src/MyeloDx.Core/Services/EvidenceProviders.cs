namespace MyeloDx.Core.Services;

/// <summary>The computed-evidence providers every front end (CLI, web) uses. Add new providers here.</summary>
public static class EvidenceProviders
{
    public static IReadOnlyList<IEvidenceProvider> Default() => [];
}
