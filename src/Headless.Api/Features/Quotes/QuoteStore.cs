using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Headless.Api.Common.Text;
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
public sealed record QuoteListFilter(string? Speaker, long? ArticleId, bool IncludeDrafts, int Limit, int Offset);

/// <summary>The SQL of quotes. Quotes of drafts are visible only when the caller may read drafts.</summary>
public sealed class QuoteStore(Db db, TimeProvider clock)
{
    private const string Select = """
        SELECT q.id, q.article_id, a.slug AS article_slug, a.headline AS article_headline, q.text, q.speaker,
               q.speaker_role, q.context, q.position, q.created_at, q.updated_at, q.version
        FROM quotes q JOIN articles a ON a.id = q.article_id
        """;

    public async Task<IReadOnlyList<QuoteRow>> ListAsync(QuoteListFilter filter, CancellationToken ct)
    {
        const string sql = $"""
            {Select}
            WHERE (@includeDrafts OR {ArticleVisibility.Public})
              AND (@articleId IS NULL OR q.article_id = @articleId)
              AND (@speaker IS NULL OR unicode_lower(q.speaker) LIKE '%' || @speaker || '%' ESCAPE '\')
            ORDER BY COALESCE(a.published_at, a.created_at) DESC, q.article_id DESC, q.position, q.id
            LIMIT @limit OFFSET @offset
            """;
        await using var connection = await db.OpenAsync(ct);
        AddUnicodeLower(connection);
        var rows = await connection.QueryAsync<QuoteRow>(new CommandDefinition(sql, new
        {
            includeDrafts = filter.IncludeDrafts,
            now = clock.GetUtcNow(),
            articleId = filter.ArticleId,
            speaker = filter.Speaker is null ? null : EscapeLike(filter.Speaker.ToLowerInvariant()),
            limit = filter.Limit,
            offset = filter.Offset,
        }, cancellationToken: ct));
        return rows.AsList();
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
