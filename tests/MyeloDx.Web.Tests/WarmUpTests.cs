using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MyeloDx.Core.Services;
using MyeloDx.Web.Hosting;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Issue 17 (round 6): a new server runs invented cases through its request paths before it says it is ready. While it
/// does, /health/live answers 200, /health and /health/ready answer 503, and real requests are served; when it is done
/// the instance is ready. The warm-up is held inside the text reader with a gate, so nothing here depends on timing.
/// </summary>
public sealed class WarmUpTests
{
    /// <summary>A text reader that holds its first call until the gate opens, then reads normally.</summary>
    private sealed class GatedReader(ITextCaseReader inner) : ITextCaseReader
    {
        private int _calls;
        public SemaphoreSlim Entered { get; } = new(0);
        public ManualResetEventSlim Gate { get; } = new(false);

        public CaseInput Read(string text)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.Release();
                // A safety bound only (a broken test must not hang the run); the test opens the gate itself.
                Gate.Wait(TimeSpan.FromMinutes(2));
            }
            return inner.Read(text);
        }
    }

    [Fact]
    public async Task A_warming_server_is_alive_and_answers_but_is_not_ready_until_the_warm_up_is_done()
    {
        using var app = new WebApp();
        var reader = new GatedReader(WebApp.TextReader!);
        using var warming = app.WithWebHostBuilder(b =>
        {
            b.UseSetting(ServerWarmUp.KeySeconds, "120");
            b.ConfigureTestServices(s => s.AddSingleton<ITextCaseReader>(reader));
        });
        using var c = warming.CreateClient();
        Assert.True(await reader.Entered.WaitAsync(TimeSpan.FromMinutes(2)), "the warm-up never reached the text reader");

        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await c.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await c.GetAsync("/health")).StatusCode);
        Assert.False(warming.Services.GetRequiredService<WarmUpState>().Done);
        // Not ready is not closed: a structured case (no text reader) is answered meanwhile.
        c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", app.Keys["alice"]);
        Assert.Equal(HttpStatusCode.OK, (await c.PostAsync("/api/assessments", Json.Body(Samples.SeedCase))).StatusCode);

        reader.Gate.Set();
        var state = warming.Services.GetRequiredService<WarmUpState>();
        // Waiting for a state, not measuring time: the bound only stops a broken test from hanging.
        for (var i = 0; i < 1200 && !state.Done; i++) await Task.Delay(100);
        Assert.True(state.Done, "the warm-up never finished");
        Assert.StartsWith("warm after", state.Progress);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task With_the_warm_up_off_the_server_is_ready_at_once()
    {
        using var app = new WebApp();
        using var c = app.As(null);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health/ready")).StatusCode);
        Assert.Equal("warm-up off", app.Services.GetRequiredService<WarmUpState>().Progress);
    }
}
