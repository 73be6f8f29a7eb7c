using System.Text;
using MyeloDx.Core.Inference;

namespace MyeloDx.Reports.Writers;

/// <summary>Renders a report as CommonMark/GFM Markdown (tables, block quotes). Deterministic: same document, same text.</summary>
public static class MarkdownWriter
{
    private const int BarWidth = 30;

    public static string Write(ReportDocument doc)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Esc(doc.Title)).Append("\n\n");
        sb.Append('_').Append(Esc(doc.Byline)).Append("_\n\n");
        foreach (var b in doc.Blocks)
        {
            switch (b)
            {
                case HeadingBlock h:
                    sb.Append(new string('#', Math.Clamp(h.Level, 2, 6))).Append(' ').Append(Esc(h.Text)).Append("\n\n");
                    break;
                case ParagraphBlock p:
                    sb.Append(p.Lead is { Length: > 0 } ? Inline(p.Lead, p.Text) : Esc(p.Text, atLineStart: true)).Append("\n\n");
                    break;
                case ListBlock l:
                    for (var i = 0; i < l.Items.Count; i++)
                        sb.Append(l.Numbered ? $"{i + 1}. " : "- ").Append(Inline(l.Items[i].Lead, l.Items[i].Text)).Append('\n');
                    sb.Append('\n');
                    break;
                case TableBlock t:
                    Table(sb, t.Header, t.Rows, t.Numeric);
                    break;
                case NoticeBlock n:
                    var mark = n.Kind switch { NoticeKind.Emergency => "🚨 ", NoticeKind.Warning => "⚠ ", _ => "" };
                    sb.Append("> ").Append(mark).Append("**").Append(Esc(n.Title)).Append(".** ").Append(Esc(n.Text)).Append("\n\n");
                    break;
                case ImageBlock im:
                    sb.Append(Inline(im.Label, im.Legend + " (the image is in the HTML and PDF reports)")).Append("\n\n");
                    break;
                case ChartBlock c:
                    sb.Append("**").Append(Esc(c.Caption)).Append("**\n\n");
                    var rows = c.Bars.Select(bar => (IReadOnlyList<string>)
                    [
                        bar.Highlight ? $"**{Esc(bar.Label)}**" : Esc(bar.Label),
                        ProbabilityText.Percent(bar.Value),
                        "`" + Bar(bar.Value) + "`",
                    ]).ToList();
                    Table(sb, ["Diagnosis", "Probability", "Posterior"], rows, [false, true, false], escape: false);
                    break;
            }
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>A text bar, one block per 1/30 of probability; a non-zero probability shows at least a thin mark.</summary>
    internal static string Bar(double p)
    {
        var n = (int)Math.Round(Math.Clamp(p, 0, 1) * BarWidth);
        var s = new string('█', n);
        if (n == 0 && p >= 0.001) s = "▏";
        return s.PadRight(BarWidth, ' ');
    }

    private static string Inline(string? lead, string text) =>
        lead is { Length: > 0 } l ? (text.Length > 0 ? $"**{Esc(l)}** {Esc(text)}" : $"**{Esc(l)}**") : Esc(text);

    private static void Table(StringBuilder sb, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<bool> numeric, bool escape = true)
    {
        string Cell(string s) => (escape ? Esc(s) : s).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        sb.Append("| ").Append(string.Join(" | ", header.Select(h => Cell(h)))).Append(" |\n");
        sb.Append('|').Append(string.Join("|", header.Select((_, i) => i < numeric.Count && numeric[i] ? "---:" : "---"))).Append("|\n");
        foreach (var r in rows) sb.Append("| ").Append(string.Join(" | ", r.Select(c => Cell(c)))).Append(" |\n");
        sb.Append('\n');
    }

    /// <summary>Escapes the characters that would otherwise start Markdown syntax inside running text.</summary>
    internal static string Esc(string s, bool atLineStart = false)
    {
        var sb = new StringBuilder(s.Length + 8);
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            switch (ch)
            {
                case '\\' or '*' or '`' or '_' when ch != '_' || IsEmphasisUnderscore(s, i):
                    sb.Append('\\').Append(ch);
                    break;
                case '<' when i + 1 < s.Length && (char.IsLetter(s[i + 1]) || s[i + 1] is '/' or '!'):
                    sb.Append("&lt;");
                    break;
                case '#' when i == 0 && atLineStart:
                    sb.Append("\\#");
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>An underscore inside a word (snake_case ids) is literal in CommonMark; only a word-edge one needs escaping.</summary>
    private static bool IsEmphasisUnderscore(string s, int i) =>
        !(i > 0 && char.IsLetterOrDigit(s[i - 1]) && i + 1 < s.Length && char.IsLetterOrDigit(s[i + 1]));
}
