using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// Open-loop load at a fixed offered rate against one endpoint on localhost.
// - Every measured request carries a body no other request (warm-up included) carries, so a server-side cache of
//   repeated bodies cannot flatter the figures: bodies are the given cases made distinct by a per-request marker.
// - Warm-up uses its own bodies (a separate marker range) and is never measured: a few requests one at a time, then
//   WARMUP_SECONDS at the measured rate, so the load generator's own code, its connection pool and the server's
//   concurrent paths are warm when the clock starts (otherwise the first second of every run measures the tool).
// - Request i is due at start + i/rate; its latency runs from when it was due, so queueing on either side counts.
// - Goodput counts 2xx answers only, divided by the wall time from the first due time to the last answer.
// Bounded in count and time; refuses any non-loopback target.
// usage: WebLoad BASE_URL API_KEY BODIES.jsonl RATE SECONDS [PATH=/api/assessments] [text|case|cds] [SERIAL_OFFSET=0] [WARMUP_SECONDS=3]
// SERIAL_OFFSET keeps the bodies of two load generators run side by side (bench/two-instances.sh), or of successive
// runs against one server (bench/web-load.sh), apart: measured bodies are OFFSET+i, warm-up bodies 10,000,000+OFFSET+i.
// With WEBLOAD_SERVER_PID set (Linux), the server's CPU seconds over the measured window are printed too, beside the
// load generator's own: both share the machine's cores.
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: WebLoad BASE_URL API_KEY BODIES.jsonl RATE SECONDS [PATH] [text|case|cds] [SERIAL_OFFSET] [WARMUP_SECONDS]");
    return 2;
}
var baseUrl = args[0];
if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host, out var ip) || !IPAddress.IsLoopback(ip))
{
    Console.Error.WriteLine("refusing: the target must be a loopback address such as http://127.0.0.1:PORT");
    return 2;
}
var key = args[1];
var templates = File.ReadAllLines(args[2]).Where(l => l.Trim().Length > 0).ToArray();
var rate = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var seconds = Math.Min(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), 120);
var path = args.Length > 5 ? args[5] : "/api/assessments";
var kind = args.Length > 6 ? args[6] : "text";
var offset = args.Length > 7 ? int.Parse(args[7], System.Globalization.CultureInfo.InvariantCulture) : 0;
var warmSeconds = Math.Clamp(args.Length > 8 ? int.Parse(args[8], System.Globalization.CultureInfo.InvariantCulture) : 3, 0, 120);
var total = rate * seconds;
const int WarmUpSerial = 50, WarmUpBase = 10_000_000;

