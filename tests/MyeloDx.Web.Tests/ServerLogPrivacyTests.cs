using System.Net;
using System.Net.Sockets;
using System.Text;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Tests;

/// <summary>
/// `myelodx serve` as a real process with Kestrel, its console log configured at Trace for everything: requests that
/// carry a marker in the query string, in a malformed request line Kestrel refuses, in a malformed header, in a
/// malformed JSON body and in a saved note leave no trace of it in the log. Before the fix the hosting category
/// logged the query string and Kestrel quoted the refused request line ("bad request data").
/// </summary>
public sealed class ServerLogPrivacyTests
{
    private static readonly Dictionary<string, string> TraceEverything = new()
    {
        ["Logging__LogLevel__Default"] = "Trace",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
        ["Logging__Console__LogLevel__Default"] = "Trace",
    };

    [Fact]
    public async Task A_server_logging_at_trace_quotes_no_request_content_and_kestrel_refusals_quote_nothing()
    {
        using var db = TestDatabase.Sqlite();
        var key = UserAdmin.Add(db.Settings, "alice", Roles.Clinician, null);
        using var server = await ServerProcess.Start(db.DataDir, environment: TraceEverything);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/cases?q=Marker-Query-Zebra")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/assessments", Json.Body("{\"text\": \"Marker-Body-Zebra weak legs"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/cases", Json.Body(new { text = "Marker-Note-Zebra: woman, 60, breast cancer, weak legs for 3 days" }))).StatusCode);
        var port = new Uri(server.BaseUrl).Port;
        Assert.StartsWith("HTTP/1.1 400", await Raw(port, "GET /Marker-Line-Zebra\u0001 HTTP/1.1 Marker-Line-Zebra\r\nHost: a\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 400", await Raw(port, "GET /health/live HTTP/1.1\r\nHost: a\r\nX-Note: Marker-Header-Zebra\0\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 404", await Raw(port, "GET /Marker-Path-Zebra HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
        server.Stop();

        var log = server.Output.ToList();
        // The log is really at Trace (the sink would show a leak): framework lines below Information are there.
        Assert.Contains(log, l => l.StartsWith("dbug:", StringComparison.Ordinal) || l.StartsWith("trce:", StringComparison.Ordinal));
        var leaks = log.Where(l => l.Contains("Zebra", StringComparison.Ordinal) || l.Contains(key, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "request content in the log:\n" + string.Join("\n", leaks.Take(5)));
        Assert.DoesNotContain(log, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains("MyeloDx", StringComparison.Ordinal));
    }

    /// <summary>Bytes on a socket, as a broken or hostile client sends them; the first line of the answer.</summary>
    private static async Task<string> Raw(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var s = tcp.GetStream();
        await s.WriteAsync(Encoding.Latin1.GetBytes(request));
        var buf = new byte[256];
        var n = await s.ReadAsync(buf).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        return Encoding.Latin1.GetString(buf, 0, n);
    }
}
