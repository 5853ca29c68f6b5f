using Headless.Api.Common.Database;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Features.Backups;

/// <summary>
/// <c>backup</c>: a consistent copy of the whole database (content, keys, webhooks, changes) taken with SQLite's online
/// backup API while the API keeps serving. In WAL mode the copy reads one snapshot, so writers go on meanwhile and the
/// copy has every commit up to its start and none after. SQLite-only: the PostgreSQL backend would use pg_dump.
/// </summary>
public static class DatabaseBackup
{
    public const int ExitFailure = 1;
    public const int ExitUsage = 64;

    private const string Usage = "usage: backup --to FILE [--database PATH (default data/headless.db)] [--force]";

    /// <summary>Runs the command line; answers the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        string? to = null;
        var database = DefaultDatabasePath;
        var force = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--to" when value is not null:
                    to = value;
                    i++;
                    break;
                case "--database" when value is not null:
                    database = value;
                    i++;
                    break;
                case "--force":
                    force = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"backup: cannot use '{args[i]}'{(value is null ? "" : $" '{value}'")}.\n{Usage}");
                    return ExitUsage;
            }
        }

        if (to is null)
        {
            await Console.Error.WriteLineAsync($"backup: --to is required.\n{Usage}");
            return ExitUsage;
        }

        try
        {
            var result = await BackupAsync(new Db(ConnectionStringFor(database)), to, force, CancellationToken.None);
            Console.WriteLine($"backup: {Path.GetFullPath(database)} -> {result.Path} ({result.Bytes} bytes, {result.Articles} articles)");
            return 0;
        }
        catch (Exception e) when (e is IOException or SqliteException or InvalidOperationException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"backup: {e.Message}");
            return ExitFailure;
        }
    }

    internal static string DefaultDatabasePath => new SqliteConnectionStringBuilder(DatabaseSetup.DefaultConnectionString).DataSource;

    internal static string ConnectionStringFor(string databasePath) =>
        new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite }.ToString();

    /// <summary>Copies the database behind <paramref name="db"/> to <paramref name="to"/>; refuses an existing file unless forced.</summary>
    public static async Task<BackupResult> BackupAsync(Db db, string to, bool force, CancellationToken ct)
    {
        var target = Path.GetFullPath(to);
        if (File.Exists(target) && !force)
        {
            throw new IOException($"{target} exists; pass --force to overwrite it.");
        }

        if (!File.Exists(db.DataSource))
        {
            throw new IOException($"{db.DataSource} does not exist.");
        }

        // Written beside the target and renamed over it at the end, so a failed backup never leaves a half file
        // under the name a restore would use, nor destroys the previous backup.
        var partial = target + ".partial";
        File.Delete(partial);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            await using (var source = await db.OpenAsync(ct))
            await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await destination.OpenAsync(ct);
                source.BackupDatabase(destination);
                // A backup is one self-contained file: a rollback journal, not WAL, so it has no -wal/-shm beside it.
                await using var journal = destination.CreateCommand();
                journal.CommandText = "PRAGMA journal_mode = DELETE;";
                await journal.ExecuteNonQueryAsync(ct);
                await using var command = destination.CreateCommand();
                command.CommandText = "PRAGMA integrity_check;";
                var check = (string?)await command.ExecuteScalarAsync(ct);
                if (check != "ok")
                {
                    throw new InvalidOperationException($"the copy fails its integrity check: {check}");
                }
            }

            long articles;
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString()))
            {
                await copy.OpenAsync(ct);
                await using var count = copy.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM articles";
                articles = (long)(await count.ExecuteScalarAsync(ct))!;
            }

            File.Move(partial, target, overwrite: true);
            return new BackupResult(target, new FileInfo(target).Length, articles);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}

/// <summary>What <see cref="DatabaseBackup.BackupAsync"/> wrote.</summary>
public sealed record BackupResult(string Path, long Bytes, long Articles);
