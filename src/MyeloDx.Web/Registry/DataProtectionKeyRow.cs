namespace MyeloDx.Web.Registry;

/// <summary>
/// One ASP.NET data-protection key (the XML the key manager writes): the keys that sign and encrypt sign-in cookies
/// and antiforgery tokens. Kept in the registry so that every instance on one database uses the same key ring and a
/// cookie issued by one instance is accepted by another. Never changed once written (a revocation is a new element).
/// </summary>
internal sealed class DataProtectionKeyRow
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
