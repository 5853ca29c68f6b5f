using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Text;
using Headless.Api.Features.Tags;
using Microsoft.Data.Sqlite;

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

/// <summary>Everything a create or replace writes, already rendered and validated.</summary>
public sealed record ArticleWrite(
    string? Slug,
    string Headline,
    string? Dek,
    string BodyMarkdown,
    RenderedBody Body,
    string? Section,
    string? Byline,
    string Language,
    string? CanonicalUrl,
    FeaturedImage? FeaturedImage,
    string Status,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string> TagSlugs);

/// <summary>What the list can filter on.</summary>
public sealed record ArticleListFilter(string? TagSlug, IReadOnlyList<string> Statuses, int Limit, int Offset);

/// <summary>Outcome of a write that may meet a taken slug.</summary>
public enum ArticleWriteOutcome
{
    Saved,
    NotFound,
    SlugTaken,
}

/// <summary>The SQL of articles and their tags.</summary>
public sealed class ArticleStore(Db db, TimeProvider clock)
{
    private const string Columns = """
        a.id, a.slug, a.headline, a.dek, a.body_markdown, a.body_html, a.body_text, a.excerpt, a.section, a.byline,
        a.language, a.canonical_url, a.featured_image_url, a.featured_image_alt, a.featured_image_caption,
        a.featured_image_credit, a.status, a.published_at, a.word_count, a.created_at, a.updated_at, a.version
        """;

    public async Task<IReadOnlyList<ArticleRow>> ListAsync(ArticleListFilter filter, CancellationToken ct)
    {
        const string sql = $"""
            SELECT {Columns}
            FROM articles a
            WHERE a.status IN @statuses
              AND (@tag IS NULL OR EXISTS (
                    SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id AND t.slug = @tag))
            ORDER BY COALESCE(a.published_at, a.created_at) DESC, a.id DESC
            LIMIT @limit OFFSET @offset
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql,
            new { statuses = filter.Statuses, tag = filter.TagSlug, limit = filter.Limit, offset = filter.Offset }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<ArticleRow?> FindAsync(long id, bool includeDrafts, CancellationToken ct)
    {
        const string sql = $"SELECT {Columns} FROM articles a WHERE a.id = @id AND (@includeDrafts OR a.status = 'published')";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(sql, new { id, includeDrafts }, cancellationToken: ct));
    }

    public async Task<ArticleRow?> FindBySlugAsync(string slug, bool includeDrafts, CancellationToken ct)
    {
        const string sql = $"SELECT {Columns} FROM articles a WHERE a.slug = @slug AND (@includeDrafts OR a.status = 'published')";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(sql, new { slug, includeDrafts }, cancellationToken: ct));
    }

    /// <summary>True when the article exists and the caller may see it (for the routes under an article).</summary>
    public async Task<bool> IsVisibleAsync(long id, bool includeDrafts, CancellationToken ct)
    {
        const string sql = "SELECT EXISTS (SELECT 1 FROM articles WHERE id = @id AND (@includeDrafts OR status = 'published'))";
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { id, includeDrafts }, cancellationToken: ct));
    }

    /// <summary>The tags of many articles in one query, in each article's order.</summary>
    public async Task<ILookup<long, TagSummary>> TagsOfAsync(IReadOnlyCollection<long> articleIds, CancellationToken ct)
    {
        if (articleIds.Count == 0)
        {
            return Array.Empty<ArticleTagRow>().ToLookup(r => r.ArticleId, r => new TagSummary(r.Id, r.Slug, r.Name));
        }

        const string sql = """
            SELECT at.article_id, t.id, t.slug, t.name
            FROM article_tags at JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id IN @articleIds
            ORDER BY at.article_id, at.position
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ArticleTagRow>(new CommandDefinition(sql, new { articleIds }, cancellationToken: ct));
        return rows.ToLookup(r => r.ArticleId, r => new TagSummary(r.Id, r.Slug, r.Name));
    }

