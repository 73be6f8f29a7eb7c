using System.Globalization;
using System.Text.RegularExpressions;

namespace MyeloDx.Core.Errors;

/// <summary>
/// Numbers typed by people, in any locale habit. A decimal point is always a decimal point. A comma is read as a
/// decimal comma only when it cannot be a thousands separator: one comma, no point, and one or two digits after it
/// ("1,5" is 1.5). Three digits after a comma ("3,000") could be three thousand or three, so it is refused with
/// MDX-IN004 rather than guessed; so is any mix of commas and points.
/// </summary>
public static partial class DecimalText
{
    [GeneratedRegex(@"^[+-]?\d+(?:\.\d+)?$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[+-]?\d+,\d{1,2}$")]
    private static partial Regex DecimalComma();

    /// <summary>The value, or throws MDX-IN004 (ambiguous comma) or MDX-IN003 (not a number).</summary>
    public static double Parse(string? text, string where)
    {
        var t = InputNormalizer.Text(text ?? "", where).Trim();
        if (Plain().IsMatch(t)) return double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (DecimalComma().IsMatch(t)) return double.Parse(t.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (t.Contains(','))
            throw new InputException("MDX-IN004", where, $"'{Clip(t)}' is ambiguous: write the number with a decimal point (1.5) and no thousands separator (3000)");
        throw new InputException("MDX-IN003", where, $"'{Clip(t)}' is not a number");
    }

    /// <summary>
    /// For a number inside a longer text (a dose plan): the same rule, applied to the digits matched there. A comma
    /// followed by exactly three digits is refused as ambiguous.
    /// </summary>
    public static double ParseEmbedded(string digits, string where, string code)
    {
        var comma = digits.IndexOf(',');
        if (comma >= 0 && digits.Length - comma - 1 >= 3)
            throw new InputException(code, where, $"'{Clip(digits)}' is ambiguous: write the number with a decimal point (30.5) and no thousands separator (3000)");
        return double.Parse(digits.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string Clip(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
