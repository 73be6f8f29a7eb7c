namespace MyeloDx.Web.Registry;

/// <summary>
/// Failed sign-ins counted for one account name or one client address, shared by every instance of the web app on
/// the same registry (two servers on one PostgreSQL see the same counts, and a restart forgets nothing).
/// The key is a hash, so the table never holds what was typed into the name field (often a password by mistake).
/// Times are Unix milliseconds: one comparable integer on SQLite and PostgreSQL alike, updated by a single upsert.
/// </summary>
internal sealed class LoginThrottleRow
{
    /// <summary>SHA-256 (hex) of "u:" + the lower-cased account name or "c:" + the client address.</summary>
    public required string Key { get; set; }
    public int Failures { get; set; }
    public long WindowStartMs { get; set; }
    /// <summary>Refused until then (0 when not locked).</summary>
    public long LockedUntilMs { get; set; }
}
