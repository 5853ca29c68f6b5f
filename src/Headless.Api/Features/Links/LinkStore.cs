using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Headless.Api.Common.Text;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Features.Links;

/// <summary>A link row with what it needs of its target article.</summary>
public sealed class LinkRow
{
    public long Id { get; init; }
    public long ArticleId { get; init; }
    public string Kind { get; init; } = "";
    public string? Title { get; init; }
    public string? Url { get; init; }
    public long? TargetArticleId { get; init; }
    public string? TargetSlug { get; init; }
    public string? TargetHeadline { get; init; }
    public string? TargetCanonicalUrl { get; init; }
    public int Position { get; init; }
    public int? AfterParagraph { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

/// <summary>Outcome of a link write.</summary>
public enum LinkWriteOutcome
{
    Saved,
    NotFound,
    TargetNotFound,
    TargetIsSelf,
    PreconditionFailed,
}

/// <summary>
/// The SQL of related links. Without the right to read drafts, a link is visible only when its article and
/// its target article (if any) are published: a link never leads a reader to a draft.
/// </summary>
public sealed class LinkStore(Db db, TimeProvider clock)
{
    private const string Select = $"""
        SELECT l.id, l.article_id, l.kind, l.title, l.url, l.target_article_id, t.slug AS target_slug,
               t.headline AS target_headline, t.canonical_url AS target_canonical_url, l.position, l.after_paragraph,
               l.created_at, l.updated_at, l.version
        FROM links l
        JOIN articles a ON a.id = l.article_id
        LEFT JOIN articles t ON t.id = l.target_article_id
        WHERE (@includeDrafts OR ({ArticleVisibility.Public} AND (t.id IS NULL OR {ArticleVisibility.PublicTarget})))
        """;

    /// <summary>One keyset page of an article's links, in their order.</summary>
    public async Task<IReadOnlyList<LinkRow>> ListAsync(long articleId, string? kind, bool includeDrafts, PageRequest page, CancellationToken ct)
    {
        const string sql = $"""
            {Select}
              AND l.article_id = @articleId AND (@kind IS NULL OR l.kind = @kind)
              AND (l.position, l.id) > (@k0, @k1)
            ORDER BY l.position, l.id
            LIMIT @limit
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition(sql,
            new { articleId, kind, includeDrafts, k0 = page.Key(0, 0L), k1 = page.Key(1, 0L), limit = page.FetchLimit, now = clock.GetUtcNow() }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<long> CountAsync(long articleId, string? kind, bool includeDrafts, CancellationToken ct)
    {
        const string sql = $"SELECT COUNT(*) FROM ({Select} AND l.article_id = @articleId AND (@kind IS NULL OR l.kind = @kind))";
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { articleId, kind, includeDrafts, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>The links of many articles in one query (for <c>include=links</c>), each article's in order.</summary>
    public async Task<ILookup<long, LinkRow>> ForArticlesAsync(IReadOnlyCollection<long> articleIds, bool includeDrafts, CancellationToken ct)
    {
        const string sql = $"{Select} AND l.article_id IN @articleIds ORDER BY l.article_id, l.position, l.id";
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition(sql, new { articleIds, includeDrafts, now = clock.GetUtcNow() }, cancellationToken: ct));
        return rows.ToLookup(r => r.ArticleId);
    }

    /// <summary>Many links by id, those the caller may see (for the change feed).</summary>
    public async Task<IReadOnlyList<LinkRow>> FindManyAsync(IReadOnlyCollection<long> ids, bool includeDrafts, CancellationToken ct)
    {
        const string sql = $"{Select} AND l.id IN @ids";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<LinkRow>(new CommandDefinition(sql, new { ids, includeDrafts, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    public async Task<LinkRow?> FindAsync(long id, bool includeDrafts, CancellationToken ct)
    {
        const string sql = $"{Select} AND l.id = @id";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(sql, new { id, includeDrafts, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>Adds a link to an article, after its last one unless a position is given.</summary>
    public async Task<(LinkWriteOutcome Outcome, long Id)> CreateAsync(long articleId, LinkRequest request, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO links (article_id, kind, title, url, target_article_id, position, after_paragraph, created_at, updated_at, version)
            VALUES (@articleId, @kind, @title, @url, @targetArticleId,
                    COALESCE(@position, (SELECT COALESCE(MAX(position), 0) + 1 FROM links WHERE article_id = @articleId)),
                    @afterParagraph, @now, @now, 1)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(ct);
        if (request.TargetArticleId == articleId)
        {
            // A missing article is 404 even when the request also names it as the target.
            return (await ExistsAsync(connection, articleId, ct) ? LinkWriteOutcome.TargetIsSelf : LinkWriteOutcome.NotFound, 0);
        }

        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, Parameters(articleId, 0, request, clock.GetUtcNow()), cancellationToken: ct));
            return (LinkWriteOutcome.Saved, id);
        }
        catch (SqliteException ex) when (ex.IsForeignKeyViolation())
        {
            // Either the article or the target is missing; say which.
            return (await ExistsAsync(connection, articleId, ct) ? LinkWriteOutcome.TargetNotFound : LinkWriteOutcome.NotFound, 0);
        }
    }

    /// <summary>Replaces a link's fields when its version matches; a position left out is kept.</summary>
    public async Task<(LinkWriteOutcome Outcome, long Version)> UpdateAsync(long id, LinkRequest request, IfMatch ifMatch, CancellationToken ct)
    {
        const string currentSql = "SELECT article_id, version FROM links WHERE id = @id";
        const string sql = """
            UPDATE links SET kind = @kind, title = @title, url = @url, target_article_id = @targetArticleId,
                             position = COALESCE(@position, position), after_paragraph = @afterParagraph,
                             updated_at = @now, version = version + 1
            WHERE id = @id
            RETURNING version
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var current = await connection.QuerySingleOrDefaultAsync<(long ArticleId, long Version)?>(new CommandDefinition(currentSql, new { id }, transaction, cancellationToken: ct));
        if (current is null)
        {
            return (LinkWriteOutcome.NotFound, 0);
        }

        if (!ifMatch.Allows(current.Value.Version))
        {
            return (LinkWriteOutcome.PreconditionFailed, current.Value.Version);
        }

        if (request.TargetArticleId == current.Value.ArticleId)
        {
            return (LinkWriteOutcome.TargetIsSelf, current.Value.Version);
        }

        try
        {
            var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, Parameters(0, id, request, clock.GetUtcNow()), transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            return (LinkWriteOutcome.Saved, version);
        }
        catch (SqliteException ex) when (ex.IsForeignKeyViolation())
        {
            return (LinkWriteOutcome.TargetNotFound, current.Value.Version);
        }
    }

    /// <summary>Deletes a link when its version matches.</summary>
    public async Task<WriteResult> DeleteAsync(long id, IfMatch ifMatch, CancellationToken ct)
    {
        const string sql = "DELETE FROM links WHERE id = @id AND (@anyVersion OR version IN @versions)";
        await using var connection = await db.OpenAsync(ct);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, new { id, anyVersion = ifMatch.Any, versions = ifMatch.Versions }, cancellationToken: ct)) > 0)
        {
            return new WriteResult(WriteOutcome.Saved, id);
        }

        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT version FROM links WHERE id = @id", new { id }, cancellationToken: ct));
        return version is null ? WriteResult.NotFound : new WriteResult(WriteOutcome.PreconditionFailed, id, version.Value);
    }

    private static async Task<bool> ExistsAsync(SqliteConnection connection, long articleId, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM articles WHERE id = @articleId)", new { articleId }, cancellationToken: ct));

    private static object Parameters(long articleId, long id, LinkRequest request, DateTimeOffset now) => new
    {
        id,
        articleId,
        kind = request.Kind!.Value.ToString().ToLowerInvariant(),
        title = request.Title.TrimToNull(),
        url = request.TargetArticleId is null ? request.Url : null,
        targetArticleId = request.TargetArticleId,
        position = request.Position,
        afterParagraph = request.Kind == LinkKind.Inline ? request.AfterParagraph : null,
        now,
    };
}
