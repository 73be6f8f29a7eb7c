using System.Globalization;
using MyeloDx.Core.Contract;

namespace MyeloDx.Core.Scores;

/// <summary>
/// One clinical score computed from the case: its value (or the range the case allows), a plain summary, what is
/// missing to pin it down, and its sources (ids in knowledge/sources.yaml).
/// </summary>
public sealed record ScoreResult(
    string Id,
    string Name,
    /// <summary>The grade or value ("C", "2.5", "C or D"); null when nothing could be computed.</summary>
    string? Value,
    string Summary,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Sources)
{
    public ScoreDetails? Details { get; init; }

    public bool Computed => Value is not null;

    public ScoreEntry ToEntry() => new(Name, Value, Summary, Missing, Sources, Details);

    internal static string F(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);
}
