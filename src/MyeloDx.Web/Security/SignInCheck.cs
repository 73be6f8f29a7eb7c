using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Security;

internal enum SignInOutcome { SignedIn, Refused, Throttled }

/// <summary>The answer to a sign-in: who (when signed in), or when to try again (when throttled).</summary>
internal sealed record SignInResult(SignInOutcome Outcome, UserRow? User = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Decides a password sign-in without telling which names exist: every path (unknown name, account without a
/// password, disabled or deleted account, wrong password, throttled, right password) costs exactly one password hash
/// of the same strength, and every refusal is the same <see cref="SignInOutcome.Refused"/>. Names that no account can
/// have (over 100 characters, control characters, surrogates) are unknown without asking the database, which could
/// not even compare a NUL on PostgreSQL.
/// </summary>
internal sealed class SignInCheck(RegistrySettings registry, LoginThrottle throttle, IPasswordVerifier verifier)
{
    /// <summary>A hash of a random password, made once per process, checked when there is no real hash to check.</summary>
    private readonly string _dummyHash = Secrets.HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public async Task<SignInResult> Check(string? name, string? password, IPAddress? client, CancellationToken ct)
    {
        name = name?.Trim();
        if (name is { Length: > 100 } || (name is not null && name.Any(c => char.IsControl(c) || char.IsSurrogate(c)))) name = null;
        password ??= "";
        if (await throttle.RetryAfter(name, client, ct) is { } wait)
        {
            _ = verifier.Verify(password, _dummyHash);
            return new SignInResult(SignInOutcome.Throttled, RetryAfter: wait);
        }
        UserRow? u = null;
        if (!string.IsNullOrEmpty(name))
        {
            await using var db = registry.NewDb();
            u = await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.Name == name, ct);
        }
        var passwordOk = verifier.Verify(password, u?.PasswordHash ?? _dummyHash);
        if (u is null || u.PasswordHash is null || u.Disabled || u.DeletedAt is not null || password.Length == 0 || !passwordOk)
        {
            await throttle.Failed(name, client, ct);
            return new SignInResult(SignInOutcome.Refused);
        }
        await throttle.Succeeded(name, ct);
        return new SignInResult(SignInOutcome.SignedIn, u);
    }
}
