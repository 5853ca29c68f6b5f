using Headless.Api.Common.Http;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Related;

/// <summary>Why an article is offered as related.</summary>
public enum RelatedReason
{
    /// <summary>An editor linked it (a <c>related</c> link to one of our articles).</summary>
    Curated,

    /// <summary>It shares tags with the article (rarer tags weigh more), newer ones first.</summary>
    SharedTags,

    /// <summary>Nothing else was found: one of the latest articles.</summary>
    Recent,
}

/// <summary>An article offered as related to another, with why and how strongly.</summary>
/// <param name="Id">The related article's id.</param>
/// <param name="Slug">Its slug.</param>
/// <param name="Headline">Its headline.</param>
/// <param name="Excerpt">Its excerpt.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="Url">Its URL: its canonical URL, or <c>/articles/{slug}</c>.</param>
/// <param name="Reason">Why it is offered.</param>
/// <param name="SharedTags">For <c>sharedTags</c>: the slugs of the tags it shares.</param>
/// <param name="Score">How strongly it is related; higher first. Curated links score above every computed match.</param>
public sealed record RelatedArticleResponse(
    long Id,
    string Slug,
    string Headline,
    string Excerpt,
    DateTimeOffset? PublishedAt,
    string Url,
    RelatedReason Reason,
    IReadOnlyList<string> SharedTags,
    double Score);

/// <summary>An article that links to another one.</summary>
/// <param name="Id">The linking article's id.</param>
/// <param name="Slug">Its slug.</param>
/// <param name="Headline">Its headline.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="LinkId">The id of the link.</param>
/// <param name="LinkKind">The kind of the link: <c>inline</c>, <c>related</c> or <c>more</c>.</param>
public sealed record BacklinkResponse(long Id, string Slug, string Headline, DateTimeOffset? PublishedAt, long LinkId, string LinkKind);

/// <summary>Query parameters of related articles.</summary>
public sealed class RelatedQuery
{
    /// <summary>How many, 1-50 (default 10).</summary>
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
}

/// <summary>Query parameters of backlinks.</summary>
public sealed class ListBacklinksQuery : PagedQuery
{
}
