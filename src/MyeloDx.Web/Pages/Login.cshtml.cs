using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MyeloDx.Web.Registry;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Pages;

public sealed class LoginModel(IServiceProvider services) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var throttle = services.GetRequiredService<LoginThrottle>();
        var client = HttpContext.Connection.RemoteIpAddress;
        var name = Name?.Trim();
        // No account name is that long or holds control characters or surrogates (PostgreSQL could not even compare a NUL): such a
        // name is simply unknown, and is never sent to the database.
        if (name is { Length: > 100 } || (name is not null && name.Any(c => char.IsControl(c) || char.IsSurrogate(c)))) name = null;
        var ct = HttpContext.RequestAborted;
        // Every path below costs one password hash, whether the user exists, has a password, is locked or not:
        // the answer time does not tell which names exist.
        if (await throttle.RetryAfter(name, client, ct) is { } wait)
        {
            _ = Secrets.VerifyPassword(Password ?? "", Secrets.DummyPasswordHash);
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            Error = $"Too many sign-in attempts. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
            return Page();
        }
        var db = services.GetRequiredService<RegistryDb>();
        var u = string.IsNullOrEmpty(name) ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.Name == name, ct);
        var passwordOk = Secrets.VerifyPassword(Password ?? "", u?.PasswordHash ?? Secrets.DummyPasswordHash);
        if (u is null || u.PasswordHash is null || u.Disabled || u.DeletedAt is not null || string.IsNullOrEmpty(Password) || !passwordOk)
        {
            await throttle.Failed(name, client, ct);
            Error = "Unknown user name or wrong password.";
            return Page();
        }
        await throttle.Succeeded(name, ct);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            ApiKeyHandler.Principal(u, CookieAuthenticationDefaults.AuthenticationScheme, now),
            new AuthenticationProperties { IssuedUtc = now, IsPersistent = false });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
