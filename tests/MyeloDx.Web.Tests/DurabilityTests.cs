using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Tests;

/// <summary>
/// A committed case survives the server being killed (SIGKILL) in the middle of writes: SQLite (WAL, full sync) and
/// PostgreSQL. The kill comes after <see cref="Target"/> acknowledged writes, while the writers are still posting.
/// </summary>
public sealed class DurabilityTests
{
    private const int Target = 1000;

    [Fact]
    public async Task Every_case_acknowledged_before_a_kill_is_there_after_a_restart()
    {
        using var db = TestDatabase.Sqlite();
        await KillDuringWrites(db);
    }

    [PostgresFact]
    public async Task Every_case_acknowledged_before_a_kill_is_there_after_a_restart_on_postgres()
    {
        using var db = TestDatabase.Postgres();
        await KillDuringWrites(db);
    }

    private static async Task KillDuringWrites(TestDatabase db)
    {
        var key = UserAdmin.Add(db.Settings, "alice", Roles.Clinician, null);
        var acknowledged = new ConcurrentBag<string>();
        var server = await ServerProcess.Start(db.DataDir, postgres: db.Connection);
        using (server)
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var r = await http.PostAsync("/api/cases", Json.Body(Samples.SeedCase), stop.Token);
                        if (r.StatusCode == HttpStatusCode.Created) acknowledged.Add((await Json.Read(r)).GetProperty("id").GetString()!);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException) { }
                }
            })).ToArray();
            // On a clean 2-core machine 1,000 writes take well under a minute; the deadline only guards a hung server.
            var deadline = DateTime.UtcNow.AddSeconds(900);
            while (acknowledged.Count < Target && DateTime.UtcNow < deadline) await Task.Delay(20);
            server.Kill(); // while the writers are still posting
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        if (db.Connection is null)
        using (var c = new SqliteConnection($"Data Source={db.Settings.SqlitePath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
            cmd.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", (string)cmd.ExecuteScalar()!);
        }

        using var again = await ServerProcess.Start(db.DataDir, postgres: db.Connection);
        using var client = new HttpClient { BaseAddress = new Uri(again.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var id in acknowledged)
        {
            var r = await client.GetAsync($"/api/cases/{id}");
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"case {id} was acknowledged (201) but is gone after the kill");
            Assert.Contains("intramedullary_metastasis", await r.Content.ReadAsStringAsync());
        }
        // Checked last, so that a slow machine still shows that nothing acknowledged was lost.
        Assert.True(acknowledged.Count >= Target, $"only {acknowledged.Count} cases were acknowledged before the kill (none of them lost)");
    }
}
