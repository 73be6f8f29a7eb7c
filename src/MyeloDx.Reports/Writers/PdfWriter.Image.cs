using PdfSharp.Drawing;

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
            var maxH = (Bottom - Margin) / 3;
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
    }
}