// A distinct body: the template with a marker only this request uses. Notes get a clinic reference line (no clinical
// content); structured cases get a distinct note field; CDS requests a distinct hook instance id.
string Body(int n)
{
    var serial = n + offset;
    var t = templates[serial % templates.Length];
    var o = JsonNode.Parse(t)!.AsObject();
    switch (kind)
    {
        case "text":
            o["text"] = $"Clinic reference {serial:D7}.\n" + (string?)o["text"];
            break;
        case "cds":
            o["hookInstance"] = Guid.NewGuid().ToString();
            break;
        default:
            o["notes"] = $"load request {serial:D7}";
            break;
    }
    return o.ToJsonString();
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = uri, Timeout = TimeSpan.FromSeconds(10),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

// Warm-up, one at a time (JIT, first connection), then open-loop at the measured rate (connection pool, concurrent
// paths), with bodies from a range the measured run never uses.
for (var i = 0; i < WarmUpSerial; i++)
{
    await Post(Body(WarmUpBase + i));
}
var warmBodies = new string[rate * warmSeconds];
for (var i = 0; i < warmBodies.Length; i++) warmBodies[i] = Body(WarmUpBase + WarmUpSerial + i);
await Offer(warmBodies, new double[warmBodies.Length], new int[warmBodies.Length], new double[warmBodies.Length]);

// Bodies prepared before the clock starts, so building them costs the load generator nothing during the run.
var bodies = new string[total];
for (var i = 0; i < total; i++) bodies[i] = Body(i);

var latencies = new double[total];
var statuses = new int[total];
var lags = new double[total];
var serverCpu0 = ServerCpuSeconds();
var toolCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var sw = await Offer(bodies, latencies, statuses, lags);
var elapsed = sw.Elapsed.TotalSeconds;
var toolCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - toolCpu0;
var serverCpu = ServerCpuSeconds() - serverCpu0;
var good = Enumerable.Range(0, total).Where(i => statuses[i] is >= 200 and < 300).Select(i => latencies[i]).OrderBy(x => x).ToArray();
var all = latencies.OrderBy(x => x).ToArray();
double? P(double[] sorted, double q) => sorted.Length == 0 ? null : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 2);
var shed = statuses.Where(s => s == 503).ToArray();
var shedLatency = Enumerable.Range(0, total).Where(i => statuses[i] == 503).Select(i => latencies[i]).OrderBy(x => x).ToArray();
// How late the tool itself was in sending (due time to the request's start): a slow answer with a large lag is the
// load generator starved of CPU on the shared cores, not the server.
var shedLag = Enumerable.Range(0, total).Where(i => statuses[i] == 503).Select(i => lags[i]).OrderBy(x => x).ToArray();
var allLag = lags.OrderBy(x => x).ToArray();
var errors = statuses.Count(s => s is < 200 or >= 300 && s != 503);
var byStatus = string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(g.Key < 0 ? "failed" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {g.Count()}"));
Console.WriteLine(JsonSerializer.Serialize(new
{
    target = baseUrl + path, bodies = "distinct per request (warm-up bodies separate)",
    offeredPerSecond = rate, seconds, offered = total,
    goodAnswers = good.Length, goodPerSecond = Math.Round(good.Length / elapsed, 1),
    goodP50Ms = P(good, 0.50), goodP95Ms = P(good, 0.95), goodP99Ms = P(good, 0.99),
    allP99Ms = P(all, 0.99), maxMs = Math.Round(all[^1], 2),
    shed503 = shed.Length, shedP50Ms = P(shedLatency, 0.50), shedP99Ms = P(shedLatency, 0.99),
    sendLagP50Ms = P(allLag, 0.50), sendLagP99Ms = P(allLag, 0.99), shedSendLagP99Ms = P(shedLag, 0.99),
    errors, statuses = byStatus,
    loadToolCpuSeconds = Math.Round(toolCpu, 2), serverCpuSeconds = serverCpu is { } sc ? Math.Round(sc, 2) : (double?)null,
}));
return errors == 0 ? 0 : 1;

// Offers bodies[i] at start + i/rate; latency from the due time, and the send lag (due time to the request's start).
// Returns the clock the run was timed on.
async Task<Stopwatch> Offer(string[] toSend, double[] latency, int[] status, double[] lag)
{
    var clock = Stopwatch.StartNew();
    var tasks = new List<Task>(toSend.Length);
    for (var i = 0; i < toSend.Length; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / rate);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
        var n = i;
        tasks.Add(Task.Run(async () =>
        {
            lag[n] = (clock.Elapsed - due).TotalMilliseconds;
            try
            {
                status[n] = await Post(toSend[n]);
            }
            catch (Exception) { status[n] = -1; }
            latency[n] = (clock.Elapsed - due).TotalMilliseconds;
        }));
    }
    await Task.WhenAll(tasks);
    return clock;
}

// One request; the answer is read to its end through a pooled buffer (headers first, the body streamed and dropped)
// rather than buffered into a new ~100 KB array per answer, so the load generator's own garbage collections take less
// of the cores it shares with the server.
async Task<int> Post(string body)
{
    using var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    using var r = await http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
    await using (var content = await r.Content.ReadAsStreamAsync()) await content.CopyToAsync(Stream.Null);
    return (int)r.StatusCode;
}

// utime + stime of the server process from /proc (clock ticks of 1/100 s on Linux); null when not given or not readable.
static double? ServerCpuSeconds()
{
    if (!int.TryParse(Environment.GetEnvironmentVariable("WEBLOAD_SERVER_PID"), out var pid)) return null;
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }
    catch (IOException) { return null; }
}
