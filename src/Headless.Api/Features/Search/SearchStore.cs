using System.Data.Common;
using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Features.Articles;
using Microsoft.Extensions.Options;

namespace Headless.Api.Features.Search;

/// <summary>What a search looks in and narrows to.</summary>
public sealed record SearchFilter(
    SearchExpression Expression,
    bool Articles,
    bool Quotes,
    IReadOnlyList<string> Tags,
    string? Section,
    DateTimeOffset? PublishedAfter,
    DateTimeOffset? PublishedBefore,
    bool IncludeHidden);

/// <summary>A ranked hit: its kind (0 article, 1 quote), id and BM25 rank (lower is better, as FTS5 gives it).</summary>
public sealed class SearchHitRow
{
    public long Kind { get; init; }
    public long Id { get; init; }
    public double Rank { get; init; }
}

public sealed class SearchArticleRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public string? Dek { get; init; }
    public string Excerpt { get; init; } = "";
    public string? Section { get; init; }
    public string? Byline { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed class SearchQuoteRow
{
    public long Id { get; init; }
    public string Text { get; init; } = "";
    public string Speaker { get; init; } = "";
    public string? SpeakerRole { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long ArticleId { get; init; }
    public string ArticleSlug { get; init; } = "";
    public string ArticleHeadline { get; init; } = "";
}

public sealed class SnippetRow
{
    public long Id { get; init; }
    public string Snippet { get; init; } = "";
}

public sealed class FacetRow
{
    public string Value { get; init; } = "";
    public string Label { get; init; } = "";
    public long Count { get; init; }
}

public sealed class SuggestionRow
{
    public long Id { get; init; }
    public string Label { get; init; } = "";
    public string Highlight { get; init; } = "";
    public string? Slug { get; init; }
}

/// <summary>
/// The SQL of search, over the FTS5 tables of migration 0005 (SQLite-only: MATCH, bm25(), snippet() and
/// highlight() are FTS5's). Articles and quotes are ranked by BM25 with the headline weighted above the dek, the
/// dek above tags and byline, and those above the body.
/// </summary>
public sealed class SearchStore(Db db, TimeProvider clock, IOptions<SearchOptions> options)
{
    // The kinds, as the SQL below writes them.
    public const long ArticleKind = 0;
    public const long QuoteKind = 1;

    /// <summary>Marks around matches in snippets: noncharacters, which text never holds, so the escaper can tell them apart.</summary>
    public const string MarkStart = "\uFDD0";
    public const string MarkEnd = "\uFDD1";

    // Weights per column, in table order: headline, dek, body_text, tag_names, byline; then text, speaker, speaker_role.
    private const string ArticleRank = "bm25(article_search, 10.0, 5.0, 1.0, 3.0, 2.0)";
    private const string QuoteRank = "bm25(quote_search, 4.0, 2.0, 1.0)";

    private const string ArticleFilters = $"""
          AND (@includeHidden OR {ArticleVisibility.Public})
          AND (@section IS NULL OR a.section = @section)
          AND (@publishedAfter IS NULL OR a.published_at >= @publishedAfter)
          AND (@publishedBefore IS NULL OR a.published_at < @publishedBefore)
          AND (@tagCount = 0 OR a.id IN (
                SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug IN @tags))
        """;

    // ix_articles_search holds the columns the filters read, so checking the window's matches reads a small index
    // rather than as many wide article rows. CROSS JOIN keeps the FTS table the outer loop, so "ORDER BY s.rowid DESC
    // LIMIT" walks its matches newest first and stops at the window; bm25() is computed only for the rows that pass.
    // What the window does not bound: bm25() counts every match of each term once per query (for its IDF), and a prefix
    // term first merges the postings of every term it starts, so a word in most articles costs milliseconds anyway.
    private const string ArticleMatches = $"""
        SELECT 0 AS kind, s.rowid AS id, {ArticleRank} AS rank
        FROM article_search s CROSS JOIN articles a INDEXED BY ix_articles_search ON a.id = s.rowid
        WHERE article_search MATCH @match
        {ArticleFilters}
        ORDER BY s.rowid DESC
        """;

    private const string QuoteMatches = $"""
        SELECT 1 AS kind, s.rowid AS id, {QuoteRank} AS rank
        FROM quote_search s CROSS JOIN quotes q ON q.id = s.rowid CROSS JOIN articles a INDEXED BY ix_articles_search ON a.id = q.article_id
        WHERE quote_search MATCH @match
        {ArticleFilters}
        ORDER BY s.rowid DESC
        """;

    // The articles behind every hit (an article hit's own, a quote hit's article), for counts and facets.
    private const string ArticleIdsOfArticleHits = $"""
        SELECT a.id AS article_id, a.section FROM article_search s CROSS JOIN articles a INDEXED BY ix_articles_search ON a.id = s.rowid
        WHERE article_search MATCH @match
        {ArticleFilters}
        """;

    private const string ArticleIdsOfQuoteHits = $"""
        SELECT a.id AS article_id, a.section FROM quote_search s CROSS JOIN quotes q ON q.id = s.rowid CROSS JOIN articles a INDEXED BY ix_articles_search ON a.id = q.article_id
        WHERE quote_search MATCH @match
        {ArticleFilters}
        """;

    /// <summary>
    /// The search with the expansion dropped from words that fill the rank window on their own. A word in most articles
    /// would otherwise first merge the postings of every longer word it starts, twice (bm25 counts a term's documents
    /// in a pass of its own), for matches the window leaves out anyway. Checked on the articles index, or on the quotes
    /// index for a search of quotes only; each check reads at most a window of one word's postings.
    /// </summary>
    public async Task<SearchExpression> WithoutCommonExpansionsAsync(SearchExpression expression, bool quotesOnly, CancellationToken ct)
    {
        const string articlesSql = "SELECT COUNT(*) FROM (SELECT rowid FROM article_search WHERE article_search MATCH @word ORDER BY rowid DESC LIMIT @window)";
        const string quotesSql = "SELECT COUNT(*) FROM (SELECT rowid FROM quote_search WHERE quote_search MATCH @word ORDER BY rowid DESC LIMIT @window)";
        var words = expression.ExpandedWords;
        if (words.Count == 0)
        {
            return expression;
        }

        var window = options.Value.RankWindow;
        var common = new List<string>();
        await using var connection = await db.OpenAsync(ct);
        foreach (var word in words)
        {
            var parameters = new { word = SearchExpression.ExactWord(word), window };
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(quotesOnly ? quotesSql : articlesSql, parameters, cancellationToken: ct)) >= window)
            {
                common.Add(word);
            }
        }

        return expression.WithoutExpanding(common);
    }

    /// <summary>One page of hits, best first, after the cursor's (rank, kind, id).</summary>
    public async Task<IReadOnlyList<SearchHitRow>> SearchAsync(SearchFilter filter, double afterRank, long afterKind, long afterId, int limit, CancellationToken ct)
    {
        // Only fixed fragments are put together here; everything from the request is a parameter.
        var parts = new List<string>();
        if (filter.Articles)
        {
            parts.Add($"SELECT * FROM (\n{ArticleMatches}\nLIMIT @window)");
        }

        if (filter.Quotes)
        {
            parts.Add($"SELECT * FROM (\n{QuoteMatches}\nLIMIT @window)");
        }

        var sql = $"""
            SELECT kind, id, rank FROM (
            {string.Join("\nUNION ALL\n", parts)}
            )
            WHERE rank >= @afterRank AND (rank > @afterRank OR kind > @afterKind OR (kind = @afterKind AND id > @afterId))
            ORDER BY rank, kind, id
            LIMIT @limit
            """;
        var parameters = Parameters(filter);
        parameters.AddDynamicParams(new { window = options.Value.RankWindow, afterRank, afterKind, afterId, limit });
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<SearchHitRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>How many hits the whole search has (every match, not only the ranked window).</summary>
    public async Task<long> CountAsync(SearchFilter filter, CancellationToken ct)
    {
        var sql = $"SELECT COUNT(*) FROM ({HitArticles(filter)})";
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, Parameters(filter), cancellationToken: ct));
    }

    /// <summary>Counts of hits per tag and per section over the whole result set, the 20 largest of each.</summary>
    public async Task<(IReadOnlyList<FacetRow>? Tags, IReadOnlyList<FacetRow>? Sections)> FacetsAsync(SearchFilter filter, bool tags, bool sections, CancellationToken ct)
    {
        var tagSql = $"""
            SELECT t.slug AS value, t.name AS label, COUNT(*) AS count
            FROM ({HitArticles(filter)}) h JOIN article_tags at ON at.article_id = h.article_id JOIN tags t ON t.id = at.tag_id
            GROUP BY t.id
            ORDER BY count DESC, t.slug
            LIMIT 20
            """;
        var sectionSql = $"""
            SELECT h.section AS value, h.section AS label, COUNT(*) AS count
            FROM ({HitArticles(filter)}) h
            WHERE h.section IS NOT NULL
            GROUP BY h.section
            ORDER BY count DESC, h.section
            LIMIT 20
            """;
        var parameters = Parameters(filter);
        await using var connection = await db.OpenAsync(ct);
        var tagRows = tags ? (await connection.QueryAsync<FacetRow>(new CommandDefinition(tagSql, parameters, cancellationToken: ct))).AsList() : null;
        var sectionRows = sections ? (await connection.QueryAsync<FacetRow>(new CommandDefinition(sectionSql, parameters, cancellationToken: ct))).AsList() : null;
        return (tagRows, sectionRows);
    }

    private static string HitArticles(SearchFilter filter)
    {
        var parts = new List<string>();
        if (filter.Articles)
        {
            parts.Add(ArticleIdsOfArticleHits);
        }

        if (filter.Quotes)
        {
            parts.Add(ArticleIdsOfQuoteHits);
        }

        return string.Join("\nUNION ALL\n", parts);
    }

    /// <summary>The articles and quotes of a page of hits, their tags, and a highlighted snippet of each, on one connection.</summary>
    public async Task<SearchPage> LoadAsync(SearchExpression expression, IReadOnlyList<SearchHitRow> hits, CancellationToken ct)
    {
        const string articlesSql = """
            SELECT a.id, a.slug, a.headline, a.dek, a.excerpt, a.section, a.byline, a.status, a.published_at, a.updated_at
            FROM articles a WHERE a.id IN @articleIds
            """;
        const string tagsSql = """
            SELECT at.article_id, t.id, t.slug, t.name
            FROM article_tags at JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id IN @articleIds
            ORDER BY at.article_id, at.position
            """;
        const string articleSnippetsSql = $"""
            SELECT rowid AS id, snippet(article_search, -1, '{MarkStart}', '{MarkEnd}', '…', 32) AS snippet
            FROM article_search
            WHERE article_search MATCH @match AND +rowid IN @articleIds AND rowid BETWEEN @firstArticle AND @lastArticle
            """;
        const string quotesSql = """
            SELECT q.id, q.text, q.speaker, q.speaker_role, q.updated_at, q.article_id, a.slug AS article_slug, a.headline AS article_headline
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id IN @quoteIds
            """;
        const string quoteSnippetsSql = $"""
            SELECT rowid AS id, snippet(quote_search, -1, '{MarkStart}', '{MarkEnd}', '…', 48) AS snippet
            FROM quote_search
            WHERE quote_search MATCH @match AND +rowid IN @quoteIds AND rowid BETWEEN @firstQuote AND @lastQuote
            """;
        var articleIds = hits.Where(h => h.Kind == ArticleKind).Select(h => h.Id).ToList();
        var quoteIds = hits.Where(h => h.Kind == QuoteKind).Select(h => h.Id).ToList();
        // "+rowid IN" keeps the list out of FTS5's hands: given "rowid IN", FTS5 evaluates the whole MATCH once per id,
        // and a prefix term costs a merge of every matching term's list each time. The BETWEEN narrows the one scan.
        var parameters = new
        {
            articleIds,
            quoteIds,
            match = expression.Match,
            firstArticle = articleIds.DefaultIfEmpty().Min(),
            lastArticle = articleIds.DefaultIfEmpty().Max(),
            firstQuote = quoteIds.DefaultIfEmpty().Min(),
            lastQuote = quoteIds.DefaultIfEmpty().Max(),
        };
        await using var connection = await db.OpenAsync(ct);
        var page = new SearchPage();
        if (articleIds.Count > 0)
        {
            page.Articles = (await Query<SearchArticleRow>(connection, articlesSql, parameters, ct)).ToDictionary(r => r.Id);
            page.Tags = (await Query<ArticleTagRow>(connection, tagsSql, parameters, ct)).ToLookup(r => r.ArticleId);
            page.ArticleSnippets = (await Query<SnippetRow>(connection, articleSnippetsSql, parameters, ct)).ToDictionary(r => r.Id, r => r.Snippet);
        }

        if (quoteIds.Count > 0)
        {
            page.Quotes = (await Query<SearchQuoteRow>(connection, quotesSql, parameters, ct)).ToDictionary(r => r.Id);
            page.QuoteSnippets = (await Query<SnippetRow>(connection, quoteSnippetsSql, parameters, ct)).ToDictionary(r => r.Id, r => r.Snippet);
        }

        return page;
    }

    /// <summary>
    /// Completions for a prefix query: tags, then speakers with at least one quote the caller may see, then the newest
    /// headlines the caller may see. Each kind is a rowid range of <c>search_suggestions</c> (see migration 0005), read
    /// newest first, so each query stops after <paramref name="limit"/> rows.
    /// </summary>
    public async Task<(IReadOnlyList<SuggestionRow> Tags, IReadOnlyList<SuggestionRow> Speakers, IReadOnlyList<SuggestionRow> Headlines)> SuggestAsync(
        string match, int limit, bool includeHidden, CancellationToken ct)
    {
        // The rowid ranges of migration 0005: headlines below 2^61, speakers from 2^61, tags from 2^62.
        const string speakerBase = "2305843009213693952";
        const string tagBase = "4611686018427387904";
        const string tagsSql = $"""
            SELECT t.id, t.name AS label, highlight(search_suggestions, 0, '{MarkStart}', '{MarkEnd}') AS highlight, t.slug
            FROM search_suggestions s CROSS JOIN tags t ON t.id = s.rowid - {tagBase}
            WHERE search_suggestions MATCH @match AND s.rowid > {tagBase}
            ORDER BY s.rowid DESC
            LIMIT @limit
            """;
        const string speakersSql = $"""
            SELECT p.id, p.speaker AS label, highlight(search_suggestions, 0, '{MarkStart}', '{MarkEnd}') AS highlight, NULL AS slug
            FROM search_suggestions s CROSS JOIN quote_speakers p ON p.id = s.rowid - {speakerBase}
            WHERE search_suggestions MATCH @match AND s.rowid > {speakerBase} AND s.rowid < {tagBase}
              AND (@includeHidden OR EXISTS (
                    SELECT 1 FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker = p.speaker AND {ArticleVisibility.Public}))
            ORDER BY s.rowid DESC
            LIMIT @limit
            """;
        const string headlinesSql = $"""
            SELECT a.id, a.headline AS label, highlight(search_suggestions, 0, '{MarkStart}', '{MarkEnd}') AS highlight, a.slug
            FROM search_suggestions s CROSS JOIN articles a INDEXED BY ix_articles_search ON a.id = s.rowid
            WHERE search_suggestions MATCH @match AND s.rowid < {speakerBase}
              AND (@includeHidden OR {ArticleVisibility.Public})
            ORDER BY s.rowid DESC
            LIMIT @limit
            """;
        var parameters = new { match, limit, includeHidden, now = clock.GetUtcNow() };
        await using var connection = await db.OpenAsync(ct);
        return (await Query<SuggestionRow>(connection, tagsSql, parameters, ct),
                await Query<SuggestionRow>(connection, speakersSql, parameters, ct),
                await Query<SuggestionRow>(connection, headlinesSql, parameters, ct));
    }

    private static async Task<List<T>> Query<T>(DbConnection connection, string sql, object parameters, CancellationToken ct) =>
        (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();

    private DynamicParameters Parameters(SearchFilter filter) => new(new
    {
        match = filter.Expression.Match,
        includeHidden = filter.IncludeHidden,
        now = clock.GetUtcNow(),
        section = filter.Section,
        publishedAfter = filter.PublishedAfter,
        publishedBefore = filter.PublishedBefore,
        tags = filter.Tags,
        tagCount = filter.Tags.Count,
    });
}

/// <summary>What a page of hits shows, loaded at once.</summary>
public sealed class SearchPage
{
    public Dictionary<long, SearchArticleRow> Articles { get; set; } = [];
    public ILookup<long, ArticleTagRow> Tags { get; set; } = Array.Empty<ArticleTagRow>().ToLookup(r => r.ArticleId);
    public Dictionary<long, string> ArticleSnippets { get; set; } = [];
    public Dictionary<long, SearchQuoteRow> Quotes { get; set; } = [];
    public Dictionary<long, string> QuoteSnippets { get; set; } = [];
}

/// <summary>
/// The FTS5 conditions other lists use for <c>q=</c> (SQLite-only, kept here with the rest of search). Each takes the
/// parameter <c>@match</c>, a <see cref="SearchExpression.Match"/>.
/// </summary>
public static class SearchConditions
{
    /// <summary>Over the alias <c>a</c> of articles.</summary>
    public const string Articles = "AND a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH @match)";

    /// <summary>Over the alias <c>q</c> of quotes.</summary>
    public const string Quotes = "AND q.id IN (SELECT rowid FROM quote_search WHERE quote_search MATCH @match)";
}
