using System.Reflection;

namespace MyeloDx.Web;

/// <summary>The stylesheet and script, embedded in the assembly so the app needs no files beside it.</summary>
internal static class Assets
{
    public static readonly string Css = Read("site.css");
    /// <summary>The pages' small script (live what-if, copy button); the pages work without it.</summary>
    public static readonly string Js = Read("app.js");

    private static string Read(string name)
    {
        var asm = Assembly.GetExecutingAssembly();
        var res = asm.GetManifestResourceNames().First(n => n.EndsWith(name, StringComparison.Ordinal));
        using var s = asm.GetManifestResourceStream(res)!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
