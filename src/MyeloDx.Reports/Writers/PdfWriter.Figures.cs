using PdfSharp.Drawing;
using MyeloDx.Core.Inference;

namespace MyeloDx.Reports.Writers;

public static partial class PdfWriter
{
    private sealed partial class Layout
    {
        /// <summary>A key image, scaled to the text width (at most a third of the page high), with its legend below; kept on one page.</summary>
        private void Image(ImageBlock block)
        {
            using var stream = new MemoryStream(block.Image.Png, writable: false);
            using var img = XImage.FromStream(stream);
            // At most a fifth of the page (about 5 cm on A4): a key image stays legible and a typical case report keeps to five pages.
            var maxH = (Bottom - Margin) / 5;
            var scale = Math.Min(ContentW / block.Image.Width, maxH / block.Image.Height);
            var w = block.Image.Width * scale;
            var h = block.Image.Height * scale;
            var legend = Wrap(Runs(block.Label, block.Legend, _body, _bold), ContentW);
            Ensure(h + 4 + legend.Sum(l => l.Height));
            G.DrawImage(img, Left + (ContentW - w) / 2, _y, w, h);
            _y += h + 4;
            foreach (var l in legend) { DrawLine(l, Left, _y); _y += l.Height; }
            _y += _s.Gap;
        }

        private void Chart(ChartBlock c)
        {
            var labelW = ContentW * 0.45; const double valueW = 40;
            var plotW = ContentW - labelW - valueW;
            var row = _s.Small * 1.65; var barH = _s.Small * 1.15;
            Ensure(LineH(_bold) + row * Math.Min(c.Bars.Count, 6));
            Text([new Run(c.Caption, _bold, _ink)], Left, ContentW);
            _y += 3;
            var top = _y;
            foreach (var b in c.Bars)
            {
                if (_y + row > Bottom) { NewPage(); top = _y; }
                var label = Fit(b.Label, b.Highlight ? _smallBold : _small, labelW - 8);
                var font = b.Highlight ? _smallBold : _small;
                var lw = G.MeasureString(label, font).Width;
                G.DrawString(label, font, _ink, Left + labelW - 8 - lw, _y + (row - LineH(font)) / 2 + 1, XStringFormats.TopLeft);
                var w = Math.Max(plotW * Math.Clamp(b.Value, 0, 1), b.Value > 0 ? 0.8 : 0);
                G.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xf1, 0xf3, 0xf6)), Left + labelW, _y + (row - barH) / 2, plotW, barH);
                if (w > 0) G.DrawRectangle(new XSolidBrush(b.Highlight ? Lead : Light), Left + labelW, _y + (row - barH) / 2, w, barH);
                G.DrawString(ProbabilityText.Percent(b.Value), font, _ink, Left + labelW + plotW + 5, _y + (row - LineH(font)) / 2 + 1, XStringFormats.TopLeft);
                _y += row;
            }
            // axis: 0, 50, 100 %
            var pen = new XPen(Grid, 0.5);
            foreach (var (frac, txt) in new[] { (0.0, "0%"), (0.5, "50%"), (1.0, "100%") })
            {
                var x = Left + labelW + plotW * frac;
                G.DrawLine(pen, x, top, x, _y);
                var tw = G.MeasureString(txt, _small).Width;
                G.DrawString(txt, _small, _muted, x - tw / 2, _y + 1, XStringFormats.TopLeft);
            }
            _y += LineH(_small) + _s.Gap * 1.5;
        }
    }
}
