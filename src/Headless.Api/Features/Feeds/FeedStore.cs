using Dapper;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Features.Articles;

namespace Headless.Api.Features.Feeds;

/// <summary>An article as a feed reads it; <see cref="BodyHtml"/> is null unless the caller may have the full text.</summary>
public sealed class FeedRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string? BodyHtml { get; init; }
    public string? Byline { get; init; }
    public string Language { get; init; } = "en";
    public string? Section { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? FeaturedImageUrl { get; init; }
    public string Syndication { get; init; } = "excerpt";
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset? SubstantiveUpdateAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>False for a published article whose rights window has ended: not shown, but it dates the feed.</summary>
    public bool IsPublic { get; init; }
}

/// <summary>A tag of a feed's article (or one a feed is filtered by, with <see cref="ArticleId"/> 0).</summary>
public sealed class FeedTagRow
{
    public long ArticleId { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>The latest writes that can change a feed, as stored text (null when there is none).</summary>
public sealed class FeedVersionRow
{
    public string? LastArticleChange { get; init; }
    public string? LastTagChange { get; init; }
}

/// <summary>What a feed shows: the filters of the request, the caller's partner scope, and whether it gets full text.</summary>
public sealed record FeedFilter(IReadOnlyList<string> Tags, string? Section, int Limit, bool FullText, PartnerScope Scope);

/// <summary>A feed's articles with their tags, the names of the tags it is filtered by, and when it last changed.</summary>
public sealed record FeedPage(
    IReadOnlyList<FeedRow> Rows,
    ILookup<long, FeedTagRow> Tags,
    IReadOnlyDictionary<string, string> FilterTagNames,
    DateTimeOffset? LastChanged);

/// <summary>
/// The SQL of the article feeds: the newest articles the public sees that may be syndicated (never
/// <c>syndication = 'none'</c>), within the request's filters and the caller's partner scope.
/// </summary>
public sealed class FeedStore(Db db, TimeProvider clock)
{
    /// <summary>The filters of a feed over the alias <c>a</c>, besides status and expiry.</summary>
    private const string FeedWhere = $"""
        a.syndication <> 'none'
          AND (@section IS NULL OR a.section = @section)
          AND (@tagCount = 0 OR a.id IN (
                SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug IN @tags))
          AND {PartnerScope.Sql}
        """;

    /// <summary>One feed's content in one connection: its articles, their tags, the filter's tag names, and when it last changed.</summary>
    public async Task<FeedPage> ReadAsync(FeedFilter filter, CancellationToken ct)
    {
        // Published articles newest first, down the index the sort uses, until the feed has its items. Articles whose
        // rights window has ended come along (without bodies) and are not shown: the latest such expiry among them is a
        // change to the feed that no write records (one further down never was in it). The body is read only when it
        // will be shown: for callers with full-text rights and articles with full rights.
        const string articlesSql = $"""
            SELECT a.id, a.slug, a.headline, a.excerpt,
                   CASE WHEN @fullText AND a.syndication = 'full' AND {ArticleVisibility.Public} THEN a.body_html END AS body_html,
                   a.byline, a.language, a.section, a.canonical_url, a.featured_image_url, a.syndication,
                   a.published_at, a.substantive_update_at, a.expires_at, {ArticleVisibility.Public} AS is_public
            FROM articles a
            WHERE a.status = 'published'
              AND {FeedWhere}
            ORDER BY COALESCE(a.published_at, a.created_at) DESC, a.id DESC
            """;
        const string tagsSql = """
            SELECT at.article_id, t.slug, t.name
            FROM article_tags at JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id IN @ids
            ORDER BY at.article_id, at.position
            """;
        const string filterTagsSql = "SELECT 0 AS article_id, t.slug, t.name FROM tags t WHERE t.slug IN @tags";

        // The writes that can change a feed: a public change to an article (a publish, edit, unpublish, archive or
        // delete: a row in the change log with an action) and any change to a tag (its name shows). Drafts' edits do not
        // count. Both are the newest row of their kind in ix_changes_kind.
        const string versionSql = """
            SELECT
                (SELECT c.created_at FROM changes c WHERE c.kind = 'article' AND c.action IS NOT NULL ORDER BY c.seq DESC LIMIT 1) AS last_article_change,
                (SELECT c.created_at FROM changes c WHERE c.kind = 'tag' ORDER BY c.seq DESC LIMIT 1) AS last_tag_change
            """;

        var parameters = new DynamicParameters(filter.Scope.Parameters());
        parameters.AddDynamicParams(new
        {
            tags = filter.Tags,
            tagCount = filter.Tags.Count,
            section = filter.Section,
            fullText = filter.FullText,
            now = clock.GetUtcNow(),
        });

        await using var connection = await db.OpenAsync(ct);
        var rows = new List<FeedRow>(filter.Limit);
        DateTimeOffset? lastExpiry = null;
        // Unbuffered, so that reading stops at the last item (see SitemapStore on why not CommandFlags.None).
        await foreach (var row in connection.QueryUnbufferedAsync<FeedRow>(articlesSql, parameters).WithCancellation(ct))
        {
            if (row.IsPublic)
            {
                rows.Add(row);
                if (rows.Count == filter.Limit)
                {
                    break;
                }
            }
            else if (row.ExpiresAt is { } expired && (lastExpiry is null || expired > lastExpiry))
            {
                lastExpiry = expired;
            }
        }

        var tags = rows.Count == 0
            ? []
            : await connection.QueryAsync<FeedTagRow>(new CommandDefinition(tagsSql, new { ids = rows.Select(r => r.Id).ToList() }, cancellationToken: ct));
        var filterTags = filter.Tags.Count == 0
            ? []
            : await connection.QueryAsync<FeedTagRow>(new CommandDefinition(filterTagsSql, new { tags = filter.Tags }, cancellationToken: ct));
        var version = await connection.QuerySingleAsync<FeedVersionRow>(new CommandDefinition(versionSql, cancellationToken: ct));
        DateTimeOffset? lastChanged = new[] { version.LastArticleChange, version.LastTagChange }
            .OfType<string>()
            .Select(UtcInstant.Parse)
            .Append(lastExpiry ?? default)
            .Max() is { } latest && latest != default ? latest : null;

        return new FeedPage(
            rows,
            tags.ToLookup(t => t.ArticleId),
            filterTags.ToDictionary(t => t.Slug, t => t.Name, StringComparer.Ordinal),
            lastChanged);
    }
}
