using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MyeloDx.Reports.Writers;

/// <summary>
/// Renders a report as an A4 PDF with PDFsharp: text laid out and wrapped here (no MigraDoc), page breaks between
/// lines and table rows, the probability chart drawn as bars, and the caveat in every page's footer.
/// </summary>
public static partial class PdfWriter
{
    public static byte[] Write(ReportDocument doc)
    {
        using var ms = new MemoryStream();
        Write(doc, ms);
        return ms.ToArray();
    }

    public static void Write(ReportDocument doc, Stream output)
    {
        EmbeddedFontResolver.EnsureRegistered();
        // The summary must stay on one page and the case report within five, whatever the services add: when the
        // text spills over, it is set again a little smaller (down to 88%), then with tighter spacing, rather than cut.
        var (first, limit) = doc.Kind == ReportKind.ClinicianSummary ? (Style.Compact, 1) : (Style.Normal, 5);
        Style[] styles = [first, first.Scaled(0.94), first.Scaled(0.88), first.Scaled(0.88) with { Gap = first.Gap * 0.6, Dense = true }];
        for (var i = 0; i < styles.Length; i++)
        {
            using var pdf = new PdfDocument();
            pdf.Info.Title = doc.Title;
            pdf.Info.Author = "MyeloDx";
            pdf.Info.Subject = doc.Kind == ReportKind.CaseReport ? "Case report" : "Clinician summary";
            pdf.Info.CreationDate = doc.GeneratedAt.UtcDateTime;
            pdf.Info.ModificationDate = doc.GeneratedAt.UtcDateTime;
            int pages;
            using (var layout = new Layout(pdf, doc, styles[i]))
            {
                layout.Render();
                pages = layout.Pages;
            }
            if (pages <= limit || i == styles.Length - 1)
            {
                pdf.Save(output, false);
                return;
            }
        }
    }

    internal sealed record Style(double Body, double Small, double H1, double H2, double H3, double Gap, bool Dense = false)
    {
        public static readonly Style Normal = new(9, 7.6, 14, 11, 9.5, 3.2);
        public static readonly Style Compact = new(8, 6.8, 12, 9.6, 8.8, 2.2, Dense: true);
        public Style Scaled(double f) => this with { Body = Body * f, Small = Small * f, H1 = H1 * f, H2 = H2 * f, H3 = H3 * f, Gap = Gap * f };
    }

    private readonly record struct Run(string Text, XFont Font, XBrush Brush);

    private readonly record struct Piece(string Text, XFont Font, XBrush Brush, double X, double Width);

    private sealed class Line(List<Piece> pieces, double height)
    {
        public List<Piece> Pieces { get; } = pieces;
        public double Height { get; } = height;
        public double Width => Pieces.Count == 0 ? 0 : Pieces[^1].X + Pieces[^1].Width;
    }

    private sealed partial class Layout : IDisposable
    {
        private const double PageW = 595.28, PageH = 841.89, Margin = 40, FooterH = 18;
        private static readonly XColor Accent = XColor.FromArgb(0x1f, 0x5f, 0xa8);
        private static readonly XColor Lead = XColor.FromArgb(0x0b, 0x3d, 0x75);
        private static readonly XColor Light = XColor.FromArgb(0x7f, 0xa7, 0xd6);
        private static readonly XColor Grid = XColor.FromArgb(0xd5, 0xda, 0xe1);
        private static readonly XColor Muted = XColor.FromArgb(0x5b, 0x65, 0x73);
        private static readonly XColor Emergency = XColor.FromArgb(0xa6, 0x1b, 0x1b);

        private readonly PdfDocument _pdf;
        private readonly ReportDocument _doc;
        private readonly Style _s;
        private readonly XFont _body, _bold, _small, _smallBold, _h1, _h2, _h3;
        private readonly XBrush _ink = XBrushes.Black, _muted = new XSolidBrush(Muted), _accent = new XSolidBrush(Accent), _red = new XSolidBrush(Emergency);
        private XGraphics? _g;
        private double _y;
        private int _page;