    /// <summary>Creates an article with its tags in one transaction; a slug made from the headline gets -2, -3… when taken.</summary>
    public async Task<(ArticleWriteOutcome Outcome, long Id)> CreateAsync(ArticleWrite write, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO articles (slug, headline, dek, body_markdown, body_html, body_text, excerpt, section, byline, language,
                canonical_url, featured_image_url, featured_image_alt, featured_image_caption, featured_image_credit,
                status, published_at, word_count, created_at, updated_at, version)
            VALUES (@slug, @headline, @dek, @bodyMarkdown, @bodyHtml, @bodyText, @excerpt, @section, @byline, @language,
                @canonicalUrl, @imageUrl, @imageAlt, @imageCaption, @imageCredit,
                @status, CASE WHEN @status = 'published' THEN COALESCE(@publishedAt, @now) END, @wordCount, @now, @now, 1)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var slug = write.Slug ?? await FreeSlugAsync(connection, transaction, Slugs.From(write.Headline) is { Length: > 0 } made ? made : "article", ct);
        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, Parameters(write, slug, now, id: 0), transaction, cancellationToken: ct));
            await SetTagsAsync(connection, transaction, id, write.TagSlugs, now, ct);
            await transaction.CommitAsync(ct);
            return (ArticleWriteOutcome.Saved, id);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return (ArticleWriteOutcome.SlugTaken, 0);
        }
    }

    /// <summary>Replaces an article and its tags in one transaction; a slug left out keeps the current one.</summary>
    public async Task<ArticleWriteOutcome> UpdateAsync(long id, ArticleWrite write, CancellationToken ct)
    {
        const string sql = """
            UPDATE articles SET
                slug = COALESCE(@slug, slug), headline = @headline, dek = @dek, body_markdown = @bodyMarkdown,
                body_html = @bodyHtml, body_text = @bodyText, excerpt = @excerpt, section = @section, byline = @byline,
                language = @language, canonical_url = @canonicalUrl, featured_image_url = @imageUrl,
                featured_image_alt = @imageAlt, featured_image_caption = @imageCaption, featured_image_credit = @imageCredit,
                status = @status,
                published_at = CASE WHEN @status = 'published' THEN COALESCE(@publishedAt, published_at, @now) END,
                word_count = @wordCount, updated_at = @now, version = version + 1
            WHERE id = @id
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        try
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(sql, Parameters(write, write.Slug, now, id), transaction, cancellationToken: ct));
            if (changed == 0)
            {
                return ArticleWriteOutcome.NotFound;
            }

            await SetTagsAsync(connection, transaction, id, write.TagSlugs, now, ct);
            await transaction.CommitAsync(ct);
            return ArticleWriteOutcome.Saved;
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return ArticleWriteOutcome.SlugTaken;
        }
    }

    /// <summary>Deletes an article; its quotes, links and tag assignments go with it (foreign keys cascade).</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        const string sql = "DELETE FROM articles WHERE id = @id";
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id }, cancellationToken: ct)) > 0;
    }

    private static object Parameters(ArticleWrite write, string? slug, DateTimeOffset now, long id) => new
    {
        id,
        slug,
        headline = write.Headline,
        dek = write.Dek,
        bodyMarkdown = write.BodyMarkdown,
        bodyHtml = write.Body.Html,
        bodyText = write.Body.Text,
        excerpt = write.Body.Excerpt,
        section = write.Section,
        byline = write.Byline,
        language = write.Language,
        canonicalUrl = write.CanonicalUrl,
        imageUrl = write.FeaturedImage?.Url,
        imageAlt = write.FeaturedImage?.Alt,
        imageCaption = write.FeaturedImage?.Caption,
        imageCredit = write.FeaturedImage?.Credit,
        status = write.Status,
        publishedAt = write.PublishedAt,
        wordCount = write.Body.WordCount,
        now,
    };

    private static async Task<string> FreeSlugAsync(SqliteConnection connection, SqliteTransaction transaction, string baseSlug, CancellationToken ct)
    {
        // Slugs hold only a-z, 0-9 and hyphens, so the pattern needs no LIKE escaping. A long slug is cut to make room
        // for its suffix, so its candidates share only a shorter prefix with it ("-" and ten digits at most, and one
        // trailing hyphen trimmed): the pattern must match those too, or a taken candidate is tried again.
        const string sql = "SELECT slug FROM articles WHERE slug = @baseSlug OR slug LIKE @pattern";
        const int longestSuffix = 11;
        var pattern = (baseSlug.Length + longestSuffix > Slugs.MaxLength ? baseSlug[..(Slugs.MaxLength - longestSuffix - 1)] : baseSlug + "-") + "%";
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(sql,
            new { baseSlug, pattern }, transaction, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(baseSlug))
        {
            return baseSlug;
        }

        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var candidate = (baseSlug.Length + suffix.Length > Slugs.MaxLength ? baseSlug[..(Slugs.MaxLength - suffix.Length)].TrimEnd('-') : baseSlug) + suffix;
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Replaces the article's tags; unknown slugs become new tags named after the slug.</summary>
    private static async Task SetTagsAsync(SqliteConnection connection, SqliteTransaction transaction, long articleId, IReadOnlyList<string> slugs, DateTimeOffset now, CancellationToken ct)
    {
        const string deleteSql = "DELETE FROM article_tags WHERE article_id = @articleId";
        const string createTagSql = """
            INSERT INTO tags (slug, name, description, created_at, updated_at, version)
            VALUES (@slug, @name, NULL, @now, @now, 1)
            ON CONFLICT (slug) DO NOTHING
            """;
        const string assignSql = """
            INSERT INTO article_tags (article_id, tag_id, position)
            SELECT @articleId, id, @position FROM tags WHERE slug = @slug
            """;
        await connection.ExecuteAsync(new CommandDefinition(deleteSql, new { articleId }, transaction, cancellationToken: ct));
        if (slugs.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(createTagSql,
            slugs.Select(slug => new { slug, name = TagNames.FromSlug(slug), now }), transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(assignSql,
            slugs.Select((slug, position) => new { articleId, slug, position }), transaction, cancellationToken: ct));
    }
}
