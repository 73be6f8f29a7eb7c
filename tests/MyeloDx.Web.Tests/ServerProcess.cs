using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MyeloDx.Web.Tests;

/// <summary>The web app as a real process on a loopback port (for kill tests and browser tests).</summary>
public sealed class ServerProcess : IDisposable
{
    public string BaseUrl { get; }
    private readonly Process _p;

    private ServerProcess(Process p, string baseUrl) { _p = p; BaseUrl = baseUrl; }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static async Task<ServerProcess> Start(string dataDir, int? port = null, string? postgres = null)
    {
        var url = $"http://127.0.0.1:{port ?? FreePort()}";
        // `myelodx serve`, exactly as a department would start it (with whatever readers this build has).
        var dll = Path.Combine(AppContext.BaseDirectory, "myelodx.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--urls", url, "--data", dataDir }) psi.ArgumentList.Add(a);
        if (postgres is not null) foreach (var a in new[] { "--database", "postgres", "--connection", postgres }) psi.ArgumentList.Add(a);
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(150); // generous: a loaded 2-core machine starts slowly
        while (DateTime.UtcNow < until)
        {
            if (p.HasExited) throw new InvalidOperationException($"the server exited with {p.ExitCode}");
            try { if ((await http.GetAsync(url + "/health")).IsSuccessStatusCode) return new ServerProcess(p, url); }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        p.Kill(true);
        throw new TimeoutException("the server did not answer /health within 150 s");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as in a crash.</summary>
    public void Kill()
    {
        if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        _p.WaitForExit(10_000);
    }

    public void Dispose() { Kill(); _p.Dispose(); }
}
