using System.Text.Json.Serialization;
using Headless.Api.Common.Http;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Tags;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Search;

/// <summary>What a search hit is.</summary>
public enum SearchHitType
{
    /// <summary>An article: <c>article</c> is set.</summary>
    Article,

    /// <summary>A quote: <c>quote</c> is set, with its article's id, slug and headline.</summary>
    Quote,
}

/// <summary>One search result.</summary>
/// <param name="Type">What it is: <c>article</c> or <c>quote</c>.</param>
/// <param name="Score">Relevance (BM25, higher is better); only comparable within one search.</param>
/// <param name="Highlight">
/// A short passage of the best-matching field with each match wrapped in <c>&lt;mark&gt;</c>; everything else is
/// HTML-escaped, so it can be inserted into a page as HTML.
/// </param>
/// <param name="Article">For article hits: the article. Null for quote hits.</param>
/// <param name="Quote">For quote hits: the quote and its article. Null for article hits.</param>
public sealed record SearchHit(SearchHitType Type, double Score, string Highlight, SearchArticle? Article, SearchQuote? Quote) : ISurrogateKeys
{
    /// <inheritdoc />
    public IEnumerable<string> SurrogateKeys()
    {
        if (Article is not null)
        {
            yield return $"article-{Article.Id}";
        }

        if (Quote is not null)
        {
            yield return $"quote-{Quote.Id}";
            yield return $"article-{Quote.Article.Id}";
        }
    }

    /// <inheritdoc />
    public DateTimeOffset LastModified() => Article?.UpdatedAt ?? Quote?.UpdatedAt ?? default;
}

/// <summary>An article found by a search.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Slug">URL slug.</param>
/// <param name="Headline">Headline.</param>
/// <param name="Dek">Standfirst.</param>
/// <param name="Excerpt">The first words of the body.</param>
/// <param name="Section">Section.</param>
/// <param name="Byline">Byline.</param>
/// <param name="Status">Workflow status (only editor and admin keys find other than <c>published</c>).</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Tags">Its tags, in order.</param>
public sealed record SearchArticle(
    long Id,
    string Slug,
    string Headline,
    string? Dek,
    string Excerpt,
    string? Section,
    string? Byline,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TagSummary> Tags);

/// <summary>A quote found by a search.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Text">The words, verbatim.</param>
/// <param name="Speaker">Who said it.</param>
/// <param name="SpeakerRole">The speaker's role or title.</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Article">The article it appears in: id, slug and headline.</param>
public sealed record SearchQuote(long Id, string Text, string Speaker, string? SpeakerRole, DateTimeOffset UpdatedAt, ArticleReference Article);

/// <summary>How many hits fall under one tag or section.</summary>
/// <param name="Value">The tag's slug, or the section (pass it as <c>tag</c> or <c>section</c> to narrow the search).</param>
/// <param name="Label">The tag's name, or the section.</param>
/// <param name="Count">How many hits (articles, and quotes through their article) have it, over the whole result set.</param>
public sealed record FacetCount(string Value, string Label, long Count);

/// <summary>Counts per tag and section over the whole result set (with <c>facets=</c>), the 20 largest of each.</summary>
/// <param name="Tag">With <c>facets=tag</c>: counts per tag, largest first.</param>
/// <param name="Section">With <c>facets=section</c>: counts per section, largest first.</param>
public sealed record SearchFacets(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FacetCount>? Tag,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FacetCount>? Section);

/// <summary>A page of search results, best first.</summary>
/// <param name="Data">The hits on this page.</param>
/// <param name="Page">How to ask for the next page.</param>
/// <param name="Facets">With <c>facets=</c> only: counts per tag and section.</param>
public sealed record SearchResponse(
    IReadOnlyList<SearchHit> Data,
    PageInfo Page,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchFacets? Facets = null) : IListPage
{
    IEnumerable<object> IListPage.Items => Data;

    string? IListPage.Next => Page.Next;
}

