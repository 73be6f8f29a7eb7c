using MyeloDx.Core.Errors;

namespace MyeloDx.Web.Security;

/// <summary>
/// Passwords by current guidance (NIST SP 800-63B): at least 12 characters, at most 256, no composition rules, and
/// refused when common or known from breaches (the list shipped in Security/Data/common-passwords.txt), when it is
/// one repeated character or a keyboard/number run, or when it contains the user name.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 12, MaxLength = 256;

    private static readonly Lazy<(HashSet<string> Full, HashSet<string> Bases)> List = new(Load);

    /// <summary>Throws MDX-WEB022 naming the rule that failed; never echoes the password.</summary>
    public static void Check(string password, string userName)
    {
        var length = new System.Globalization.StringInfo(password).LengthInTextElements;
        if (length < MinLength) throw Refuse($"a password needs at least {MinLength} characters (a phrase of several words is easiest)");
        if (length > MaxLength) throw Refuse($"a password has at most {MaxLength} characters");
        var lower = password.ToLowerInvariant();
        var (full, bases) = List.Value;
        if (full.Contains(lower) || bases.Contains(lower.Trim(NonLetters)))
            throw Refuse("this password is common or known from data breaches; choose another (a phrase of unrelated words works well)");
        if (lower.Distinct().Count() <= 2 || IsRun(lower))
            throw Refuse("this password is a repeated character or a keyboard or number run; choose another");
        if (userName.Length >= 3 && lower.Contains(userName.ToLowerInvariant(), StringComparison.Ordinal))
            throw Refuse("a password must not contain the user name");
    }

    private static readonly char[] NonLetters = "0123456789!@#$%^&*()_+-=[]{};:'\",.<>/?\\|`~ ".ToCharArray();

    /// <summary>A short pattern repeated ("abcabcabcabc") or a stretch of a keyboard row or of the alphabet or digits.</summary>
    private static bool IsRun(string s)
    {
        for (var period = 1; period <= 4; period++)
        {
            var repeats = true;
            for (var i = period; i < s.Length && repeats; i++) repeats = s[i] == s[i - period];
            if (repeats) return true;
        }
        const string runs = "01234567890123456789 abcdefghijklmnopqrstuvwxyz qwertyuiopasdfghjklzxcvbnm 1qaz2wsx3edc4rfv5tgb";
        return runs.Contains(s, StringComparison.Ordinal) || runs.Contains(new string(s.Reverse().ToArray()), StringComparison.Ordinal);
    }

    private static InputException Refuse(string why) => new("MDX-WEB022", "--password", why);

    private static (HashSet<string>, HashSet<string>) Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("MyeloDx.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("the common-password list is missing from this build");
        using var reader = new StreamReader(stream);
        var full = new HashSet<string>(StringComparer.Ordinal);
        var bases = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var t = line.Trim();
            if (t.Length == 0 || t.StartsWith('#')) continue;
            if (t.StartsWith("base:", StringComparison.Ordinal)) bases.Add(t[5..].ToLowerInvariant());
            else full.Add(t.ToLowerInvariant());
        }
        return (full, bases);
    }
}
