using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MyeloDx.Core.Inference;
using MyeloDx.Core.Services;
using MyeloDx.Web.Api;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Overload: a bounded number of assessments run and wait; the next request is refused at once with 503 and
/// Retry-After; a request whose caller hung up stops before the next stage. Requests are held inside the text reader
/// with a gate, so nothing here depends on timing.
/// </summary>
public sealed class OverloadTests
{
    /// <summary>A text reader that holds the first <c>hold</c> calls until the gate opens, then reads normally.</summary>
    private sealed class GatedReader(ITextCaseReader inner, int hold) : ITextCaseReader
    {
        private int _calls;
        public SemaphoreSlim Entered { get; } = new(0);
        public ManualResetEventSlim Gate { get; } = new(false);

        public CaseInput Read(string text)
        {
            if (Interlocked.Increment(ref _calls) <= hold)
            {
                Entered.Release();
                // A safety bound only (a broken test must not hang the run); the tests open the gate themselves.
                Gate.Wait(TimeSpan.FromMinutes(2));
            }
            return inner.Read(text);
        }
    }

    /// <summary>Counts how many assessments reached their sections (next tests, scores...), the costliest stage.</summary>
    private sealed class CountingAugmenter : IAssessmentAugmenter
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public MyeloDx.Core.Contract.AssessmentDocument Augment(CaseInput input, Assessment assessment, MyeloDx.Core.Contract.AssessmentDocument document)
        {
            Interlocked.Increment(ref _count);
            return document;
        }
    }

    private static WebApplicationFactory<Program> Limited(WebApp app, int concurrency, int queue, Action<IServiceCollection> services, int queueWaitMs = 0) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting(AssessmentAdmission.KeyConcurrency, concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting(AssessmentAdmission.KeyQueue, queue.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting(AssessmentAdmission.KeyQueueWait, queueWaitMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.ConfigureTestServices(services);
        });

    private static HttpClient Client(WebApplicationFactory<Program> f, WebApp app)
    {
        var c = f.CreateClient();
        c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", app.Keys["alice"]);
        return c;
    }

    private static StringContent Note(string marker) => Json.Body(new { text = $"Clinic reference {marker}.\n" + Samples.SeedNote });

    private static async Task Until(Func<bool> condition)
    {
        // Waiting for a state, not measuring time: the bound only stops a broken test from hanging.
        for (var i = 0; i < 3000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "the expected server state was never reached");
    }

    [Fact]
    public async Task Beyond_the_running_and_queued_assessments_a_request_is_refused_at_once_with_503_and_retry_after()
    {
        using var app = new WebApp();
        var reader = new GatedReader(WebApp.TextReader!, hold: 1);
        using var limited = Limited(app, concurrency: 1, queue: 1, s => s.AddSingleton<ITextCaseReader>(reader));
        using var c = Client(limited, app);
        var admission = limited.Services.GetRequiredService<AssessmentAdmission>();

        var running = c.PostAsync("/api/assessments", Note("A"));
        Assert.True(await reader.Entered.WaitAsync(TimeSpan.FromMinutes(2)), "the request never reached the text reader");
        var queued = c.PostAsync("/api/assessments", Note("B"));
        await Until(() => admission.Statistics is { CurrentQueuedCount: 1 });

        // The one running is still held by the gate: these answers cannot have waited for it.
        foreach (var (path, body) in new[]
        {
            ("/api/assessments", Note("C")),
            ("/api/cases", Note("D")),
            ("/cds-services/myelodx-patient-view", Json.Body(new JsonObject { ["hook"] = "patient-view", ["hookInstance"] = "h1", ["prefetch"] = CdsHooksTests.DemoPrefetch() }.ToJsonString())),
        })
        {
            var refused = await c.PostAsync(path, body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("MDX-WEB050", await Json.ProblemCode(refused));
            Assert.Equal(TimeSpan.FromSeconds(AssessmentAdmission.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        }
        Assert.False(running.IsCompleted, "the running request was released before the gate opened");

        reader.Gate.Set();
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        // Slots free again: the next request is served, not refused.
        Assert.Equal(HttpStatusCode.OK, (await c.PostAsync("/api/assessments", Note("E"))).StatusCode);
    }

    [Fact]
    public async Task With_a_queue_wait_set_a_request_that_waited_longer_is_refused_with_503_instead_of_started()
    {
        using var app = new WebApp();
        var reader = new GatedReader(WebApp.TextReader!, hold: 1);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var limited = Limited(app, concurrency: 1, queue: 4, s =>
        {
            s.AddSingleton<ITextCaseReader>(reader);
            s.AddSingleton<TimeProvider>(time);
        }, queueWaitMs: 2000);
        using var c = Client(limited, app);
        var admission = limited.Services.GetRequiredService<AssessmentAdmission>();

        var running = c.PostAsync("/api/assessments", Note("running"));
        Assert.True(await reader.Entered.WaitAsync(TimeSpan.FromMinutes(2)), "the request never reached the text reader");
        var waiting = c.PostAsync("/api/assessments", Note("waiting"));
        await Until(() => admission.Statistics is { CurrentQueuedCount: 1 });
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(waiting.IsCompleted, "refused before its queue wait was over");
        time.Advance(TimeSpan.FromMilliseconds(2));
        var refused = await waiting;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("MDX-WEB050", await Json.ProblemCode(refused));
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(0, admission.Statistics?.CurrentQueuedCount);

        reader.Gate.Set();
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
    }

    [Fact]
    public async Task A_request_abandoned_while_its_note_is_read_is_never_assessed()
    {
        using var app = new WebApp();
        var reader = new GatedReader(WebApp.TextReader!, hold: 1);
        var counter = new CountingAugmenter();
        var service = new AssessmentService(WebApp.Service.Knowledge, augmenters: [counter]);
        using var limited = Limited(app, concurrency: 1, queue: 4, s =>
        {
            s.AddSingleton<ITextCaseReader>(reader);
            s.AddSingleton(service);
        });
        using var c = Client(limited, app);
        var admission = limited.Services.GetRequiredService<AssessmentAdmission>();
        var before = counter.Count; // the start-up warm-up assesses an empty case once

        using var hangUp = new CancellationTokenSource();
        var abandoned = c.PostAsync("/api/assessments", Note("abandoned"), hangUp.Token);
        Assert.True(await reader.Entered.WaitAsync(TimeSpan.FromMinutes(2)), "the request never reached the text reader");
        // The caller hangs up while its note is being read (the test server signals RequestAborted at once; the
        // client's task itself ends only when the server is done with the request).
        await hangUp.CancelAsync();

        // The next request queues behind the abandoned one (one slot), so its answer means the abandoned one has ended.
        var next = c.PostAsync("/api/assessments", Note("next"));
        await Until(() => admission.Statistics is { CurrentQueuedCount: 1 } || next.IsCompleted);
        Assert.False(next.IsCompleted, "answered while the abandoned request still held the only slot");
        reader.Gate.Set();
        Assert.Equal(HttpStatusCode.OK, (await next).StatusCode);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(1, counter.Count - before);
        Assert.Equal(0, admission.Statistics?.CurrentQueuedCount);
        Assert.Equal(1L, admission.Statistics?.CurrentAvailablePermits);
    }

    [Fact]
    public void The_limits_are_settings_with_one_running_assessment_per_core_by_default()
    {
        var none = new ConfigurationBuilder().Build();
        using var byDefault = new AssessmentAdmission(none, TimeProvider.System);
        Assert.Equal(Environment.ProcessorCount, byDefault.Concurrency);
        Assert.Equal(AssessmentAdmission.QueuePerSlot * Environment.ProcessorCount, byDefault.QueueLimit);
        Assert.Null(byDefault.QueueWait);
        var set = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AssessmentAdmission.KeyConcurrency] = "3", [AssessmentAdmission.KeyQueue] = "0", [AssessmentAdmission.KeyQueueWait] = "500",
        }).Build();
        using var configured = new AssessmentAdmission(set, TimeProvider.System);
        Assert.Equal(3, configured.Concurrency);
        Assert.Equal(0, configured.QueueLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(500), configured.QueueWait);
        Assert.Equal(3L, configured.Statistics?.CurrentAvailablePermits);
    }
}
