using System.Net;
using System.Text.Json;

namespace MyeloDx.Web.Tests;

/// <summary>
/// Registry behaviour over HTTP, run on SQLite and on PostgreSQL (see the two classes below): ownership, versions,
/// soft delete and restore, search, sharing, audit, and persistence across a restart.
/// </summary>
public sealed class RegistryScenarios(Func<TestDatabase> newDb)
{
    private static async Task<string> Save(HttpClient c, string body)
    {
        var r = await c.PostAsync("/api/cases", Json.Body(body));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var j = await Json.Read(r);
        var id = j.GetProperty("id").GetString()!;
        Assert.Equal($"/api/cases/{id}", r.Headers.Location?.ToString());
        return id;
    }

    public async Task Owner_reads_a_saved_case_others_get_404()
    {
        using var db = newDb();
        using var app = new WebApp(db);
        var id = await Save(app.As("alice"), Samples.SeedCase);
        var mine = await app.As("alice").GetAsync($"/api/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var j = await Json.Read(mine);
        Assert.Equal("intramedullary_metastasis", j.GetProperty("assessment").GetProperty("leading").GetString());
        Assert.Equal("structured", j.GetProperty("input").GetProperty("kind").GetString());
        Assert.Equal(35, j.GetProperty("case").GetProperty("patient").GetProperty("ageYears").GetDouble());
        Assert.Equal(35, j.GetProperty("input").GetProperty("given").GetProperty("patient").GetProperty("ageYears").GetDouble());
        Assert.False(string.IsNullOrEmpty(j.GetProperty("knowledgeVersion").GetString()));

        var other = await app.As("bob").GetAsync($"/api/cases/{id}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("MDX-WEB404", await Json.ProblemCode(other));
        var unknown = await app.As("alice").GetAsync("/api/cases/no-such-case-0");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("MDX-WEB404", await Json.ProblemCode(unknown));
        // The admin sees every case.
        Assert.Equal(HttpStatusCode.OK, (await app.As("root").GetAsync($"/api/cases/{id}")).StatusCode);
        // Bob's list does not show it; Alice's does.
        Assert.DoesNotContain(id, await (await app.As("bob").GetAsync("/api/cases")).Content.ReadAsStringAsync());
        Assert.Contains(id, await (await app.As("alice").GetAsync("/api/cases")).Content.ReadAsStringAsync());
    }

    public async Task An_update_keeps_the_earlier_version()
    {
        using var db = newDb();
        using var app = new WebApp(db);
        var alice = app.As("alice");
        var id = await Save(alice, Samples.SeedCase);
        var put = await alice.PutAsync($"/api/cases/{id}", Json.Body(Samples.EpiduralCase));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, (await Json.Read(put)).GetProperty("version").GetInt32());

        var now = await Json.Read(await alice.GetAsync($"/api/cases/{id}"));
        Assert.Equal(2, now.GetProperty("version").GetInt32());
        Assert.Equal("prostate", now.GetProperty("case").GetProperty("cancer").GetProperty("primarySite").GetString());
        Assert.Equal(2, now.GetProperty("versions").GetArrayLength());

        var before = await Json.Read(await alice.GetAsync($"/api/cases/{id}?version=1"));
        Assert.Equal(1, before.GetProperty("version").GetInt32());
        Assert.Equal("breast", before.GetProperty("case").GetProperty("cancer").GetProperty("primarySite").GetString());
        Assert.Equal("intramedullary_metastasis", before.GetProperty("assessment").GetProperty("leading").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bob").PutAsync($"/api/cases/{id}", Json.Body(Samples.SeedCase))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/api/cases/{id}?version=9")).StatusCode);
    }

    public async Task Delete_is_soft_and_an_admin_can_restore()
    {
        using var db = newDb();
        using var app = new WebApp(db);
        var alice = app.As("alice");
        var id = await Save(alice, Samples.SeedCase);
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bob").DeleteAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.DoesNotContain(id, await (await alice.GetAsync("/api/cases")).Content.ReadAsStringAsync());

        var root = app.As("root");
        var seen = await Json.Read(await root.GetAsync($"/api/cases/{id}"));
        Assert.True(seen.GetProperty("deleted").GetBoolean());
        Assert.Contains(id, await (await root.GetAsync("/api/cases?deleted=true")).Content.ReadAsStringAsync());

        var clinicianRestore = await alice.PostAsync($"/api/cases/{id}/restore", null);
        Assert.Equal(HttpStatusCode.Forbidden, clinicianRestore.StatusCode);
        Assert.Equal("MDX-AUTH003", await Json.ProblemCode(clinicianRestore));
        Assert.Equal(HttpStatusCode.OK, (await root.PostAsync($"/api/cases/{id}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/cases/{id}")).StatusCode);
    }

    public async Task Search_filters_by_leading_diagnosis_date_and_title()
    {
        using var db = newDb();
        using var app = new WebApp(db);
        var alice = app.As("alice");
        var a = await Save(alice, Samples.SeedCase);
        var b = await Save(alice, $$"""{"title": "Tumour board 12", "case": {{Samples.EpiduralCase}}}""");
        var leadB = WebApp.Service.Assess(MyeloDx.Core.Cases.CaseJson.Parse(Samples.EpiduralCase)).Leading.Id;
        Assert.NotEqual("intramedullary_metastasis", leadB);

        async Task<string[]> Ids(string query) =>
            (await Json.Read(await alice.GetAsync("/api/cases" + query))).GetProperty("cases").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToArray();

        Assert.Equal([a], await Ids("?diagnosis=intramedullary_metastasis"));
        Assert.Equal([b], await Ids("?diagnosis=" + leadB));
        Assert.Equal([b], await Ids("?q=board"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Equal(2, (await Ids($"?from={today}&to={today}")).Length);
        Assert.Empty(await Ids("?from=2999-01-01"));
        Assert.Empty(await Ids("?to=2000-01-01"));
        var bad = await alice.GetAsync("/api/cases?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("MDX-WEB030", await Json.ProblemCode(bad));
    }

    public async Task A_shared_case_is_visible_to_the_user_it_was_shared_with()
    {
        using var db = newDb();
        using var app = new WebApp(db);
        var id = await Save(app.As("alice"), Samples.SeedCase);
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bob").PostAsync($"/api/cases/{id}/shares", Json.Body(new { user = "bob" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.As("alice").PostAsync($"/api/cases/{id}/shares", Json.Body(new { user = "bob" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.As("bob").GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Contains(id, await (await app.As("bob").GetAsync("/api/cases")).Content.ReadAsStringAsync());
        // Bob may read but not delete or re-share it.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("bob").DeleteAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.As("alice").DeleteAsync($"/api/cases/{id}/shares/bob")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bob").GetAsync($"/api/cases/{id}")).StatusCode);
    }

    public async Task The_audit_trail_lists_every_read_and_write_without_case_text()
    {
        using var db = newDb();
        using var app = new WebApp(db);
        var alice = app.As("alice");
        var id = await Save(alice, Samples.SeedCase);
        await alice.GetAsync($"/api/cases/{id}");
        await alice.PutAsync($"/api/cases/{id}", Json.Body(Samples.EpiduralCase));
        await app.As("bob").GetAsync($"/api/cases/{id}");
        await alice.DeleteAsync($"/api/cases/{id}");
        var r = await alice.GetAsync($"/api/cases/{id}/audit");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        var rows = (await Json.Read(r)).GetProperty("audit").EnumerateArray()
            .Select(x => (x.GetProperty("user").GetString(), x.GetProperty("action").GetString(), x.GetProperty("status").GetInt32())).Reverse().ToList();
        Assert.Equal([("alice", "create", 201), ("alice", "read", 200), ("alice", "update", 200), ("bob", "read", 404), ("alice", "delete", 204)], rows);
        Assert.DoesNotContain("breast", text);
        Assert.DoesNotContain("prostate", text);
        // Bob may not read Alice's audit trail; the admin may read everything.
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bob").GetAsync($"/api/cases/{id}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/api/audit")).StatusCode);
        Assert.Contains(id, await (await app.As("root").GetAsync("/api/audit")).Content.ReadAsStringAsync());
    }

    public async Task A_saved_case_survives_a_restart()
    {
        using var db = newDb();
        string id, key;
        using (var first = new WebApp(db))
        {
            key = first.Keys["alice"];
            id = await Save(first.As("alice"), Samples.SeedCase);
        }
        using var second = new WebApp(db, createUsers: false);
        second.Keys["alice"] = key;
        var r = await second.As("alice").GetAsync($"/api/cases/{id}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var j = await Json.Read(r);
        Assert.Equal("intramedullary_metastasis", j.GetProperty("assessment").GetProperty("differential")[0].GetProperty("id").GetString());
    }
}

public sealed class SqliteRegistryTests
{
    private readonly RegistryScenarios _s = new(TestDatabase.Sqlite);
    [Fact] public Task Owner_reads_a_saved_case_others_get_404() => _s.Owner_reads_a_saved_case_others_get_404();
    [Fact] public Task An_update_keeps_the_earlier_version() => _s.An_update_keeps_the_earlier_version();
    [Fact] public Task Delete_is_soft_and_an_admin_can_restore() => _s.Delete_is_soft_and_an_admin_can_restore();
    [Fact] public Task Search_filters_by_leading_diagnosis_date_and_title() => _s.Search_filters_by_leading_diagnosis_date_and_title();
    [Fact] public Task A_shared_case_is_visible_to_the_user_it_was_shared_with() => _s.A_shared_case_is_visible_to_the_user_it_was_shared_with();
    [Fact] public Task The_audit_trail_lists_every_read_and_write_without_case_text() => _s.The_audit_trail_lists_every_read_and_write_without_case_text();
    [Fact] public Task A_saved_case_survives_a_restart() => _s.A_saved_case_survives_a_restart();
}

public sealed class PostgresRegistryTests
{
    private readonly RegistryScenarios _s = new(TestDatabase.Postgres);
    [PostgresFact] public Task Owner_reads_a_saved_case_others_get_404() => _s.Owner_reads_a_saved_case_others_get_404();
    [PostgresFact] public Task An_update_keeps_the_earlier_version() => _s.An_update_keeps_the_earlier_version();
    [PostgresFact] public Task Delete_is_soft_and_an_admin_can_restore() => _s.Delete_is_soft_and_an_admin_can_restore();
    [PostgresFact] public Task Search_filters_by_leading_diagnosis_date_and_title() => _s.Search_filters_by_leading_diagnosis_date_and_title();
    [PostgresFact] public Task A_shared_case_is_visible_to_the_user_it_was_shared_with() => _s.A_shared_case_is_visible_to_the_user_it_was_shared_with();
    [PostgresFact] public Task The_audit_trail_lists_every_read_and_write_without_case_text() => _s.The_audit_trail_lists_every_read_and_write_without_case_text();
    [PostgresFact] public Task A_saved_case_survives_a_restart() => _s.A_saved_case_survives_a_restart();
}
