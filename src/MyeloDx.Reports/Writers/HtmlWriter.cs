using System.Globalization;
using System.Text;
using MyeloDx.Core.Inference;

namespace MyeloDx.Reports.Writers;

/// <summary>
/// Renders a report as one self-contained, printable HTML page: inline CSS (with print rules), the chart as inline
/// SVG, no script and no external resource. The markup is also well-formed XML, so it can be checked mechanically.
/// </summary>
public static class HtmlWriter
{
    private const string Css = """
        :root { --ink: #1d2430; --muted: #5b6573; --line: #d5dae1; --accent: #1f5fa8; --lead: #0b3d75; --emergency: #a61b1b; --warning: #8a5a00; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #f4f6f8; }
        main { max-width: 52rem; margin: 2rem auto; padding: 2.5rem 3rem; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
        h1 { font-size: 1.55rem; line-height: 1.25; margin: 0 0 .4rem; }
        h2 { font-size: 1.05rem; letter-spacing: .06em; margin: 1.8rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
        h3 { font-size: 1rem; margin: 1.3rem 0 .4rem; }
        .byline { color: var(--muted); font-size: .85rem; margin: 0 0 1.2rem; }
        p { margin: .5rem 0; }
        ul, ol { margin: .4rem 0 .8rem; padding-left: 1.6rem; }
        li { margin: .2rem 0; }
        ol.small, ul.small { font-size: .8rem; color: var(--muted); }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
        th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eef2f6; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        .notice { border-left: 5px solid var(--muted); background: #f6f7f9; padding: .6rem .9rem; margin: .8rem 0; }
        .notice.emergency { border-color: var(--emergency); background: #fdecec; color: var(--emergency); font-weight: 600; }
        .notice.warning { border-color: var(--warning); background: #fff6e0; }
        .notice.caveat { border-color: var(--accent); background: #eef4fb; }
        figure { margin: .8rem 0; }
        figure.key-image img { max-width: 100%; height: auto; border: 1px solid #ccc; }
        figcaption { font-size: .85rem; color: var(--muted); }
        svg text { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; }
        footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .6rem; }
        @page { size: A4; margin: 18mm 16mm; }
        @media print {
          body { background: #fff; font-size: 11pt; }
          main { box-shadow: none; margin: 0; padding: 0; max-width: none; }
          h2, h3 { break-after: avoid; }
          table, figure, .notice { break-inside: avoid; }
        }
        """;

