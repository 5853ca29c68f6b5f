using System.Text.Json;
using Headless.Api.Common.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Headless.Api.Features.Backups;

/// <summary>
/// <c>export</c> and <c>import</c>: all content as one JSON document, to move it between databases (or, later, to the
/// PostgreSQL backend). Content means tags, articles (every column: bodies in markdown, HTML and text, status, dates,
/// syndication, expiry), their tags, quotes, links, corrections and revisions, with their ids. Not exported: API keys
/// and webhooks (secrets and per-installation set-up), the change feed and webhook deliveries (history of this
/// database; an import starts a new feed), settings (the cursor signing key) and the search indexes (rebuilt by the
/// triggers as rows go in). An import goes into a database without content only, in one transaction.
/// </summary>
public static class ContentTransfer
{
    public const int Format = 1;
    public const int ExitFailure = 1;
    public const int ExitRefused = 2;
    public const int ExitUsage = 64;

    /// <summary>The content tables in an order that satisfies their foreign keys, each with the key it is sorted by.</summary>
    internal static readonly (string Table, string OrderBy)[] Tables =
    [
        ("tags", "id"),
        ("articles", "id"),
        ("article_tags", "article_id, tag_id"),
        ("quotes", "id"),
        ("links", "id"),
        ("article_corrections", "id"),
        ("article_revisions", "article_id, number"),
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>Runs <c>export</c> or <c>import</c> (the first argument); answers the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args[0];
        var fileOption = command == "export" ? "--to" : "--from";
        var usage = $"usage: {command} {fileOption} FILE.json [--database PATH (default data/headless.db)]{(command == "export" ? " [--force]" : "")}";
        string? file = null;
        var database = DatabaseBackup.DefaultDatabasePath;
        var force = false;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (args[i] == fileOption && value is not null)
            {
                file = value;
                i++;
            }
            else if (args[i] == "--database" && value is not null)
            {
                database = value;
                i++;
            }
            else if (args[i] == "--force" && command == "export")
            {
                force = true;
            }
            else
            {
                await Console.Error.WriteLineAsync($"{command}: cannot use '{args[i]}'{(value is null ? "" : $" '{value}'")}.\n{usage}");
                return ExitUsage;
            }
        }

        if (file is null)
        {
            await Console.Error.WriteLineAsync($"{command}: {fileOption} is required.\n{usage}");
            return ExitUsage;
        }

        try
        {
            if (command == "export")
            {
                if (File.Exists(file) && !force)
                {
                    await Console.Error.WriteLineAsync($"export: {Path.GetFullPath(file)} exists; pass --force to overwrite it.");
                    return ExitFailure;
                }

                if (!File.Exists(database))
                {
                    await Console.Error.WriteLineAsync($"export: {Path.GetFullPath(database)} does not exist.");
                    return ExitFailure;
                }

                var db = new Db(DatabaseBackup.ConnectionStringFor(database));
                await using (var output = File.Create(file))
                {
                    var counts = await ExportAsync(db, output, CancellationToken.None);
                    Console.WriteLine($"export: {Describe(counts)} from {db.DataSource} to {Path.GetFullPath(file)}");
                }

                return 0;
            }

            var target = new Db(new SqliteConnectionStringBuilder { DataSource = database }.ToString());
            await new Migrator(target, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
            await using var input = File.OpenRead(file);
            var result = await ImportAsync(target, input, CancellationToken.None);
            if (result.Refused)
            {
                await Console.Error.WriteLineAsync($"import: {target.DataSource} already has content; it only imports into a database without any. Nothing was written.");
                return ExitRefused;
            }

            Console.WriteLine($"import: {Describe(result.Counts)} from {Path.GetFullPath(file)} into {target.DataSource}");
            return 0;
        }
        catch (Exception e) when (e is IOException or SqliteException or InvalidOperationException or JsonException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"{command}: {e.Message}");
            return ExitFailure;
        }
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"));

    /// <summary>Writes all content, read in one transaction (one snapshot), as JSON; answers the rows per table.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> ExportAsync(Db db, Stream output, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>();
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("format", Format);
        await using (var version = connection.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = "PRAGMA user_version";
            writer.WriteNumber("schemaVersion", (long)(await version.ExecuteScalarAsync(ct))!);
        }

