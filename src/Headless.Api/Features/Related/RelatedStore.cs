using System.Data.Common;
using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;

namespace Headless.Api.Features.Related;

/// <summary>A related article as the ranking query answers it, with the article it is related to.</summary>
public sealed class RelatedRow
{
    public long SourceId { get; init; }
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public string? CanonicalUrl { get; init; }
    public string Reason { get; init; } = "";

    /// <summary>Comma-separated tag slugs (slugs hold no commas), rarest first; null for curated and recent rows.</summary>
    public string? SharedTags { get; init; }

    public double Score { get; init; }
}

/// <summary>An article that links to another, with the link.</summary>
public sealed class BacklinkRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The sort key of the list, <c>COALESCE(published_at, created_at)</c> as stored text.</summary>
    public string SortKey { get; init; } = "";

    public long LinkId { get; init; }
    public string LinkKind { get; init; } = "";
}

/// <summary>
/// The SQL of related articles and backlinks. Related articles are reader-facing: whoever asks, only articles the
/// public sees are offered. The ranking is documented on <see cref="RelatedEndpoints.ListRelatedArticles"/>.
/// </summary>
public sealed class RelatedStore(Db db, TimeProvider clock)
{
    /// <summary>
    /// For each of an article's tags, only the latest this many articles with the tag (by id, which grows with creation)
    /// are candidates: on 100,000 articles a related list costs a few milliseconds, whether its tags are on a dozen
    /// articles or on 40,000.
    /// </summary>
    public const int CandidatesPerTag = 200;

    /// <summary>
    /// Tags on more articles than this weigh the same, 1 / ln(5002) ≈ 0.117: they are all very common, and counting the
    /// articles of a tag on 40,000 of them would cost more than the rest of the ranking.
    /// </summary>
    public const int DocumentFrequencyCap = 5000;

    /// <summary>The largest score a <c>recent</c> filler gets: below any shared-tag score (at least 1 / ln(5002) ≈ 0.117).</summary>
    private const double RecentBase = 0.01;

    /// <summary>
    /// Days since the candidate was published, never negative. SQLite-only (<c>julianday</c>, two-argument <c>MAX</c>);
    /// on PostgreSQL: <c>GREATEST(0, EXTRACT(EPOCH FROM @now - ...) / 86400)</c>.
    /// </summary>
    private const string AgeDays = "MAX(0, julianday(@now) - julianday(COALESCE(a.published_at, a.created_at)))";

