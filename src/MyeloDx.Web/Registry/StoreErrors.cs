using Microsoft.Data.Sqlite;
using Npgsql;

namespace MyeloDx.Web.Registry;

/// <summary>What a failed database write means for the caller.</summary>
internal enum StoreFailure
{
    /// <summary>Not a store failure we recognise.</summary>
    None,
    /// <summary>Another request changed the same row first (unique key, concurrency token, serialization): 409/412.</summary>
    Conflict,
    /// <summary>The disk or the database is full: 507.</summary>
    Full,
    /// <summary>The database is busy, read-only or unreachable: 503, try again.</summary>
    Unavailable,
}

/// <summary>
/// Classifies exceptions from SQLite, PostgreSQL and the file system, so that a version race is a 409/412, a full disk
/// a coded 507 and an unreachable store a 503, never a generic 500.
/// </summary>
internal static class StoreErrors
{
    private const int SqliteConstraint = 19, SqliteFull = 13, SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIo = 10, SqliteCantOpen = 14;
    private const int ENOSPC = 28, EDQUOT = 122;

    public static StoreFailure Classify(Exception? e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException:
                    return StoreFailure.Conflict;
                case SqliteException s:
                    return s.SqliteErrorCode switch
                    {
                        SqliteConstraint => StoreFailure.Conflict,
                        SqliteFull => StoreFailure.Full,
                        SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIo or SqliteCantOpen => StoreFailure.Unavailable,
                        _ => StoreFailure.None,
                    };
                case PostgresException p:
                    return p.SqlState switch
                    {
                        "23505" or "40001" or "40P01" => StoreFailure.Conflict,
                        "53100" => StoreFailure.Full,
                        _ when p.SqlState.StartsWith("53", StringComparison.Ordinal) || p.SqlState.StartsWith("57", StringComparison.Ordinal)
                            || p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState == "25006" => StoreFailure.Unavailable,
                        _ => StoreFailure.None,
                    };
                case NpgsqlException:
                    return StoreFailure.Unavailable;
                case IOException io when (io.HResult & 0xFFFF) is ENOSPC or EDQUOT:
                    return StoreFailure.Full;
            }
        }
        return StoreFailure.None;
    }
}
