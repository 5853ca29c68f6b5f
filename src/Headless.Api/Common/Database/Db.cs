using Microsoft.Data.Sqlite;

namespace Headless.Api.Common.Database;

/// <summary>
/// Opens connections to the SQLite database. The per-connection settings live here, in one place:
/// foreign keys on (connection string) and a busy timeout, so a writer waits for a lock instead of failing.
/// </summary>
public sealed class Db
{
    public const int BusyTimeoutMilliseconds = 5000;

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

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }
}
