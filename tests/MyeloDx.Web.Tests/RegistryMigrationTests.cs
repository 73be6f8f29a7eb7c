using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Tests;

/// <summary>
/// The registry's checked-in migrations. Deployed databases have applied them, so the SQL each one produces must never
/// change (only new migrations may be added): the full script of each provider is compared with a file in golden/.
/// A model change without its migration fails here before it fails at a server's start. Neither test needs a server:
/// the PostgreSQL context is built with a connection string it never opens.
/// </summary>
public sealed class RegistryMigrationTests
{
    private static SqliteRegistryDb Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteRegistryDb>().UseSqlite("Data Source=:memory:").Options);

    private static PostgresRegistryDb Postgres() =>
        new(new DbContextOptionsBuilder<PostgresRegistryDb>().UseNpgsql("Host=unused.invalid;Database=unused").Options);

    [Fact]
    public void The_model_has_no_change_without_a_migration_on_either_provider()
    {
        using (var db = Sqlite()) Assert.False(db.Database.HasPendingModelChanges(), "SQLite: add a migration (docs/web.md)");
        using (var db = Postgres()) Assert.False(db.Database.HasPendingModelChanges(), "PostgreSQL: add a migration (docs/web.md)");
    }

    [Fact]
    public void Applied_sqlite_migrations_produce_the_same_sql()
    {
        using var db = Sqlite();
        Golden.Matches("registry-sqlite.sql", db.GetService<IMigrator>().GenerateScript());
    }

    [Fact]
    public void Applied_postgres_migrations_produce_the_same_sql()
    {
        using var db = Postgres();
        Golden.Matches("registry-postgres.sql", db.GetService<IMigrator>().GenerateScript());
    }
}
