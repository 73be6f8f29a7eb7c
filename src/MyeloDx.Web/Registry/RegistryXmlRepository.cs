using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace MyeloDx.Web.Registry;

/// <summary>
/// The data-protection key ring in the registry database (table <c>data_protection_keys</c>), shared by every instance
/// on that database. Written here rather than with the EF Core package's repository because that one logs each key's
/// XML, the secret itself, at Debug level, and needs the DbContext from a DI scope; this one opens its own context
/// and logs nothing.
/// </summary>
internal sealed class RegistryXmlRepository(RegistrySettings registry) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = registry.NewDb();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable()
            .Select(x => XElement.Parse(x)).ToList().AsReadOnly();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = registry.NewDb();
        db.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