    /// <summary>
    /// Curated and shared-tag related articles of every article in <c>@ids</c>, ranked, the first <c>@perArticle</c> of each.
    /// A curated target of rank r (1 = first, by link position) scores 1000 − r: above every computed score, which stays
    /// under 2 × the sum of the source's tag weights (at most 20 tags of weight ≤ 0.92).
    /// The candidate search is bounded: per tag of a source, only the newest <c>@perTag</c> articles with that tag (a range
    /// of <c>ix_article_tags_tag_id</c> from a cutoff id found by <c>OFFSET</c>), so a tag on 40,000 articles costs what
    /// one on 200 does. Tag weight is 1 / ln(2 + min(df, <c>@dfCap</c>)), df = the articles carrying the tag in any status,
    /// counted from the same index without touching the articles, and only up to the cap, so that the few very common
    /// tags cost no more to weigh than the rest.
    /// </summary>
    private const string RankedSql = $"""
        WITH
        source_tags AS MATERIALIZED (
            SELECT at.article_id AS source_id, at.tag_id
            FROM article_tags at
            WHERE at.article_id IN @ids
        ),
        tag_stats AS MATERIALIZED (
            SELECT t.id AS tag_id, t.slug,
                   1.0 / ln(2 + (SELECT COUNT(*) FROM (SELECT 1 FROM article_tags x WHERE x.tag_id = t.id LIMIT @dfCap))) AS weight,
                   COALESCE((SELECT x.article_id FROM article_tags x WHERE x.tag_id = t.id
                             ORDER BY x.article_id DESC LIMIT 1 OFFSET @perTag - 1), 0) AS cutoff
            FROM tags t
            WHERE t.id IN (SELECT tag_id FROM source_tags)
        ),
        shared AS (
            SELECT st.source_id, c.article_id AS candidate_id, SUM(ts.weight) AS weight
            FROM source_tags st
            CROSS JOIN tag_stats ts
            CROSS JOIN article_tags c
            WHERE ts.tag_id = st.tag_id AND c.tag_id = st.tag_id AND c.article_id >= ts.cutoff AND c.article_id <> st.source_id
            GROUP BY st.source_id, c.article_id
        ),
        newest AS (
            -- Matches of the same weight (sharing the same tags) differ only in age, so only the newest few of each weight
            -- (by id, which grows with creation) can rank: only they are looked up in articles.
            SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.source_id, s.weight ORDER BY s.candidate_id DESC) AS nth
            FROM shared s
        ),
        curated AS (
            SELECT l.article_id AS source_id, t.id AS candidate_id,
                   COALESCE(t.published_at, t.created_at) AS sort_key,
                   ROW_NUMBER() OVER (PARTITION BY l.article_id ORDER BY MIN(l.position), MIN(l.id)) AS rank
            FROM links l
            CROSS JOIN articles t
            WHERE l.article_id IN @ids AND l.kind = 'related' AND t.id = l.target_article_id AND t.id <> l.article_id
              AND {ArticleVisibility.PublicTarget}
            GROUP BY l.article_id, t.id
        ),
        scored AS (
            SELECT source_id, candidate_id, 'curated' AS reason, 1000.0 - rank AS score, sort_key
            FROM curated
            UNION ALL
            SELECT s.source_id, s.candidate_id, 'sharedTags',
                   s.weight * (1 + 1 / (1 + {AgeDays} / 30.0)),
                   COALESCE(a.published_at, a.created_at)
            FROM newest s
            -- CROSS JOIN keeps SQLite's join order: each candidate is found by primary key, instead of scanning every
            -- published article for the few candidates.
            CROSS JOIN articles a
            WHERE s.nth <= 2 * @perArticle AND a.id = s.candidate_id AND {ArticleVisibility.Public}
              AND NOT EXISTS (SELECT 1 FROM curated cu WHERE cu.source_id = s.source_id AND cu.candidate_id = s.candidate_id)
        ),
        ranked AS (
            SELECT sc.*, ROW_NUMBER() OVER (PARTITION BY sc.source_id ORDER BY sc.score DESC, sc.sort_key DESC, sc.candidate_id DESC) AS n
            FROM scored sc
        )
        SELECT r.source_id, a.id, a.slug, a.headline, a.excerpt, a.published_at, a.canonical_url, r.reason, r.score,
               CASE WHEN r.reason = 'sharedTags' THEN (
                   SELECT string_agg(ts.slug, ',' ORDER BY ts.weight DESC, ts.slug)
                   FROM source_tags st
                   JOIN tag_stats ts ON ts.tag_id = st.tag_id
                   JOIN article_tags x ON x.article_id = r.candidate_id AND x.tag_id = st.tag_id
                   WHERE st.source_id = r.source_id AND r.candidate_id >= ts.cutoff) END AS shared_tags
        FROM ranked r
        JOIN articles a ON a.id = r.candidate_id
        WHERE r.n <= @perArticle
        ORDER BY r.source_id, r.n
        """;

    /// <summary>
    /// The related articles of a page of articles in one query (for <c>include=related</c>): curated ones first, then
    /// shared-tag matches, ranked as <see cref="ForArticleAsync"/> ranks them, at most <paramref name="perArticle"/> each.
    /// Unlike the endpoint, no <c>recent</c> articles fill a short list.
    /// </summary>
    public async Task<ILookup<long, RelatedArticleResponse>> ForArticlesAsync(IReadOnlyList<long> ids, int perArticle, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return Array.Empty<RelatedRow>().ToLookup(r => r.SourceId, ToResponse);
        }

