using System.Text.Json.Serialization;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Quotes;

/// <summary>A quotation inside an article, with who said it.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="ArticleId">The article it appears in.</param>
/// <param name="Article">That article's id, slug and headline.</param>
/// <param name="Text">The words, verbatim.</param>
/// <param name="Speaker">Who said it, named as the article names them.</param>
/// <param name="SpeakerRole">The speaker's role or title.</param>
/// <param name="Context">A sentence on when or where it was said.</param>
/// <param name="Position">Its order among the article's quotes.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">Increases by one on every change.</param>
public sealed record QuoteResponse(
    long Id,
    long ArticleId,
    ArticleReference Article,
    string Text,
    string Speaker,
    string? SpeakerRole,
    string? Context,
    int Position,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IHasETag, ISurrogateKeys
{
    public const string ResourceKind = "quote";

    /// <inheritdoc />
    [JsonIgnore]
    public string ETag => Preconditions.ETag(ResourceKind, Id, Version);

    /// <inheritdoc />
    public IEnumerable<string> SurrogateKeys()
    {
        yield return $"quote-{Id}";
        yield return $"article-{ArticleId}";
    }

    /// <inheritdoc />
    public DateTimeOffset LastModified() => UpdatedAt;
}

/// <summary>A quote to add to an article, or the full new state of one to replace.</summary>
/// <param name="Text">Required: the words, verbatim, at most 5,000 characters.</param>
/// <param name="Speaker">Required: who said it, at most 200 characters.</param>
/// <param name="SpeakerRole">The speaker's role or title, at most 200 characters.</param>
/// <param name="Context">A sentence on when or where it was said, at most 1,000 characters.</param>
/// <param name="Position">Order among the article's quotes, 1 or more; default after the last one (on replace: kept).</param>
public sealed record QuoteRequest(string Text, string Speaker, string? SpeakerRole = null, string? Context = null, int? Position = null);

/// <summary>Query parameters of the quote list.</summary>
public sealed class ListQuotesQuery : PagedQuery
{
    /// <summary>
    /// Only quotes matching this full-text search over text, speaker and role (the syntax of <c>GET /v1/search</c>),
    /// combined with the other filters and kept in the list's order; empty means no search.
    /// </summary>
    [FromQuery(Name = "q")] public string? Q { get; init; }

    /// <summary>Only quotes whose speaker contains this text (case-insensitive).</summary>
    [FromQuery(Name = "speaker")] public string? Speaker { get; init; }

    /// <summary>Only quotes from this article (then in their order in the article).</summary>
    [FromQuery(Name = "articleId")] public long? ArticleId { get; init; }

    /// <summary>Only quotes from articles with any of these tags (slugs; repeatable).</summary>
    [FromQuery(Name = "tag")] public string[]? Tag { get; init; }
}

/// <summary>Query parameters of an article's quotes.</summary>
public sealed class ListArticleQuotesQuery : PagedQuery
{
}
