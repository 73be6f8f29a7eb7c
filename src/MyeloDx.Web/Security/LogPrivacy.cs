using Microsoft.Extensions.Options;

namespace MyeloDx.Web.Security;

/// <summary>
/// Keeps request content out of the log whatever the configuration says. Some framework categories quote the request
/// below Warning: the hosting category logs every URL with its query string (a search for a patient's name), Kestrel
/// logs the bytes of a malformed request line or header ("bad request data"), routing quotes a path it cannot match, MVC logs handler arguments at Trace and
/// the minimal-API binder logs body-read failures with their messages. Configuration (Logging:LogLevel:..., for any
/// provider) may make the log as verbose as it likes elsewhere, but for these categories it is raised to Warning after
/// every other setting is read (a post-configuration step, which runs last). Levels are only ever raised.
/// </summary>
internal sealed class LogPrivacy : IPostConfigureOptions<LoggerFilterOptions>
{
    /// <summary>Categories (and their sub-categories) that may quote request content below <see cref="Floor"/>.</summary>
    public static readonly IReadOnlyList<string> QuotingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.W3CLogging",
        "Microsoft.EntityFrameworkCore.Database.Command",
    ];

    public const LogLevel Floor = LogLevel.Warning;

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var rules = options.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            if (r.CategoryName is { } c && IsQuoting(c) && (r.LogLevel ?? LogLevel.Trace) < Floor)
                rules[i] = new LoggerFilterRule(r.ProviderName, r.CategoryName, Floor, r.Filter);
        }
        // A rule for one provider beats a rule for all providers, and a longer category beats a shorter one: add the
        // floor for every provider that has rules of its own as well as for all providers.
        var providers = rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
        foreach (var provider in providers)
            foreach (var category in QuotingCategories)
                if (!rules.Any(r => r.ProviderName == provider && r.CategoryName == category))
                    rules.Add(new LoggerFilterRule(provider, category, Floor, null));
    }

    private static bool IsQuoting(string category) =>
        QuotingCategories.Any(q => category.StartsWith(q, StringComparison.OrdinalIgnoreCase));
}
