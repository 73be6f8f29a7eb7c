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
    public const string KeyConcurrency = "MyeloDx:AssessConcurrency", KeyQueue = "MyeloDx:AssessQueue";
    public const string Code = "MDX-WEB050";
    /// <summary>Seconds a refused caller is asked to wait: a full queue drains in well under a second at the default sizes.</summary>
    public const int RetryAfterSeconds = 1;
    public const int QueuePerSlot = 64;

    private readonly ConcurrencyLimiter _limiter;

    public AssessmentAdmission(IConfiguration config)
    {
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

    /// <summary>Running and queued counts, for tests and diagnostics.</summary>
    public RateLimiterStatistics? Statistics => _limiter.GetStatistics();

    /// <summary>Runs <paramref name="next"/> once a slot is free; a 503 problem when the queue is full.</summary>
    public async ValueTask<object?> Admit(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        // Cancelled while queued (the caller hung up): the OperationCanceledException ends the request unanswered.
        using var lease = await _limiter.AcquireAsync(1, ctx.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            ctx.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, Code, "Server busy",
                $"every assessment slot is taken ({Concurrency} running, {QueueLimit} waiting); nothing was computed; retry after {RetryAfterSeconds} s");
        }
        return await next(ctx);
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
