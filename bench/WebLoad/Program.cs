using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

// Open-loop load at a fixed rate against POST /api/assessments on localhost: request i is due at start + i/rate, and its
// latency is measured from when it was due (so a slow server cannot hide its queueing). Bounded in count and time.
// usage: WebLoad BASE_URL API_KEY BODIES.jsonl RATE SECONDS
if (args.Length < 5) { Console.Error.WriteLine("usage: WebLoad BASE_URL API_KEY BODIES.jsonl RATE SECONDS"); return 2; }
var baseUrl = args[0];
if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host, out var ip) || !IPAddress.IsLoopback(ip))
{
    Console.Error.WriteLine("refusing: the target must be a loopback address such as http://127.0.0.1:PORT");
    return 2;
}
var key = args[1];
var bodies = File.ReadAllLines(args[2]).Where(l => l.Trim().Length > 0).ToArray();
var rate = int.Parse(args[3]);
var seconds = Math.Min(int.Parse(args[4]), 120);
var total = rate * seconds;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = uri, Timeout = TimeSpan.FromSeconds(10),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

// Warm-up (JIT, connection pool): not measured.
for (var i = 0; i < Math.Min(200, bodies.Length * 3); i++)
    await http.PostAsync("/api/assessments", new StringContent(bodies[i % bodies.Length], Encoding.UTF8, "application/json"));

var latencies = new double[total];
var statuses = new int[total];
var sw = Stopwatch.StartNew();
var tasks = new List<Task>(total);
for (var i = 0; i < total; i++)
{
    var due = TimeSpan.FromSeconds((double)i / rate);
    var wait = due - sw.Elapsed;
    if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
    var n = i;
    tasks.Add(Task.Run(async () =>
    {
        try
        {
            using var r = await http.PostAsync("/api/assessments", new StringContent(bodies[n % bodies.Length], Encoding.UTF8, "application/json"));
            await r.Content.ReadAsByteArrayAsync();
            statuses[n] = (int)r.StatusCode;
        }
        catch (Exception) { statuses[n] = -1; }
        latencies[n] = (sw.Elapsed - due).TotalMilliseconds;
    }));
}
await Task.WhenAll(tasks);
var elapsed = sw.Elapsed.TotalSeconds;
var sorted = latencies.OrderBy(x => x).ToArray();
double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
var errors = statuses.Count(s => s != 200);
var byStatus = string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(g.Key < 0 ? "failed" : g.Key.ToString())}: {g.Count()}"));
Console.WriteLine(JsonSerializer.Serialize(new
{
    target = baseUrl + "/api/assessments", rate, seconds, requests = total, achievedRate = Math.Round(total / elapsed, 1),
    p50Ms = Math.Round(P(0.50), 2), p90Ms = Math.Round(P(0.90), 2), p99Ms = Math.Round(P(0.99), 2), maxMs = Math.Round(sorted[^1], 2),
    errors, statuses = byStatus,
}));
return errors == 0 ? 0 : 1;
