using System.Text;
using MyeloDx.Core.Contract;

namespace MyeloDx.Web.Cds;

/// <summary>
/// The decision part of the CDS Hooks answer, read from the same JSON sections as every other surface
/// (<c>firstAction</c>, <c>nextTests</c>, <c>withheldTests</c>, <c>references</c>): an urgent card first when a
/// time-critical cause is plausible, and the next tests in their safe order with preconditions and citations.
/// </summary>
internal static class CdsRecommendations
{
    /// <summary>The card that must come first: what to do within hours (null when nothing is time-critical).</summary>
    public static CdsCard? UrgentCard(AssessmentDocument? json, CdsSource source, string baseUrl)
    {
        if (json?.FirstAction is not { } f) return null;
        var text = f.Text;
        var summary = text.Length > 139 ? text[..136] + "..." : text;
        var cites = f.Citations.ToList();
        var detail = new StringBuilder().AppendLine($"**{text}** {string.Join("", cites)}".TrimEnd()).AppendLine();
        AppendReferences(detail, json, cites);
        detail.AppendLine($"_{MyeloDx.Core.Inference.Assessment.Caveat}_");
        return new CdsCard
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = summary,
            Detail = detail.ToString(),
            Indicator = CdsIndicator.Critical,
            Source = source,
            Links = [new CdsLink("Open MyeloDx", baseUrl + "/")],
        };
    }

    /// <summary>"Next tests, in order" with each test's "after …" notes, the withheld tests and their references.</summary>
    public static string TestsMarkdown(AssessmentDocument? json)
    {
        var tests = json?.NextTests ?? [];
        var withheld = json?.WithheldTests ?? [];
        if (tests.Count == 0 && withheld.Count == 0) return "";
        var md = new StringBuilder();
        var used = new List<string>();
        if (tests.Count > 0)
        {
            md.AppendLine("**Next tests, in order:**").AppendLine();
            foreach (var t in tests)
            {
                used.AddRange(t.Citations);
                md.AppendLine($"{t.Rank}. {t.Name} {string.Join("", t.Citations)}".TrimEnd());
                foreach (var a in t.After)
                {
                    var c = a.Citation;
                    if (c.StartsWith('[')) used.Add(c);
                    md.AppendLine($"    - {a.Text} {(c.StartsWith('[') ? c : "")}".TrimEnd());
                }
            }
            md.AppendLine();
        }
        if (withheld.Count > 0)
        {
            md.AppendLine("**Withheld for this patient:**").AppendLine();
            foreach (var w in withheld)
            {
                var c = w.Citation;
                if (c.StartsWith('[')) used.Add(c);
                md.AppendLine($"- {w.Name}: {w.Reason} {(c.StartsWith('[') ? c : "")}".TrimEnd());
            }
            md.AppendLine();
        }
        AppendReferences(md, json, used);
        return md.ToString();
    }

    private static void AppendReferences(StringBuilder md, AssessmentDocument? json, IEnumerable<string> cites)
    {
        var numbers = cites.Select(c => int.TryParse(c.Trim('[', ']'), out var n) ? n : 0).Where(n => n > 0).ToHashSet();
        var refs = (json?.References ?? []).Where(r => numbers.Contains(r.Number)).ToList();
        if (refs.Count == 0) return;
        md.AppendLine("References:").AppendLine();
        foreach (var r in refs) md.AppendLine($"[{r.Number}] {r.Citation} {r.Link}".TrimEnd());
        md.AppendLine();
    }
}