        await using var connection = await db.OpenAsync(ct);
        var rows = await RankedAsync(connection, ids, perArticle, clock.GetUtcNow(), ct);
        return rows.ToLookup(r => r.SourceId, ToResponse);
    }

    /// <summary>The related articles of one article: curated, then shared tags, then (while short of <paramref name="limit"/>) the latest articles.</summary>
    public async Task<IReadOnlyList<RelatedArticleResponse>> ForArticleAsync(long id, int limit, CancellationToken ct)
    {
        const string recentSql = $"""
            SELECT a.id, a.slug, a.headline, a.excerpt, a.published_at, a.canonical_url, 'recent' AS reason
            FROM articles a
            WHERE {ArticleVisibility.Public} AND a.id <> @id AND a.id NOT IN @exclude
            ORDER BY COALESCE(a.published_at, a.created_at) DESC, a.id DESC
            LIMIT @count
            """;
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        var items = (await RankedAsync(connection, [id], limit, now, ct)).Select(ToResponse).ToList();
        if (items.Count < limit)
        {
            var recent = await connection.QueryAsync<RelatedRow>(new CommandDefinition(recentSql,
                new { id, exclude = items.Select(i => i.Id).ToList(), count = limit - items.Count, now }, cancellationToken: ct));
            items.AddRange(recent.Select(row => ToResponse(row) with { Score = RecentScore(row.PublishedAt, now) }));
        }

        return items;
    }

    private static async Task<IReadOnlyList<RelatedRow>> RankedAsync(DbConnection connection, IReadOnlyList<long> ids, int perArticle, DateTimeOffset now, CancellationToken ct) =>
        (await connection.QueryAsync<RelatedRow>(new CommandDefinition(RankedSql,
            new { ids, perArticle, perTag = CandidatesPerTag, dfCap = DocumentFrequencyCap, now }, cancellationToken: ct))).AsList();

    /// <summary>The <c>recent</c> score: <see cref="RecentBase"/> / (1 + ageDays / 30), so newer fillers come first.</summary>
    private static double RecentScore(DateTimeOffset? publishedAt, DateTimeOffset now)
    {
        var ageDays = Math.Max(0, (now - (publishedAt ?? now)).TotalDays);
        return Math.Round(RecentBase / (1 + (ageDays / 30)), 6);
    }

    /// <summary>One keyset page of the articles visible to the caller that link to <paramref name="targetId"/>, newest first.</summary>
    public async Task<IReadOnlyList<BacklinkRow>> BacklinksAsync(long targetId, bool includeHidden, PageRequest page, CancellationToken ct)
    {
        const string sql = $"""
            SELECT a.id, a.slug, a.headline, a.published_at, COALESCE(a.published_at, a.created_at) AS sort_key,
                   l.id AS link_id, l.kind AS link_kind
            FROM links l
            JOIN articles a ON a.id = l.article_id
            WHERE l.target_article_id = @targetId AND (@includeHidden OR {ArticleVisibility.Public})
              AND COALESCE(a.published_at, a.created_at) <= @k0
              AND (COALESCE(a.published_at, a.created_at) < @k0 OR a.id < @k1 OR (a.id = @k1 AND l.id < @k2))
            ORDER BY COALESCE(a.published_at, a.created_at) DESC, a.id DESC, l.id DESC
            LIMIT @limit
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<BacklinkRow>(new CommandDefinition(sql, new
        {
            targetId,
            includeHidden,
            k0 = page.Key(0, "9999"),
            k1 = page.Key(1, long.MaxValue),
            k2 = page.Key(2, long.MaxValue),
            limit = page.FetchLimit,
            now = clock.GetUtcNow(),
        }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>How many backlinks the caller sees (for <c>count=true</c>).</summary>
    public async Task<long> CountBacklinksAsync(long targetId, bool includeHidden, CancellationToken ct)
    {
        const string sql = $"""
            SELECT COUNT(*)
            FROM links l
            JOIN articles a ON a.id = l.article_id
            WHERE l.target_article_id = @targetId AND (@includeHidden OR {ArticleVisibility.Public})
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { targetId, includeHidden, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    internal static RelatedArticleResponse ToResponse(RelatedRow row) => new(
        row.Id,
        row.Slug,
        row.Headline,
        row.Excerpt,
        row.PublishedAt,
        row.CanonicalUrl ?? $"/articles/{row.Slug}",
        Enum.Parse<RelatedReason>(row.Reason, ignoreCase: true),
        row.SharedTags is { Length: > 0 } tags ? tags.Split(',') : [],
        Math.Round(row.Score, 6));
}
