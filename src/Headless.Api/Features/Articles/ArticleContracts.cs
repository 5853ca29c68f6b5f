using System.Text.Json.Serialization;
using Headless.Api.Common.Http;
using Headless.Api.Features.Links;
using Headless.Api.Features.Quotes;
using Headless.Api.Features.Related;
using Headless.Api.Features.Tags;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Articles;

/// <summary>Where an article is in the editorial workflow.</summary>
public enum ArticleStatus
{
    /// <summary>Being written; seen only with an editor or admin key.</summary>
    Draft,

    /// <summary>Waiting to be published at <c>scheduledAt</c>; seen only with an editor or admin key.</summary>
    Scheduled,

    /// <summary>Public (until <c>expiresAt</c>, if set).</summary>
    Published,

    /// <summary>Taken out of circulation; seen only with an editor or admin key.</summary>
    Archived,
}

/// <summary>A workflow operation on an article.</summary>
public enum ArticleTransition
{
    /// <summary>Make it public now.</summary>
    Publish,

    /// <summary>Back to draft.</summary>
    Unpublish,

    /// <summary>Publish it at a set time.</summary>
    Schedule,

    /// <summary>Take it out of circulation.</summary>
    Archive,
}

/// <summary>The body of an article, in the formats asked for with <c>formats=</c>; formats not asked for are left out.</summary>
/// <param name="Html">Sanitised HTML rendered from the Markdown: no scripts, event handlers or <c>javascript:</c> URLs.</param>
/// <param name="Text">Plain text, for previews, search snippets and text-to-speech.</param>
/// <param name="Markdown">The Markdown source as written by the editor.</param>
public sealed record ArticleBodyResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Html,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Markdown);

/// <summary>The lead image of an article.</summary>
/// <param name="Url">Absolute http(s) URL, or a site-relative one starting with <c>/</c>.</param>
/// <param name="Alt">Alternative text for readers who cannot see the image.</param>
/// <param name="Caption">Caption shown under the image.</param>
/// <param name="Credit">Who made the image or holds its rights.</param>
public sealed record FeaturedImage(string Url, string? Alt = null, string? Caption = null, string? Credit = null);

/// <summary>A public, timestamped correction appended to an article.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Note">What was corrected.</param>
/// <param name="CreatedAt">When the correction was made (UTC).</param>
public sealed record CorrectionResponse(long Id, string Note, DateTimeOffset CreatedAt);

/// <summary>What partners may do with an article (its syndication rights).</summary>
public enum SyndicationRights
{
    /// <summary>Partners may republish the full text.</summary>
    Full,

    /// <summary>Partners get the headline, excerpt and a link back only.</summary>
    Excerpt,

    /// <summary>Never syndicated: left out of feeds and webhooks, and a tombstone (<c>withdrawn</c>) in partners' change feed.</summary>
    None,
}

/// <summary>Syndication settings (<c>Headless:Syndication</c>).</summary>
public sealed class SyndicationOptions
{
    /// <summary>The rights of an article created without <c>syndication</c>.</summary>
    public SyndicationRights Default { get; set; } = SyndicationRights.Full;
}

