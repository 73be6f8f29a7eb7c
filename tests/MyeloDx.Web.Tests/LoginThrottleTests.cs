using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Sign-in throttling kept in the registry: what one instance of the web app counts, another instance on the same
/// database sees. Each "instance" here has its own <see cref="RegistrySettings"/> (its own connection pool), as two
/// server processes would. Time is a <see cref="FakeTimeProvider"/>: nothing waits.
/// </summary>
public sealed class LoginThrottleScenarios(Func<TestDatabase> newDb)
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.7"), Colleague = IPAddress.Parse("198.51.100.20");

    private static (LoginThrottle A, LoginThrottle B) TwoInstances(TestDatabase db, TimeProvider time)
    {
        var a = db.Settings;
        a.Migrate();
        return (new LoginThrottle(a, time), new LoginThrottle(db.Settings, time));
    }

    public async Task Failures_counted_by_one_instance_lock_the_account_on_the_other()
    {
        using var db = newDb();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (a, b) = TwoInstances(db, time);
        for (var i = 0; i < LoginThrottle.AccountFailures - 1; i++)
        {
            await (i % 2 == 0 ? a : b).Failed("alice", Guesser, default);
            time.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Null(await a.RetryAfter("alice", Colleague, default));
        await b.Failed("Alice ", Guesser, default); // the name as typed: case and spaces do not make a new account
        // Locked for everyone, whichever instance they reach and wherever they come from.
        Assert.Equal(LoginThrottle.Lockout, await a.RetryAfter("alice", Colleague, default));
        Assert.Equal(LoginThrottle.Lockout, await b.RetryAfter("ALICE", Colleague, default));
        Assert.Null(await a.RetryAfter("bob", Colleague, default));
        time.Advance(LoginThrottle.Lockout - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), await b.RetryAfter("alice", Colleague, default));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await a.RetryAfter("alice", Colleague, default));
        // The lock is over and so is the window: counting starts again from one.
        await a.Failed("alice", Colleague, default);
        Assert.Null(await b.RetryAfter("alice", Colleague, default));
    }

    public async Task Twenty_failures_from_one_address_refuse_it_for_the_rest_of_the_window_whatever_the_names()
    {
        using var db = newDb();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (a, b) = TwoInstances(db, time);
        for (var i = 0; i < LoginThrottle.ClientFailures - 1; i++)
        {
            await (i % 2 == 0 ? a : b).Failed($"name-{i}", Guesser, default); // a spray: one guess per name
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Null(await a.RetryAfter("someone-new", Guesser, default));
        await b.Failed("name-last", Guesser, default);
        var elapsed = TimeSpan.FromSeconds(LoginThrottle.ClientFailures - 1);
        Assert.Equal(LoginThrottle.Window - elapsed, await a.RetryAfter("someone-new", Guesser, default));
        // Another address is not affected, and the address is let in again when its window is over.
        Assert.Null(await b.RetryAfter("someone-new", Colleague, default));
        time.Advance(LoginThrottle.Window - elapsed);
        Assert.Null(await a.RetryAfter("someone-new", Guesser, default));
    }

    public async Task Concurrent_failures_on_two_instances_are_all_counted()
    {
        using var db = newDb();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (a, b) = TwoInstances(db, time);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? a : b).Failed($"user{i % 4}", Guesser, default)));
        await using var check = db.Settings.NewDb();
        var counts = await check.LoginThrottle.Select(t => t.Failures).ToListAsync();
        // Four account rows of 4 failures each and one address row of 16: no increment lost to a race.
        Assert.Equal([4, 4, 4, 4, 16], counts.Order());
        Assert.Null(await a.RetryAfter("user0", Colleague, default));
        await b.Failed("user0", Colleague, default);
        Assert.NotNull(await a.RetryAfter("user0", Colleague, default));
    }

    public async Task A_success_clears_the_account_count_but_not_the_address_count()
    {
        using var db = newDb();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (a, b) = TwoInstances(db, time);
        for (var i = 0; i < LoginThrottle.AccountFailures - 1; i++) await a.Failed("alice", Guesser, default);
        await b.Succeeded("alice", default);
        await a.Failed("alice", Guesser, default);
        Assert.Null(await b.RetryAfter("alice", Colleague, default));
        for (var i = 0; i < LoginThrottle.ClientFailures - LoginThrottle.AccountFailures; i++) await a.Failed("x" + i, Guesser, default);
        Assert.NotNull(await b.RetryAfter("anyone", Guesser, default));
    }

    /// <summary>Two web app instances on one registry: guesses spread over both still reach the lockout.</summary>
    public async Task Guesses_spread_over_two_web_app_instances_share_one_lockout()
    {
        using var db = newDb();
        using var first = new WebApp(db);
        using var second = new WebApp(db, createUsers: false);
        var c1 = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var c2 = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < LoginThrottle.AccountFailures; i++)
            Assert.Equal(HttpStatusCode.OK, (await LoginForm.Post(i % 2 == 0 ? c1 : c2, "bob", "wrong guess " + i)).StatusCode);
        // The sixth attempt, even with the right password, on either instance.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginForm.Post(c1, "bob", WebApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginForm.Post(c2, "bob", WebApp.Password)).StatusCode);
    }

    public async Task A_user_name_with_nul_or_control_characters_is_refused_without_a_server_error()
    {
        using var db = newDb();
        using var app = new WebApp(db);
        var c = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        foreach (var name in new[] { "ali\0ce", "alice\u0001", "\u001b[31malice", "alice\ufffd" })
        {
            var r = await LoginForm.Post(c, name, WebApp.Password);
            // The form reader itself may refuse a NUL (400); otherwise the usual answer. Never a 500, never signed in.
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{r.StatusCode} for {Uri.EscapeDataString(name)}");
            if (r.StatusCode == HttpStatusCode.OK) Assert.Contains("Unknown user name or wrong password.", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await LoginForm.Post(c, "alice", WebApp.Password)).StatusCode);
    }
}

