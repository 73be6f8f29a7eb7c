using System.Globalization;

namespace MyeloDx.Core.Inference;

/// <summary>
/// The one way a probability is written for people, in every surface (CLI, reports, web, FHIR, CDS Hooks, decision
/// texts), in the invariant culture. Three notations, each for one purpose, so that the same probability never reads
/// differently in two places.
/// </summary>
public static class ProbabilityText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A diagnosis probability or chance as a percentage: whole percent, one decimal below 1%, and "&gt;99%" / "&lt;0.1%"
    /// at the ends, because the model's figures are not precise enough to say 100% or 0.0%.
    /// </summary>
    public static string Percent(double p) =>
        p >= 0.995 ? ">99%" : p < 0.001 ? "<0.1%" : p < 0.01 ? (p * 100).ToString("0.0", Inv) + "%" : (p * 100).ToString("0", Inv) + "%";

    /// <summary>
    /// A modelled harm risk (radiation myelopathy at a cord dose), which matters down to thousandths of a percent: two
    /// significant places below 1%, "&lt;0.001%" below that.
    /// </summary>
    public static string Risk(double p) => p switch
    {
        < 0.00001 => "<0.001%",
        < 0.001 => (p * 100).ToString("0.000", Inv) + "%",
        < 0.01 => (p * 100).ToString("0.00", Inv) + "%",
        >= 0.995 => ">99%",
        _ => (p * 100).ToString("0.#", Inv) + "%",
    };

    /// <summary>
    /// How a clinician would say a probability in words, for the "act within hours" line: "is very likely" (90% or
    /// more), "is likely" (60% or more), "is possible" (30% or more), "cannot be excluded" below that. The figure is
    /// always printed beside the words.
    /// </summary>
    public static string Verbal(double p) => p switch
    {
        >= 0.9 => "is very likely",
        >= 0.6 => "is likely",
        >= 0.3 => "is possible",
        _ => "cannot be excluded",
    };

    /// <summary>A probability as a decimal (0.42, 0.035), where a card summary writes "p≈…" in little space.</summary>
    public static string Decimal(double p) => p.ToString(p >= 0.1 ? "0.00" : "0.000", Inv);
}
