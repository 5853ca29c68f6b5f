using Dapper;
using Headless.Api.Common.Database;
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

/// <summary>Outcome of a tag write.</summary>
public enum TagWriteOutcome
{
    Saved,
    NotFound,
    SlugTaken,
}

/// <summary>The SQL of tags.</summary>
public sealed class TagStore(Db db, TimeProvider clock)
{
    private const string Select = """
        SELECT t.id, t.slug, t.name, t.description, t.created_at, t.updated_at, t.version,
               (SELECT COUNT(*) FROM article_tags at JOIN articles a ON a.id = at.article_id
                WHERE at.tag_id = t.id AND a.status = 'published') AS article_count
        FROM tags t
        """;

    public async Task<IReadOnlyList<TagRow>> ListAsync(int limit, int offset, CancellationToken ct)
    {
        const string sql = $"{Select} ORDER BY t.name COLLATE NOCASE, t.id LIMIT @limit OFFSET @offset";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<TagRow>(new CommandDefinition(sql, new { limit, offset }, cancellationToken: ct))).AsList();
    }

    public async Task<TagRow?> FindAsync(long id, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE t.id = @id";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TagRow>(new CommandDefinition(sql, new { id }, cancellationToken: ct));
    }

    public async Task<TagRow?> FindBySlugAsync(string slug, CancellationToken ct)
    {
        const string sql = $"{Select} WHERE t.slug = @slug";
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TagRow>(new CommandDefinition(sql, new { slug }, cancellationToken: ct));
    }

    public async Task<(TagWriteOutcome Outcome, long Id)> CreateAsync(string slug, string name, string? description, CancellationToken ct)
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
            return (TagWriteOutcome.Saved, id);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return (TagWriteOutcome.SlugTaken, 0);
        }
    }

    /// <summary>Replaces a tag's name, description and (when given) slug.</summary>
    public async Task<TagWriteOutcome> UpdateAsync(long id, string? slug, string name, string? description, CancellationToken ct)
    {
        const string sql = """
            UPDATE tags SET slug = COALESCE(@slug, slug), name = @name, description = @description,
                            updated_at = @now, version = version + 1
            WHERE id = @id
            """;
        await using var connection = await db.OpenAsync(ct);
        try
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(sql, new { id, slug, name, description, now = clock.GetUtcNow() }, cancellationToken: ct));
            return changed == 0 ? TagWriteOutcome.NotFound : TagWriteOutcome.Saved;
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return TagWriteOutcome.SlugTaken;
        }
    }

    /// <summary>Deletes a tag; articles lose it (the assignments cascade), the articles stay.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        const string sql = "DELETE FROM tags WHERE id = @id";
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id }, cancellationToken: ct)) > 0;
    }
}
