using System.Globalization;

namespace MyeloDx.Web;

/// <summary>
/// Optimistic concurrency for case updates: the ETag is the case's current version ("3"); If-Match with that value
/// makes an update conditional (412 when stale). With MyeloDx:RequireIfMatch=true an update without If-Match is
/// refused with 428, so no client can overwrite a version it never read.
/// </summary>
internal static class Concurrency
{
    public const string KeyRequire = "MyeloDx:RequireIfMatch";

    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The version If-Match names (null for none or "*"), or a ready problem result.</summary>
    public static (int? Version, IResult? Error) IfMatch(HttpRequest req, IConfiguration config)
    {
        var values = req.Headers.IfMatch;
        if (values.Count == 0)
            return string.Equals(config[KeyRequire], "true", StringComparison.OrdinalIgnoreCase)
                ? (null, Problems.Result("MDX-WEB428", "Precondition required", "send If-Match with the ETag of the version you read (GET /api/cases/{id})", "If-Match"))
                : (null, null);
        var v = values.ToString().Trim();
        if (v == "*") return (null, null);
        if (v.StartsWith("W/", StringComparison.Ordinal)) v = v[2..];
        v = v.Trim('"');
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (n, null)
            : (null, Problems.Result("MDX-WEB412", "Precondition failed", "If-Match does not name a version of this case", "If-Match"));
    }
}