/// <summary>A news article.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Slug">URL slug, unique across articles.</param>
/// <param name="Headline">The headline.</param>
/// <param name="Dek">The standfirst shown under the headline.</param>
/// <param name="Body">The body in the formats asked for (default HTML).</param>
/// <param name="Excerpt">Short summary: as written by the editor, or the start of the first paragraph.</param>
/// <param name="Section">Newsroom section, such as <c>World</c>.</param>
/// <param name="Byline">Who wrote it.</param>
/// <param name="Language">BCP 47 language tag.</param>
/// <param name="CanonicalUrl">Absolute URL of the canonical page, when it lives elsewhere.</param>
/// <param name="FeaturedImage">The lead image.</param>
/// <param name="Status">Workflow status.</param>
/// <param name="PublishedAt">When it was (last) published (UTC); null unless published or archived after publication.</param>
/// <param name="ScheduledAt">For scheduled articles: when it will be published (UTC).</param>
/// <param name="ExpiresAt">When it leaves public reads (end of its rights window), if ever (UTC).</param>
/// <param name="Syndication">What partners may do with it: <c>full</c>, <c>excerpt</c> or <c>none</c>.</param>
/// <param name="SubstantiveUpdateAt">When it was last published or corrected (UTC): the date readers should see as "updated".</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed in any way (UTC).</param>
/// <param name="Version">Increases by one on every change; the ETag is derived from it.</param>
/// <param name="WordCount">Words in the body's text.</param>
/// <param name="ReadingTimeMinutes">Reading time at 230 words a minute, rounded up.</param>
/// <param name="Tags">Its tags, in the order the editor gave them.</param>
/// <param name="Corrections">Public corrections, oldest first.</param>
public sealed record ArticleResponse(
    long Id,
    string Slug,
    string Headline,
    string? Dek,
    ArticleBodyResponse Body,
    string Excerpt,
    string? Section,
    string? Byline,
    string Language,
    string? CanonicalUrl,
    FeaturedImage? FeaturedImage,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? ExpiresAt,
    SyndicationRights Syndication,
    DateTimeOffset? SubstantiveUpdateAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    int WordCount,
    int ReadingTimeMinutes,
    IReadOnlyList<TagSummary> Tags,
    IReadOnlyList<CorrectionResponse> Corrections) : IHasETag, ISurrogateKeys
{
    public const string ResourceKind = "article";

    /// <summary>With <c>include=quotes</c>: the article's quotes, in order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<QuoteResponse>? Quotes { get; init; }

    /// <summary>With <c>include=links</c>: the article's related links, in order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LinkResponse>? Links { get; init; }

    /// <summary>With <c>include=related</c>: related articles, strongest first (as <c>GET /v1/articles/{id}/related</c>, at most 5).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RelatedArticleResponse>? Related { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public string ETag => Preconditions.ETag(ResourceKind, Id, Version);

    /// <inheritdoc />
    public IEnumerable<string> SurrogateKeys()
    {
        yield return $"article-{Id}";
        foreach (var tag in Tags)
        {
            yield return $"tag-{tag.Id}";
        }

        if (Quotes is not null)
        {
            yield return "quotes";
        }

        if (Links is not null)
        {
            yield return "links";
        }

        if (Related is not null)
        {
            yield return "articles";
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? Expires() => ExpiresAt;

    /// <inheritdoc />
    public DateTimeOffset LastModified() =>
        new[] { UpdatedAt }.Concat(Quotes?.Select(q => q.UpdatedAt) ?? []).Concat(Links?.Select(l => l.UpdatedAt) ?? []).Max();
}

/// <summary>The fields of an article that editors write, shared by create, replace and patch.</summary>
public interface IArticleFields
{
    string Headline { get; }
    string? Slug { get; }
    string? Dek { get; }
    string? Body { get; }
    string? Excerpt { get; }
    string? Section { get; }
    string? Byline { get; }
    string? Language { get; }
    string? CanonicalUrl { get; }
    FeaturedImage? FeaturedImage { get; }
    DateTimeOffset? ExpiresAt { get; }
    IReadOnlyList<string>? Tags { get; }
    SyndicationRights? Syndication { get; }
}

/// <summary>An article to create.</summary>
/// <param name="Headline">Required; at most 300 characters.</param>
/// <param name="Slug">Lowercase a-z, 0-9 and single hyphens, at most 120 characters. Made from the headline when left out (with -2, -3… when taken).</param>
/// <param name="Dek">Standfirst, at most 1,000 characters.</param>
/// <param name="Body">Markdown, at most 1 MB (UTF-8).</param>
/// <param name="Excerpt">At most 1,000 characters; derived from the body's first paragraph when left out.</param>
/// <param name="Section">At most 100 characters.</param>
/// <param name="Byline">At most 200 characters.</param>
/// <param name="Language">BCP 47 language tag; default <c>en</c>.</param>
/// <param name="CanonicalUrl">Absolute http or https URL.</param>
/// <param name="FeaturedImage">The lead image.</param>
/// <param name="ExpiresAt">When it leaves public reads (its rights window ends).</param>
/// <param name="Tags">Tag slugs, at most 20; unknown tags are created.</param>
/// <param name="Status"><c>draft</c> (default) or <c>published</c>; afterwards status changes only through the workflow operations (publish, unpublish, schedule, archive).</param>
/// <param name="PublishedAt">For an article created published: when it was published, to import older stories (not in the future); default now.</param>
/// <param name="Syndication">What partners may do with it: <c>full</c>, <c>excerpt</c> or <c>none</c>; default <c>Headless:Syndication:Default</c> (<c>full</c>).</param>
public sealed record CreateArticleRequest(
    string Headline,
    string? Slug = null,
    string? Dek = null,
    string? Body = null,
    string? Excerpt = null,
    string? Section = null,
    string? Byline = null,
    string? Language = null,
    string? CanonicalUrl = null,
    FeaturedImage? FeaturedImage = null,
    DateTimeOffset? ExpiresAt = null,
    IReadOnlyList<string>? Tags = null,
    ArticleStatus? Status = null,
    DateTimeOffset? PublishedAt = null,
    SyndicationRights? Syndication = null) : IArticleFields;

/// <summary>The full new content of an article (PUT replaces every field; a field left out is cleared, but <c>slug</c> and <c>syndication</c> are kept). Status changes through the workflow operations.</summary>
/// <param name="Headline">Required; at most 300 characters.</param>
/// <param name="Slug">Lowercase a-z, 0-9 and single hyphens, at most 120 characters; kept when left out.</param>
/// <param name="Dek">Standfirst, at most 1,000 characters.</param>
/// <param name="Body">Markdown, at most 1 MB (UTF-8).</param>
/// <param name="Excerpt">At most 1,000 characters; derived from the body's first paragraph when left out.</param>
/// <param name="Section">At most 100 characters.</param>
/// <param name="Byline">At most 200 characters.</param>
/// <param name="Language">BCP 47 language tag; default <c>en</c>.</param>
/// <param name="CanonicalUrl">Absolute http or https URL.</param>
/// <param name="FeaturedImage">The lead image.</param>
/// <param name="ExpiresAt">When it leaves public reads (its rights window ends).</param>
/// <param name="Tags">Tag slugs, at most 20; unknown tags are created.</param>
/// <param name="Syndication">What partners may do with it: <c>full</c>, <c>excerpt</c> or <c>none</c>; kept when left out.</param>
public sealed record UpdateArticleRequest(
    string Headline,
    string? Slug = null,
    string? Dek = null,
    string? Body = null,
    string? Excerpt = null,
    string? Section = null,
    string? Byline = null,
    string? Language = null,
    string? CanonicalUrl = null,
    FeaturedImage? FeaturedImage = null,
    DateTimeOffset? ExpiresAt = null,
    IReadOnlyList<string>? Tags = null,
    SyndicationRights? Syndication = null) : IArticleFields;

/// <summary>When to publish a scheduled article.</summary>
/// <param name="PublishAt">Required: a time in the future (UTC or with an offset).</param>
public sealed record ScheduleRequest(DateTimeOffset? PublishAt);

/// <summary>A public correction to append to an article.</summary>
/// <param name="Note">Required: what was wrong and what it now says, at most 2,000 characters.</param>
public sealed record CorrectionRequest(string Note);

/// <summary>Who made a change to an article.</summary>
/// <param name="KeyId">The API key's id; null for the configuration admin key and the scheduler.</param>
/// <param name="Name">The key's name, <c>configuration admin key</c> or <c>scheduler</c>.</param>
public sealed record ActorResponse(long? KeyId, string Name);

/// <summary>A stored revision of an article: its full state at one version.</summary>
/// <param name="Number">The revision number, equal to the article's version after the change.</param>
/// <param name="CreatedAt">When the change was made (UTC).</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Article">The article as it was after the change (body in every format).</param>
public sealed record RevisionResponse(long Number, DateTimeOffset CreatedAt, ActorResponse Actor, ArticleResponse Article);

/// <summary>A revision in the list of an article's revisions.</summary>
/// <param name="Number">The revision number, equal to the article's version after the change.</param>
/// <param name="CreatedAt">When the change was made (UTC).</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Status">The article's status after the change.</param>
/// <param name="Headline">The article's headline after the change.</param>
public sealed record RevisionSummary(long Number, DateTimeOffset CreatedAt, ActorResponse Actor, ArticleStatus Status, string Headline);

/// <summary>Query parameters of the article list.</summary>
public sealed class ListArticlesQuery : PagedQuery
{
    /// <summary>
    /// Only articles matching this full-text search (the syntax of <c>GET /v1/search</c>), combined with the other filters
    /// and kept in the list's order; empty means no search. For results ranked by relevance, use <c>GET /v1/search</c>.
    /// </summary>
    [FromQuery(Name = "q")] public string? Q { get; init; }

    /// <summary>Only articles with any of these tags (slugs; repeat the parameter for more than one).</summary>
    [FromQuery(Name = "tag")] public string[]? Tag { get; init; }

    /// <summary>Only articles with all of these tags (slugs; repeatable).</summary>
    [FromQuery(Name = "tagAll")] public string[]? TagAll { get; init; }

    /// <summary>Only articles in this section (exact).</summary>
    [FromQuery(Name = "section")] public string? Section { get; init; }

    /// <summary>Only articles with this byline (exact).</summary>
    [FromQuery(Name = "byline")] public string? Byline { get; init; }

    /// <summary>Only articles in this language (BCP 47 tag, exact).</summary>
    [FromQuery(Name = "language")] public string? Language { get; init; }

    /// <summary>Only articles published at or after this instant (ISO-8601 with offset).</summary>
    [FromQuery(Name = "publishedAfter")] public DateTimeOffset? PublishedAfter { get; init; }

    /// <summary>Only articles published before this instant.</summary>
    [FromQuery(Name = "publishedBefore")] public DateTimeOffset? PublishedBefore { get; init; }

    /// <summary>Only articles changed at or after this instant.</summary>
    [FromQuery(Name = "updatedSince")] public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary><c>true</c>: only articles with quotes; <c>false</c>: only articles without.</summary>
    [FromQuery(Name = "hasQuotes")] public bool? HasQuotes { get; init; }

    /// <summary>Order: <c>-publishedAt</c> (default, newest first), <c>publishedAt</c>, <c>-updatedAt</c> or <c>headline</c>.</summary>
    [FromQuery(Name = "sort")] public string? Sort { get; init; }

    /// <summary>Sparse fieldset: the article fields to return, comma-separated (e.g. <c>id,slug,headline,publishedAt</c>).</summary>
    [FromQuery(Name = "fields")] public string? Fields { get; init; }

    /// <summary>Relations to embed, comma-separated: <c>tags</c> (always there), <c>quotes</c>, <c>links</c>, <c>related</c>.</summary>
    [FromQuery(Name = "include")] public string? Include { get; init; }

    /// <summary><c>published</c> (default), or with an editor or admin key <c>draft</c>, <c>scheduled</c>, <c>archived</c> or <c>any</c>.</summary>
    [FromQuery(Name = "status")] public string? Status { get; init; }

    /// <summary>Body formats, comma-separated: <c>html</c>, <c>text</c>, <c>markdown</c> (default <c>html</c>).</summary>
    [FromQuery(Name = "formats")] public string? Formats { get; init; }
}

/// <summary>Query parameters of an article's revisions.</summary>
public sealed class ListRevisionsQuery : PagedQuery
{
}

/// <summary>Query parameters of reading one article.</summary>
public sealed class ReadArticleQuery
{
    /// <summary>Sparse fieldset: the article fields to return, comma-separated (e.g. <c>id,slug,headline,publishedAt</c>).</summary>
    [FromQuery(Name = "fields")] public string? Fields { get; init; }

    /// <summary>Relations to embed, comma-separated: <c>tags</c> (always there), <c>quotes</c>, <c>links</c>, <c>related</c>.</summary>
    [FromQuery(Name = "include")] public string? Include { get; init; }

    /// <summary>Body formats, comma-separated: <c>html</c>, <c>text</c>, <c>markdown</c> (default <c>html</c>).</summary>
    [FromQuery(Name = "formats")] public string? Formats { get; init; }
}

/// <summary>The relations a read embeds.</summary>
[Flags]
public enum ArticleIncludes
{
    None = 0,
    Tags = 1,
    Quotes = 2,
    Links = 4,
    Related = 8,
}

/// <summary>Parses <c>include=</c> and checks <c>fields=</c> of article reads.</summary>
public static class ArticleReadOptions
{
    public const string AllowedIncludes = "tags, quotes, links, related";

    /// <summary>The article fields a sparse fieldset may name (the JSON names, plus the includes).</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "slug", "headline", "dek", "body", "excerpt", "section", "byline", "language", "canonicalUrl", "featuredImage",
        "status", "publishedAt", "scheduledAt", "expiresAt", "syndication", "substantiveUpdateAt", "createdAt", "updatedAt", "version",
        "wordCount", "readingTimeMinutes", "tags", "corrections", "quotes", "links", "related",
    };

    public static bool TryParseIncludes(string? value, out ArticleIncludes includes)
    {
        includes = ArticleIncludes.Tags;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        foreach (var part in value.Split(','))
        {
            ArticleIncludes? include = part.Trim() switch
            {
                "tags" => ArticleIncludes.Tags,
                "quotes" => ArticleIncludes.Quotes,
                "links" => ArticleIncludes.Links,
                "related" => ArticleIncludes.Related,
                _ => null,
            };
            if (include is null)
            {
                return false;
            }

            includes |= include.Value;
        }

        return true;
    }

    /// <summary>The fields of a sparse fieldset, or null for all; false when one is unknown.</summary>
    public static bool TryParseFields(string? value, out IReadOnlySet<string>? fields)
    {
        fields = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var names = value.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (names.Any(name => !Fields.Contains(name)))
        {
            return false;
        }

        fields = names;
        return true;
    }
}

/// <summary>The body formats a read asks for.</summary>
[Flags]
public enum BodyFormats
{
    None = 0,
    Html = 1,
    Text = 2,
    Markdown = 4,
}

public static class BodyFormatsParser
{
    public const string Allowed = "html, text, markdown";

    /// <summary>Parses <c>html,text,markdown</c> (any order, case-insensitive); null or empty means HTML.</summary>
    public static bool TryParse(string? value, out BodyFormats formats)
    {
        formats = BodyFormats.None;
        if (string.IsNullOrWhiteSpace(value))
        {
            formats = BodyFormats.Html;
            return true;
        }

        foreach (var part in value.Split(','))
        {
            BodyFormats? format = part.Trim().ToLowerInvariant() switch
            {
                "html" => BodyFormats.Html,
                "text" => BodyFormats.Text,
                "markdown" => BodyFormats.Markdown,
                _ => null,
            };
            if (format is null)
            {
                formats = BodyFormats.None;
                return false;
            }

            formats |= format.Value;
        }

        return true;
    }
}

/// <summary>A short reference to an article, carried by quotes and links.</summary>
/// <param name="Id">The article's id.</param>
/// <param name="Slug">The article's slug.</param>
/// <param name="Headline">The article's headline.</param>
public sealed record ArticleReference(long Id, string Slug, string Headline);
