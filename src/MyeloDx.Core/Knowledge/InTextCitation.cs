using System.Text.RegularExpressions;

namespace MyeloDx.Core.Knowledge;

/// <summary>
/// The author-year form of a reference for running text ("Kirkpatrick et al. 2010", "Schultheiss 2008"): what a
/// clinician recognises, where the knowledge base's source key ("Kirkpatrick2010") would be team jargon.
/// </summary>
public static partial class InTextCitation
{
    [GeneratedRegex(@"\b(1[89]\d{2}|20\d{2})\b")]
    private static partial Regex Year();

    // the publication year as journals print it: "IJROBP 2010;76", "Lancet 2005;366", "J Neurol 2019:12", "2004."
    [GeneratedRegex(@"\b(1[89]\d{2}|20\d{2})(?=\s*[;:.(]|\s*$)")]
    private static partial Regex PublicationYear();

    /// <summary>First author's surname, "et al." when there are more authors, and the first year in the citation.</summary>
    public static string For(string citation)
    {
        var authorsEnd = citation.IndexOf(". ", StringComparison.Ordinal);
        var authors = authorsEnd > 0 ? citation[..authorsEnd] : citation;
        var first = authors.Split(',')[0].Trim();
        // "Kirkpatrick JP" → "Kirkpatrick"; "van der Kogel AJ" → "van der Kogel"; a group author stays whole
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var surname = words.Length > 1 && words[^1].All(char.IsUpper) && words[^1].Length <= 3 ? string.Join(' ', words[..^1]) : first;
        var more = authors.Contains(',') ? " et al." : "";
        var rest = authorsEnd > 0 ? citation[authorsEnd..] : citation;
        var year = PublicationYear().Match(rest) is { Success: true } py ? py : Year().Match(rest);
        return year.Success ? $"{surname}{more} {year.Value}" : $"{surname}{more}";
    }
}
