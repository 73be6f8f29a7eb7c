using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MyeloDx.Web.Registry;

// Used only by `dotnet ef migrations add` to generate the checked-in migrations of each provider.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteRegistryDb>
{
    public SqliteRegistryDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRegistryDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresRegistryDb>
{
    public PostgresRegistryDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRegistryDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
