using System.Collections.Frozen;

namespace MyeloDx.Core.Knowledge;

/// <summary>
/// The state ids of the knowledge base that say a finding is not there or is normal (absent, none, no known cancer,
/// a negative cytology, PET without relevant uptake). The text reader treats a denial after such a state as agreement,
/// and the gold evaluator scores such a state as the negative polarity; both read the one list here.
/// </summary>
public static class NegativeStates
{
    private static readonly FrozenSet<string> States =
        new[] { "absent", "none", "none_known", "negative_single", "negative_repeated", "no_relevant_uptake" }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string? state) => state is not null && States.Contains(state);
}
