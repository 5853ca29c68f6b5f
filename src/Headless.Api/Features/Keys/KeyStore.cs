using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;

namespace Headless.Api.Features.Keys;

/// <summary>An API key row. <see cref="SecretHash"/> is for authentication only and never leaves the server.</summary>
public sealed class KeyRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string TokenPrefix { get; init; } = "";
    public string SecretHash { get; init; } = "";
    public string? Tags { get; init; }
    public string? Sections { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public IReadOnlyList<string> TagList => KeyStore.ParseList(Tags);

    public IReadOnlyList<string> SectionList => KeyStore.ParseList(Sections);
}

/// <summary>A key to store: the secret's display prefix and hash, never the secret.</summary>
public sealed record KeyWrite(string Name, string Role, string TokenPrefix, string SecretHash, IReadOnlyList<string> Tags, IReadOnlyList<string> Sections)
{
    public static KeyWrite ForSecret(string secret, string name, string role, IReadOnlyList<string> tags, IReadOnlyList<string> sections) =>
        new(name, role, ApiKeyTokens.DisplayPrefix(secret), ApiKeyTokens.Hash(secret), tags, sections);
}

/// <summary>The SQL of API keys.</summary>
public sealed class KeyStore(Db db, TimeProvider clock)
{
    /// <summary>How stale <c>last_used_at</c> may get: a key's use is written at most once in this time.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string Select = """
        SELECT id, name, role, token_prefix, secret_hash, tags, sections, created_at, updated_at, version, last_used_at, revoked_at
        FROM api_keys
        """;

    // When each key's use was last written by this process, so that authentication does not write on every request.
    private readonly ConcurrentDictionary<long, DateTimeOffset> lastRecordedUse = new();

    public async Task<IReadOnlyList<KeyRow>> ListAsync(long after, int limit, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE id > @after ORDER BY id LIMIT @limit";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<KeyRow>(new CommandDefinition(sql, new { after, limit }, cancellationToken: ct))).AsList();
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM api_keys", cancellationToken: ct));
    }

    public async Task<KeyRow?> FindAsync(long id, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE id = @id";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(sql, new { id }, cancellationToken: ct));
    }

    /// <summary>The key whose secret has this hash, revoked or not.</summary>
    public async Task<KeyRow?> FindBySecretHashAsync(string secretHash, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE secret_hash = @secretHash";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(sql, new { secretHash }, cancellationToken: ct));
    }

    public async Task<long> CreateAsync(KeyWrite key, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO api_keys (name, role, token_prefix, secret_hash, tags, sections, created_at, updated_at, version)
            VALUES (@Name, @Role, @TokenPrefix, @SecretHash, @Tags, @Sections, @Now, @Now, 1)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, Parameters(key), cancellationToken: ct));
    }

    /// <summary>Creates the key only when the table has no key at all (revoked ones count); answers its id, or null when there were keys.</summary>
    public async Task<long?> CreateIfNoKeysAsync(KeyWrite key, CancellationToken ct)
    {
        // One statement, so two processes starting on the same new database cannot both create one.
        const string sql = """
            INSERT INTO api_keys (name, role, token_prefix, secret_hash, tags, sections, created_at, updated_at, version)
            SELECT @Name, @Role, @TokenPrefix, @SecretHash, @Tags, @Sections, @Now, @Now, 1
            WHERE NOT EXISTS (SELECT 1 FROM api_keys)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, Parameters(key), cancellationToken: ct));
    }

    /// <summary>Revokes a key; a key revoked before keeps its first revocation time. Answers false when there is no such key.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken ct)
    {
        const string sql = """
            UPDATE api_keys
            SET revoked_at = COALESCE(revoked_at, @now),
                updated_at = CASE WHEN revoked_at IS NULL THEN @now ELSE updated_at END,
                version = CASE WHEN revoked_at IS NULL THEN version + 1 ELSE version END
            WHERE id = @id
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id, now = clock.GetUtcNow() }, cancellationToken: ct)) > 0;
    }

    /// <summary>
    /// Records that a key was used, writing at most once per <see cref="LastUsedResolution"/> per key (and process).
    /// A use is not a change of the key: <c>updated_at</c> and <c>version</c> stay.
    /// </summary>
    public async Task RecordUseAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (lastRecordedUse.TryGetValue(id, out var last) && now - last < LastUsedResolution)
        {
            return;
        }

        lastRecordedUse[id] = now;
        const string sql = "UPDATE api_keys SET last_used_at = @now WHERE id = @id";
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, now }, cancellationToken: ct));
    }

    internal static IReadOnlyList<string> ParseList(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static string? FormatList(IReadOnlyList<string> items) =>
        items.Count == 0 ? null : JsonSerializer.Serialize(items);

    private object Parameters(KeyWrite key) => new
    {
        key.Name,
        key.Role,
        key.TokenPrefix,
        key.SecretHash,
        Tags = FormatList(key.Tags),
        Sections = FormatList(key.Sections),
        Now = clock.GetUtcNow(),
    };
}
