using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Headless.Api.Common.Database;

/// <summary>
/// Applies the embedded, forward-only numbered migrations (<c>Migrations/NNNN_name.sql</c>) that the database
/// has not seen yet, each in its own transaction, and records the number in <c>PRAGMA user_version</c>.
/// SQLite-only: PRAGMAs and journal mode.
/// </summary>
public sealed partial class Migrator(Db db, ILogger<Migrator> logger)
{
    private const string ResourcePrefix = "Headless.Migrations.";

    /// <summary>Migrates the database; answers true when it was new (nothing applied before).</summary>
    public async Task<bool> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // WAL lets readers go on while one writer writes; the mode is stored in the file, so setting it once is enough.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));

        var current = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA user_version;", cancellationToken: ct));
        var pending = LoadMigrations().Where(m => m.Number > current).OrderBy(m => m.Number).ToList();

        // A migration may rebuild a table (SQLite cannot alter a CHECK constraint), which needs foreign keys off while
        // it runs (they cannot be switched inside a transaction); each one is checked before its commit instead.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA foreign_keys = OFF;", cancellationToken: ct));
        try
        {
            foreach (var migration in pending)
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: ct));
                var violations = await connection.QueryAsync(new CommandDefinition("PRAGMA foreign_key_check;", transaction: transaction, cancellationToken: ct));
                if (violations.Any())
                {
                    throw new InvalidOperationException($"Migration {migration.Name} leaves rows that break foreign keys; nothing of it was applied.");
                }

                await connection.ExecuteAsync(new CommandDefinition($"PRAGMA user_version = {migration.Number};", transaction: transaction, cancellationToken: ct));
                await transaction.CommitAsync(ct);
                logger.LogInformation("Applied migration {Number} ({Name})", migration.Number, migration.Name);
            }
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA foreign_keys = ON;", cancellationToken: CancellationToken.None));
        }

        return current == 0;
    }

    internal static IReadOnlyList<Migration> LoadMigrations()
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = name[ResourcePrefix.Length..];
            var match = MigrationName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), fileName, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Number).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share the number {duplicate.Key}.");
        }

        return migrations;
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex MigrationName();

    internal sealed record Migration(int Number, string Name, string Sql);
}
