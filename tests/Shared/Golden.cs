using System.Runtime.CompilerServices;

namespace MyeloDx.Testing;

/// <summary>
/// Compares output with a checked-in file in the <c>golden/</c> folder beside the calling test file. Set
/// MYELODX_UPDATE_GOLDEN=1 (or run tests/approve-golden.sh) to rewrite them, then review the diff before committing.
/// Linked into each test project that has golden files, so every project reports a difference the same way.
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "MYELODX_UPDATE_GOLDEN";

    public static void Matches(string name, string actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "golden", name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {name} is missing: run tests/approve-golden.sh, review the file and commit it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < Math.Min(e.Length, a.Length) && e[i] == a[i]) i++;
        Assert.Fail($"{name} differs from its golden file at line {i + 1}:\n  expected: {(i < e.Length ? e[i] : "<end>")}\n  actual:   {(i < a.Length ? a[i] : "<end>")}\n" +
                    "If the change is intended, run tests/approve-golden.sh and review the diff.");
    }
}