public sealed class SqliteLoginThrottleTests
{
    private readonly LoginThrottleScenarios _s = new(TestDatabase.Sqlite);
    [Fact] public Task Failures_counted_by_one_instance_lock_the_account_on_the_other() => _s.Failures_counted_by_one_instance_lock_the_account_on_the_other();
    [Fact] public Task Twenty_failures_from_one_address_refuse_it_for_the_rest_of_the_window_whatever_the_names() => _s.Twenty_failures_from_one_address_refuse_it_for_the_rest_of_the_window_whatever_the_names();
    [Fact] public Task Concurrent_failures_on_two_instances_are_all_counted() => _s.Concurrent_failures_on_two_instances_are_all_counted();
    [Fact] public Task A_success_clears_the_account_count_but_not_the_address_count() => _s.A_success_clears_the_account_count_but_not_the_address_count();
    [Fact] public Task Guesses_spread_over_two_web_app_instances_share_one_lockout() => _s.Guesses_spread_over_two_web_app_instances_share_one_lockout();
    [Fact] public Task A_user_name_with_nul_or_control_characters_is_refused_without_a_server_error() => _s.A_user_name_with_nul_or_control_characters_is_refused_without_a_server_error();
}

public sealed class PostgresLoginThrottleTests
{
    private readonly LoginThrottleScenarios _s = new(TestDatabase.Postgres);
    [PostgresFact] public Task Failures_counted_by_one_instance_lock_the_account_on_the_other() => _s.Failures_counted_by_one_instance_lock_the_account_on_the_other();
    [PostgresFact] public Task Twenty_failures_from_one_address_refuse_it_for_the_rest_of_the_window_whatever_the_names() => _s.Twenty_failures_from_one_address_refuse_it_for_the_rest_of_the_window_whatever_the_names();
    [PostgresFact] public Task Concurrent_failures_on_two_instances_are_all_counted() => _s.Concurrent_failures_on_two_instances_are_all_counted();
    [PostgresFact] public Task A_success_clears_the_account_count_but_not_the_address_count() => _s.A_success_clears_the_account_count_but_not_the_address_count();
    [PostgresFact] public Task Guesses_spread_over_two_web_app_instances_share_one_lockout() => _s.Guesses_spread_over_two_web_app_instances_share_one_lockout();
    [PostgresFact] public Task A_user_name_with_nul_or_control_characters_is_refused_without_a_server_error() => _s.A_user_name_with_nul_or_control_characters_is_refused_without_a_server_error();
}
