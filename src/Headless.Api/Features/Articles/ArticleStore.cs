using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Features.Search;
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
    public string Syndication { get; init; } = "full";
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

/// <summary>What the article list can filter on. <see cref="Statuses"/> null means what the public sees.</summary>
public sealed record ArticleListFilter(
    IReadOnlyList<string>? Statuses,
    IReadOnlyList<string> AnyTags,
    IReadOnlyList<string> AllTags,
    string? Section,
    string? Byline,
    string? Language,
    DateTimeOffset? PublishedAfter,
    DateTimeOffset? PublishedBefore,
    DateTimeOffset? UpdatedSince,
    bool? HasQuotes,
    SearchExpression? Search = null);

/// <summary>The orders of the article list, each a keyset over an index: its SQL key and the row's values for the cursor.</summary>
public sealed record ArticleSort(string Name, string OrderBy, string After, Func<ArticleRow, IEnumerable<object>> Key, object[] Start)
{
    private const string PublishedKey = "COALESCE(a.published_at, a.created_at)";

    public static readonly IReadOnlyList<string> Names = ["-publishedAt", "publishedAt", "-updatedAt", "headline"];

    // The seek is written as "key <= k AND (key < k OR id < i)" rather than a row-value comparison: SQLite turns the
    // first into an index range, and walks the index from the start for the second.
    public static ArticleSort Parse(string? name) => name switch
    {
        null or "-publishedAt" => new("-publishedAt", $"{PublishedKey} DESC, a.id DESC", $"{PublishedKey} <= @k0 AND ({PublishedKey} < @k0 OR a.id < @k1)",
            r => [UtcInstant.Format(r.PublishedAt ?? r.CreatedAt), r.Id], ["9999", long.MaxValue]),
        "publishedAt" => new("publishedAt", $"{PublishedKey}, a.id", $"{PublishedKey} >= @k0 AND ({PublishedKey} > @k0 OR a.id > @k1)",
            r => [UtcInstant.Format(r.PublishedAt ?? r.CreatedAt), r.Id], ["", 0L]),
        "-updatedAt" => new("-updatedAt", "a.updated_at DESC, a.id DESC", "a.updated_at <= @k0 AND (a.updated_at < @k0 OR a.id < @k1)",
            r => [UtcInstant.Format(r.UpdatedAt), r.Id], ["9999", long.MaxValue]),
        "headline" => new("headline", "a.headline, a.id", "a.headline >= @k0 AND (a.headline > @k0 OR a.id > @k1)",
            r => [r.Headline, r.Id], ["", 0L]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown sort."),
    };
}

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
        a.featured_image_credit, a.status, a.published_at, a.scheduled_at, a.expires_at, a.syndication, a.substantive_update_at,
        a.word_count, a.created_at, a.updated_at, a.version
        """;

    // Lists read only the body formats asked for: the bodies are most of a row, and SQLite reads a column only when
    // its CASE needs it.
    private const string ListColumns = """
        a.id, a.slug, a.headline, a.dek,
        CASE WHEN @markdown THEN a.body_markdown ELSE '' END AS body_markdown,
        CASE WHEN @html THEN a.body_html ELSE '' END AS body_html,
        CASE WHEN @text THEN a.body_text ELSE '' END AS body_text,
        a.excerpt, a.section, a.byline,
        a.language, a.canonical_url, a.featured_image_url, a.featured_image_alt, a.featured_image_caption,
        a.featured_image_credit, a.status, a.published_at, a.scheduled_at, a.expires_at, a.syndication, a.substantive_update_at,
        a.word_count, a.created_at, a.updated_at, a.version
        """;

    private const string ListWhere = """
          AND (@section IS NULL OR a.section = @section)
          AND (@byline IS NULL OR a.byline = @byline)
          AND (@language IS NULL OR a.language = @language)
          AND (@publishedAfter IS NULL OR a.published_at >= @publishedAfter)
          AND (@publishedBefore IS NULL OR a.published_at < @publishedBefore)
          AND (@updatedSince IS NULL OR a.updated_at >= @updatedSince)
          AND (@hasQuotes IS NULL OR EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id) = @hasQuotes)
          AND (@anyTagCount = 0 OR a.id IN (
                SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug IN @anyTags))
          AND (@allTagCount = 0 OR @allTagCount = (
                SELECT COUNT(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id AND t.slug IN @allTags))
        """;

    /// <summary>One keyset page of articles: what the filter lets through, in the sort's order, after the cursor's row.</summary>
    public async Task<IReadOnlyList<ArticleRow>> ListAsync(ArticleListFilter filter, ArticleSort sort, PageRequest page, BodyFormats formats, CancellationToken ct)
    {
        // The sort is one of a fixed set (ArticleSort.Parse); its SQL is never built from the request.
        var sql = $"""
            SELECT {ListColumns}
            FROM articles a
            WHERE {(filter.Statuses is null ? ArticleVisibility.Public : "a.status IN @statuses")}
            {ListWhere}
            {(filter.Search is null ? "" : SearchConditions.Articles)}
              AND {sort.After}
            ORDER BY {sort.OrderBy}
            LIMIT @limit
            """;
        var parameters = FilterParameters(filter);
        parameters.AddDynamicParams(new
        {
            k0 = page.Key(0, sort.Start[0]),
            k1 = page.Key(1, sort.Start[1]),
            limit = page.FetchLimit,
            html = formats.HasFlag(BodyFormats.Html),
            text = formats.HasFlag(BodyFormats.Text),
            markdown = formats.HasFlag(BodyFormats.Markdown),
        });
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>How many articles the filter lets through (for <c>count=true</c>).</summary>
    public async Task<long> CountAsync(ArticleListFilter filter, CancellationToken ct)
    {
        var sql = $"""
            SELECT COUNT(*) FROM articles a
            WHERE {(filter.Statuses is null ? ArticleVisibility.Public : "a.status IN @statuses")}
            {ListWhere}
            {(filter.Search is null ? "" : SearchConditions.Articles)}
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, FilterParameters(filter), cancellationToken: ct));
    }

    private DynamicParameters FilterParameters(ArticleListFilter filter) => new(new
    {
        statuses = filter.Statuses ?? [],
        section = filter.Section,
        byline = filter.Byline,
        language = filter.Language,
        publishedAfter = filter.PublishedAfter,
        publishedBefore = filter.PublishedBefore,
        updatedSince = filter.UpdatedSince,
        hasQuotes = filter.HasQuotes,
        anyTags = filter.AnyTags,
        anyTagCount = filter.AnyTags.Count,
        allTags = filter.AllTags,
        allTagCount = filter.AllTags.Count,
        match = filter.Search?.Match,
        now = clock.GetUtcNow(),
    });

    /// <summary>One article; with <paramref name="includeHidden"/> in any status, otherwise only if the public sees it.</summary>
    public async Task<ArticleRow?> FindAsync(long id, bool includeHidden, CancellationToken ct)
    {
        const string sql = $"SELECT {Columns} FROM articles a WHERE a.id = @id AND (@includeHidden OR {ArticleVisibility.Public})";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(sql, new { id, includeHidden, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>Many articles by id; with <paramref name="includeHidden"/> in any status, otherwise those the public sees.</summary>
    public async Task<IReadOnlyList<ArticleRow>> FindManyAsync(IReadOnlyCollection<long> ids, bool includeHidden, CancellationToken ct)
    {
        const string sql = $"SELECT {Columns} FROM articles a WHERE a.id IN @ids AND (@includeHidden OR {ArticleVisibility.Public})";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql, new { ids, includeHidden, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// One article, by id or by slug, with its tags and corrections, read in one snapshot (a deferred read
    /// transaction): a write that commits meanwhile is seen whole or not at all, never its new headline with its old tags.
    /// </summary>
    public async Task<ArticleResponse?> ReadAsync(long? id, string? slug, bool includeHidden, BodyFormats formats, CancellationToken ct)
    {
        const string byIdSql = $"SELECT {Columns} FROM articles a WHERE a.id = @id AND (@includeHidden OR {ArticleVisibility.Public})";
        const string bySlugSql = $"SELECT {Columns} FROM articles a WHERE a.slug = @slug AND (@includeHidden OR {ArticleVisibility.Public})";
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(
            id is null ? bySlugSql : byIdSql, new { id, slug, includeHidden, now = clock.GetUtcNow() }, transaction, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var (tags, corrections) = await RelationsAsync(connection, transaction, [row.Id], ct);
        await transaction.CommitAsync(ct);
        return row.ToResponse(tags[row.Id], corrections[row.Id], formats);
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