        foreach (var (table, orderBy) in Tables)
        {
            writer.WritePropertyName(table);
            writer.WriteStartArray();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // Table names and keys come from the constant list above, never from input.
            command.CommandText = $"SELECT * FROM {table} ORDER BY {orderBy}";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = 0;
            while (await reader.ReadAsync(ct))
            {
                writer.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var name = reader.GetName(i);
                    switch (reader.GetValue(i))
                    {
                        case DBNull:
                            writer.WriteNull(name);
                            break;
                        case long number:
                            writer.WriteNumber(name, number);
                            break;
                        case double real:
                            writer.WriteNumber(name, real);
                            break;
                        case string text:
                            writer.WriteString(name, text);
                            break;
                        case var other:
                            throw new InvalidOperationException($"{table}.{name} holds a {other.GetType().Name}, which the export does not carry.");
                    }
                }

                writer.WriteEndObject();
                rows++;
            }

            writer.WriteEndArray();
            counts[table] = rows;
        }

        writer.WriteEndObject();
        await writer.FlushAsync(ct);
        return counts;
    }

    /// <summary>
    /// Inserts an export into a migrated database without content, in one transaction, keeping every id. Refuses (and
    /// writes nothing) when any content table has rows.
    /// </summary>
    public static async Task<ImportResult> ImportAsync(Db db, Stream input, CancellationToken ct)
    {
        using var document = await JsonDocument.ParseAsync(input, cancellationToken: ct);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetInt32() != Format)
        {
            throw new InvalidOperationException($"the file is not a Headless export of format {Format}.");
        }

        await using var connection = await db.OpenAsync(ct);
        // Immediate: take the write lock before the emptiness check, so nothing can slip in between.
        await using var transaction = connection.BeginTransaction(deferred: false);
        long schemaVersion;
        await using (var version = connection.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = "PRAGMA user_version";
            schemaVersion = (long)(await version.ExecuteScalarAsync(ct))!;
        }

        if (root.TryGetProperty("schemaVersion", out var exported) && exported.GetInt64() > schemaVersion)
        {
            throw new InvalidOperationException($"the export comes from schema version {exported.GetInt64()}; this database is at {schemaVersion}. Import with a newer build.");
        }

        foreach (var (table, _) in Tables)
        {
            await using var any = connection.CreateCommand();
            any.Transaction = transaction;
            any.CommandText = $"SELECT EXISTS (SELECT 1 FROM {table})";
            if ((long)(await any.ExecuteScalarAsync(ct))! != 0)
            {
                return new ImportResult(true, new Dictionary<string, int>());
            }
        }

        var counts = new Dictionary<string, int>();
        foreach (var (table, _) in Tables)
        {
            var columns = await ColumnsAsync(connection, transaction, table, ct);
            var rows = root.TryGetProperty(table, out var array) ? array.EnumerateArray().ToList() : [];
            foreach (var row in rows)
            {
                var unknown = row.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !columns.Contains(name));
                if (unknown is not null)
                {
                    throw new InvalidOperationException($"{table} has no column '{unknown}'.");
                }

                // Only the row's own columns: a column the export predates takes its default.
                var names = row.EnumerateObject().Select(p => p.Name).ToList();
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => $"@p{i}"))})";
                for (var i = 0; i < names.Count; i++)
                {
                    var value = row.GetProperty(names[i]);
                    insert.Parameters.AddWithValue($"@p{i}", value.ValueKind switch
                    {
                        JsonValueKind.Null => DBNull.Value,
                        JsonValueKind.String => value.GetString()!,
                        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
                        JsonValueKind.Number => value.GetDouble(),
                        _ => throw new InvalidOperationException($"{table}.{names[i]} holds {value.ValueKind}, not a column value."),
                    });
                }

                await insert.ExecuteNonQueryAsync(ct);
            }

            counts[table] = rows.Count;
        }

        await transaction.CommitAsync(ct);
        return new ImportResult(false, counts);
    }

    private static async Task<HashSet<string>> ColumnsAsync(SqliteConnection connection, SqliteTransaction transaction, string table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM pragma_table_info(@table)";
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}

/// <summary>What an import did; <see cref="Refused"/> means the database had content and nothing was written.</summary>
public sealed record ImportResult(bool Refused, IReadOnlyDictionary<string, int> Counts);
