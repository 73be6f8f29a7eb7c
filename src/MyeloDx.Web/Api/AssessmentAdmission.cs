using System.Globalization;
using System.Threading.RateLimiting;

namespace MyeloDx.Web.Api;

/// <summary>
/// Admission to the endpoints that run an assessment (REST assess, case create and update, CDS Hooks). An assessment
/// is pure CPU, so more of them at once than there are cores only lengthens every one of them; beyond the running
/// ones a short queue absorbs bursts, and when that is full the request is refused at once with 503 and
/// <c>Retry-After</c> (MDX-WEB050) instead of waiting behind work it will time out on. This is what keeps goodput at
/// capacity under overload: without it every request is accepted, all of them get slow together, clients give up,
/// and the server still computes answers nobody reads. A request whose caller hangs up while queued leaves the queue.
/// </summary>
internal sealed class AssessmentAdmission : IDisposable
{
    /// <summary>Settings (e.g. <c>--MyeloDx:AssessConcurrency=4</c> or environment <c>MyeloDx__AssessQueue=64</c>).</summary>
    public const string KeyConcurrency = "MyeloDx:AssessConcurrency", KeyQueue = "MyeloDx:AssessQueue", KeyQueueWait = "MyeloDx:AssessQueueWaitMs";
    public const string Code = "MDX-WEB050";
    /// <summary>Seconds a refused caller is asked to wait: a full queue drains in well under a second at the default sizes.</summary>
    public const int RetryAfterSeconds = 1;
    public const int QueuePerSlot = 64;

    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeProvider _time;

    public AssessmentAdmission(IConfiguration config, TimeProvider time)
    {
        _time = time;
        // Optional (off unless set): a request that has waited this long for a slot is refused rather than started.
        // Behind a caller with a short time-out (an EHR's CDS client) on a machine slower than the queue length
        // assumes, the caller has likely given up by the time the answer would come. Off by default because a burst
        // on a busy machine (100 concurrent updates in CI) would otherwise be refused where waiting a little works.
        var wait = Setting(config[KeyQueueWait], 0, min: 0);
        QueueWait = wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
        // Default: one running assessment per core, and a queue of 64 per running one: a burst of about a hundred
        // requests at once (a clinic list opened together, a batch client) waits instead of being refused, and the
        // worst wait before a request starts stays near 64 assessment times; anything beyond is refused at once.
        Concurrency = Setting(config[KeyConcurrency], Environment.ProcessorCount, min: 1);
        QueueLimit = Setting(config[KeyQueue], QueuePerSlot * Concurrency, min: 0);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Concurrency,
            QueueLimit = QueueLimit,
            // First come, first served; a new request finding the queue full is the one refused.
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Concurrency { get; }
    public int QueueLimit { get; }
    /// <summary>Null when requests wait for a slot as long as their caller does.</summary>
    public TimeSpan? QueueWait { get; }

    /// <summary>Running and queued counts, for tests and diagnostics.</summary>
    public RateLimiterStatistics? Statistics => _limiter.GetStatistics();

    /// <summary>Runs <paramref name="next"/> once a slot is free; a 503 problem when the queue is full.</summary>
    public async ValueTask<object?> Admit(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var aborted = ctx.HttpContext.RequestAborted;
        using var waited = QueueWait is { } w ? new CancellationTokenSource(w, _time) : null;
        using var either = waited is null ? null : CancellationTokenSource.CreateLinkedTokenSource(aborted, waited.Token);
        RateLimitLease lease;
        // Cancelled while queued because the caller hung up: the OperationCanceledException ends the request unanswered.
        try { lease = await _limiter.AcquireAsync(1, either?.Token ?? aborted); }
        catch (OperationCanceledException) when (waited?.IsCancellationRequested == true && !aborted.IsCancellationRequested)
        {
            return Busy(ctx.HttpContext, $"no assessment slot came free within {QueueWait!.Value.TotalSeconds:0.###} s");
        }
        using (lease)
        {
            if (!lease.IsAcquired) return Busy(ctx.HttpContext, $"every assessment slot is taken ({Concurrency} running, {QueueLimit} waiting)");
            return await next(ctx);
        }
    }

    private static IResult Busy(HttpContext ctx, string why)
    {
        ctx.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Result(Code, "Server busy", $"{why}; nothing was computed; retry after {RetryAfterSeconds} s");
    }

    public void Dispose() => _limiter.Dispose();

    private static int Setting(string? value, int fallback, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min ? n : fallback;
}

/// <summary>Puts an endpoint behind <see cref="AssessmentAdmission"/>.</summary>
internal static class AssessmentAdmissionExtensions
{
    public static TBuilder RequireAssessmentAdmission<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((ctx, next) => ctx.HttpContext.RequestServices.GetRequiredService<AssessmentAdmission>().Admit(ctx, next));
}