/// <summary>What a completion completes to.</summary>
public enum SuggestionKind
{
    /// <summary>An article's headline: <c>articleId</c> and <c>slug</c> point to it.</summary>
    Headline,

    /// <summary>A tag's name: <c>slug</c> is the tag's.</summary>
    Tag,

    /// <summary>Someone quoted in an article.</summary>
    Speaker,
}

/// <summary>A type-ahead completion.</summary>
/// <param name="Kind">What it completes to: <c>tag</c>, <c>speaker</c> or <c>headline</c>.</param>
/// <param name="Text">The completion, as stored.</param>
/// <param name="Highlight">The completion with the typed prefixes wrapped in <c>&lt;mark&gt;</c>, otherwise HTML-escaped.</param>
/// <param name="Slug">For tags and headlines: the tag's or article's slug.</param>
/// <param name="ArticleId">For headlines: the article's id.</param>
public sealed record Suggestion(
    SuggestionKind Kind,
    string Text,
    string Highlight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Slug = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ArticleId = null);

/// <summary>Type-ahead completions: tags first, then speakers, then the newest matching headlines.</summary>
/// <param name="Data">Up to <c>limit</c> completions.</param>
public sealed record SuggestResponse(IReadOnlyList<Suggestion> Data) : ISurrogateKeys
{
    /// <inheritdoc />
    public IEnumerable<string> SurrogateKeys() => ["articles", "tags", "quotes"];

    /// <inheritdoc />
    public DateTimeOffset LastModified() => default;
}

/// <summary>Query parameters of a search.</summary>
public sealed class SearchQuery : PagedQuery
{
    /// <summary>
    /// Required, at most 500 characters. Words (all must match; words of 4 or more letters also match words they
    /// start), <c>"a phrase"</c>, <c>-word</c> to exclude, <c>OR</c> between words, <c>word*</c> for a prefix. Case and
    /// accents do not matter; English word endings are folded (<c>rules</c> finds <c>rule</c>).
    /// </summary>
    [FromQuery(Name = "q")] public string? Q { get; init; }

    /// <summary>What to search, comma-separated: <c>article</c>, <c>quote</c> (default both).</summary>
    [FromQuery(Name = "type")] public string? Type { get; init; }

    /// <summary>Only hits whose article has any of these tags (slugs; repeatable).</summary>
    [FromQuery(Name = "tag")] public string[]? Tag { get; init; }

    /// <summary>Only hits whose article is in this section (exact).</summary>
    [FromQuery(Name = "section")] public string? Section { get; init; }

    /// <summary>Only hits whose article was published at or after this instant (ISO-8601 with offset).</summary>
    [FromQuery(Name = "publishedAfter")] public DateTimeOffset? PublishedAfter { get; init; }

    /// <summary>Only hits whose article was published before this instant.</summary>
    [FromQuery(Name = "publishedBefore")] public DateTimeOffset? PublishedBefore { get; init; }

    /// <summary>Counts to add, comma-separated: <c>tag</c>, <c>section</c>.</summary>
    [FromQuery(Name = "facets")] public string? Facets { get; init; }
}

/// <summary>Query parameters of type-ahead completions.</summary>
public sealed class SuggestQuery
{
    /// <summary>Required: what the reader has typed so far, 1-100 characters. Every word is matched as a prefix.</summary>
    [FromQuery(Name = "q")] public string? Q { get; init; }

    /// <summary>How many completions, 1-10 (default 10).</summary>
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
}

/// <summary>Search options (<c>Headless:Search</c>).</summary>
public sealed class SearchOptions
{
    /// <summary>
    /// How many of the newest matches of each type are ranked. A search matching more (a common word over a large
    /// archive) ranks its newest matches only, which bounds its cost; counts and facets still cover every match.
    /// </summary>
    public int RankWindow { get; set; } = 1000;
}
