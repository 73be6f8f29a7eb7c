namespace MyeloDx.Text.Matching;

/// <summary>
/// Folds spelling variants of one word to one canonical token so that vocabulary phrases written in either
/// spelling match text written in either spelling (oedema/edema, haemorrhage/hemorrhage, tumour/tumor, grey/gray,
/// centre/center). Phrases in the rule files go through the same function, so the canonical form only has to be
/// consistent, not a dictionary word. Misspellings are handled by the vocabulary's <c>spellings</c> table.
/// </summary>
internal static class Spelling
{
    private static readonly (string From, string To)[] Substrings =
    [
        ("oedem", "edem"), ("oesoph", "esoph"), ("oestr", "estr"), ("rrhoe", "rrhe"), ("foet", "fet"),
        ("dyspnoe", "dyspne"), ("apnoe", "apne"), ("coeliac", "celiac"), ("leuco", "leuko"), ("sulph", "sulf"),
        ("tumour", "tumor"), ("favour", "favor"), ("colour", "color"), ("behaviour", "behavior"), ("odour", "odor"),
        ("labour", "labor"), ("rumour", "rumor"), ("vapour", "vapor"), ("honour", "honor"), ("humour", "humor"),
        ("grey", "gray"), ("isation", "ization"),
    ];

    /// <summary>A quick test that lets most words through untouched: only words with "ae", "oe", "our", "grey",
    /// "isation", "leuco", "sulph" or a -tre/-bre ending can have a variant.</summary>
    private static bool MayVary(string w)
    {
        for (var i = 0; i + 1 < w.Length; i++)
        {
            var a = w[i]; var b = w[i + 1];
            if (b == 'e' && (a == 'a' || a == 'o')) return true;
            if (a == 'o' && b == 'u') return true;
            if (a == 'e' && b == 'y') return true;
            if (a == 'i' && b == 's') return true;
            if (a == 'c' && b == 'o') return true;
            if (a == 'p' && b == 'h') return true;
        }
        return w.EndsWith("re", StringComparison.Ordinal) || w.EndsWith("res", StringComparison.Ordinal);
    }

    public static string Canonical(string w)
    {
        if (w.Length < 4 || !MayVary(w)) return w;
        var s = w;
        foreach (var (from, to) in Substrings)
            if (s.Contains(from, StringComparison.Ordinal)) s = s.Replace(from, to, StringComparison.Ordinal);
        // internal "ae" (haem-, anaem-, leukaem-, faec-, paraesth-) becomes "e"; not at the start (aerobic) or the
        // end (vertebrae, sequelae)
        if (s.IndexOf("ae", 1, StringComparison.Ordinal) is var k && k > 0 && k + 2 < s.Length)
        {
            var b = new System.Text.StringBuilder(s.Length);
            for (var j = 0; j < s.Length; j++)
            {
                if (j > 0 && j + 2 < s.Length && s[j] == 'a' && s[j + 1] == 'e') continue; // drop the 'a'
                b.Append(s[j]);
            }
            s = b.ToString();
        }
        // centre/fibre/litre/millimetre (and plurals)
        if (s.EndsWith("tre", StringComparison.Ordinal) || s.EndsWith("bre", StringComparison.Ordinal)) s = s[..^2] + "er";
        else if (s.EndsWith("tres", StringComparison.Ordinal) || s.EndsWith("bres", StringComparison.Ordinal)) s = s[..^3] + "ers";
        return s;
    }
}
