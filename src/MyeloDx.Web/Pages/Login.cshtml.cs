using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
        var result = await services.GetRequiredService<SignInCheck>()
            .Check(Name, Password, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        if (result is { Outcome: SignInOutcome.Throttled, RetryAfter: { } wait })
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            Error = $"Too many sign-in attempts. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
            return Page();
        }
        if (result is not { Outcome: SignInOutcome.SignedIn, User: { } u })
        {
            // The same words for an unknown name, a wrong password, a disabled or deleted account.
            Error = "Unknown user name or wrong password.";
            return Page();
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            ApiKeyHandler.Principal(u, CookieAuthenticationDefaults.AuthenticationScheme, now),
            new AuthenticationProperties { IssuedUtc = now, IsPersistent = false });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
