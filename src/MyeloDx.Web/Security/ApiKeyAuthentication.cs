using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Security;

/// <summary>`Authorization: Bearer &lt;api key&gt;`: the key is hashed and looked up; the key itself is never logged or stored.</summary>
internal sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("not a bearer token");
        var key = header["Bearer ".Length..].Trim();
        if (key.Length is < 10 or > 200) return AuthenticateResult.Fail("malformed key");
        var u = await keys.Find(Secrets.HashApiKey(key), Context.RequestAborted);
        if (u is null || u.Disabled || u.DeletedAt is not null) return AuthenticateResult.Fail("unknown key");
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(u, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, "MDX-AUTH001", "Authentication required",
            "Send `Authorization: Bearer <api key>` (create one with `myelodx users add NAME --role clinician`).");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, "MDX-AUTH003", "Forbidden", "Your role does not allow this.");

    /// <summary>Claim carrying the account's security stamp when the session began.</summary>
    public const string StampClaim = "mdx:stamp";
    /// <summary>Claim carrying when the session began (Unix seconds), for the absolute session lifetime.</summary>
    public const string AuthTimeClaim = "mdx:auth_time";

    public static ClaimsPrincipal Principal(UserRow u, string scheme, DateTimeOffset? signedInAt = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, u.Name),
            new(ClaimTypes.Role, u.Role),
            new(StampClaim, u.SecurityStamp),
        };
        if (signedInAt is { } t) claims.Add(new(AuthTimeClaim, t.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>
/// Key hash → user, looked up on every request (one indexed query): a key replaced, or an account disabled or
/// deleted with `myelodx users ...` from another process, stops working on the very next request.
/// </summary>
internal sealed class ApiKeyCache(RegistrySettings registry) : IDisposable
{
    // SQLite: a prepared statement on a connection kept open (see SqliteKeyLookup); PostgreSQL keeps the compiled query.
    private readonly SqliteKeyLookup? _sqlite = registry.IsPostgres ? null : new SqliteKeyLookup(registry.SqliteConnectionString);

    // Compiled once per host (no expression tree built and looked up per request), on a pooled context: the lookups stay
    // one indexed query each, as before, at a fraction of the CPU (issue 17, round 6). Per instance, not static: a
    // compiled query keeps the executor of the first provider it ran on, and one process may host a SQLite and a
    // PostgreSQL registry (the tests do); shared, the second provider's lookups failed.
    private readonly Func<RegistryDb, string, CancellationToken, Task<UserRow?>> ByKeyHash =
        EF.CompileAsyncQuery((RegistryDb db, string hash, CancellationToken ct) => db.Users.AsNoTracking().FirstOrDefault(x => x.ApiKeyHash == hash));
    private readonly Func<RegistryDb, int, CancellationToken, Task<UserRow?>> ById =
        EF.CompileAsyncQuery((RegistryDb db, int id, CancellationToken ct) => db.Users.AsNoTracking().FirstOrDefault(x => x.Id == id));

    public async Task<UserRow?> Find(string hash, CancellationToken ct)
    {
        if (_sqlite is not null)
        {
            ct.ThrowIfCancellationRequested();
            return _sqlite.Find(hash);
        }
        await using var db = registry.PooledDb();
        return await ByKeyHash(db, hash, ct);
    }

    public void Dispose() => _sqlite?.Dispose();

    /// <summary>The account behind a session, or null when it no longer exists.</summary>
    public async Task<UserRow?> FindById(int id, CancellationToken ct)
    {
        await using var db = registry.PooledDb();
        return await ById(db, id, ct);
    }
}

/// <summary>The signed-in user as the registry sees it.</summary>
internal sealed record Actor(int Id, string Name, string Role, string Channel)
{
    public bool IsAdmin => Role == Roles.Admin;

    public static Actor? From(ClaimsPrincipal p, string channel)
    {
        if (p.Identity?.IsAuthenticated != true) return null;
        var id = p.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var n)) return null;
        return new Actor(n, p.Identity.Name ?? "?", p.FindFirstValue(ClaimTypes.Role) ?? Roles.Clinician, channel);
    }
}
