using Headless.Api.Common.Http;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Headless.Api.Features.Tags;

namespace Headless.Api.Features.Articles;

/// <summary>Where an article is in the editorial workflow.</summary>
public enum ArticleStatus
{
    /// <summary>Being written; seen only with an editor or admin key.</summary>
    Draft,

    /// <summary>Public.</summary>
    Published,
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
/// <param name="PublishedAt">When it was published (UTC); null for drafts.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">Increases by one on every change.</param>
/// <param name="WordCount">Words in the body's text.</param>
/// <param name="ReadingTimeMinutes">Reading time at 230 words a minute, rounded up.</param>
/// <param name="Tags">Its tags, in the order the editor gave them.</param>
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
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    int WordCount,
    int ReadingTimeMinutes,
    IReadOnlyList<TagSummary> Tags);

/// <summary>An article to create, or the full new state of one to replace (PUT replaces every field).</summary>
/// <param name="Headline">Required; at most 300 characters.</param>
/// <param name="Slug">Lowercase a-z, 0-9 and single hyphens, at most 120 characters. Made from the headline when left out on create (with -2, -3… when taken); kept as it is when left out on replace.</param>
/// <param name="Dek">Standfirst, at most 1,000 characters.</param>
/// <param name="Body">Markdown, at most 1 MB (UTF-8).</param>
/// <param name="Excerpt">At most 1,000 characters; derived from the body's first paragraph when left out.</param>
/// <param name="Section">At most 100 characters.</param>
/// <param name="Byline">At most 200 characters.</param>
/// <param name="Language">BCP 47 language tag; default <c>en</c>.</param>
/// <param name="CanonicalUrl">Absolute http or https URL.</param>
/// <param name="FeaturedImage">The lead image.</param>
/// <param name="Status"><c>draft</c> (default) or <c>published</c>.</param>
/// <param name="PublishedAt">For published articles: when it was published; default now (or the earlier publish time on replace). Not in the future.</param>
/// <param name="Tags">Tag slugs, at most 20; unknown tags are created.</param>
public sealed record ArticleRequest(
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
    ArticleStatus? Status = null,
    DateTimeOffset? PublishedAt = null,
    IReadOnlyList<string>? Tags = null);

/// <summary>Query parameters of the article list.</summary>
public sealed class ListArticlesQuery : IPagedQuery
{
    /// <summary>Items per page, 1-100 (default 20).</summary>
    [FromQuery(Name = "limit")] public int? Limit { get; init; }

    /// <summary>Page number, from 1 (default 1).</summary>
    [FromQuery(Name = "page")] public int? Page { get; init; }

    /// <summary>Only articles with this tag (slug).</summary>
    [FromQuery(Name = "tag")] public string? Tag { get; init; }

    /// <summary><c>published</c> (default), or with an editor or admin key <c>draft</c> or <c>any</c>.</summary>
    [FromQuery(Name = "status")] public string? Status { get; init; }

    /// <summary>Body formats, comma-separated: <c>html</c>, <c>text</c>, <c>markdown</c> (default <c>html</c>).</summary>
    [FromQuery(Name = "formats")] public string? Formats { get; init; }
}

/// <summary>Query parameters of reading one article.</summary>
public sealed class ReadArticleQuery
{
    /// <summary>Body formats, comma-separated: <c>html</c>, <c>text</c>, <c>markdown</c> (default <c>html</c>).</summary>
    [FromQuery(Name = "formats")] public string? Formats { get; init; }
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
