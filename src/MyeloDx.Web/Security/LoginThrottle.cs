using System.Collections.Concurrent;
using System.Net;

namespace MyeloDx.Web.Security;

/// <summary>
/// Slows password guessing, per account name and per client address. Failures are counted for any name, existing or
/// not, so the answers never tell which accounts exist. After <see cref="AccountFailures"/> failures on one name the
/// name is locked for <see cref="Lockout"/> (a correct password is refused too while locked); after
/// <see cref="ClientFailures"/> failures from one address in <see cref="Window"/> that address is refused for the rest
/// of the window. In memory: a restart forgets, which only ever helps the legitimate user.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public const int AccountFailures = 5, ClientFailures = 20, MaxTracked = 50_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10), Lockout = TimeSpan.FromMinutes(15);

    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset WindowStart;
        public DateTimeOffset LockedUntil;
    }

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>When the next attempt may be made, or null when it may be made now.</summary>
    public TimeSpan? RetryAfter(string? name, IPAddress? client)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var key in Keys(name, client))
            if (_counters.TryGetValue(key, out var c))
                lock (c) if (c.LockedUntil > now && c.LockedUntil - now > wait) wait = c.LockedUntil - now;
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string? name, IPAddress? client)
    {
        var now = time.GetUtcNow();
        if (_counters.Count > MaxTracked) Prune(now);
        foreach (var key in Keys(name, client))
        {
            var c = _counters.GetOrAdd(key, _ => new Counter { WindowStart = now });
            lock (c)
            {
                if (now - c.WindowStart > Window) { c.Failures = 0; c.WindowStart = now; }
                c.Failures++;
                var limit = key[0] == 'u' ? AccountFailures : ClientFailures;
                if (c.Failures >= limit) c.LockedUntil = now + (key[0] == 'u' ? Lockout : Window - (now - c.WindowStart));
            }
        }
    }

    /// <summary>A successful sign-in clears the account's count (not the address's: one good password does not reset a spray).</summary>
    public void Succeeded(string? name) => _counters.TryRemove(AccountKey(name), out _);

    private static IEnumerable<string> Keys(string? name, IPAddress? client)
    {
        yield return AccountKey(name);
        yield return "c:" + (client?.ToString() ?? "?");
    }

    private static string AccountKey(string? name) => "u:" + (name ?? "").Trim().ToLowerInvariant();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (k, c) in _counters)
            if (c.LockedUntil < now && now - c.WindowStart > Window) _counters.TryRemove(k, out _);
        // Still too many (a flood of distinct names): drop the unlocked ones, keep the locks.
        if (_counters.Count > MaxTracked)
            foreach (var (k, c) in _counters)
                if (c.LockedUntil < now) _counters.TryRemove(k, out _);
    }
}
