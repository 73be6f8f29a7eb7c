using System.Net;
using Microsoft.Extensions.Time.Testing;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Tests;

/// <summary>
/// No timing oracle on sign-in: every path costs exactly one password hash and every refusal is the same answer, so
/// neither the time nor the words tell an unknown name from a known one. Counted, not timed: the verifier is a counter
/// around the real PBKDF2 check.
/// </summary>
public sealed class SignInCheckTests
{
    private sealed class CountingVerifier : IPasswordVerifier
    {
        public int Calls;
        public bool Verify(string password, string storedHash)
        {
            Calls++;
            return Secrets.VerifyPassword(password, storedHash);
        }
    }

    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.1");

    [Fact]
    public async Task Every_sign_in_path_costs_one_password_hash_and_every_refusal_is_the_same_answer()
    {
        using var db = TestDatabase.Sqlite();
        var settings = db.Settings;
        UserAdmin.Add(settings, "alice", Roles.Clinician, WebApp.Password);
        UserAdmin.Add(settings, "keyonly", Roles.Clinician, null);
        UserAdmin.Add(settings, "dora", Roles.Clinician, WebApp.Password);
        UserAdmin.Disable(settings, "dora");
        UserAdmin.Add(settings, "gone", Roles.Clinician, WebApp.Password);
        UserAdmin.Delete(settings, "gone");
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var verifier = new CountingVerifier();
        var check = new SignInCheck(settings, new LoginThrottle(settings, time), verifier);

        async Task<SignInResult> Attempt(string? name, string? password)
        {
            var before = verifier.Calls;
            var r = await check.Check(name, password, Client, default);
            Assert.True(verifier.Calls - before == 1, $"{name}: {verifier.Calls - before} password hashes");
            return r;
        }

        var refusals = new List<SignInResult>
        {
            await Attempt("nobody-by-this-name", "a wrong password here"),
            await Attempt("alice", "a wrong password here"),
            await Attempt("keyonly", "a wrong password here"),
            await Attempt("dora", WebApp.Password),
            await Attempt("gone", WebApp.Password),
            await Attempt("alice", ""),
            await Attempt(null, null),
            await Attempt("ali\0ce", WebApp.Password),
            await Attempt(new string('a', 101), WebApp.Password),
        };
        Assert.All(refusals, r => Assert.Equal(new SignInResult(SignInOutcome.Refused), r));
        var ok = await Attempt("alice", WebApp.Password);
        Assert.Equal(SignInOutcome.SignedIn, ok.Outcome);
        Assert.Equal("alice", ok.User?.Name);

        // Throttled, known or unknown: still one hash, and the same answer for both.
        for (var i = 0; i < LoginThrottle.AccountFailures; i++)
        {
            await Attempt("alice", "guess " + i);
            await Attempt("nobody-by-this-name", "guess " + i);
        }
        var lockedKnown = await Attempt("alice", WebApp.Password);
        var lockedUnknown = await Attempt("nobody-by-this-name", WebApp.Password);
        Assert.Equal(SignInOutcome.Throttled, lockedKnown.Outcome);
        Assert.Equal(lockedKnown, lockedUnknown);
    }
}
