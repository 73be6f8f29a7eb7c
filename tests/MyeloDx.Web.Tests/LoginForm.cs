using System.Text.RegularExpressions;

namespace MyeloDx.Web.Tests;

/// <summary>Signs in through the login page as a browser does: the form's antiforgery token, then the post.</summary>
public static partial class LoginForm
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRx();

    public static async Task<HttpResponseMessage> Post(HttpClient c, string user, string password)
    {
        var token = TokenRx().Match(await c.GetStringAsync("/login")).Groups[1].Value;
        return await c.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token }));
    }
}
