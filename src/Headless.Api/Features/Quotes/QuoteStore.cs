using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Headless.Api.Common.Text;
using Headless.Api.Features.Search;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Features.Quotes;

/// <summary>A quote row with its article's slug and headline.</summary>
public sealed class QuoteRow
{
    public long Id { get; init; }
    public long ArticleId { get; init; }
    public string ArticleSlug { get; init; } = "";
    public string ArticleHeadline { get; init; } = "";
    public string Text { get; init; } = "";
    public string Speaker { get; init; } = "";
    public string? SpeakerRole { get; init; }
    public string? Context { get; init; }
    public int Position { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

/// <summary>What the quote list can filter on.</summary>
public sealed record QuoteListFilter(string? Speaker, long? ArticleId, IReadOnlyList<string> Tags, bool IncludeDrafts, SearchExpression? Search = null);

/// <summary>The SQL of quotes. Quotes of drafts are visible only when the caller may read drafts.</summary>
public sealed class QuoteStore(Db db, TimeProvider clock)
{
    private const string Select = """
        SELECT q.id, q.article_id, a.slug AS article_slug, a.headline AS article_headline, q.text, q.speaker,
               q.speaker_role, q.context, q.position, q.created_at, q.updated_at, q.version
        FROM quotes q JOIN articles a ON a.id = q.article_id
        """;

    private const string ListWhere = $"""
        WHERE (@includeDrafts OR {ArticleVisibility.Public})
          AND (@articleId IS NULL OR q.article_id = @articleId)
          AND (@speaker IS NULL OR unicode_lower(q.speaker) LIKE '%' || @speaker || '%' ESCAPE '\')
          AND (@tagCount = 0 OR q.article_id IN (
                SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug IN @tags))
        """;

    /// <summary>
    /// One keyset page of quotes. Within one article (<see cref="QuoteListFilter.ArticleId"/>) they come in their
    /// order in the article; across articles, newest first.
    /// </summary>
    public async Task<IReadOnlyList<QuoteRow>> ListAsync(QuoteListFilter filter, PageRequest page, CancellationToken ct)
    {
        var inArticleSql = $"""
            {Select}
            {ListWhere}
            {SearchCondition(filter)}
              AND (q.position, q.id) > (@k0, @k1)
            ORDER BY q.position, q.id
            LIMIT @limit
            """;
        var newestSql = $"""
            {Select}
            {ListWhere}
            {SearchCondition(filter)}
              AND q.created_at <= @k0 AND (q.created_at < @k0 OR q.id < @k1)
            ORDER BY q.created_at DESC, q.id DESC
            LIMIT @limit
            """;
        var inArticle = filter.ArticleId is not null;
        var parameters = FilterParameters(filter);
        parameters.AddDynamicParams(inArticle
            ? new { k0 = page.Key(0, 0L), k1 = page.Key(1, 0L), limit = page.FetchLimit }
            : new { k0 = page.Key(0, "9999"), k1 = page.Key(1, long.MaxValue), limit = page.FetchLimit });
        await using var connection = await db.OpenAsync(ct);
        AddUnicodeLower(connection);
        return (await connection.QueryAsync<QuoteRow>(new CommandDefinition(inArticle ? inArticleSql : newestSql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>The sort a filter lists in, and the cursor key of a row in it.</summary>
    public static (string Sort, Func<QuoteRow, IEnumerable<object>> Key) SortOf(QuoteListFilter filter) => filter.ArticleId is not null
        ? ("position", row => [(long)row.Position, row.Id])
        : ("-createdAt", row => [UtcInstant.Format(row.CreatedAt), row.Id]);

    public async Task<long> CountAsync(QuoteListFilter filter, CancellationToken ct)
    {
        var sql = $"SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id {ListWhere} {SearchCondition(filter)}";
        await using var connection = await db.OpenAsync(ct);
        AddUnicodeLower(connection);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, FilterParameters(filter), cancellationToken: ct));
    }

    /// <summary>The quotes of many articles in one query (for <c>include=quotes</c>), each article's in order.</summary>
    public async Task<ILookup<long, QuoteRow>> ForArticlesAsync(IReadOnlyCollection<long> articleIds, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE q.article_id IN @articleIds ORDER BY q.article_id, q.position, q.id";
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<QuoteRow>(new CommandDefinition(sql, new { articleIds }, cancellationToken: ct));
        return rows.ToLookup(r => r.ArticleId);
    }

    private DynamicParameters FilterParameters(QuoteListFilter filter) => new(new
    {
        includeDrafts = filter.IncludeDrafts,
        now = clock.GetUtcNow(),
        articleId = filter.ArticleId,
        speaker = filter.Speaker is null ? null : EscapeLike(filter.Speaker.ToLowerInvariant()),
        tags = filter.Tags,
        tagCount = filter.Tags.Count,
        match = filter.Search?.Match,
    });

    // The FTS5 condition is a fixed fragment, added only when there is a search.
    private static string SearchCondition(QuoteListFilter filter) => filter.Search is null ? "" : SearchConditions.Quotes;

    /// <summary>Many quotes by id, of the articles the caller may see (for the change feed).</summary>
    public async Task<IReadOnlyList<QuoteRow>> FindManyAsync(IReadOnlyCollection<long> ids, bool includeDrafts, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE q.id IN @ids AND (@includeDrafts OR {ArticleVisibility.Public})";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<QuoteRow>(new CommandDefinition(sql, new { ids, includeDrafts, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    public async Task<QuoteRow?> FindAsync(long id, bool includeDrafts, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE q.id = @id AND (@includeDrafts OR {ArticleVisibility.Public})";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<QuoteRow>(new CommandDefinition(sql, new { id, includeDrafts, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>Adds a quote to an article, after its last one unless a position is given; null when the article does not exist.</summary>
    public async Task<long?> CreateAsync(long articleId, QuoteRequest request, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO quotes (article_id, text, speaker, speaker_role, context, position, created_at, updated_at, version)
            SELECT a.id, @text, @speaker, @speakerRole, @context,
                   COALESCE(@position, (SELECT COALESCE(MAX(position), 0) + 1 FROM quotes WHERE article_id = a.id)),
                   @now, @now, 1
            FROM articles a WHERE a.id = @articleId
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, Parameters(articleId, 0, request), cancellationToken: ct));
    }

    /// <summary>Replaces a quote's fields when its version matches; a position left out is kept.</summary>
    public async Task<WriteResult> UpdateAsync(long id, QuoteRequest request, IfMatch ifMatch, CancellationToken ct)
    {
        const string sql = """
            UPDATE quotes SET text = @text, speaker = @speaker, speaker_role = @speakerRole, context = @context,
                              position = COALESCE(@position, position), updated_at = @now, version = version + 1
            WHERE id = @id AND (@anyVersion OR version IN @versions)
            RETURNING version
            """;
        await using var connection = await db.OpenAsync(ct);
        var parameters = new DynamicParameters(Parameters(0, id, request));
        parameters.AddDynamicParams(new { anyVersion = ifMatch.Any, versions = ifMatch.Versions });
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return version is null ? await NotWrittenAsync(connection, id, ct) : new WriteResult(WriteOutcome.Saved, id, version.Value);
    }

    /// <summary>Deletes a quote when its version matches.</summary>
    public async Task<WriteResult> DeleteAsync(long id, IfMatch ifMatch, CancellationToken ct)
    {
        const string sql = "DELETE FROM quotes WHERE id = @id AND (@anyVersion OR version IN @versions)";
        await using var connection = await db.OpenAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { id, anyVersion = ifMatch.Any, versions = ifMatch.Versions }, cancellationToken: ct));
        return deleted > 0 ? new WriteResult(WriteOutcome.Saved, id) : await NotWrittenAsync(connection, id, ct);
    }

    private static async Task<WriteResult> NotWrittenAsync(SqliteConnection connection, long id, CancellationToken ct)
    {
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT version FROM quotes WHERE id = @id", new { id }, cancellationToken: ct));
        return version is null ? WriteResult.NotFound : new WriteResult(WriteOutcome.PreconditionFailed, id, version.Value);
    }

    private object Parameters(long articleId, long id, QuoteRequest request) => new
    {
        id,
        articleId,
        text = request.Text.Trim(),
        speaker = request.Speaker.Trim(),
        speakerRole = request.SpeakerRole.TrimToNull(),
        context = request.Context.TrimToNull(),
        position = request.Position,
        now = clock.GetUtcNow(),
    };

    /// <summary>
    /// SQLite-only: SQLite's LIKE and lower() fold case for ASCII letters alone, so "álvaro" would miss "Álvaro".
    /// <c>unicode_lower</c> folds like <see cref="string.ToLowerInvariant"/>, which the filter text goes through too.
    /// (PostgreSQL's lower() already folds all letters.)
    /// </summary>
    private static void AddUnicodeLower(SqliteConnection connection) =>
        connection.CreateFunction("unicode_lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