    public static string Write(ReportDocument doc)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        sb.Append("<meta name=\"generator\" content=\"MyeloDx\" />\n");
        sb.Append("<title>").Append(Esc(doc.Title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<main>\n");
        sb.Append("<h1>").Append(Esc(doc.Title)).Append("</h1>\n");
        sb.Append("<p class=\"byline\">").Append(Esc(doc.Byline)).Append("</p>\n");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in doc.Blocks)
        {
            switch (b)
            {
                case HeadingBlock h:
                    var lvl = Math.Clamp(h.Level, 2, 6);
                    var id = Slug(h.Text);
                    for (var k = 2; !ids.Add(id); k++) id = $"{Slug(h.Text)}-{k}";
                    sb.Append($"<h{lvl} id=\"{id}\">").Append(Esc(h.Text)).Append($"</h{lvl}>\n");
                    break;
                case ParagraphBlock p:
                    sb.Append("<p>").Append(Inline(p.Lead, p.Text)).Append("</p>\n");
                    break;
                case ListBlock l:
                    var tag = l.Numbered ? "ol" : "ul";
                    sb.Append('<').Append(tag).Append(l.Small ? " class=\"small\"" : "").Append(">\n");
                    foreach (var i in l.Items) sb.Append("<li>").Append(Inline(i.Lead, i.Text)).Append("</li>\n");
                    sb.Append("</").Append(tag).Append(">\n");
                    break;
                case TableBlock t:
                    Table(sb, t);
                    break;
                case NoticeBlock n:
                    var cls = n.Kind switch { NoticeKind.Emergency => "emergency", NoticeKind.Warning => "warning", _ => "caveat" };
                    sb.Append($"<div class=\"notice {cls}\" role=\"{(n.Kind == NoticeKind.Caveat ? "note" : "alert")}\"><strong>")
                      .Append(Esc(n.Title)).Append(".</strong> ").Append(Esc(n.Text)).Append("</div>\n");
                    break;
                case ImageBlock im:
                    sb.Append("<figure class=\"key-image\">\n<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(im.Image.Png))
                      .Append("\" width=\"").Append(im.Image.Width).Append("\" height=\"").Append(im.Image.Height).Append("\" alt=\"").Append(Esc(im.Legend)).Append("\">\n")
                      .Append("<figcaption>").Append(Inline(im.Label, im.Legend)).Append("</figcaption>\n</figure>\n");
                    break;
                case ChartBlock c:
                    sb.Append("<figure>\n").Append(Svg(c)).Append("<figcaption>").Append(Esc(c.Caption)).Append("</figcaption>\n</figure>\n");
                    break;
            }
        }
        sb.Append("<footer>").Append(Esc(doc.Caveat)).Append("</footer>\n</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, TableBlock t)
    {
        string Cls(int i) => i < t.Numeric.Count && t.Numeric[i] ? " class=\"num\"" : "";
        sb.Append("<table>\n<thead><tr>");
        for (var i = 0; i < t.Header.Count; i++) sb.Append($"<th{Cls(i)}>").Append(Esc(t.Header[i])).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in t.Rows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < r.Count; i++) sb.Append($"<td{Cls(i)}>").Append(Esc(r[i])).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>A horizontal bar chart in SVG: label, bar scaled to the 0-1 range, value. Sized for an A4 page.</summary>
    internal static string Svg(ChartBlock c)
    {
        const double width = 720, labelW = 330, valueW = 60, row = 22, bar = 14, top = 8;
        var plotW = width - labelW - valueW;
        var height = top * 2 + row * c.Bars.Count + 18;
        var sb = new StringBuilder();
        string N(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"100%\" role=\"img\" aria-label=\"{Esc(c.Caption)}\">\n");
        sb.Append("<title>").Append(Esc(c.Caption)).Append("</title>\n");
        // grid at 0, 25, 50, 75, 100 %
        for (var g = 0; g <= 4; g++)
        {
            var x = labelW + plotW * g / 4;
            sb.Append($"<line x1=\"{N(x)}\" y1=\"{N(top)}\" x2=\"{N(x)}\" y2=\"{N(top + row * c.Bars.Count)}\" stroke=\"#d5dae1\" stroke-width=\"1\" />\n");
            sb.Append($"<text x=\"{N(x)}\" y=\"{N(height - 4)}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6573\">{g * 25}%</text>\n");
        }
        for (var i = 0; i < c.Bars.Count; i++)
        {
            var b = c.Bars[i];
            var y = top + row * i;
            var w = Math.Max(plotW * Math.Clamp(b.Value, 0, 1), b.Value > 0 ? 1 : 0);
            var fill = b.Highlight ? "#0b3d75" : "#7fa7d6";
            var weight = b.Highlight ? " font-weight=\"bold\"" : "";
            sb.Append($"<text x=\"{N(labelW - 8)}\" y=\"{N(y + bar - 2)}\" font-size=\"12\" text-anchor=\"end\"{weight}>{Esc(Truncate(b.Label, 48))}</text>\n");
            sb.Append($"<rect x=\"{N(labelW)}\" y=\"{N(y + 1)}\" width=\"{N(w)}\" height=\"{N(bar)}\" fill=\"{fill}\"><title>{Esc(b.Label)}: {Esc(ProbabilityText.Percent(b.Value))}</title></rect>\n");
            sb.Append($"<text x=\"{N(labelW + plotW + 6)}\" y=\"{N(y + bar - 2)}\" font-size=\"12\"{weight}>{Esc(ProbabilityText.Percent(b.Value))}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    private static string Inline(string? lead, string text) =>
        lead is { Length: > 0 } l ? $"<strong>{Esc(l)}</strong>{(text.Length > 0 ? " " + Esc(text) : "")}" : Esc(text);

    internal static string Esc(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                default:
                    if (char.IsControl(ch) && ch is not '\n' and not '\t') break; // not allowed in XML/HTML text
                    sb.Append(ch);
                    break;
            }
        }
        return sb.ToString();
    }

    private static string Slug(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "section" : slug;
    }
}
