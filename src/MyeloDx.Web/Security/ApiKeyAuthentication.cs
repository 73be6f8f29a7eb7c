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
        if (u is null || u.Disabled) return AuthenticateResult.Fail("unknown key");
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(u, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status401Unauthorized, "MDX-AUTH001", "Authentication required",
            "Send `Authorization: Bearer <api key>` (create one with `myelodx users add NAME --role clinician`).");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "MDX-AUTH003", "Forbidden", "Your role does not allow this.");

    public static ClaimsPrincipal Principal(UserRow u, string scheme) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, u.Name),
            new Claim(ClaimTypes.Role, u.Role),
        ], scheme, ClaimTypes.Name, ClaimTypes.Role));
}

/// <summary>
/// Key hash → user, remembered for a short time so that a busy client does not cost a database query per request.
/// A key replaced with `myelodx users key` stops working within <see cref="Ttl"/>.
/// </summary>
internal sealed class ApiKeyCache(RegistrySettings registry, TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (UserRow? User, DateTimeOffset Until)> _byHash = new(StringComparer.Ordinal);

    public async Task<UserRow?> Find(string hash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_byHash.TryGetValue(hash, out var hit) && hit.Until > now) return hit.User;
        await using var db = registry.NewDb();
        var u = await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.ApiKeyHash == hash, ct);
        // Unknown keys are not remembered (a flood of random keys must not grow the cache).
        if (u is not null)
        {
            if (_byHash.Count > 10_000) _byHash.Clear();
            _byHash[hash] = (u, now + Ttl);
        }
        return u;
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
