namespace MyeloDx.Core.Knowledge;

/// <summary>How a finding's name reads inside a sentence, e.g. after "no".</summary>
public static class FindingWording
{
    /// <summary>"no back or neck pain" for "Back or neck pain"; an initialism keeps its capitals ("no CSF pleocytosis").</summary>
    public static string Absent(string name) => "no " + InSentence(name);

    /// <summary>The name with its first letter lower-cased, unless the first word is an initialism (CSF, MRI, AQP4-IgG).</summary>
    public static string InSentence(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) && !char.IsDigit(name[1])
            ? char.ToLowerInvariant(name[0]) + name[1..]
            : name;
}
