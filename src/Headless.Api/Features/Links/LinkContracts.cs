using System.Text.Json.Serialization;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Links;

/// <summary>What a related link is for.</summary>
public enum LinkKind
{
    /// <summary>A "read also" headline placed inside the body, after paragraph <c>afterParagraph</c>.</summary>
    Inline,

    /// <summary>A curated related story.</summary>
    Related,

    /// <summary>A "more articles" entry.</summary>
    More,
}

/// <summary>A related link of an article: to another article of ours or to any URL.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="ArticleId">The article that shows the link.</param>
/// <param name="Kind">What the link is for.</param>
/// <param name="Title">The text shown: as set, or the target article's headline.</param>
/// <param name="Url">Where it goes: as set, or the target article's canonical URL, or <c>/articles/{slug}</c>.</param>
/// <param name="TargetArticle">The article of ours it points at, if any.</param>
/// <param name="Position">Order among the article's links.</param>
/// <param name="AfterParagraph">For inline links: the number of body paragraphs before it (0 = before the first).</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">Increases by one on every change.</param>
public sealed record LinkResponse(
    long Id,
    long ArticleId,
    LinkKind Kind,
    string Title,
    string Url,
    ArticleReference? TargetArticle,
    int Position,
    int? AfterParagraph,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IHasETag, ISurrogateKeys
{
    public const string ResourceKind = "link";

    /// <inheritdoc />
    [JsonIgnore]
    public string ETag => Preconditions.ETag(ResourceKind, Id, Version);

    /// <inheritdoc />
    public IEnumerable<string> SurrogateKeys()
    {
        yield return $"link-{Id}";
        yield return $"article-{ArticleId}";
        if (TargetArticle is not null)
        {
            yield return $"article-{TargetArticle.Id}";
        }
    }

    /// <inheritdoc />
    public DateTimeOffset LastModified() => UpdatedAt;
}

/// <summary>A link to add to an article, or the full new state of one to replace. Give either <c>url</c> or <c>targetArticleId</c>.</summary>
/// <param name="Kind">Required: <c>inline</c>, <c>related</c> or <c>more</c>.</param>
/// <param name="Title">At most 300 characters; required with <c>url</c>, optional with <c>targetArticleId</c> (then the target's headline is shown).</param>
/// <param name="Url">Absolute http(s) URL, or site-relative starting with <c>/</c>; at most 2,048 characters.</param>
/// <param name="TargetArticleId">An article of ours; its headline and URL are used when title or URL are not set.</param>
/// <param name="Position">Order among the article's links, 1 or more; default after the last one (on replace: kept).</param>
/// <param name="AfterParagraph">Required for <c>inline</c> links, not allowed otherwise: how many body paragraphs come before it.</param>
public sealed record LinkRequest(
    LinkKind? Kind,
    string? Title = null,
    string? Url = null,
    long? TargetArticleId = null,
    int? Position = null,
    int? AfterParagraph = null);

/// <summary>Query parameters of an article's links.</summary>
public sealed class ListArticleLinksQuery : PagedQuery
{
    /// <summary>Only links of this kind: <c>inline</c>, <c>related</c> or <c>more</c>.</summary>
    [FromQuery(Name = "kind")] public string? Kind { get; init; }
}
