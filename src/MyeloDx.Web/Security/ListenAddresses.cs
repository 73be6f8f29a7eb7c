using System.Net;
using MyeloDx.Core.Errors;

namespace MyeloDx.Web.Security;

/// <summary>
/// Checks `--urls` before the server starts. Kestrel binds a host name it does not recognise to every interface, so a
/// typo ("127.0.0.l", "locahost") would expose patient data to the network: only IP addresses and "localhost" are
/// accepted, and all interfaces only when asked for explicitly ("0.0.0.0", "[::]", "*" or "+").
/// </summary>
internal static class ListenAddresses
{
    public static void Validate(string? urls, string where = "--urls")
    {
        if (urls is null) return;
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new InputException("MDX-WEB012", where, "no address given (e.g. http://127.0.0.1:5080)");
        foreach (var u in parts) One(u, where);
    }

    private static void One(string url, string where)
    {
        var shown = url.Length > 80 ? url[..80] + "…" : url;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0 || url[..scheme] is not ("http" or "https"))
            throw new InputException("MDX-WEB012", where, $"'{shown}' is not an http:// or https:// address");
        var rest = url[(scheme + 3)..].TrimEnd('/');
        if (rest.Contains('/')) throw new InputException("MDX-WEB012", where, $"'{shown}' has a path; give scheme, host and port only");
        string host; string? port = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) throw new InputException("MDX-WEB012", where, $"'{shown}' has an unclosed IPv6 address");
            host = rest[..(close + 1)];
            if (close + 1 < rest.Length)
            {
                if (rest[close + 1] != ':') throw new InputException("MDX-WEB012", where, $"'{shown}' is not host:port");
                port = rest[(close + 2)..];
            }
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon < 0 ? rest : rest[..colon];
            port = colon < 0 ? null : rest[(colon + 1)..];
        }
        if (port is not null && (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) || p > 65535))
            throw new InputException("MDX-WEB012", where, $"'{shown}' has an invalid port");
        if (host is "*" or "+" or "0.0.0.0" or "[::]") return; // all interfaces, asked for explicitly
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return;
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var ip) && (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || bare.Count(c => c == '.') == 3)) return;
        throw new InputException("MDX-WEB012", where,
            $"'{host}' is not an IP address or localhost; the server would listen on every interface. Use 127.0.0.1, an interface's address, or 0.0.0.0 to mean all interfaces");
    }
}
