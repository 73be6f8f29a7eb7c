using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Security;

/// <summary>
/// Slows password guessing, per account name and per client address. Failures are counted for any name, existing or
/// not, so the answers never tell which accounts exist. After <see cref="AccountFailures"/> failures on one name in
/// <see cref="Window"/> the name is locked for <see cref="Lockout"/> (a correct password is refused too while locked);
/// after <see cref="ClientFailures"/> failures from one address in <see cref="Window"/> that address is refused for
/// the rest of the window.
/// The counts live in the registry (table login_throttle), not in this process: two instances of the web app on one
/// PostgreSQL share them, so a guesser gains nothing by alternating between instances or waiting for a restart.
/// Each failure is one atomic upsert, so concurrent failures from several instances are all counted.
/// </summary>
internal sealed class LoginThrottle(RegistrySettings registry, TimeProvider time)
{
    public const int AccountFailures = 5, ClientFailures = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10), Lockout = TimeSpan.FromMinutes(15);

    /// <summary>When the next attempt may be made, or null when it may be made now.</summary>
    public async Task<TimeSpan?> RetryAfter(string? name, IPAddress? client, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        string account = AccountKey(name), address = ClientKey(client);
        await using var db = registry.NewDb();
        var until = await db.LoginThrottle.AsNoTracking()
            .Where(t => (t.Key == account || t.Key == address) && t.LockedUntilMs > now)
            .Select(t => (long?)t.LockedUntilMs).MaxAsync(ct);
        return until is { } u ? TimeSpan.FromMilliseconds(u - now) : null;
    }

    public async Task Failed(string? name, IPAddress? client, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = registry.NewDb();
        // An account is locked for the lockout from the failure that reached the limit; an address for the rest of its window.
        await Count(db, AccountKey(name), AccountFailures, now, now + (long)Lockout.TotalMilliseconds, ct);
        await Count(db, ClientKey(client), ClientFailures, now, null, ct);
        // Rows whose window and lock are over say nothing any more; failures are rare, so this small delete is cheap.
        var stale = now - (long)Window.TotalMilliseconds;
        await db.LoginThrottle.Where(t => t.WindowStartMs < stale && t.LockedUntilMs < now).ExecuteDeleteAsync(ct);
    }

    /// <summary>A successful sign-in clears the account's count (not the address's: one good password does not reset a spray).</summary>
    public async Task Succeeded(string? name, CancellationToken ct)
    {
        var account = AccountKey(name);
        await using var db = registry.NewDb();
        await db.LoginThrottle.Where(t => t.Key == account).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// One statement that both providers run atomically: a new row, or the count raised (restarted when the window is
    /// over) and the lock set when it reaches the limit. SQLite and PostgreSQL share the ON CONFLICT syntax.
    /// </summary>
    private static Task<int> Count(RegistryDb db, string key, int limit, long now, long? lockUntil, CancellationToken ct)
    {
        var window = (long)Window.TotalMilliseconds;
        var lockAt = lockUntil ?? now + window;
        var fixedLock = lockUntil is null ? 0 : 1;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO login_throttle ("Key", "Failures", "WindowStartMs", "LockedUntilMs")
            VALUES ({key}, 1, {now}, CASE WHEN 1 >= {limit} THEN {lockAt} ELSE 0 END)
            ON CONFLICT ("Key") DO UPDATE SET
              "Failures" = CASE WHEN {now} - login_throttle."WindowStartMs" > {window} THEN 1 ELSE login_throttle."Failures" + 1 END,
              "LockedUntilMs" = CASE
                WHEN {now} - login_throttle."WindowStartMs" > {window} THEN CASE WHEN 1 >= {limit} THEN {lockAt} ELSE 0 END
                WHEN login_throttle."Failures" + 1 >= {limit} THEN CASE WHEN {fixedLock} = 1 THEN {lockAt} ELSE login_throttle."WindowStartMs" + {window} END
                ELSE login_throttle."LockedUntilMs" END,
              "WindowStartMs" = CASE WHEN {now} - login_throttle."WindowStartMs" > {window} THEN {now} ELSE login_throttle."WindowStartMs" END
            """, ct);
    }

    private static string AccountKey(string? name) => Hash("u:" + (name ?? "").Trim().ToLowerInvariant());

    private static string ClientKey(IPAddress? client) => Hash("c:" + (client?.ToString() ?? "?"));

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
