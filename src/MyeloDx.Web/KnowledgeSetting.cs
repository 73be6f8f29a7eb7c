namespace MyeloDx.Web;

/// <summary>
/// How a host learns which knowledge folder to use, the same way for `myelodx` (every command, serve included) and the
/// standalone web host: MYELODX_KNOWLEDGE when set, else the copy installed next to the program. Only hosts read the
/// environment; they hand the folder to <see cref="MyeloDx.Core.Services.MyeloDxPipeline"/>.
/// </summary>
public static class KnowledgeSetting
{
    public const string Variable = "MYELODX_KNOWLEDGE";

    /// <summary>The folder the environment names, or null for the installed copy.</summary>
    public static string? Folder() => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen ? chosen : null;
}
