using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MyeloDx.Web.Security;

/// <summary>
/// Checks a browser session on every request: the account must still exist, be enabled, and carry the security
/// stamp the cookie was issued with (so disabling, deleting, a new password or a new key ends it at once), and the
/// session must be younger than <see cref="AbsoluteLifetime"/> however active it was (sliding renewal never extends
/// it past that).
/// </summary>
internal static class SessionValidation
{
    /// <summary>A working day: after this a new sign-in is needed even for a busy session.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);

    /// <summary>Idle timeout (the cookie slides within the absolute lifetime).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static async Task Validate(CookieValidatePrincipalContext ctx)
    {
        var p = ctx.Principal;
        var services = ctx.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (p is null || !Valid(p, now, out var id, out var stamp)) { await Reject(ctx); return; }
        var u = await services.GetRequiredService<ApiKeyCache>().FindById(id, ctx.HttpContext.RequestAborted);
        if (u is null || u.Disabled || u.DeletedAt is not null || !string.Equals(u.SecurityStamp, stamp, StringComparison.Ordinal))
            await Reject(ctx);
    }

    private static bool Valid(ClaimsPrincipal p, DateTimeOffset now, out int id, out string stamp)
    {
        stamp = p.FindFirstValue(ApiKeyHandler.StampClaim) ?? "";
        id = 0;
        if (!int.TryParse(p.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out id)) return false;
        if (!long.TryParse(p.FindFirstValue(ApiKeyHandler.AuthTimeClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var at)) return false;
        var signedIn = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(at, 0, 253402300799));
        return now - signedIn < AbsoluteLifetime && signedIn <= now + TimeSpan.FromMinutes(5);
    }

    private static async Task Reject(CookieValidatePrincipalContext ctx)
    {
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
