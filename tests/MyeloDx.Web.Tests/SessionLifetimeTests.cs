using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Browser sessions: 30 minutes idle, 8 hours absolute. Round one's cookies slid for ever; now a busy session still
/// ends 8 hours after sign-in. The clock is a <see cref="FakeTimeProvider"/> shared by the cookie handler and the
/// session check, so nothing waits.
/// </summary>
public sealed class SessionLifetimeTests
{
    private static (WebApplicationFactory<Program> App, HttpClient Browser) Start(WebApp app, FakeTimeProvider time)
    {
        var timed = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time)));
        return (timed, timed.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
    }

    [Fact]
    public async Task A_busy_session_ends_eight_hours_after_sign_in_however_often_it_is_used()
    {
        using var app = new WebApp();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (timed, browser) = Start(app, time);
        using (timed)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await LoginForm.Post(browser, "alice", WebApp.Password)).StatusCode);
            var used = TimeSpan.Zero;
            // A request every 25 minutes (inside the idle timeout) keeps the cookie sliding, up to 7 h 55 min.
            while (used + TimeSpan.FromMinutes(25) < SessionValidation.AbsoluteLifetime)
            {
                time.Advance(TimeSpan.FromMinutes(25));
                used += TimeSpan.FromMinutes(25);
                Assert.True((await browser.GetAsync("/api/cases")).StatusCode == HttpStatusCode.OK, $"refused after {used}");
            }
            time.Advance(SessionValidation.AbsoluteLifetime - used);
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/cases")).StatusCode);
            // A new sign-in starts a new session.
            Assert.Equal(HttpStatusCode.Redirect, (await LoginForm.Post(browser, "alice", WebApp.Password)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/cases")).StatusCode);
        }
    }

    [Fact]
    public async Task A_session_left_idle_longer_than_thirty_minutes_ends()
    {
        using var app = new WebApp();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (timed, browser) = Start(app, time);
        using (timed)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await LoginForm.Post(browser, "alice", WebApp.Password)).StatusCode);
            time.Advance(SessionValidation.IdleTimeout - TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/cases")).StatusCode);
            time.Advance(SessionValidation.IdleTimeout + TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/cases")).StatusCode);
        }
    }
}
