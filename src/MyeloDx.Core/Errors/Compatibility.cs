using System.Text;

namespace MyeloDx.Core.Errors;

/// <summary>
/// The NFKC compatibility folds that matter for clinical notes, done by table because the build has no ICU
/// (InvariantGlobalization): full-width ASCII (Ｇｙ, ４/５), the ideographic and other typographic spaces, Latin
/// ligatures (ﬁ, ﬂ), superscript and subscript digits, the micro sign, the fraction slash; zero-width characters
/// (joiners, word joiner, soft hyphen) are removed as NFKC-normalised text would not show them either.
/// </summary>
internal static class Compatibility
{
    private static readonly Dictionary<char, string> Table = new()
    {
        ['\u00A0'] = " ", ['\u2007'] = " ", ['\u202F'] = " ", ['\u205F'] = " ", ['\u3000'] = " ",
        ['\u00B9'] = "1", ['\u00B2'] = "2", ['\u00B3'] = "3", ['\u2070'] = "0", ['\u2074'] = "4", ['\u2075'] = "5",
        ['\u2076'] = "6", ['\u2077'] = "7", ['\u2078'] = "8", ['\u2079'] = "9",
        ['\u00B5'] = "\u03BC", ['\u2044'] = "/", ['\u2215'] = "/", ['\u2024'] = ".", ['\u2025'] = "..", ['\u2026'] = "...",
        ['\uFB00'] = "ff", ['\uFB01'] = "fi", ['\uFB02'] = "fl", ['\uFB03'] = "ffi", ['\uFB04'] = "ffl", ['\uFB05'] = "st", ['\uFB06'] = "st",
        ['\u00BD'] = "1/2", ['\u00BC'] = "1/4", ['\u00BE'] = "3/4", ['\u2153'] = "1/3", ['\u2154'] = "2/3",
        ['\u3395'] = "μl", ['\u3396'] = "ml", ['\u338F'] = "kg", ['\u338E'] = "mg", ['\u339C'] = "mm", ['\u339D'] = "cm",
        ['\u200B'] = "", ['\u200C'] = "", ['\u200D'] = "", ['\u2060'] = "", ['\u00AD'] = "",
    };

    public static string Fold(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            string? to = null;
            if (c is >= '\uFF01' and <= '\uFF5E') to = ((char)(c - 0xFEE0)).ToString();
            else if (c is >= '\u2000' and <= '\u200A') to = " ";
            else if (c is >= '\u2080' and <= '\u2089') to = ((char)('0' + (c - '\u2080'))).ToString();
            else if (c > '\u007F') Table.TryGetValue(c, out to);
            if (to is null) { sb?.Append(c); continue; }
            sb ??= new StringBuilder(s, 0, i, s.Length);
            sb.Append(to);
        }
        return sb?.ToString() ?? s;
    }
}
