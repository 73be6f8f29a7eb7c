using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MyeloDx.Web.Registry;

namespace MyeloDx.Web.Security;

/// <summary>
/// The API key lookup on SQLite as one prepared statement on a connection kept open, instead of a pooled EF context
/// that opened a connection (running the registry's three PRAGMAs), built a reader, materialised and closed again per
/// request: that was 7% of the server's CPU at 500 assessments/s (perf, issue 17 round 13). It is still one indexed
/// query per request; each runs in its own read transaction, so a key replaced, or an account disabled or deleted
/// from another process, stops working on the very next request, as before. The row is read column by column with
/// the registry's own conversion of dates (<see cref="DateTimeOffsetToBinaryConverter"/>), so it is the row EF gave.
/// </summary>
internal sealed class SqliteKeyLookup(string connectionString) : IDisposable
{
    /// <summary>Idle statements kept: enough for the requests of a few cores at once; more are closed after use.</summary>
    private const int MaxIdle = 8;
    private const string Sql =
        "SELECT \"Id\", \"Name\", \"Role\", \"ApiKeyHash\", \"PasswordHash\", \"CreatedAt\", \"Disabled\", \"SecurityStamp\", \"DeletedAt\" " +
        "FROM \"users\" WHERE \"ApiKeyHash\" = $hash LIMIT 1";
    private static readonly DateTimeOffsetToBinaryConverter Dates = new();
    private readonly ConcurrentBag<Statement> _idle = [];
    private bool _disposed;

    /// <summary>An open connection and its prepared lookup.</summary>
    private sealed class Statement : IDisposable
    {
        public Statement(string connectionString)
        {
            Connection = new SqliteConnection(connectionString);
            Connection.Open();
            using (var pragma = Connection.CreateCommand())
            {
                // as every registry connection (SqlitePragmas): wait for a writer rather than fail at once
                pragma.CommandText = "PRAGMA busy_timeout=10000;";
                pragma.ExecuteNonQuery();
            }
            Command = Connection.CreateCommand();
            Command.CommandText = Sql;
            Hash = Command.Parameters.Add("$hash", SqliteType.Text);
            Command.Prepare();
        }

        public SqliteConnection Connection { get; }
        public SqliteCommand Command { get; }
        public SqliteParameter Hash { get; }

        public void Dispose()
        {
            Command.Dispose();
            Connection.Dispose();
        }
    }

    public UserRow? Find(string hash)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_idle.TryTake(out var s)) s = new Statement(connectionString);
        var keep = false;
        try
        {
            s.Hash.Value = hash;
            UserRow? row = null;
            using (var r = s.Command.ExecuteReader())
            {
                if (r.Read())
                    row = new UserRow
                    {
                        Id = r.GetInt32(0),
                        Name = r.GetString(1),
                        Role = r.GetString(2),
                        ApiKeyHash = r.GetString(3),
                        PasswordHash = r.IsDBNull(4) ? null : r.GetString(4),
                        CreatedAt = (DateTimeOffset)Dates.ConvertFromProvider(r.GetInt64(5))!,
                        Disabled = r.GetBoolean(6),
                        SecurityStamp = r.GetString(7),
                        DeletedAt = r.IsDBNull(8) ? null : (DateTimeOffset)Dates.ConvertFromProvider(r.GetInt64(8))!,
                    };
            }
            keep = true;
            return row;
        }
        finally
        {
            // a statement that failed is not reused; nor one beyond the idle limit, nor any after disposal
            if (keep && !_disposed && _idle.Count < MaxIdle) _idle.Add(s);
            else s.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var s)) s.Dispose();
    }
}
