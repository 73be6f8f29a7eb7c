using MyeloDx.Core.Services;
using MyeloDx.Text;

namespace MyeloDx.Cli;

/// <summary>Free text is read by MyeloDx.Text; its rules load once per process from knowledge/.</summary>
internal static partial class InputReader
{
    private static readonly Lazy<ClinicalTextReader> ClinicalReader = new(() => ClinicalTextReader.Create(Services.Assessment));

    /// <summary>The process-wide text reader (rules loaded strictly on first use).</summary>
    public static ClinicalTextReader Clinical => ClinicalReader.Value;

    static partial void TextReader(ref ITextCaseReader? reader)
    {
        reader = ClinicalReader.Value;
    }
}
