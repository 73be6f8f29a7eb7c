namespace MyeloDx.Web;

/// <summary>Standalone host (`dotnet MyeloDx.Web.dll --urls ... --MyeloDx:Data=DIR`); `myelodx serve` is the usual way in.</summary>
public sealed class Program
{
    public static int Main(string[] args) => WebHost.Run(args);
}