        public Layout(PdfDocument pdf, ReportDocument doc, Style s)
        {
            _pdf = pdf; _doc = doc; _s = s;
            const string f = EmbeddedFontResolver.Family;
            _body = new XFont(f, s.Body, XFontStyleEx.Regular);
            _bold = new XFont(f, s.Body, XFontStyleEx.Bold);
            _small = new XFont(f, s.Small, XFontStyleEx.Regular);
            _smallBold = new XFont(f, s.Small, XFontStyleEx.Bold);
            _h1 = new XFont(f, s.H1, XFontStyleEx.Bold);
            _h2 = new XFont(f, s.H2, XFontStyleEx.Bold);
            _h3 = new XFont(f, s.H3, XFontStyleEx.Bold);
        }

        private XGraphics G => _g ?? throw new InvalidOperationException("no page");
        private static double Left => Margin;
        private static double ContentW => PageW - 2 * Margin;
        private static double Bottom => PageH - Margin - FooterH;

        public int Pages => _page;
        public void Dispose() => _g?.Dispose();

        public void Render()
        {
            NewPage();
            Text([new Run(_doc.Title, _h1, _ink)], Left, ContentW);
            _y += 2;
            Text([new Run(_doc.Byline, _small, _muted)], Left, ContentW);
            _y += _s.Gap * 2;
            foreach (var b in _doc.Blocks)
            {
                switch (b)
                {
                    case HeadingBlock h: Heading(h); break;
                    case ParagraphBlock p: Text(Runs(p.Lead, p.Text, _body, _bold), Left, ContentW); _y += _s.Gap; break;
                    case ListBlock l: List(l); break;
                    case TableBlock t: Table(t); break;
                    case NoticeBlock n: Notice(n); break;
                    case ChartBlock c: Chart(c); break;
                    case ImageBlock i: Image(i); break;
                }
            }
        }

        private void NewPage()
        {
            _g?.Dispose();
            var page = _pdf.AddPage();
            page.Size = PageSize.A4;
            _g = XGraphics.FromPdfPage(page);
            _page++;
            _y = Margin;
            var footY = PageH - Margin + 4;
            G.DrawLine(new XPen(Grid, 0.5), Left, footY - 4, Left + ContentW, footY - 4);
            var pageText = "page " + _page.ToString(CultureInfo.InvariantCulture);
            var pw = G.MeasureString(pageText, _small).Width;
            var caveat = Fit(_doc.Caveat.Split(':')[0].TrimEnd('.') + ".", _small, ContentW - pw - 12);
            G.DrawString(caveat, _small, _muted, Left, footY, XStringFormats.TopLeft);
            G.DrawString(pageText, _small, _muted, Left + ContentW - pw, footY, XStringFormats.TopLeft);
        }

        private string Fit(string s, XFont font, double width)
        {
            if (G.MeasureString(s, font).Width <= width) return s;
            while (s.Length > 1 && G.MeasureString(s + "…", font).Width > width) s = s[..^1];
            return s.TrimEnd() + "…";
        }

        private void Ensure(double h)
        {
            if (_y + h > Bottom && _y > Margin + 0.5) NewPage();
        }

        private static List<Run> Runs(string? lead, string text, XFont font, XFont bold, XBrush? brush = null)
        {
            var b = brush ?? XBrushes.Black;
            var r = new List<Run>();
            if (lead is { Length: > 0 }) r.Add(new Run(lead, bold, b));
            if (text.Length > 0) r.Add(new Run(text, font, b));
            return r;
        }

        private double LineH(XFont f) => f.Size * 1.27;

