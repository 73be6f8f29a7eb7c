using Microsoft.EntityFrameworkCore;
using MyeloDx.Core.Errors;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Security;

internal static class Roles
{
    public const string Clinician = "clinician", Admin = "admin";
    public static bool IsValid(string r) => r is Clinician or Admin;
}

/// <summary>User management used by `myelodx users ...` and by tests. Prints nothing; callers decide what to show.</summary>
internal static class UserAdmin
{
    /// <summary>Creates a user and returns the new API key (the only time it exists in clear).</summary>
    public static string Add(RegistrySettings settings, string name, string role, string? password, TimeProvider? time = null)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new InputException("MDX-WEB020", "NAME", "a user name is 1-100 characters without spaces");
        if (!Roles.IsValid(role)) throw new InputException("MDX-WEB021", "--role", $"unknown role '{role}'; use clinician or admin");
        if (password is not null && password.Length < 8) throw new InputException("MDX-WEB022", "--password", "a password needs at least 8 characters");
        settings.Migrate();
        using var db = settings.NewDb();
        if (db.Users.Any(u => u.Name == name)) throw new InputException("MDX-WEB023", "NAME", $"user '{name}' exists already (use `myelodx users key {name}` for a new key)");
        var key = Secrets.NewApiKey();
        db.Users.Add(new UserRow
        {
            Name = name, Role = role, ApiKeyHash = Secrets.HashApiKey(key),
            PasswordHash = password is null ? null : Secrets.HashPassword(password),
            CreatedAt = (time ?? TimeProvider.System).GetUtcNow(),
        });
        db.SaveChanges();
        return key;
    }

    /// <summary>Replaces a user's API key (the old one stops working) and returns the new one.</summary>
    public static string NewKey(RegistrySettings settings, string name)
    {
        settings.Migrate();
        using var db = settings.NewDb();
        var u = db.Users.FirstOrDefault(x => x.Name == name) ?? throw new InputException("MDX-WEB024", "NAME", $"no user '{name}'");
        var key = Secrets.NewApiKey();
        u.ApiKeyHash = Secrets.HashApiKey(key);
        db.SaveChanges();
        return key;
    }

    public static void SetPassword(RegistrySettings settings, string name, string password)
    {
        if (password.Length < 8) throw new InputException("MDX-WEB022", "--password", "a password needs at least 8 characters");
        settings.Migrate();
        using var db = settings.NewDb();
        var u = db.Users.FirstOrDefault(x => x.Name == name) ?? throw new InputException("MDX-WEB024", "NAME", $"no user '{name}'");
        u.PasswordHash = Secrets.HashPassword(password);
        db.SaveChanges();
    }

    public static IReadOnlyList<(string Name, string Role, bool HasPassword, DateTimeOffset Created)> List(RegistrySettings settings)
    {
        settings.Migrate();
        using var db = settings.NewDb();
        return db.Users.AsNoTracking().OrderBy(u => u.Name).AsEnumerable()
            .Select(u => (u.Name, u.Role, u.PasswordHash != null, u.CreatedAt)).ToList();
    }
}
