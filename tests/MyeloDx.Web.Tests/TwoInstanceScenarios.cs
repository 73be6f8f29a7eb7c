using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Two instances of the web app on ONE registry database, as behind a load balancer: a sign-in on one is accepted by
/// the other (the data-protection key ring is in the database), a case saved on one is read on the other, concurrent
/// updates spread over both give only 200/409/412, and instances started together migrate once and share one key.
/// Run on SQLite (one file) and PostgreSQL (see the two classes below). On PostgreSQL the second instance also gets a
/// data folder of its own, so nothing but the database connects the two.
/// </summary>
public sealed class TwoInstanceScenarios(Func<TestDatabase> newDb)
{
    /// <summary>Instance B on the same database as <paramref name="a"/> (its own data folder on PostgreSQL).</summary>
    private static WebApplicationFactory<Program> Second(WebApp a, string otherDataDir) =>
        a.Db.Kind == "postgres" ? a.WithWebHostBuilder(b => b.UseSetting(WebHost.KeyData, otherDataDir)) : a.WithWebHostBuilder(_ => { });

    private static HttpClient Api(WebApplicationFactory<Program> f, string key)
    {
        var c = f.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    /// <summary>Instance B's own data folder (used on PostgreSQL), deleted afterwards.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("myelodx-b-").FullName;
        public void Dispose()
        {
            try { Directory.Delete(Path, true); } catch (IOException) { }
        }
    }

    private static int KeyRows(TestDatabase db)
    {
        using var x = db.Settings.NewDb();
        return x.DataProtectionKeys.AsNoTracking().Count();
    }

    public async Task A_sign_in_on_one_instance_is_accepted_by_the_other()
    {
        using var a = new WebApp(newDb(), ownsDb: true);
        using var other = new TempFolder();
        using var b = Second(a, other.Path);
        var browser = a.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await LoginForm.Post(browser, "alice", WebApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Select(v => v.Split(';')[0]).Single(v => v.StartsWith("myelodx.auth=", StringComparison.Ordinal));

        using var onB = b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        onB.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/cases")).StatusCode);
        // The cookie itself is what B accepts: without it B asks for a sign-in.
        using var anonymous = b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/cases")).StatusCode);
        // One key ring, in the database, made once for both instances.
        Assert.Equal(1, KeyRows(a.Db));
    }

    public async Task A_case_saved_on_one_instance_is_read_on_the_other()
    {
        using var a = new WebApp(newDb(), ownsDb: true);
        using var other = new TempFolder();
        using var b = Second(a, other.Path);
        var created = await Api(a, a.Keys["alice"]).PostAsync("/api/cases", Json.Body(Samples.EpiduralCase));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Json.Read(created)).GetProperty("id").GetString()!;

        var read = await Api(b, a.Keys["alice"]).GetAsync($"/api/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal("epidural_cord_compression", (await Json.Read(read)).GetProperty("assessment").GetProperty("leading").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Api(b, a.Keys["bob"]).GetAsync($"/api/cases/{id}")).StatusCode);
    }

    public async Task Hundred_concurrent_updates_spread_over_two_instances_answer_only_200_409_or_412()
    {
        using var a = new WebApp(newDb(), ownsDb: true);
        using var other = new TempFolder();
        using var b = Second(a, other.Path);
        var clients = new[] { Api(a, a.Keys["alice"]), Api(b, a.Keys["alice"]) };
        var created = await clients[0].PostAsync("/api/cases", Json.Body(Samples.EpiduralCase));
        var id = (await Json.Read(created)).GetProperty("id").GetString()!;
        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var req = new HttpRequestMessage(HttpMethod.Put, $"/api/cases/{id}") { Content = Json.Body(Samples.EpiduralCase) };
            // Half name the version they read (stale for all but one), half send no If-Match (last writer wins, or 409).
            if (i / 2 % 2 == 0) req.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            return (int)(await clients[i % 2].SendAsync(req)).StatusCode;
        }));
        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 409, 412 }));
        Assert.Contains(200, statuses);
        // Every 200 made exactly one version, whichever instance answered it.
        var after = await Json.Read(await clients[1].GetAsync($"/api/cases/{id}"));
        Assert.Equal(statuses.Count(s => s == 200) + 1, after.GetProperty("currentVersion").GetInt32());
    }

    public async Task Instances_started_together_on_a_new_database_migrate_once_and_share_one_key()
    {
        using var db = newDb();
        using var a = new WebApp(db, createUsers: false);
        using var other = new TempFolder();
        using var b = Second(a, other.Path);
        // Both start (migrate, make the key ring) at the same moment on an empty database.
        var clients = await Task.WhenAll(Task.Run(() => a.CreateClient()), Task.Run(() => b.CreateClient()));
        foreach (var c in clients) Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(1, KeyRows(db));
        using var x = db.Settings.NewDb();
        var applied = x.Database.GetAppliedMigrations().ToList();
        Assert.Equal(x.Database.GetMigrations().Count(), applied.Count);
        Assert.Equal(applied.Count, applied.Distinct().Count());
        // A user added now (as `myelodx users add` would, from a third process) can use either instance.
        var key = UserAdmin.Add(db.Settings, "carol", Roles.Clinician, WebApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await Api(a, key).GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api(b, key).GetAsync("/api/cases")).StatusCode);
    }
}

public sealed class SqliteTwoInstanceTests
{
    private readonly TwoInstanceScenarios _s = new(TestDatabase.Sqlite);
    [Fact] public Task A_sign_in_on_one_instance_is_accepted_by_the_other() => _s.A_sign_in_on_one_instance_is_accepted_by_the_other();
    [Fact] public Task A_case_saved_on_one_instance_is_read_on_the_other() => _s.A_case_saved_on_one_instance_is_read_on_the_other();
    [Fact] public Task Hundred_concurrent_updates_spread_over_two_instances_answer_only_200_409_or_412() => _s.Hundred_concurrent_updates_spread_over_two_instances_answer_only_200_409_or_412();
    [Fact] public Task Instances_started_together_on_a_new_database_migrate_once_and_share_one_key() => _s.Instances_started_together_on_a_new_database_migrate_once_and_share_one_key();
}

public sealed class PostgresTwoInstanceTests
{
    private readonly TwoInstanceScenarios _s = new(TestDatabase.Postgres);
    [PostgresFact] public Task A_sign_in_on_one_instance_is_accepted_by_the_other() => _s.A_sign_in_on_one_instance_is_accepted_by_the_other();
    [PostgresFact] public Task A_case_saved_on_one_instance_is_read_on_the_other() => _s.A_case_saved_on_one_instance_is_read_on_the_other();
    [PostgresFact] public Task Hundred_concurrent_updates_spread_over_two_instances_answer_only_200_409_or_412() => _s.Hundred_concurrent_updates_spread_over_two_instances_answer_only_200_409_or_412();
    [PostgresFact] public Task Instances_started_together_on_a_new_database_migrate_once_and_share_one_key() => _s.Instances_started_together_on_a_new_database_migrate_once_and_share_one_key();
}
