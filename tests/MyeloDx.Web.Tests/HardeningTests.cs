using System.Net;
using Microsoft.Data.Sqlite;
using MyeloDx.Core.Errors;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;
using Npgsql;

namespace MyeloDx.Web.Tests;

/// <summary>Safe defaults and the pieces behind the attack scenarios: normalisation, numbers, addresses, passwords, store errors.</summary>
public sealed class HardeningTests
{
    [Theory]
    [InlineData("weakness ４/５", "weakness 4/5")]
    [InlineData("٣ days", "3 days")]
    [InlineData("२० Gy in ५", "20 Gy in 5")]
    [InlineData("a\u0000b\u0007c", "a b c")]
    [InlineData("ﬁbrosis", "fibrosis")]
    [InlineData("line\nnext\ttab", "line\nnext\ttab")]
    public void Text_is_normalised_before_any_reader(string given, string expected) =>
        Assert.Equal(expected, InputNormalizer.Text(given));

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        Assert.Equal("x\ufffdy", InputNormalizer.Text("x\ud800y"));
        Assert.Equal("x\ufffdy", InputNormalizer.Text("x\udc00y"));
        Assert.Equal("x\ud83d\ude00y", InputNormalizer.Text("x\ud83d\ude00y"));
    }

    [Fact]
    public void Json_with_lone_surrogate_and_nul_escapes_parses_to_storable_strings()
    {
        var node = InputNormalizer.ParseJson("""{"text":"a\ud800b\u0000c\\ud800","pair":"\ud83d\ude00"}""", "body")!;
        Assert.Equal("a\ufffdb c\\ud800", node["text"]!.GetValue<string>());
        Assert.Equal("\ud83d\ude00", node["pair"]!.GetValue<string>());
        var deep = Assert.Throws<InputException>(() => InputNormalizer.ParseJson(new string('[', 100) + new string(']', 100), "body"));
        Assert.Equal("MDX-IN014", deep.Code);
    }

    [Theory]
    [InlineData("1,5", 1.5)]
    [InlineData("1.5", 1.5)]
    [InlineData("10", 10)]
    [InlineData("２,５", 2.5)]
    public void Decimal_commas_are_read_when_unambiguous(string typed, double expected) =>
        Assert.Equal(expected, DecimalText.Parse(typed, "x"));

    [Theory]
    [InlineData("1,500", "MDX-IN004")]
    [InlineData("1.000,5", "MDX-IN004")]
    [InlineData("abc", "MDX-IN003")]
    public void Ambiguous_or_non_numbers_are_refused(string typed, string code) =>
        Assert.Equal(code, Assert.Throws<InputException>(() => DecimalText.Parse(typed, "x")).Code);

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("https://10.1.2.3:443;http://127.0.0.1:80")]
    public void Ip_addresses_localhost_and_explicit_all_interfaces_are_accepted(string urls) => ListenAddresses.Validate(urls);

    [Theory]
    [InlineData("http://127.0.0.l:5080")]
    [InlineData("http://locahost:5080")]
    [InlineData("http://127.1:5080")]
    [InlineData("http://server.example:5080")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("127.0.0.1:5080")]
    public void Mistyped_or_named_hosts_are_refused(string urls) =>
        Assert.Equal("MDX-WEB012", Assert.Throws<InputException>(() => ListenAddresses.Validate(urls)).Code);

    [Theory]
    [InlineData("short pass")]
    [InlineData("password1234")]
    [InlineData("Password2024!")]
    [InlineData("aaaaaaaaaaaaaa")]
    [InlineData("abcabcabcabcabc")]
    [InlineData("qwertyuiopasdf")]
    [InlineData("alice-is-my-name")]
    public void Weak_passwords_are_refused(string password) =>
        Assert.Equal("MDX-WEB022", Assert.Throws<InputException>(() => PasswordPolicy.Check(password, "alice")).Code);

    [Theory]
    [InlineData("violet tundra marmalade")]
    [InlineData("correct horse battery")]
    [InlineData("nocapitalsornumbersneeded")]
    public void Long_uncommon_passwords_are_accepted_without_composition_rules(string password) => PasswordPolicy.Check(password, "alice");

    [Fact]
    public void Store_errors_are_classified_for_coded_answers()
    {
        Assert.Equal(StoreFailure.Conflict, StoreErrors.Classify(new SqliteException("constraint", 19)));
        Assert.Equal(StoreFailure.Full, StoreErrors.Classify(new SqliteException("full", 13)));
        Assert.Equal(StoreFailure.Unavailable, StoreErrors.Classify(new SqliteException("busy", 5)));
        Assert.Equal(StoreFailure.Conflict, StoreErrors.Classify(new PostgresException("dup", "ERROR", "ERROR", "23505")));
        Assert.Equal(StoreFailure.Full, StoreErrors.Classify(new PostgresException("disk full", "ERROR", "ERROR", "53100")));
        Assert.Equal(StoreFailure.Unavailable, StoreErrors.Classify(new PostgresException("read only", "ERROR", "ERROR", "25006")));
        Assert.Equal(StoreFailure.None, StoreErrors.Classify(new InvalidOperationException()));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_new_registry_is_owner_only()
    {
        var parent = Directory.CreateTempSubdirectory("myelodx-modes-").FullName;
        var data = Path.Combine(parent, "data");
        var settings = RegistrySettings.Create(data, "sqlite", null);
        settings.Migrate();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(settings.SqlitePath));
        // An existing registry created 0644 in a 0755 folder is tightened on the next start.
        File.SetUnixFileMode(settings.SqlitePath, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        settings.Migrate();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(settings.SqlitePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Directory.Delete(parent, true);
    }

    [Fact]
    public async Task If_match_can_be_required_and_a_missing_one_is_428()
    {
        using var app = new WebApp();
        using var c = app.As("alice");
        var created = await c.PostAsync("/api/cases", Json.Body(Samples.EpiduralCase));
        var id = (await Json.Read(created)).GetProperty("id").GetString()!;
        using var strict = app.WithWebHostBuilder(b => b.UseSetting(MyeloDx.Web.Concurrency.KeyRequire, "true"));
        using var sc = strict.CreateClient();
        sc.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", app.Keys["alice"]);
        var r = await sc.PutAsync($"/api/cases/{id}", Json.Body(Samples.EpiduralCase));
        Assert.Equal((HttpStatusCode)428, r.StatusCode);
        Assert.Equal("MDX-WEB428", await Json.ProblemCode(r));
        var req = new HttpRequestMessage(HttpMethod.Put, $"/api/cases/{id}") { Content = Json.Body(Samples.EpiduralCase) };
        req.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var ok = await sc.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.Headers.ETag?.Tag);
    }

    [PostgresFact]
    public async Task A_store_that_cannot_write_makes_health_unhealthy_and_saves_a_coded_503()
    {
        using var db = TestDatabase.Postgres();
        using var app = new WebApp(db);
        using var c = app.As("alice");
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health")).StatusCode);
        var name = new NpgsqlConnectionStringBuilder(db.Connection).Database;
        await using (var admin = new NpgsqlConnection(db.Connection))
        {
            await admin.OpenAsync();
            await using var cmd = admin.CreateCommand();
            cmd.CommandText = $"ALTER DATABASE {name} SET default_transaction_read_only = on";
            await cmd.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await c.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await c.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health/live")).StatusCode); // alive, only not ready
        var save = await c.PostAsync("/api/cases", Json.Body(Samples.EpiduralCase));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, save.StatusCode);
        Assert.Equal("MDX-WEB503", await Json.ProblemCode(save));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("prostate", StringComparison.OrdinalIgnoreCase));
    }
}
