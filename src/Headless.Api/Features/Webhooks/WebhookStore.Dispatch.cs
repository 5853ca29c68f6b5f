using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Features.Webhooks;

/// <summary>A delivery due now, with what sending it needs: its change, and its webhook's URL and secret.</summary>
public sealed class DueDeliveryRow
{
    public long Id { get; init; }
    public long WebhookId { get; init; }
    public long ChangeSeq { get; init; }
    public int Attempts { get; init; }
    public string Event { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Payload { get; init; } = "{}";
    public DateTimeOffset ChangedAt { get; init; }
    public string Url { get; init; } = "";
    public string Secret { get; init; } = "";

    /// <summary>The syndication rights the change's article has now (null when it has none, or no longer exists).</summary>
    public string? ArticleSyndication { get; init; }
}

/// <summary>How one attempt ended: an HTTP status (null when there was no answer), why it failed, and how long it took.</summary>
public sealed record DeliveryAttempt(int? StatusCode, string? Error, long DurationMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

public sealed partial class WebhookStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> deliveries due now for active webhooks, oldest first. A delivery is left out while an
    /// earlier one for the same webhook and resource is still pending (waiting for a retry, say), so each resource's
    /// events reach each webhook in the order they happened; so a batch holds at most one delivery per resource.
    /// </summary>
    public async Task<IReadOnlyList<DueDeliveryRow>> DueDeliveriesAsync(int limit, CancellationToken ct)
    {
        const string sql = """
            SELECT d.id, d.webhook_id, d.change_seq, d.attempts, c.event, c.kind, c.payload, c.created_at AS changed_at,
                   w.url, w.secret, a.syndication AS article_syndication
            FROM webhook_deliveries d
            JOIN webhooks w ON w.id = d.webhook_id
            JOIN changes c ON c.seq = d.change_seq
            LEFT JOIN articles a ON a.id = c.article_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= @now AND w.active = 1
              AND NOT EXISTS (
                  SELECT 1 FROM webhook_deliveries e
                  WHERE e.webhook_id = d.webhook_id AND e.resource_key = d.resource_key AND e.status = 'pending' AND e.id < d.id)
            ORDER BY d.id
            LIMIT @limit
            """;
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<DueDeliveryRow>(new CommandDefinition(sql, new { now = clock.GetUtcNow(), limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>Records a successful attempt: the delivery is delivered, and its webhook's failure streak ends.</summary>
    public async Task RecordDeliveredAsync(DueDeliveryRow delivery, DeliveryAttempt attempt, CancellationToken ct)
    {
        const string deliverySql = """
            UPDATE webhook_deliveries
            SET status = 'delivered', attempts = attempts + 1, next_attempt_at = NULL,
                last_status_code = @StatusCode, last_duration_ms = @DurationMs, last_error = NULL, updated_at = @now
            WHERE id = @id
            """;
        const string webhookSql = "UPDATE webhooks SET failing_since = NULL WHERE id = @webhookId AND failing_since IS NOT NULL";
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(deliverySql,
            new { id = delivery.Id, attempt.StatusCode, attempt.DurationMs, now }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(webhookSql, new { webhookId = delivery.WebhookId }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Records a failed attempt: the delivery is due again at <paramref name="retryAt"/>, or failed for good when that is
    /// null. The webhook's failure streak starts (when it has none); when it began longer than
    /// <paramref name="disableAfter"/> ago, the webhook is disabled, saying when and why.
    /// </summary>
    public async Task<bool> RecordFailedAsync(DueDeliveryRow delivery, DeliveryAttempt attempt, DateTimeOffset? retryAt, TimeSpan disableAfter, CancellationToken ct)
    {
        const string deliverySql = """
            UPDATE webhook_deliveries
            SET status = CASE WHEN @retryAt IS NULL THEN 'failed' ELSE 'pending' END, attempts = attempts + 1, next_attempt_at = @retryAt,
                last_status_code = @StatusCode, last_duration_ms = @DurationMs, last_error = @Error, updated_at = @now
            WHERE id = @id
            """;
        const string streakSql = """
            UPDATE webhooks SET failing_since = COALESCE(failing_since, @now) WHERE id = @webhookId
            RETURNING failing_since, active
            """;
        const string disableSql = """
            UPDATE webhooks SET active = 0, disabled_reason = @reason, updated_at = @now, version = version + 1
            WHERE id = @webhookId AND active = 1
            """;
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(deliverySql,
            new { id = delivery.Id, retryAt, attempt.StatusCode, attempt.DurationMs, attempt.Error, now }, transaction, cancellationToken: ct));
        var streak = await connection.QuerySingleOrDefaultAsync<StreakRow>(
            new CommandDefinition(streakSql, new { webhookId = delivery.WebhookId, now }, transaction, cancellationToken: ct));
        var disabled = false;
        if (streak is { Active: true, FailingSince: { } since } && now - since > disableAfter)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"Disabled automatically at {Seconds(now)}: every delivery attempt since {Seconds(since)} failed, for more than {disableAfter.TotalHours:0.##} hours (Headless:Webhooks:DisableAfterHours). Last error: {attempt.Error}");
            disabled = await connection.ExecuteAsync(new CommandDefinition(disableSql, new { webhookId = delivery.WebhookId, reason, now }, transaction, cancellationToken: ct)) > 0;
        }

        await transaction.CommitAsync(ct);
        return disabled;
    }

    private static string Seconds(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class StreakRow
    {
        public DateTimeOffset? FailingSince { get; init; }
        public bool Active { get; init; }
    }
}
