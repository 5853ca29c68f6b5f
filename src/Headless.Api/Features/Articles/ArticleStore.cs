using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Features.Tags;

namespace Headless.Api.Features.Articles;

/// <summary>An article row as stored.</summary>
public sealed class ArticleRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public string? Dek { get; init; }
    public string BodyMarkdown { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string BodyText { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string? Section { get; init; }
    public string? Byline { get; init; }
    public string Language { get; init; } = "en";
    public string? CanonicalUrl { get; init; }
    public string? FeaturedImageUrl { get; init; }
    public string? FeaturedImageAlt { get; init; }
    public string? FeaturedImageCaption { get; init; }
    public string? FeaturedImageCredit { get; init; }
    public string Status { get; init; } = "draft";
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? ScheduledAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? SubstantiveUpdateAt { get; init; }
    public int WordCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

/// <summary>The tag of an article, with the article it belongs to (for loading the tags of a page at once).</summary>
public sealed class ArticleTagRow
{
    public long ArticleId { get; init; }
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>A correction, with the article it belongs to.</summary>
public sealed class CorrectionRow
{
    public long ArticleId { get; init; }
    public long Id { get; init; }
    public string Note { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A stored revision.</summary>
public sealed class RevisionRow
{
    public long Number { get; init; }
    public string Snapshot { get; init; } = "";
    public long? KeyId { get; init; }
    public string Actor { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What the list can filter on. <paramref name="Statuses"/> null means what the public sees.</summary>
public sealed record ArticleListFilter(string? TagSlug, IReadOnlyList<string>? Statuses, int Limit, int Offset);

/// <summary>
/// Who sees an article: the public sees published articles whose rights window has not ended; editors and admins
/// see every status. The one SQL predicate for it, over the alias <c>a</c> and the parameter <c>@now</c>.
/// </summary>
public static class ArticleVisibility
{
    public const string Public = "(a.status = 'published' AND (a.expires_at IS NULL OR a.expires_at > @now))";

    /// <summary>The same, over the alias <c>t</c>: the target article of a link.</summary>
    public const string PublicTarget = "(t.status = 'published' AND (t.expires_at IS NULL OR t.expires_at > @now))";
}

/// <summary>The SQL of articles: reads here; writes, workflow and revisions in <c>ArticleStore.Writes.cs</c>.</summary>
public sealed partial class ArticleStore(Db db, TimeProvider clock)
{
    private const string Columns = """
        a.id, a.slug, a.headline, a.dek, a.body_markdown, a.body_html, a.body_text, a.excerpt, a.section, a.byline,
        a.language, a.canonical_url, a.featured_image_url, a.featured_image_alt, a.featured_image_caption,
        a.featured_image_credit, a.status, a.published_at, a.scheduled_at, a.expires_at, a.substantive_update_at,
        a.word_count, a.created_at, a.updated_at, a.version
        """;

    public async Task<IReadOnlyList<ArticleRow>> ListAsync(ArticleListFilter filter, CancellationToken ct)
    {
        const string sql = $"""
            SELECT {Columns}
            FROM articles a
            WHERE ((@publicOnly AND {ArticleVisibility.Public}) OR (NOT @publicOnly AND a.status IN @statuses))
              AND (@tag IS NULL OR EXISTS (
                    SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id AND t.slug = @tag))
            ORDER BY COALESCE(a.published_at, a.scheduled_at, a.created_at) DESC, a.id DESC
            LIMIT @limit OFFSET @offset
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql, new
        {
            publicOnly = filter.Statuses is null,
            statuses = filter.Statuses ?? [],
            tag = filter.TagSlug,
            limit = filter.Limit,
            offset = filter.Offset,
            now = clock.GetUtcNow(),
        }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>One article; with <paramref name="includeHidden"/> in any status, otherwise only if the public sees it.</summary>
    public async Task<ArticleRow?> FindAsync(long id, bool includeHidden, CancellationToken ct)
    {
        const string sql = $"SELECT {Columns} FROM articles a WHERE a.id = @id AND (@includeHidden OR {ArticleVisibility.Public})";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(sql, new { id, includeHidden, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<ArticleRow?> FindBySlugAsync(string slug, bool includeHidden, CancellationToken ct)
    {
        const string sql = $"SELECT {Columns} FROM articles a WHERE a.slug = @slug AND (@includeHidden OR {ArticleVisibility.Public})";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(sql, new { slug, includeHidden, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>True when the article exists and the caller may see it (for the routes under an article).</summary>
    public async Task<bool> IsVisibleAsync(long id, bool includeHidden, CancellationToken ct)
    {
        const string sql = $"SELECT EXISTS (SELECT 1 FROM articles a WHERE a.id = @id AND (@includeHidden OR {ArticleVisibility.Public}))";
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { id, includeHidden, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>The tags and corrections of many articles, one query each, mapped with the rows to responses.</summary>
    public async Task<IReadOnlyList<ArticleResponse>> ToResponsesAsync(IEnumerable<ArticleRow> rows, BodyFormats formats, CancellationToken ct)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenAsync(ct);
        var (tags, corrections) = await RelationsAsync(connection, null, list.Select(r => r.Id).ToList(), ct);
        return list.Select(row => row.ToResponse(tags[row.Id], corrections[row.Id], formats)).ToList();
    }

    public async Task<ArticleResponse> ToResponseAsync(ArticleRow row, BodyFormats formats, CancellationToken ct) =>
        (await ToResponsesAsync([row], formats, ct))[0];

    private static async Task<(ILookup<long, TagSummary> Tags, ILookup<long, CorrectionResponse> Corrections)> RelationsAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, IReadOnlyCollection<long> articleIds, CancellationToken ct)
    {
        const string tagsSql = """
            SELECT at.article_id, t.id, t.slug, t.name
            FROM article_tags at JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id IN @articleIds
            ORDER BY at.article_id, at.position
            """;
        const string correctionsSql = """
            SELECT article_id, id, note, created_at FROM article_corrections
            WHERE article_id IN @articleIds
            ORDER BY article_id, id
            """;
        var tags = await connection.QueryAsync<ArticleTagRow>(new CommandDefinition(tagsSql, new { articleIds }, transaction, cancellationToken: ct));
        var corrections = await connection.QueryAsync<CorrectionRow>(new CommandDefinition(correctionsSql, new { articleIds }, transaction, cancellationToken: ct));
        return (tags.ToLookup(r => r.ArticleId, r => new TagSummary(r.Id, r.Slug, r.Name)),
                corrections.ToLookup(r => r.ArticleId, r => new CorrectionResponse(r.Id, r.Note, r.CreatedAt)));
    }
}
