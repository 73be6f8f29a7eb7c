using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyeloDx.Core.Services;
using MyeloDx.Web.Api;
using MyeloDx.Web.Cds;
using MyeloDx.Web.Input;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Hosting;

/// <summary>
/// Runs invented cases (<see cref="WarmUpInputs"/>) through the request paths right after start-up, before the
/// instance says it is ready (<see cref="WarmUpHealthCheck"/>). A new process runs its code unoptimised at first and
/// recompiles the hot methods in the background once they have been called often enough; measured with
/// bench/web-load.sh, the first ~20 s of a new server answered at half its later rate, so the first real requests (or a
/// load balancer's first burst) paid for the compiler. The warm-up stops when a round of every path compiles almost no
/// new methods (the compiler has caught up), or at <c>MyeloDx:WarmUpSeconds</c> (default 45; 0 turns it off). The
/// server answers requests meanwhile; only readiness waits. Answers are discarded; nothing is stored or logged.
/// </summary>
internal sealed class ServerWarmUp(IServiceProvider services, WarmUpState state, IConfiguration config, ILogger<ServerWarmUp> log) : BackgroundService
{
    public const string KeySeconds = "MyeloDx:WarmUpSeconds";
    public const int DefaultSeconds = 45;
    /// <summary>Rounds always run: the runtime counts calls only after a short delay, and promotes a method after 30 calls.</summary>
    private const int MinRounds = 12;
    /// <summary>
    /// Quiet: the last <see cref="QuietRounds"/> rounds (each: every path once, then a pause for the background compiler)
    /// compiled no more than this many methods together. One round alone is not enough: promotions come in bursts.
    /// </summary>
    private const int QuietMethods = 20, QuietRounds = 3;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(150);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = int.TryParse(config[KeySeconds], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Math.Max(0, n) : DefaultSeconds;
        if (seconds == 0)
        {
            state.Finish("warm-up off");
            return Task.CompletedTask;
        }
        // Off the start-up path: the server listens (and /health/live answers) while this runs.
        return Task.Run(() => Run(TimeSpan.FromSeconds(seconds), stoppingToken), stoppingToken);
    }

    private void Run(TimeSpan limit, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        var quiet = false;
        var recent = new Queue<long>();
        try
        {
            var readers = services.GetRequiredService<CaseReaders>();
            var bodies = Bodies(readers);
            var time = services.GetRequiredService<TimeProvider>();
            var keys = services.GetRequiredService<ApiKeyCache>();
            while (!stop.IsCancellationRequested && clock.Elapsed < limit)
            {
                var before = System.Runtime.JitInfo.GetCompiledMethodCount();
                Round(readers, time, keys, bodies, stop);
                rounds++;
                stop.WaitHandle.WaitOne(Pause);
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
                state.Report($"round {rounds}, {clock.Elapsed.TotalSeconds:0.0} s");
                recent.Enqueue(compiled);
                if (recent.Count > QuietRounds) recent.Dequeue();
                if (rounds >= MinRounds && recent.Sum() <= QuietMethods) { quiet = true; break; }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A warm-up failure must not keep the instance out of service: the requests themselves report their errors.
            log.LogWarning("Warm-up stopped early ({Type}); the instance is ready but its first requests may be slow", e.GetType().Name);
        }
        catch (OperationCanceledException) { return; }
        var summary = string.Create(CultureInfo.InvariantCulture, $"warm after {rounds} rounds in {clock.Elapsed.TotalSeconds:0.0} s{(quiet ? "" : " (time limit)")}");
        state.Finish(summary);
        log.LogInformation("Warm-up done: {Rounds} rounds in {Seconds:0.0} s, compiler {State}", rounds, clock.Elapsed.TotalSeconds, quiet ? "quiet" : "still busy (time limit)");
    }

    /// <summary>Request bodies as the API receives them: notes, structured cases, a FHIR Bundle, and a CDS prefetch.</summary>
    private (string[] Api, string? Prefetch) Bodies(CaseReaders readers)
    {
        var api = new List<string>();
        foreach (var note in WarmUpInputs.Notes) api.Add(new JsonObject { ["text"] = note }.ToJsonString());
        api.AddRange(WarmUpInputs.Cases);
        string? prefetch = null;
        if (services.GetService<ICaseFhirExporter>() is { } exporter)
        {
            var input = readers.Parse(WarmUpInputs.Cases[0]).Input;
            var bundle = exporter.Export(input, readers.Service.Assess(input));
            api.Add(bundle);
            prefetch = new JsonObject { ["record"] = JsonNode.Parse(bundle) }.ToJsonString();
        }
        return ([.. api], prefetch);
    }

    /// <summary>Every path once: what POST /api/assessments and the CDS patient-view service compute, and the key lookup.</summary>
    private static void Round(CaseReaders readers, TimeProvider time, ApiKeyCache keys, (string[] Api, string? Prefetch) bodies, CancellationToken stop)
    {
        foreach (var body in bodies.Api)
        {
            var p = readers.Parse(body);
            var (doc, _) = Http.Document(readers, p, null, AssessmentDetail.All, stop);
            if (doc is not null) PooledJsonAnswer.Serialize(doc, MyeloDx.Core.Contract.ContractJson.Compact.AssessmentDocument).Release();
        }
        if (bodies.Prefetch is { } prefetch)
        {
            // normalised first, as BodyLimit.ReadJsonUtf8 hands a JSON body on, so the warm-up takes the service's path
            using var d = JsonDocument.Parse(MyeloDx.Core.Errors.InputNormalizer.JsonUtf8(prefetch, "warm-up"));
            var result = new PrefetchReader(readers, time).Read(d.RootElement, null, normalised: true);
            _ = CdsHooksApi.CardsJson(CdsHooksApi.Answer(readers.Service, result, "http://127.0.0.1", "warm-up", stop));
        }
        // The key hash and registry query every API request makes (API keys are random; none is this text).
        _ = keys.Find(Secrets.HashApiKey("warm-up: not an api key"), stop).GetAwaiter().GetResult();
    }
}
