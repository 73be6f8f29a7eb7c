using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MyeloDx.Web.Tests;

/// <summary>`myelodx users` and `myelodx serve` as a person runs them (separate processes).</summary>
public sealed class CliCommandTests
{
    private static (int Code, string Out, string Err) Run(IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "myelodx.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(180_000)) { p.Kill(true); throw new TimeoutException(string.Join(' ', args)); }
        return (p.ExitCode, o.Result, e.Result);
    }

    [Fact]
    public void Users_add_prints_only_the_key_on_stdout_and_stores_only_its_hash()
    {
        using var db = TestDatabase.Sqlite();
        var (code, stdout, stderr) = Run(null, "users", "add", "erin", "--role", "admin", "--password", "long enough passphrase", "--data", db.DataDir);
        Assert.Equal(0, code);
        var key = stdout.Trim();
        Assert.Matches("^mdx_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("shown once", stderr);
        var bytes = File.ReadAllBytes(db.Settings.SqlitePath).Concat(File.Exists(db.Settings.SqlitePath + "-wal") ? File.ReadAllBytes(db.Settings.SqlitePath + "-wal") : []).ToArray();
        var text = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain("long enough passphrase", text);
        Assert.Contains(MyeloDx.Web.Security.Secrets.HashApiKey(key), text);
        var list = Run(null, "users", "list", "--data", db.DataDir);
        Assert.Contains("erin\tadmin\tactive\tpassword", list.Out);
        Assert.DoesNotContain(key, list.Out);
    }

    [Fact]
    public void Users_add_refuses_bad_input_with_exit_2_and_a_coded_line()
    {
        using var db = TestDatabase.Sqlite();
        Assert.Equal(0, Run(null, "users", "add", "fay", "--data", db.DataDir).Code);
        var dup = Run(null, "users", "add", "fay", "--data", db.DataDir);
        Assert.Equal(2, dup.Code);
        Assert.Contains("MDX-WEB023", dup.Err);
        Assert.Equal("", dup.Out);
        var shortPw = Run(null, "users", "add", "gus", "--password", "short", "--data", db.DataDir);
        Assert.Equal(2, shortPw.Code);
        Assert.Contains("MDX-WEB022", shortPw.Err);
        var role = Run(null, "users", "add", "hal", "--role", "surgeon", "--data", db.DataDir);
        Assert.Equal(2, role.Code);
        var prompt = Run(null, "users", "add", "ivy", "--ask-password", "--data", db.DataDir);
        Assert.Equal(2, prompt.Code);
        Assert.Contains("MDX-WEB025", prompt.Err);
        Assert.DoesNotContain("   at ", dup.Err + shortPw.Err + role.Err + prompt.Err); // no stack traces
    }

    [Fact]
    public void The_data_folder_comes_from_MYELODX_DATA_when_no_data_option_is_given()
    {
        using var db = TestDatabase.Sqlite();
        var dir = Path.Combine(db.DataDir, "from-env");
        var r = Run(new Dictionary<string, string> { ["MYELODX_DATA"] = dir }, "users", "add", "jo");
        Assert.Equal(0, r.Code);
        Assert.True(File.Exists(Path.Combine(dir, "registry.db")));
    }

    [Fact]
    public void Serve_with_a_broken_knowledge_base_exits_with_the_knowledge_code_without_starting()
    {
        using var db = TestDatabase.Sqlite();
        var empty = Directory.CreateDirectory(Path.Combine(db.DataDir, "no-knowledge")).FullName;
        var r = Run(new Dictionary<string, string> { ["MYELODX_KNOWLEDGE"] = empty }, "serve", "--data", db.DataDir, "--urls", "http://127.0.0.1:" + ServerProcess.FreePort());
        Assert.Equal(MyeloDx.Cli.CliRunner.BadKnowledge, r.Code);
        Assert.Contains("MDX-KB", r.Err);
    }

    [Fact]
    public void Serve_with_postgres_but_no_connection_string_exits_2()
    {
        var r = Run(null, "serve", "--database", "postgres", "--urls", "http://127.0.0.1:" + ServerProcess.FreePort());
        Assert.Equal(2, r.Code);
        Assert.Contains("MDX-WEB011", r.Err);
    }

    [Fact]
    public void Serve_and_users_with_a_registry_they_cannot_open_exit_2_with_one_coded_line()
    {
        using var db = TestDatabase.Sqlite();
        var notAFolder = Path.Combine(db.DataDir, "a-file");
        File.WriteAllText(notAFolder, "");
        var url = "http://127.0.0.1:" + ServerProcess.FreePort();
        var refused = "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=not-to-be-printed;Timeout=5";
        foreach (var r in new[]
                 {
                     Run(null, "serve", "--data", notAFolder, "--urls", url),
                     Run(null, "serve", "--database", "postgres", "--connection", refused, "--urls", url),
                     Run(null, "users", "add", "zed", "--database", "postgres", "--connection", refused),
                 })
        {
            Assert.Equal(2, r.Code);
            var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("warn:", StringComparison.Ordinal) && !l.StartsWith("      ", StringComparison.Ordinal)).ToList();
            Assert.Single(lines);
            Assert.StartsWith("error MDX-WEB014", lines[0]);
            Assert.DoesNotContain("   at ", r.Err + r.Out); // no stack trace
            Assert.DoesNotContain("not-to-be-printed", r.Err + r.Out);
        }
    }

