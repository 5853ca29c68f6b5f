using Microsoft.Data.Sqlite;

namespace Headless.Api.Common.Database;

/// <summary>
/// Opens connections to the SQLite database. The per-connection settings live here, in one place:
/// foreign keys on (connection string), a busy timeout, so a writer waits for a lock instead of failing, and
/// <c>synchronous = FULL</c>. SQLite-only: PRAGMAs.
/// </summary>
/// <remarks>
/// Why FULL and not NORMAL under WAL: with NORMAL a commit is not fsynced until the next checkpoint, so a power loss
/// (not a process crash) can undo writes the API already answered 2xx for; FULL fsyncs the log on every commit, so an
/// acknowledged write survives. The cost is one fsync per write transaction, small beside an HTTP round trip at an
/// editorial write rate; reads are unaffected. README, "Backups and durability".
/// </remarks>
public sealed class Db
{
    public const int BusyTimeoutMilliseconds = 5000;

    /// <summary>The <c>PRAGMA synchronous</c> level of every connection: 2 is FULL (see the remarks above).</summary>
    public const int Synchronous = 2;

    private long commandsExecuted;

    public Db(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        ConnectionString = builder.ToString();
        DataSource = builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) ? builder.DataSource : Path.GetFullPath(builder.DataSource);
    }

    public string ConnectionString { get; }

    /// <summary>The database file's full path (as configured, for in-memory databases).</summary>
    public string DataSource { get; }

    /// <summary>
    /// How many commands the connections opened here have created since start-up (each Dapper call makes one). Cheap
    /// enough to keep in production; tests read it to prove that a read costs a fixed number of queries (no N+1).
    /// </summary>
    public long CommandsExecuted => Interlocked.Read(ref commandsExecuted);

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new CountingConnection(ConnectionString, this);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = {Synchronous};";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>A connection that counts the commands it creates into its <see cref="Db"/>.</summary>
    private sealed class CountingConnection(string connectionString, Db owner) : SqliteConnection(connectionString)
    {
        public override SqliteCommand CreateCommand()
        {
            Interlocked.Increment(ref owner.commandsExecuted);
            return base.CreateCommand();
        }
    }
}