        /// <summary>Greedy word wrap of styled runs into lines no wider than <paramref name="width"/>.</summary>
        private List<Line> Wrap(IReadOnlyList<Run> runs, double width)
        {
            var lines = new List<Line>();
            var cur = new List<Piece>();
            double x = 0, h = 0;
            var pendingSpace = false;
            XFont? lastFont = null;
            void Break()
            {
                lines.Add(new Line(cur, h > 0 ? h : LineH(lastFont ?? _body)));
                cur = []; x = 0; h = 0; pendingSpace = false;
            }
            foreach (var run in runs)
            {
                var spaceW = G.MeasureString(" ", run.Font).Width;
                var paragraphs = run.Text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
                for (var pi = 0; pi < paragraphs.Length; pi++)
                {
                    if (pi > 0) Break();
                    var words = paragraphs[pi].Split(' ');
                    for (var wi = 0; wi < words.Length; wi++)
                    {
                        var word = words[wi];
                        if (word.Length == 0) { if (cur.Count > 0) pendingSpace = true; continue; }
                        var w = G.MeasureString(word, run.Font).Width;
                        var lead = pendingSpace || (wi > 0 && cur.Count > 0) ? spaceW : 0;
                        if (cur.Count > 0 && x + lead + w > width) { Break(); lead = 0; }
                        while (w > width)
                        {
                            // a word longer than the line: cut it at the last character that fits
                            var n = word.Length - 1;
                            while (n > 1 && G.MeasureString(word[..n], run.Font).Width > width - x) n--;
                            var part = word[..n];
                            cur.Add(new Piece(part, run.Font, run.Brush, x, G.MeasureString(part, run.Font).Width));
                            h = Math.Max(h, LineH(run.Font));
                            Break();
                            word = word[n..];
                            w = G.MeasureString(word, run.Font).Width;
                        }
                        cur.Add(new Piece(word, run.Font, run.Brush, x + lead, w));
                        x += lead + w;
                        h = Math.Max(h, LineH(run.Font));
                        lastFont = run.Font;
                        pendingSpace = false;
                    }
                    pendingSpace = cur.Count > 0; // the next run starts after a space
                }
            }
            if (cur.Count > 0) Break();
            return lines;
        }

        private void DrawLine(Line line, double x0, double y)
        {
            foreach (var p in line.Pieces) G.DrawString(p.Text, p.Font, p.Brush, x0 + p.X, y, XStringFormats.TopLeft);
        }

        /// <summary>Flowing text: each line may start a new page.</summary>
        private void Text(IReadOnlyList<Run> runs, double x, double width)
        {
            foreach (var line in Wrap(runs, width))
            {
                Ensure(line.Height);
                DrawLine(line, x, _y);
                _y += line.Height;
            }
        }

        private void Heading(HeadingBlock h)
        {
            var font = h.Level <= 2 ? _h2 : _h3;
            var lines = Wrap([new Run(h.Text, font, h.Level <= 2 ? _accent : _ink)], ContentW);
            // keep a heading with at least three lines of what follows
            Ensure(lines.Sum(l => l.Height) + _s.Gap * 2 + LineH(_body) * 3);
            _y += h.Level <= 2 ? _s.Gap * 2 : _s.Gap;
            foreach (var l in lines) { DrawLine(l, Left, _y); _y += l.Height; }
            if (h.Level <= 2)
            {
                G.DrawLine(new XPen(Accent, 1.2), Left, _y + 1, Left + ContentW, _y + 1);
                _y += 4;
            }
            _y += _s.Gap * 0.6;
        }

        private void List(ListBlock l)
        {
            var (font, bold) = l.Small ? (_small, _smallBold) : (_body, _bold);
            var indent = l.Numbered ? font.Size * 2.2 : font.Size * 1.4;
            for (var i = 0; i < l.Items.Count; i++)
            {
                var item = l.Items[i];
                var lines = Wrap(Runs(item.Lead, item.Text, font, bold), ContentW - indent);
                var marker = l.Numbered ? (i + 1).ToString(CultureInfo.InvariantCulture) + "." : "•";
                for (var k = 0; k < lines.Count; k++)
                {
                    Ensure(lines[k].Height);
                    if (k == 0) G.DrawString(marker, font, _ink, Left + (l.Numbered ? 0 : 3), _y, XStringFormats.TopLeft);
                    DrawLine(lines[k], Left + indent, _y);
                    _y += lines[k].Height;
                }
                _y += _s.Gap * 0.4;
            }
            _y += _s.Gap * 0.6;
        }

