using System.Text.Json;
using Dapper;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;
using Headless.Api.Features.Tags;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Features.Articles;

/// <summary>Everything a create or replace writes of an article's content, already rendered and validated.</summary>
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
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> TagSlugs,
    SyndicationRights? Syndication);

/// <summary>
/// Writes of articles. Each runs in one transaction that also stores the revision it makes (revision n is the
/// article at version n, with who changed it); conditional writes match the version the caller's If-Match names.
/// </summary>
public sealed partial class ArticleStore
{
    /// <summary>Creates an article with its tags; a slug made from the headline gets -2, -3… when taken.</summary>
    public async Task<WriteResult> CreateAsync(ArticleWrite write, ArticleStatus status, DateTimeOffset? publishedAt, Actor actor, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO articles (slug, headline, dek, body_markdown, body_html, body_text, excerpt, section, byline, language,
                canonical_url, featured_image_url, featured_image_alt, featured_image_caption, featured_image_credit,
                status, published_at, scheduled_at, expires_at, substantive_update_at, word_count, created_at, updated_at, version,
                syndication)
            VALUES (@slug, @headline, @dek, @bodyMarkdown, @bodyHtml, @bodyText, @excerpt, @section, @byline, @language,
                @canonicalUrl, @imageUrl, @imageAlt, @imageCaption, @imageCredit,
                @status, @publishedAt, NULL, @expiresAt, @publishedAt, @wordCount, @now, @now, 1,
                COALESCE(@syndication, 'full'))
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var slug = write.Slug ?? await FreeSlugAsync(connection, transaction, Slugs.From(write.Headline) is { Length: > 0 } made ? made : "article", ct);
        try
        {
            var parameters = new DynamicParameters(ContentParameters(write, slug, now));
            parameters.Add("status", status.ToStorage());
            parameters.Add("publishedAt", status == ArticleStatus.Published ? publishedAt ?? now : null);
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
            await SetTagsAsync(connection, transaction, id, write.TagSlugs, now, ct);
            await WriteRevisionAsync(connection, transaction, id, actor, now, ct);
            await transaction.CommitAsync(ct);
            return new WriteResult(WriteOutcome.Saved, id, 1);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return new WriteResult(WriteOutcome.Conflict);
        }
    }

