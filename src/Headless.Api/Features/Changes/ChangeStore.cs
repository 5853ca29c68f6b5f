using Dapper;
using Headless.Api.Common.Database;

namespace Headless.Api.Features.Changes;

/// <summary>A row of the change log (migration 0006), as the change feed reads it.</summary>
public sealed class ChangeRow
{
    public long Seq { get; init; }
    public string Kind { get; init; } = "";
    public long ResourceId { get; init; }
    public long? ArticleId { get; init; }
    public string Action { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The SQL of the change feed. The log is written by triggers in each changing transaction; this only reads it.</summary>
public sealed class ChangeStore(Db db)
{
    /// <summary>
    /// The changes after <paramref name="afterSeq"/> of the given kinds, oldest first, and the sequence number a
    /// caller has now seen everything up to. Both come from one read transaction, so they see the same commits: when
    /// the page is not full, every change up to the newest one was looked at (including those of other kinds), and
    /// the caller can skip past them.
    /// </summary>
    public async Task<(IReadOnlyList<ChangeRow> Rows, long SeenUpTo)> ListAsync(long afterSeq, IReadOnlyList<string> kinds, int fetch, CancellationToken ct)
    {
        const string sql = """
            SELECT seq, kind, resource_id, article_id, action, created_at
            FROM changes
            WHERE seq > @afterSeq AND action IS NOT NULL AND kind IN @kinds
            ORDER BY seq
            LIMIT @fetch
            """;
        const string newestSql = "SELECT COALESCE(MAX(seq), 0) FROM changes";
        await using var connection = await db.OpenAsync(ct);
        // Deferred: a read transaction, taking no write lock, so that both statements read one snapshot.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var rows = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(sql, new { afterSeq, kinds, fetch }, transaction, cancellationToken: ct))).AsList();
        var newest = await connection.ExecuteScalarAsync<long>(new CommandDefinition(newestSql, transaction: transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return (rows, Math.Max(newest, afterSeq));
    }
}
