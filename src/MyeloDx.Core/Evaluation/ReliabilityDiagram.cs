using System.Globalization;
using System.Text;

namespace MyeloDx.Core.Evaluation;

/// <summary>A reliability diagram as a self-contained SVG: observed accuracy against stated confidence, per bin.</summary>
public static class ReliabilityDiagram
{
    public static string Svg(EvaluationReport r)
    {
        const int size = 360, pad = 50;
        var plot = size - 2 * pad;
        string F(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
        double X(double v) => pad + v * plot;
        double Y(double v) => size - pad - v * plot;
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size + 30}\" viewBox=\"0 0 {size} {size + 30}\" font-family=\"sans-serif\" font-size=\"11\">");
        sb.Append($"<title>Reliability diagram ({Escape(r.PriorContext)} population, {r.N} cases)</title>");
        sb.Append($"<rect x=\"{pad}\" y=\"{pad}\" width=\"{plot}\" height=\"{plot}\" fill=\"#fff\" stroke=\"#444\"/>");
        sb.Append($"<line x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(1)}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>");
        foreach (var b in r.Bins.Where(b => b.Count > 0))
        {
            var w = (b.High - b.Low) * plot;
            sb.Append($"<rect x=\"{F(X(b.Low) + 1)}\" y=\"{F(Y(b.Accuracy))}\" width=\"{F(w - 2)}\" height=\"{F(b.Accuracy * plot)}\" fill=\"#4a78b5\" fill-opacity=\"0.75\">");
            sb.Append($"<title>{F(b.Low)}-{F(b.High)}: {b.Count} cases, mean confidence {F(b.MeanConfidence)}, accuracy {F(b.Accuracy)}</title></rect>");
            sb.Append($"<circle cx=\"{F(X(b.MeanConfidence))}\" cy=\"{F(Y(b.Accuracy))}\" r=\"3\" fill=\"#c0392b\"/>");
            sb.Append($"<text x=\"{F(X((b.Low + b.High) / 2))}\" y=\"{F(Y(b.Accuracy) - 4)}\" text-anchor=\"middle\" fill=\"#333\">{b.Count}</text>");
        }
        for (var t = 0; t <= 10; t += 2)
        {
            var v = t / 10.0;
            sb.Append($"<text x=\"{F(X(v))}\" y=\"{size - pad + 15}\" text-anchor=\"middle\">{F(v)}</text>");
            sb.Append($"<text x=\"{pad - 6}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{F(v)}</text>");
        }
        sb.Append($"<text x=\"{size / 2}\" y=\"{size - 12}\" text-anchor=\"middle\">probability given to the leading diagnosis</text>");
        sb.Append($"<text x=\"14\" y=\"{size / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {size / 2})\">share correct</text>");
        sb.Append($"<text x=\"{size / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"13\">Reliability ({Escape(r.PriorContext)}): ECE {F(r.ExpectedCalibrationError)}, Brier {F(r.Brier)}</text>");
        sb.Append($"<text x=\"{size / 2}\" y=\"{size + 18}\" text-anchor=\"middle\" fill=\"#555\">Supports, not replaces, clinical judgment.</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
