using System.Runtime.CompilerServices;
using Dapper;
using Headless.Api.Common.Database;
using Headless.Api.Features.Articles;

namespace Headless.Api.Features.Sitemap;

/// <summary>A published article as the sitemap reads it.</summary>
public sealed class SitemapRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What the sitemap's validator is made from: how many articles the public sees and the latest change among them.</summary>
public sealed class SitemapVersionRow
{
    public long Count { get; init; }
    public string? LastUpdated { get; init; }
}

/// <summary>
/// The SQL of the sitemap: every article the public sees, newest first, read unbuffered so that a sitemap of
/// 100,000 articles streams in constant memory.
/// </summary>
public sealed class SitemapStore(Db db, TimeProvider clock)
{
    /// <summary>The public articles, newest first, one row at a time; the connection stays open while the caller enumerates.</summary>
    public async IAsyncEnumerable<SitemapRow> StreamAsync([EnumeratorCancellation] CancellationToken ct)
    {
        const string sql = $"""
            SELECT a.id, a.slug, a.published_at, a.updated_at
            FROM articles a
            WHERE {ArticleVisibility.Public}
            ORDER BY COALESCE(a.published_at, a.created_at) DESC, a.id DESC
            """;
        await using var connection = await db.OpenAsync(ct);
        // Unbuffered: Dapper maps each row as the caller asks for it instead of building a list of them all. (Dapper's
        // CommandFlags.None does not work here: Microsoft.Data.Sqlite closes the reader when Dapper disposes the command.)
        await foreach (var row in connection.QueryUnbufferedAsync<SitemapRow>(sql, new { now = clock.GetUtcNow() }).WithCancellation(ct))
        {
            ct.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    /// <summary>
    /// The count of the articles the public sees and their latest <c>updated_at</c>, from the indexes that carry
    /// <c>expires_at</c> (no article row is read): a publish, an edit, an unpublish, a delete or an expiry changes one
    /// of them, so together they validate a cached sitemap.
    /// </summary>
    public async Task<SitemapVersionRow> VersionAsync(CancellationToken ct)
    {
        const string sql = $"""
            SELECT (SELECT COUNT(*) FROM articles a WHERE {ArticleVisibility.Public}) AS count,
                   (SELECT a.updated_at FROM articles a WHERE {ArticleVisibility.Public} ORDER BY a.updated_at DESC LIMIT 1) AS last_updated
            """;
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleAsync<SitemapVersionRow>(new CommandDefinition(sql, new { now = clock.GetUtcNow() }, cancellationToken: ct));
    }
}
