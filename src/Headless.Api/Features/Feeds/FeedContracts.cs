using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Feeds;

/// <summary>Query parameters of the article feeds (RSS, Atom and JSON Feed).</summary>
public sealed class FeedQuery
{
    /// <summary>Only articles with any of these tags (slugs; repeat the parameter for more than one, at most 20).</summary>
    [FromQuery(Name = "tag")] public string[]? Tag { get; init; }

    /// <summary>Only articles in this section (exact).</summary>
    [FromQuery(Name = "section")] public string? Section { get; init; }

    /// <summary>How many articles, 1-100 (default 20), newest published first.</summary>
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
}

/// <summary>Feed settings (<c>Headless:Feeds</c>).</summary>
public sealed class FeedOptions
{
    /// <summary>The feeds' title, the publication's name; also the feed-level author.</summary>
    public string Title { get; set; } = "Headless";

    /// <summary>The feeds' description (RSS <c>description</c>, Atom <c>subtitle</c>, JSON Feed <c>description</c>).</summary>
    public string Description { get; set; } = "The latest articles.";

    /// <summary>The feeds' language (BCP 47); each Atom and JSON Feed item also carries its article's own.</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// The domain name in the items' ids (<c>tag:{IdAuthority},2026:article-{id}</c>). Default: the host of
    /// <c>Headless:PublicBaseUrl</c>, else the request's host. Set it once when the public site moves to another domain,
    /// to the old domain, so that no item's id changes.
    /// </summary>
    public string? IdAuthority { get; set; }
}

/// <summary>A feed as the writers take it: the same content for RSS, Atom and JSON Feed.</summary>
/// <param name="Id">The feed's own id (Atom <c>id</c>): a tag URI naming the feed and its filters.</param>
/// <param name="Title">Its title: the publication's name, and the filters when there are any.</param>
/// <param name="Publisher">The publication's name, the feed-level author.</param>
/// <param name="Description">Its description.</param>
/// <param name="Language">Its language (BCP 47).</param>
/// <param name="HomeUrl">The public site's home page (absolute).</param>
/// <param name="SelfUrl">Where this feed is fetched, in this format (absolute, with its query).</param>
/// <param name="Updated">When its content last changed: the newest change to any public article or tag, or expiry.</param>
/// <param name="Entries">Its items, newest published first.</param>
public sealed record Feed(
    string Id,
    string Title,
    string Publisher,
    string Description,
    string Language,
    string HomeUrl,
    string SelfUrl,
    DateTimeOffset Updated,
    IReadOnlyList<FeedEntry> Entries);

/// <summary>One article in a feed.</summary>
/// <param name="Id">Its stable id, <c>tag:{authority},2026:article-{articleId}</c>: never its URL, which changes with the slug.</param>
/// <param name="ArticleId">The article's id in this API.</param>
/// <param name="Slug">Its slug.</param>
/// <param name="Title">Its headline.</param>
/// <param name="Link">Its page: the canonical URL, or <c>{base}/articles/{slug}</c>.</param>
/// <param name="Summary">Its excerpt, plain text.</param>
/// <param name="ContentHtml">Its full sanitised HTML body, only when the caller may have it; otherwise null.</param>
/// <param name="Author">Its byline.</param>
/// <param name="Language">Its language (BCP 47).</param>
/// <param name="Section">Its section.</param>
/// <param name="Syndication">Its syndication rights: <c>full</c> or <c>excerpt</c>.</param>
/// <param name="ImageUrl">Its featured image (absolute).</param>
/// <param name="Published">When it was published.</param>
/// <param name="Updated">When it was last published or corrected (its substantive update), never before <paramref name="Published"/>.</param>
/// <param name="Categories">Its tags, in the editor's order.</param>
public sealed record FeedEntry(
    string Id,
    long ArticleId,
    string Slug,
    string Title,
    string Link,
    string Summary,
    string? ContentHtml,
    string? Author,
    string Language,
    string? Section,
    string Syndication,
    string? ImageUrl,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    IReadOnlyList<FeedCategory> Categories);

/// <summary>A tag as a feed category.</summary>
/// <param name="Slug">The tag's slug (Atom <c>term</c>).</param>
/// <param name="Name">The tag's name (RSS category text, Atom <c>label</c>, JSON Feed tag).</param>
/// <param name="Scheme">The tags' scheme, <c>{base}/tags/</c>: Atom <c>scheme</c>; with the slug, the RSS <c>domain</c>.</param>
public sealed record FeedCategory(string Slug, string Name, string Scheme);
