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
        var db = services.GetRequiredService<RegistryDb>();
        var u = string.IsNullOrWhiteSpace(Name) ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.Name == Name.Trim());
        if (u is null || u.Disabled || string.IsNullOrEmpty(Password) || !Secrets.VerifyPassword(Password, u.PasswordHash))
        {
            Error = "Unknown user name or wrong password.";
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ApiKeyHandler.Principal(u, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
