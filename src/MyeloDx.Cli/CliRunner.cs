using System.CommandLine;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Knowledge;

namespace MyeloDx.Cli;

/// <summary>Exit codes (docs/error-codes.md, from <see cref="ErrorCatalogue"/>): 0 ok, 2 bad input or a refused knowledge base (naming what and where), 1 internal error.</summary>
internal static class CliRunner
{
    public const int Ok = 0, Internal = 1, BadInput = 2, BadKnowledge = 2;

    public static int Run(RootCommand root, string[] args)
    {
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                Console.Error.WriteLine("MDX-CLI001: " + string.Join("; ", parse.Errors.Select(e => e.Message)));
                return BadInput;
            }
            return parse.Invoke();
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    public static int Report(Exception e)
    {
        switch (e)
        {
            case InputException ie:
                Console.Error.WriteLine("error " + ie.OneLine);
                // The exit status is the catalogue's; a note made an error (fhir import --strict) is bad input too.
                return ErrorCatalogue.Exit(ie.Code) is var exit and not Ok ? exit : BadInput;
            case KnowledgeException ke:
                Console.Error.WriteLine("error " + ke.Message);
                foreach (var d in ke.Diagnostics.Take(20)) Console.Error.WriteLine("  " + d);
                return BadKnowledge;
            default:
                // No stack trace and no patient data: the type and a short message only.
                Console.Error.WriteLine($"error MDX-INT001: internal error ({e.GetType().Name}): {Short(e.Message)}");
                return Internal;
        }
    }

    private static string Short(string s) => s.Length > 200 ? s[..200] + "…" : s;

    /// <summary>Runs a command body, mapping known exceptions to exit codes.</summary>
    public static int Guard(Func<int> body)
    {
        try { return body(); }
        catch (Exception e) { return Report(e); }
    }
}