        private void Table(TableBlock t)
        {
            const double pad = 3;
            var cols = t.Header.Count;
            var font = _s.Dense ? _small : _body;
            var headFont = _s.Dense ? _smallBold : _bold;
            // Each column is at least as wide as its longest word (so no word is ever cut across lines), then the
            // remaining width goes to the columns whose text would otherwise wrap most, in proportion to what they lack.
            var natural = new double[cols];
            var minimum = new double[cols];
            double WordMax(string text, XFont f) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(w => G.MeasureString(w, f).Width).DefaultIfEmpty(0).Max();
            for (var c = 0; c < cols; c++)
            {
                // a header wraps rather than widen its column: it counts by its longest word only
                minimum[c] = WordMax(t.Header[c], headFont);
                natural[c] = minimum[c];
                foreach (var r in t.Rows)
                {
                    if (c >= r.Count) continue;
                    natural[c] = Math.Max(natural[c], G.MeasureString(r[c], font).Width);
                    minimum[c] = Math.Max(minimum[c], WordMax(r[c], font));
                }
                natural[c] = Math.Min(natural[c], ContentW * 0.7) + 2 * pad + 1;
                minimum[c] = Math.Min(minimum[c] + 2 * pad + 1, natural[c]);
            }
            var widths = natural.ToArray();
            var total = natural.Sum();
            if (total > ContentW)
            {
                var spare = ContentW - minimum.Sum();
                var lack = Enumerable.Range(0, cols).Select(c => natural[c] - minimum[c]).ToArray();
                if (spare < 0) for (var c = 0; c < cols; c++) widths[c] = minimum[c] * ContentW / minimum.Sum();
                else
                {
                    // water-filling: the columns that lack least get all they need, the longest text takes the rest
                    var left = cols;
                    foreach (var c in Enumerable.Range(0, cols).OrderBy(c => lack[c]))
                    {
                        var give = Math.Min(lack[c], spare / left--);
                        widths[c] = minimum[c] + give;
                        spare -= give;
                    }
                }
            }
            else
            {
                var extra = (ContentW - total) / cols;
                for (var c = 0; c < cols; c++) widths[c] += extra;
            }

            void Row(IReadOnlyList<string> cells, XFont f, bool header)
            {
                var wrapped = Enumerable.Range(0, cols).Select(c => Wrap([new Run(c < cells.Count ? cells[c] : "", f, _ink)], widths[c] - 2 * pad)).ToArray();
                var h = wrapped.Max(w => w.Sum(l => l.Height)) + 2 * pad;
                if (h < LineH(f) + 2 * pad) h = LineH(f) + 2 * pad;
                if (_y + h > Bottom && _y > Margin + 0.5)
                {
                    NewPage();
                    if (!header) Row(t.Header, headFont, true);
                }
                var x = Left;
                for (var c = 0; c < cols; c++)
                {
                    var rect = new XRect(x, _y, widths[c], h);
                    if (header) G.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xee, 0xf2, 0xf6)), rect);
                    G.DrawRectangle(new XPen(Grid, 0.6), rect);
                    var yy = _y + pad;
                    var numeric = c < t.Numeric.Count && t.Numeric[c];
                    foreach (var l in wrapped[c])
                    {
                        var dx = numeric ? widths[c] - 2 * pad - l.Width : 0;
                        DrawLine(l, x + pad + dx, yy);
                        yy += l.Height;
                    }
                    x += widths[c];
                }
                _y += h;
            }

            Ensure(LineH(headFont) * 2 + 4 * pad);
            Row(t.Header, headFont, true);
            foreach (var r in t.Rows) Row(r, font, false);
            _y += _s.Gap * 1.5;
        }

        private void Notice(NoticeBlock n)
        {
            const double pad = 6, bar = 4;
            var color = n.Kind switch { NoticeKind.Emergency => Emergency, NoticeKind.Warning => XColor.FromArgb(0x8a, 0x5a, 0x00), _ => Accent };
            var bg = n.Kind switch { NoticeKind.Emergency => XColor.FromArgb(0xfd, 0xec, 0xec), NoticeKind.Warning => XColor.FromArgb(0xff, 0xf6, 0xe0), _ => XColor.FromArgb(0xee, 0xf4, 0xfb) };
            var brush = n.Kind == NoticeKind.Emergency ? _red : _ink;
            var lines = Wrap(Runs(n.Title + ".", n.Text, n.Kind == NoticeKind.Emergency ? _bold : _body, _bold, brush), ContentW - 2 * pad - bar);
            var h = lines.Sum(l => l.Height) + 2 * pad;
            if (h <= Bottom - Margin) Ensure(h);
            G.DrawRectangle(new XSolidBrush(bg), Left, _y, ContentW, Math.Min(h, Bottom - _y));
            G.DrawRectangle(new XSolidBrush(color), Left, _y, bar, Math.Min(h, Bottom - _y));
            _y += pad;
            foreach (var l in lines)
            {
                Ensure(l.Height);
                DrawLine(l, Left + bar + pad, _y);
                _y += l.Height;
            }
            _y += pad + _s.Gap;
        }
    }
}
