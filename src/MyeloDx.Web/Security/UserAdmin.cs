using Microsoft.EntityFrameworkCore;
using MyeloDx.Core.Errors;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Security;

internal static class Roles
{
    public const string Clinician = "clinician", Admin = "admin";
    public static bool IsValid(string r) => r is Clinician or Admin;
}

/// <summary>One account as `myelodx users list` shows it (never a secret).</summary>
internal sealed record UserInfo(string Name, string Role, bool HasPassword, DateTimeOffset Created, string Status);

/// <summary>
/// User management used by `myelodx users ...` and by tests. Prints nothing; callers decide what to show. Every
/// change of access (disable, enable, delete, new key, new password) replaces the security stamp, which ends every
/// session of the account on its next request.
/// </summary>
internal static class UserAdmin
{
    /// <summary>Creates a user and returns the new API key (the only time it exists in clear).</summary>
    public static string Add(RegistrySettings settings, string name, string role, string? password, TimeProvider? time = null)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)))
            throw new InputException("MDX-WEB020", "NAME", "a user name is 1-100 characters without spaces");
        if (!Roles.IsValid(role)) throw new InputException("MDX-WEB021", "--role", $"unknown role '{role}'; use clinician or admin");
        if (password is not null) PasswordPolicy.Check(password, name);
        settings.Migrate();
        using var db = settings.NewDb();
        if (db.Users.Any(u => u.Name == name)) throw new InputException("MDX-WEB023", "NAME", $"user '{name}' exists already (use `myelodx users rotate-key {name}` for a new key)");
        var key = Secrets.NewApiKey();
        db.Users.Add(new UserRow
        {
            Name = name, Role = role, ApiKeyHash = Secrets.HashApiKey(key),
            PasswordHash = password is null ? null : Secrets.HashPassword(password),
            CreatedAt = (time ?? TimeProvider.System).GetUtcNow(), SecurityStamp = NewStamp(),
        });
        db.SaveChanges();
        return key;
    }

    /// <summary>Replaces a user's API key (the old one stops working at once, and every session ends) and returns the new one.</summary>
    public static string NewKey(RegistrySettings settings, string name)
    {
        var key = Secrets.NewApiKey();
        Change(settings, name, u => u.ApiKeyHash = Secrets.HashApiKey(key));
        return key;
    }

    public static void SetPassword(RegistrySettings settings, string name, string password)
    {
        PasswordPolicy.Check(password, name.Trim());
        Change(settings, name, u => u.PasswordHash = Secrets.HashPassword(password));
    }

    /// <summary>Stops every key and session of the account at once; `enable` lets it sign in again.</summary>
    public static void Disable(RegistrySettings settings, string name) => Change(settings, name, u => u.Disabled = true);

    public static void Enable(RegistrySettings settings, string name) => Change(settings, name, u => u.Disabled = false);

    /// <summary>
    /// Deletes an account: it can never sign in again, its key and password are erased. The row stays, because its
    /// cases and the audit trail refer to it; the name stays taken so that no one else inherits them.
    /// </summary>
    public static void Delete(RegistrySettings settings, string name, TimeProvider? time = null) => Change(settings, name, u =>
    {
        u.Disabled = true;
        u.DeletedAt = (time ?? TimeProvider.System).GetUtcNow();
        u.PasswordHash = null;
        u.ApiKeyHash = Secrets.HashApiKey(Secrets.NewApiKey()); // a key nobody holds
    });

    public static IReadOnlyList<UserInfo> List(RegistrySettings settings)
    {
        settings.Migrate();
        using var db = settings.NewDb();
        return db.Users.AsNoTracking().OrderBy(u => u.Name).AsEnumerable()
            .Select(u => new UserInfo(u.Name, u.Role, u.PasswordHash != null, u.CreatedAt, u.DeletedAt is not null ? "deleted" : u.Disabled ? "disabled" : "active"))
            .ToList();
    }

    private static void Change(RegistrySettings settings, string name, Action<UserRow> change)
    {
        settings.Migrate();
        using var db = settings.NewDb();
        var trimmed = name.Trim();
        var u = db.Users.FirstOrDefault(x => x.Name == trimmed) ?? throw new InputException("MDX-WEB024", "NAME", $"no user '{trimmed}'");
        if (u.DeletedAt is not null) throw new InputException("MDX-WEB026", "NAME", $"user '{trimmed}' was deleted");
        change(u);
        u.SecurityStamp = NewStamp();
        db.SaveChanges();
    }

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