    /// <summary>Replaces an article's content and tags when its version matches; a slug left out keeps the current one.</summary>
    public async Task<WriteResult> UpdateAsync(long id, ArticleWrite write, IfMatch ifMatch, Actor actor, CancellationToken ct)
    {
        const string sql = """
            UPDATE articles SET
                slug = COALESCE(@slug, slug), headline = @headline, dek = @dek, body_markdown = @bodyMarkdown,
                body_html = @bodyHtml, body_text = @bodyText, excerpt = @excerpt, section = @section, byline = @byline,
                language = @language, canonical_url = @canonicalUrl, featured_image_url = @imageUrl,
                featured_image_alt = @imageAlt, featured_image_caption = @imageCaption, featured_image_credit = @imageCredit,
                expires_at = @expiresAt, syndication = COALESCE(@syndication, syndication), word_count = @wordCount,
                updated_at = @now, version = version + 1
            WHERE id = @id AND (@anyVersion OR version IN @versions)
            RETURNING version
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        try
        {
            var parameters = new DynamicParameters(ContentParameters(write, write.Slug, now));
            parameters.AddDynamicParams(new { id, anyVersion = ifMatch.Any, versions = ifMatch.Versions });
            var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
            if (version is null)
            {
                return await NotWrittenAsync(connection, transaction, id, ct);
            }

            await SetTagsAsync(connection, transaction, id, write.TagSlugs, now, ct);
            await WriteRevisionAsync(connection, transaction, id, actor, now, ct);
            await transaction.CommitAsync(ct);
            return new WriteResult(WriteOutcome.Saved, id, version.Value);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return new WriteResult(WriteOutcome.Conflict, id);
        }
    }

    /// <summary>
    /// Applies a workflow operation when the article's version matches and its status allows it. The outcome is
    /// <see cref="WriteOutcome.Conflict"/> when the status does not; the current status comes back either way.
    /// </summary>
    public async Task<(WriteResult Result, ArticleStatus? Status)> TransitionAsync(
        long id, ArticleTransition transition, DateTimeOffset? publishAt, IfMatch ifMatch, Actor actor, CancellationToken ct)
    {
        const string sql = """
            UPDATE articles SET
                status = @status,
                published_at = CASE @transition WHEN 'publish' THEN @now WHEN 'archive' THEN published_at ELSE NULL END,
                scheduled_at = CASE @transition WHEN 'schedule' THEN @publishAt ELSE NULL END,
                substantive_update_at = CASE @transition WHEN 'publish' THEN @now ELSE substantive_update_at END,
                updated_at = @now, version = version + 1
            WHERE id = @id
            RETURNING version
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var (refused, status) = await CheckAsync(connection, transaction, id, ifMatch, current => ArticleWorkflow.Allowed(current).Contains(transition), ct);
        if (refused is not null)
        {
            return (refused.Value, status);
        }

        var now = clock.GetUtcNow();
        var newStatus = transition switch
        {
            ArticleTransition.Publish => ArticleStatus.Published,
            ArticleTransition.Unpublish => ArticleStatus.Draft,
            ArticleTransition.Schedule => ArticleStatus.Scheduled,
            _ => ArticleStatus.Archived,
        };
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql,
            new { id, status = newStatus.ToStorage(), transition = transition.Name(), publishAt, now }, transaction, cancellationToken: ct));
        await WriteRevisionAsync(connection, transaction, id, actor, now, ct);
        await transaction.CommitAsync(ct);
        return (new WriteResult(WriteOutcome.Saved, id, version), newStatus);
    }

    /// <summary>Appends a public correction to a published article; it is a substantive update.</summary>
    public async Task<(WriteResult Result, ArticleStatus? Status)> AddCorrectionAsync(long id, string note, IfMatch ifMatch, Actor actor, CancellationToken ct)
    {
        const string insertSql = """
            INSERT INTO article_corrections (article_id, note, key_id, actor, created_at)
            VALUES (@id, @note, @keyId, @actor, @now)
            """;
        const string updateSql = """
            UPDATE articles SET substantive_update_at = @now, updated_at = @now, version = version + 1
            WHERE id = @id
            RETURNING version
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var (refused, status) = await CheckAsync(connection, transaction, id, ifMatch, current => current == ArticleStatus.Published, ct);
        if (refused is not null)
        {
            return (refused.Value, status);
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(insertSql, new { id, note, keyId = actor.KeyId, actor = actor.Name, now }, transaction, cancellationToken: ct));
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(updateSql, new { id, now }, transaction, cancellationToken: ct));
        await WriteRevisionAsync(connection, transaction, id, actor, now, ct);
        await transaction.CommitAsync(ct);
        return (new WriteResult(WriteOutcome.Saved, id, version), status);
    }

    /// <summary>Deletes an article when its version matches; its quotes, links, corrections and revisions go with it.</summary>
    public async Task<WriteResult> DeleteAsync(long id, IfMatch ifMatch, CancellationToken ct)
    {
        const string sql = "DELETE FROM articles WHERE id = @id AND (@anyVersion OR version IN @versions)";
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { id, anyVersion = ifMatch.Any, versions = ifMatch.Versions }, transaction, cancellationToken: ct));
        if (deleted == 0)
        {
            return await NotWrittenAsync(connection, transaction, id, ct);
        }

        await transaction.CommitAsync(ct);
        return new WriteResult(WriteOutcome.Saved, id);
    }

    /// <summary>Publishes every scheduled article whose time has come, as the scheduler; answers their ids.</summary>
    public async Task<IReadOnlyList<long>> PublishDueAsync(CancellationToken ct)
    {
        const string dueSql = "SELECT id FROM articles WHERE status = 'scheduled' AND scheduled_at <= @now ORDER BY scheduled_at, id";
        const string publishSql = """
            UPDATE articles SET status = 'published', published_at = @now, scheduled_at = NULL, substantive_update_at = @now,
                                updated_at = @now, version = version + 1
            WHERE id = @id AND status = 'scheduled'
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = (await connection.QueryAsync<long>(new CommandDefinition(dueSql, new { now }, transaction, cancellationToken: ct))).AsList();
        foreach (var id in due)
        {
            await connection.ExecuteAsync(new CommandDefinition(publishSql, new { id, now }, transaction, cancellationToken: ct));
            await WriteRevisionAsync(connection, transaction, id, Actor.Scheduler, now, ct);
        }

        await transaction.CommitAsync(ct);
        return due;
    }

    /// <summary>
    /// Records the end of the rights window of every published article whose <c>expires_at</c> has passed and was not
    /// announced yet: an <c>article.expired</c> change (for the change feed and webhooks), once per window. Expiry is
    /// a time, not a write, so without this nothing would tell partners to take the article down. The change is dated
    /// when the window ended, not when it was noticed.
    /// </summary>
    public async Task<IReadOnlyList<long>> AnnounceExpiredAsync(CancellationToken ct)
    {
        const string announceSql = """
            INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
            SELECT 'article.expired', 'article', id, id, 'expired',
                   json_object('id', id, 'slug', slug, 'headline', headline, 'status', status, 'syndication', syndication,
                       'section', section, 'publishedAt', published_at, 'updatedAt', updated_at, 'version', version),
                   expires_at
            FROM articles
            WHERE status = 'published' AND expires_at <= @now AND expiry_announced = 0
            ORDER BY expires_at, id
            RETURNING resource_id
            """;
        const string markSql = "UPDATE articles SET expiry_announced = 1 WHERE id IN @ids";
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(announceSql, new { now = clock.GetUtcNow() }, transaction, cancellationToken: ct))).AsList();
        if (ids.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(markSql, new { ids }, transaction, cancellationToken: ct));
        }

        await transaction.CommitAsync(ct);
        return ids;
    }

    /// <summary>When the next rights window still to be announced ends, if any.</summary>
    public async Task<DateTimeOffset?> NextExpiryAsync(CancellationToken ct)
    {
        const string sql = "SELECT MIN(expires_at) FROM articles WHERE status = 'published' AND expiry_announced = 0 AND expires_at IS NOT NULL";
        await using var connection = await db.OpenAsync(ct);
        var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(sql, cancellationToken: ct));
        return next is null ? null : UtcInstant.Parse(next);
    }

    /// <summary>When the next scheduled article falls due, if any is scheduled.</summary>
    public async Task<DateTimeOffset?> NextScheduledAtAsync(CancellationToken ct)
    {
        const string sql = "SELECT MIN(scheduled_at) FROM articles WHERE status = 'scheduled'";
        await using var connection = await db.OpenAsync(ct);
        var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(sql, cancellationToken: ct));
        return next is null ? null : UtcInstant.Parse(next);
    }

    /// <summary>An article's revisions, newest first.</summary>
    public async Task<IReadOnlyList<RevisionRow>> RevisionsAsync(long id, PageRequest page, CancellationToken ct)
    {
        const string sql = """
            SELECT number, snapshot, key_id, actor, created_at FROM article_revisions
            WHERE article_id = @id AND number < @before
            ORDER BY number DESC
            LIMIT @limit
            """;
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<RevisionRow>(new CommandDefinition(sql, new { id, before = page.Key(0, long.MaxValue), limit = page.FetchLimit }, cancellationToken: ct))).AsList();
    }

    public async Task<long> CountRevisionsAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM article_revisions WHERE article_id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<RevisionRow?> FindRevisionAsync(long id, long number, CancellationToken ct)
    {
        const string sql = "SELECT number, snapshot, key_id, actor, created_at FROM article_revisions WHERE article_id = @id AND number = @number";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(sql, new { id, number }, cancellationToken: ct));
    }

    public static ArticleResponse ReadSnapshot(RevisionRow revision) =>
        JsonSerializer.Deserialize<ArticleResponse>(revision.Snapshot, JsonSetup.Options)
        ?? throw new InvalidOperationException("An empty revision snapshot.");

    /// <summary>Stores the article's state at its current version as a revision, inside the write's transaction.</summary>
    private static async Task WriteRevisionAsync(SqliteConnection connection, SqliteTransaction transaction, long id, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        const string rowSql = $"SELECT {Columns} FROM articles a WHERE a.id = @id";
        const string insertSql = """
            INSERT INTO article_revisions (article_id, number, snapshot, key_id, actor, created_at)
            VALUES (@id, @number, @snapshot, @keyId, @actor, @now)
            """;
        var row = await connection.QuerySingleAsync<ArticleRow>(new CommandDefinition(rowSql, new { id }, transaction, cancellationToken: ct));
        var (tags, corrections) = await RelationsAsync(connection, transaction, [id], ct);
        var snapshot = row.ToResponse(tags[id], corrections[id], BodyFormats.Html | BodyFormats.Text | BodyFormats.Markdown);
        await connection.ExecuteAsync(new CommandDefinition(insertSql, new
        {
            id,
            number = row.Version,
            snapshot = JsonSerializer.Serialize(snapshot, JsonSetup.Options),
            keyId = actor.KeyId,
            actor = actor.Name,
            now,
        }, transaction, cancellationToken: ct));
    }

    /// <summary>
    /// Inside a write's transaction: refuses it when the article is missing (404), its version does not match (412) or
    /// its status does not allow the write (409). Null when the write may go ahead; the current status either way.
    /// </summary>
    private static async Task<(WriteResult? Refused, ArticleStatus? Status)> CheckAsync(
        SqliteConnection connection, SqliteTransaction transaction, long id, IfMatch ifMatch, Func<ArticleStatus, bool> allowed, CancellationToken ct)
    {
        var current = await CurrentAsync(connection, transaction, id, ct);
        if (current is null)
        {
            return (WriteResult.NotFound, null);
        }

        var status = ArticleMapping.ParseStatus(current.Value.Status);
        if (!ifMatch.Allows(current.Value.Version))
        {
            return (new WriteResult(WriteOutcome.PreconditionFailed, id, current.Value.Version), status);
        }

        return allowed(status) ? (null, status) : (new WriteResult(WriteOutcome.Conflict, id, current.Value.Version), status);
    }

    private static async Task<(string Status, long Version)?> CurrentAsync(SqliteConnection connection, SqliteTransaction transaction, long id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<(string Status, long Version)?>(new CommandDefinition(
            "SELECT status, version FROM articles WHERE id = @id", new { id }, transaction, cancellationToken: ct));

    /// <summary>Why a conditional write changed nothing: the article is gone, or its version did not match.</summary>
    private static async Task<WriteResult> NotWrittenAsync(SqliteConnection connection, SqliteTransaction transaction, long id, CancellationToken ct)
    {
        var current = await CurrentAsync(connection, transaction, id, ct);
        return current is null ? WriteResult.NotFound : new WriteResult(WriteOutcome.PreconditionFailed, id, current.Value.Version);
    }

    private static object ContentParameters(ArticleWrite write, string? slug, DateTimeOffset now) => new
    {
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
        expiresAt = write.ExpiresAt,
        syndication = write.Syndication?.ToText(),
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