    /// <summary>Round one refused the documented setting; both documented spellings now set the per-user rate.</summary>
    [Theory]
    [InlineData("--rate-limit", "2")]
    [InlineData("--MyeloDx:RateLimitPerSecond=2", null)]
    public async Task Serve_takes_the_documented_rate_limit_setting(string option, string? value)
    {
        using var db = TestDatabase.Sqlite();
        var key = Run(null, "users", "add", "max", "--data", db.DataDir).Out.Trim();
        using var server = await ServerProcess.Start(db.DataDir, arguments: value is null ? [option] : [option, value]);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var statuses = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await http.GetAsync("/api/cases")).StatusCode);
        // A bucket of 4 (twice the rate) refilled at 2 a second: twelve back-to-back reads cannot all pass.
        Assert.Contains(System.Net.HttpStatusCode.OK, statuses);
        Assert.Contains(System.Net.HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Serve_answers_health_and_a_key_from_users_add_works()
    {
        using var db = TestDatabase.Sqlite();
        var key = Run(null, "users", "add", "kim", "--data", db.DataDir).Out.Trim();
        using var server = await ServerProcess.Start(db.DataDir);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        Assert.True((await http.GetAsync("/health")).IsSuccessStatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var r = await http.PostAsync("/api/assessments", Json.Body(Samples.SeedCase));
        Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
        Assert.Matches(new Regex("^\\{\"leading\":\"intramedullary_metastasis\""), await r.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task Serve_on_postgres_keeps_a_case_across_a_restart()
    {
        using var db = TestDatabase.Postgres();
        var key = Run(null, "users", "add", "lee", "--database", "postgres", "--connection", db.Connection!).Out.Trim();
        Assert.StartsWith("mdx_", key);
        string id;
        using (var server = await ServerProcess.Start(db.DataDir, postgres: db.Connection))
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            var r = await http.PostAsync("/api/cases", Json.Body(Samples.SeedCase));
            Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode);
            id = (await Json.Read(r)).GetProperty("id").GetString()!;
        }
        using var again = await ServerProcess.Start(db.DataDir, postgres: db.Connection);
        using var c = new HttpClient { BaseAddress = new Uri(again.BaseUrl) };
        c.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Contains("intramedullary_metastasis", await c.GetStringAsync($"/api/cases/{id}"));
        Assert.False(File.Exists(Path.Combine(db.DataDir, "registry.db")), "postgres mode must not create a SQLite registry");
    }
}
