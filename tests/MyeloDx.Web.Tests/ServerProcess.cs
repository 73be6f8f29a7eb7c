using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MyeloDx.Web.Tests;

/// <summary>The web app as a real process on a loopback port (for kill tests and browser tests).</summary>
public sealed class ServerProcess : IDisposable
{
    public string BaseUrl { get; }
    /// <summary>Every line the server wrote to stdout and stderr (its console log).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; }
    private readonly Process _p;

    private ServerProcess(Process p, string baseUrl, System.Collections.Concurrent.ConcurrentQueue<string> output) { _p = p; BaseUrl = baseUrl; Output = output; }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <param name="environment">Extra environment, e.g. logging levels (Logging__LogLevel__Default=Trace).</param>
    /// <param name="arguments">More arguments for `myelodx serve` (e.g. --rate-limit 2).</param>
    public static async Task<ServerProcess> Start(string dataDir, int? port = null, string? postgres = null,
        IReadOnlyDictionary<string, string>? environment = null, IEnumerable<string>? arguments = null)
    {
        var url = $"http://127.0.0.1:{port ?? FreePort()}";
        // `myelodx serve`, exactly as a department would start it (with whatever readers this build has).
        var dll = Path.Combine(AppContext.BaseDirectory, "myelodx.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--urls", url, "--data", dataDir }) psi.ArgumentList.Add(a);
        if (postgres is not null) foreach (var a in new[] { "--database", "postgres", "--connection", postgres }) psi.ArgumentList.Add(a);
        foreach (var a in arguments ?? []) psi.ArgumentList.Add(a);
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        // Ready at once, without the start-up warm-up (WarmUpTests covers it): these tests are not timed, and a warm-up on
        // the shared CI machine would add seconds to every server started here.
        psi.Environment["MyeloDx__WarmUpSeconds"] = "0";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Generous: the 2-core machine is shared, and a cold start loads the knowledge base and migrates the registry.
        var until = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < until)
        {
            if (p.HasExited) throw new InvalidOperationException($"the server exited with {p.ExitCode}");
            try { if ((await http.GetAsync(url + "/health")).IsSuccessStatusCode) return new ServerProcess(p, url, output); }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        p.Kill(true);
        throw new TimeoutException("the server did not answer /health within 180 s");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as in a crash.</summary>
    public void Kill()
    {
        if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        _p.WaitForExit(10_000);
    }

    /// <summary>A normal stop (SIGTERM): the server finishes and flushes its log before exiting.</summary>
    public void Stop()
    {
        if (!_p.HasExited) Process.Start("kill", ["-TERM", _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit(10_000);
        if (!_p.WaitForExit(30_000)) Kill();
        _p.WaitForExit(); // the asynchronous readers have delivered every line
    }

    public void Dispose() { Kill(); _p.Dispose(); }
}
