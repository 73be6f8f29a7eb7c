using Npgsql;

namespace MyeloDx.Web.Registry;

/// <summary>
/// Held while an instance migrates the registry and creates the data-protection key ring, so that two instances
/// started together on one database do this one after the other: the schema is changed once, and the second finds
/// the first one's key instead of making its own (two keys made at once would each sign cookies the other instance
/// does not yet know). PostgreSQL: a session advisory lock; SQLite: an exclusive lock on a file beside the database
/// (every instance on one SQLite file runs on this machine).
/// </summary>
internal sealed class StartupLock : IDisposable
{
    /// <summary>The advisory lock's number: any constant that no other application on the database uses ("MyeloDx" in ASCII).</summary>
    internal const long PostgresKey = 0x4D79656C6F4478;
    /// <summary>How long an instance waits for another one's migration before giving up (a migration takes seconds).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly NpgsqlConnection? _pg;
    private readonly FileStream? _file;

    private StartupLock(NpgsqlConnection? pg, FileStream? file) { _pg = pg; _file = file; }

    public static StartupLock Acquire(RegistrySettings settings) =>
        settings.IsPostgres ? Postgres(settings.Connection!) : new StartupLock(null, LockFile(Path.Combine(settings.DataDir, "startup.lock")));

    private static StartupLock Postgres(string connection)
    {
        // Unpooled: the advisory lock belongs to this session, which must end when the lock is released.
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ToString());
        c.Open();
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT pg_advisory_lock(@k)";
            cmd.Parameters.AddWithValue("k", PostgresKey);
            cmd.CommandTimeout = (int)Patience.TotalSeconds;
            cmd.ExecuteNonQuery();
            return new StartupLock(c, null);
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    private static FileStream LockFile(string path)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: a second instance gets an IOException until this one closes it.
                var o = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows()) o.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                return new FileStream(path, o);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose()
    {
        if (_pg is not null)
        {
            using (var cmd = _pg.CreateCommand())
            {
                cmd.CommandText = "SELECT pg_advisory_unlock(@k)";
                cmd.Parameters.AddWithValue("k", PostgresKey);
                cmd.ExecuteNonQuery();
            }
            _pg.Dispose();
        }
        _file?.Dispose();
    }
}
