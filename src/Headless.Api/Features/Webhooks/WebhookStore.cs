using System.Text.Json;
using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Features.Webhooks;

/// <summary>A webhook row. <see cref="Secret"/> signs requests and leaves the server only in the create answer.</summary>
public sealed class WebhookRow
{
    public long Id { get; init; }
    public string Url { get; init; } = "";
    public string Events { get; init; } = "[]";
    public string Secret { get; init; } = "";
    public bool Active { get; init; }
    public string? DisabledReason { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public IReadOnlyList<string> EventList => JsonSerializer.Deserialize<string[]>(Events) ?? [];
}

/// <summary>A delivery row with its change's event name.</summary>
public sealed class WebhookDeliveryRow
{
    public long Id { get; init; }
    public long WebhookId { get; init; }
    public long ChangeSeq { get; init; }
    public string Event { get; init; } = "";
    public string ResourceKey { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public int? LastStatusCode { get; init; }
    public long? LastDurationMs { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// The SQL of webhooks and of their deliveries (the outbox that the change log's triggers fill, and the dispatcher
/// empties: see <c>WebhookStore.Dispatch.cs</c>).
/// </summary>
public sealed partial class WebhookStore(Db db, TimeProvider clock)
{
    private const string Select = """
        SELECT id, url, events, secret, active, disabled_reason, failing_since, created_at, updated_at, version
        FROM webhooks
        """;

    private const string SelectDelivery = """
        SELECT d.id, d.webhook_id, d.change_seq, c.event, d.resource_key, d.status, d.attempts, d.next_attempt_at,
               d.last_status_code, d.last_duration_ms, d.last_error, d.created_at, d.updated_at
        FROM webhook_deliveries d JOIN changes c ON c.seq = d.change_seq
        """;

    public async Task<IReadOnlyList<WebhookRow>> ListAsync(long after, int limit, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE id > @after ORDER BY id LIMIT @limit";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<WebhookRow>(new CommandDefinition(sql, new { after, limit }, cancellationToken: ct))).AsList();
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM webhooks", cancellationToken: ct));
    }

    public async Task<WebhookRow?> FindAsync(long id, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE id = @id";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(sql, new { id }, cancellationToken: ct));
    }

    public async Task<long> CreateAsync(string url, IReadOnlyList<string> events, string secret, bool active, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO webhooks (url, events, secret, active, disabled_reason, failing_since, created_at, updated_at, version)
            VALUES (@url, @events, @secret, @active, NULL, NULL, @now, @now, 1)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql,
            new { url, events = JsonSerializer.Serialize(events), secret, active, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>
    /// Replaces a webhook's URL and events, and its secret and active flag when given, when its version matches.
    /// Activating an inactive webhook clears why it was disabled and its failure streak.
    /// </summary>
    public async Task<WriteResult> UpdateAsync(long id, string url, IReadOnlyList<string> events, string? secret, bool? active, IfMatch ifMatch, CancellationToken ct)
    {
        const string sql = """
            UPDATE webhooks
            SET url = @url, events = @events, secret = COALESCE(@secret, secret),
                active = COALESCE(@active, active),
                disabled_reason = CASE WHEN @active = 1 THEN NULL ELSE disabled_reason END,
                failing_since = CASE WHEN @active = 1 AND active = 0 THEN NULL ELSE failing_since END,
                updated_at = @now, version = version + 1
            WHERE id = @id AND (@anyVersion OR version IN @versions)
            RETURNING version
            """;
        await using var connection = await db.OpenAsync(ct);
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, new
        {
            id, url, events = JsonSerializer.Serialize(events), secret, active, now = clock.GetUtcNow(), anyVersion = ifMatch.Any, versions = ifMatch.Versions,
        }, cancellationToken: ct));
        return version is null ? await NotWrittenAsync(connection, id, ct) : new WriteResult(WriteOutcome.Saved, id, version.Value);
    }

    /// <summary>Deletes a webhook, with its deliveries, when its version matches.</summary>
    public async Task<WriteResult> DeleteAsync(long id, IfMatch ifMatch, CancellationToken ct)
    {
        const string sql = "DELETE FROM webhooks WHERE id = @id AND (@anyVersion OR version IN @versions)";
        await using var connection = await db.OpenAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { id, anyVersion = ifMatch.Any, versions = ifMatch.Versions }, cancellationToken: ct));
        return deleted > 0 ? new WriteResult(WriteOutcome.Saved, id) : await NotWrittenAsync(connection, id, ct);
    }

    /// <summary>One keyset page of a webhook's deliveries, newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> ListDeliveriesAsync(long webhookId, string? status, long before, int limit, CancellationToken ct)
    {
        const string sql = $"""
            {SelectDelivery}
            WHERE d.webhook_id = @webhookId AND (@status IS NULL OR d.status = @status) AND d.id < @before
            ORDER BY d.id DESC
            LIMIT @limit
            """;
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<WebhookDeliveryRow>(new CommandDefinition(sql, new { webhookId, status, before, limit }, cancellationToken: ct))).AsList();
    }

    public async Task<long> CountDeliveriesAsync(long webhookId, string? status, CancellationToken ct)
    {
        const string sql = "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = @webhookId AND (@status IS NULL OR status = @status)";
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { webhookId, status }, cancellationToken: ct));
    }

    public async Task<WebhookDeliveryRow?> FindDeliveryAsync(long webhookId, long deliveryId, CancellationToken ct)
    {
        const string sql = $"{SelectDelivery} WHERE d.id = @deliveryId AND d.webhook_id = @webhookId";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<WebhookDeliveryRow>(new CommandDefinition(sql, new { webhookId, deliveryId }, cancellationToken: ct));
    }

    /// <summary>Puts a delivery of the webhook back to pending, due now, with a fresh count of attempts; false when the webhook has no such delivery.</summary>
    public async Task<bool> RedeliverAsync(long webhookId, long deliveryId, CancellationToken ct)
    {
        const string sql = """
            UPDATE webhook_deliveries
            SET status = 'pending', attempts = 0, next_attempt_at = @now, updated_at = @now
            WHERE id = @deliveryId AND webhook_id = @webhookId
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { webhookId, deliveryId, now = clock.GetUtcNow() }, cancellationToken: ct)) > 0;
    }

    private static async Task<WriteResult> NotWrittenAsync(SqliteConnection connection, long id, CancellationToken ct)
    {
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT version FROM webhooks WHERE id = @id", new { id }, cancellationToken: ct));
        return version is null ? WriteResult.NotFound : new WriteResult(WriteOutcome.PreconditionFailed, id, version.Value);
    }
}
