using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Features.Tags;

/// <summary>A tag row with the number of published articles that carry it.</summary>
public sealed class TagRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public int ArticleCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

/// <summary>The SQL of tags.</summary>
public sealed class TagStore(Db db, TimeProvider clock)
{
    private const string Select = $"""
        SELECT t.id, t.slug, t.name, t.description, t.created_at, t.updated_at, t.version,
               (SELECT COUNT(*) FROM article_tags at JOIN articles a ON a.id = at.article_id
                WHERE at.tag_id = t.id AND {ArticleVisibility.Public}) AS article_count
        FROM tags t
        """;

    // A list counts every tag's articles in one grouped pass, not one correlated count per tag (which SQLite may
    // evaluate more than once per row when it sorts by it).
    private const string ListSelect = $"""
        WITH counts AS (
            SELECT at.tag_id, COUNT(*) AS article_count
            FROM article_tags at JOIN articles a ON a.id = at.article_id
            WHERE {ArticleVisibility.Public}
            GROUP BY at.tag_id)
        SELECT t.id, t.slug, t.name, t.description, t.created_at, t.updated_at, t.version,
               COALESCE(c.article_count, 0) AS article_count
        FROM tags t LEFT JOIN counts c ON c.tag_id = t.id
        """;

    /// <summary>One keyset page of tags, by name or by how many published articles carry them.</summary>
    public async Task<IReadOnlyList<TagRow>> ListAsync(string sort, PageRequest page, CancellationToken ct)
    {
        // Every sort pages over the computed counts: one grouped pass over article_tags per page.
        const string byName = $"SELECT * FROM ({ListSelect}) t WHERE (t.name COLLATE NOCASE, t.id) > (@k0, @k1) ORDER BY t.name COLLATE NOCASE, t.id LIMIT @limit";
        const string byCountDesc = $"SELECT * FROM ({ListSelect}) t WHERE (t.article_count, -t.id) < (@k0, @k1) ORDER BY t.article_count DESC, t.id LIMIT @limit";
        const string byCountAsc = $"SELECT * FROM ({ListSelect}) t WHERE (t.article_count, t.id) > (@k0, @k1) ORDER BY t.article_count, t.id LIMIT @limit";
        var (sql, k0, k1) = sort switch
        {
            "-articleCount" => (byCountDesc, page.Key(0, long.MaxValue), page.Key(1, long.MaxValue)),
            "articleCount" => (byCountAsc, page.Key(0, -1L), page.Key(1, 0L)),
            _ => (byName, page.Key(0, ""), page.Key(1, 0L)),
        };
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<TagRow>(new CommandDefinition(sql, new { k0, k1, limit = page.FetchLimit, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    /// <summary>The cursor key of a tag row in a sort.</summary>
    public static IEnumerable<object> SortKey(string sort, TagRow row) => sort switch
    {
        "-articleCount" => [(long)row.ArticleCount, -row.Id],
        "articleCount" => [(long)row.ArticleCount, row.Id],
        _ => [row.Name, row.Id],
    };

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM tags", cancellationToken: ct));
    }

    public async Task<TagRow?> FindAsync(long id, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE t.id = @id";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TagRow>(new CommandDefinition(sql, new { id, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>Many tags by id (for the change feed).</summary>
    public async Task<IReadOnlyList<TagRow>> FindManyAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE t.id IN @ids";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<TagRow>(new CommandDefinition(sql, new { ids, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    public async Task<TagRow?> FindBySlugAsync(string slug, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE t.slug = @slug";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TagRow>(new CommandDefinition(sql, new { slug, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<WriteResult> CreateAsync(string slug, string name, string? description, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO tags (slug, name, description, created_at, updated_at, version)
            VALUES (@slug, @name, @description, @now, @now, 1)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(ct);
        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { slug, name, description, now = clock.GetUtcNow() }, cancellationToken: ct));
            return new WriteResult(WriteOutcome.Saved, id, 1);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return new WriteResult(WriteOutcome.Conflict);
        }
    }

    /// <summary>Replaces a tag's name, description and (when given) slug, when its version matches.</summary>
    public async Task<WriteResult> UpdateAsync(long id, string? slug, string name, string? description, IfMatch ifMatch, CancellationToken ct)
    {
        const string sql = """
            UPDATE tags SET slug = COALESCE(@slug, slug), name = @name, description = @description,
                            updated_at = @now, version = version + 1
            WHERE id = @id AND (@anyVersion OR version IN @versions)
            RETURNING version
            """;
        await using var connection = await db.OpenAsync(ct);
        try
        {
            var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql,
                new { id, slug, name, description, now = clock.GetUtcNow(), anyVersion = ifMatch.Any, versions = ifMatch.Versions }, cancellationToken: ct));
            return version is null ? await NotWrittenAsync(connection, id, ct) : new WriteResult(WriteOutcome.Saved, id, version.Value);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return new WriteResult(WriteOutcome.Conflict, id);
        }
    }

    /// <summary>Deletes a tag when its version matches; articles lose it (the assignments cascade), the articles stay.</summary>
    public async Task<WriteResult> DeleteAsync(long id, IfMatch ifMatch, CancellationToken ct)
    {
        const string sql = "DELETE FROM tags WHERE id = @id AND (@anyVersion OR version IN @versions)";
        await using var connection = await db.OpenAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { id, anyVersion = ifMatch.Any, versions = ifMatch.Versions }, cancellationToken: ct));
        return deleted > 0 ? new WriteResult(WriteOutcome.Saved, id) : await NotWrittenAsync(connection, id, ct);
    }

    private static async Task<WriteResult> NotWrittenAsync(SqliteConnection connection, long id, CancellationToken ct)
    {
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT version FROM tags WHERE id = @id", new { id }, cancellationToken: ct));
        return version is null ? WriteResult.NotFound : new WriteResult(WriteOutcome.PreconditionFailed, id, version.Value);
    }
}
