namespace MyeloDx.Web.Pages;

/// <summary>A source as the pages show it: short text, the full citation (as a tooltip) and a link when one can be made.</summary>
public sealed record Citation(string Text, string Title, string? Url)
{
    public static readonly Citation Estimate = new("estimate", "no published figure: an estimate with its reason in the knowledge base", null);
    public bool IsEstimate => ReferenceEquals(this, Estimate);
}
