using Microsoft.EntityFrameworkCore.Infrastructure;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MyeloDx.Core.Errors;

namespace MyeloDx.Web.Registry;

/// <summary>Where the registry lives: an embedded SQLite file in the data folder, or a PostgreSQL database.</summary>
internal sealed record RegistrySettings(string DataDir, string Database, string? Connection)
{
    public const string EnvData = "MYELODX_DATA";

    public bool IsPostgres => Database == "postgres";

    public string SqlitePath => Path.Combine(DataDir, "registry.db");

    /// <summary>--data, else MYELODX_DATA, else a per-user data folder.</summary>
    public static string ResolveDataDir(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given)) return Path.GetFullPath(given);
        var env = Environment.GetEnvironmentVariable(EnvData);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        var baseDir = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(baseDir)) baseDir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(baseDir, "MyeloDx");
    }

    public static RegistrySettings Create(string? dataDir, string? database, string? connection)
    {
        var db = string.IsNullOrWhiteSpace(database) ? "sqlite" : database.Trim().ToLowerInvariant();
        if (db is "postgresql" or "pg") db = "postgres";
        if (db is not ("sqlite" or "postgres"))
            throw new InputException("MDX-WEB010", "--database", $"unknown database '{database}'; use sqlite or postgres");
        if (db == "postgres" && string.IsNullOrWhiteSpace(connection))
            throw new InputException("MDX-WEB011", "--connection", "PostgreSQL needs a connection string (--connection \"Host=...;Database=...;Username=...;Password=...\")");
        return new RegistrySettings(ResolveDataDir(dataDir), db, string.IsNullOrWhiteSpace(connection) ? null : connection);
    }

    private DbContextOptions? _options;

    public DbContextOptions Options => _options ??= BuildOptions();

    private DbContextOptions BuildOptions()
    {
        if (IsPostgres)
        {
            var b = new DbContextOptionsBuilder<PostgresRegistryDb>();
            // PostgreSQL allows 100 connections by default: a burst of requests waits for a pooled connection here
            // rather than being refused by the server (which would be a 503), unless the connection string says otherwise.
            var pg = new Npgsql.NpgsqlConnectionStringBuilder(Connection);
            if (pg.MaxPoolSize == 100) pg.MaxPoolSize = 30; // 100 is Npgsql's default: not chosen by the operator
            if (pg.Timeout == 15) pg.Timeout = 60;
            b.UseNpgsql(pg.ToString(), o => o.MigrationsAssembly(typeof(RegistryDb).Assembly.GetName().Name));
            return b.Options;
        }
        var s = new DbContextOptionsBuilder<SqliteRegistryDb>();
        s.UseSqlite(SqliteConnectionString).AddInterceptors(SqlitePragmas.Instance);
        return s.Options;
    }

    /// <summary>The SQLite registry's connection string (EF's and the key lookup's).</summary>
    public string SqliteConnectionString =>
        new SqliteConnectionStringBuilder { DataSource = SqlitePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// The data folder holds patient data and signing keys: created 0700, and an existing one that others can read
    /// is tightened when it is ours (it holds our registry or nothing), never a shared folder such as /tmp.
    /// </summary>
    private void SecureFolder(string dir)
    {
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(dir); return; }
        if (!Directory.Exists(dir)) { Directory.CreateDirectory(dir, OwnerOnlyFolder); return; }
        var ours = File.Exists(Path.Combine(dir, "registry.db")) || !Directory.EnumerateFileSystemEntries(dir).Any();
        if (ours) Tighten(dir, OwnerOnlyFolder);
    }

    private static void Tighten(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            if ((File.GetUnixFileMode(path) & ~mode) != 0) File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException) { } // not ours to change: leave it as the owner set it
        catch (IOException) { }
    }

    public RegistryDb NewDb() => IsPostgres
        ? new PostgresRegistryDb((DbContextOptions<PostgresRegistryDb>)Options)
        : new SqliteRegistryDb((DbContextOptions<SqliteRegistryDb>)Options);

    private Func<RegistryDb>? _pooled;

    /// <summary>
    /// A context from a pool on SQLite (disposing it gives it back, reset), for the one read every API request makes (the
    /// key lookup). A new context resolves its internal services each time: with the query, ~14% of the server's CPU at a
    /// few hundred requests a second (perf, issue 17 round 6). Only for short untracked reads; writes use <see cref="NewDb"/>.
    /// </summary>
    public RegistryDb PooledDb() => (_pooled ??= PoolFactory())(); // two first callers may each build a pool: either serves

    private Func<RegistryDb> PoolFactory()
    {
        // PostgreSQL keeps a new context per lookup: pooling was tried there together with a compiled query shared by
        // both providers (a bug, since fixed in ApiKeyCache) and not verified alone in round 6; the measured path is SQLite.
        if (IsPostgres) return NewDb;
        var sqlite = new PooledDbContextFactory<SqliteRegistryDb>((DbContextOptions<SqliteRegistryDb>)Options);
        return sqlite.CreateDbContext;
    }

    /// <summary>
    /// Creates the data folder and the database if needed and applies pending migrations, under the
    /// <see cref="StartupLock"/> so that instances started together migrate one after the other; <paramref name="underLock"/>
    /// runs before the lock is released (the web app creates its data-protection key ring there). A registry that cannot be
    /// opened (database unreachable or refusing the login, data folder not writable) is the coded MDX-WEB014, one line
    /// naming the cause, not an internal error with a stack trace: it is the operator's to fix.
    /// </summary>
    public void Migrate(Action? underLock = null)
    {
        try { MigrateOrThrow(underLock); }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or ArgumentException or TimeoutException)
        {
            var cause = e.Message.ReplaceLineEndings(" ");
            if (cause.Length > 200) cause = cause[..200] + "…";
            throw new InputException("MDX-WEB014", IsPostgres ? "--connection" : "--data",
                $"cannot open the case registry ({(IsPostgres ? "PostgreSQL" : SqlitePath)}): {cause}");
        }
    }

    private void MigrateOrThrow(Action? underLock)
    {
        SecureFolder(DataDir);
        using var startup = StartupLock.Acquire(this);
        if (!IsPostgres)
        {
            // Created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the database file's mode.
            if (!File.Exists(SqlitePath) && !OperatingSystem.IsWindows())
                using (new FileStream(SqlitePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile })) { }
            Tighten(SqlitePath, OwnerOnlyFile);
            // WAL: a committed transaction is in the log before the commit returns; a killed server loses nothing committed.
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL;";
            cmd.ExecuteScalar();
        }
        using (var db = NewDb()) db.Database.Migrate();
        underLock?.Invoke();
    }
}

/// <summary>Per-connection SQLite settings: full fsync on commit, foreign keys, and waiting for a busy writer.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        cmd.ExecuteNonQuery();
    }
}
