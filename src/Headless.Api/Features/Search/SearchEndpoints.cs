using System.Security.Claims;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Tags;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Search;

public static class SearchEndpoints
{
    public const int MaxSuggestions = 10;
    private const string Sort = "relevance";

    public static void MapSearch(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/search").WithTags("Search");
        group.MapGet("/", Search).WithName(nameof(Search)).WithValidation<SearchQuery>();
        group.MapGet("/suggest", Suggest).WithName(nameof(Suggest)).WithValidation<SuggestQuery>();
    }

    /// <summary>Searches articles and quotes, best match first.</summary>
    /// <remarks>
    /// Full-text search over articles (headline, dek, body, tag names, byline) and quotes (text, speaker, speaker's
    /// role). Case and accents are ignored (<c>mexico</c> finds <c>México</c>) and English endings folded. Syntax:
    /// words (all must match; words of 4 or more letters also match words they start, so <c>sovereign</c> finds
    /// <c>sovereignty</c>, unless the word alone fills the rank window), <c>"a phrase"</c>, <c>-word</c> to exclude, <c>OR</c> between words, <c>word*</c> for a prefix.
    /// Anything else is searched as text; a search with no words, only exclusions, more than 32 terms or more than 500
    /// characters is a 400 that says so.
    ///
    /// Hits are ranked by BM25 with the headline weighted above the dek, and that above tags, byline and body. Each hit
    /// has a <c>highlight</c>: HTML-escaped text with matches in <c>&lt;mark&gt;</c>. Quote hits carry their article's id,
    /// slug and headline. Narrow with <c>type</c>, <c>tag</c>, <c>section</c>, <c>publishedAfter</c> and
    /// <c>publishedBefore</c> (quotes by their article's); <c>facets=tag,section</c> adds counts over the whole result set.
    /// A search matching more than the rank window (1,000 by default, <c>Headless:Search:RankWindow</c>) of one type
    /// ranks its newest matches of that type; <c>count=true</c> and facets count every match.
    ///
    /// Only published articles (and their quotes) are found, unless the request carries an editor or admin key.
    /// Pages with <c>limit</c> and <c>cursor</c>.
    /// </remarks>
    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        [AsParameters] SearchQuery query, SearchStore store, CursorCodec codec, ClaimsPrincipal user, CancellationToken ct)
    {
        SearchExpression.TryParse(query.Q, out var expression, out _);
        SearchQueryRules.TryParseTypes(query.Type, out var articles, out var quotes);
        SearchQueryRules.TryParseFacets(query.Facets, out var tagFacets, out var sectionFacets);
        if (!query.TryResolve(codec, Sort, out var page, out var problem))
        {
            return problem!;
        }

        expression = await store.WithoutCommonExpansionsAsync(expression!, quotesOnly: !articles, ct);
        var filter = new SearchFilter(expression, articles, quotes, (query.Tag ?? []).Distinct(StringComparer.Ordinal).ToList(),
            query.Section, query.PublishedAfter, query.PublishedBefore, user.CanReadDrafts());
        var after = page.After?.Values;
        var rows = await store.SearchAsync(
            filter,
            after is null ? double.MinValue : Convert.ToDouble(after[0], System.Globalization.CultureInfo.InvariantCulture),
            after is null ? -1 : (long)after[1],
            after is null ? 0 : (long)after[2],
            page.FetchLimit,
            ct);
        var shown = rows.Take(page.Limit).ToList();
        var loaded = await store.LoadAsync(expression, shown, ct);
        var hits = shown.Select(row => ToHit(row, loaded)).OfType<SearchHit>().ToList();
        long? total = page.Count ? await store.CountAsync(filter, ct) : null;
        SearchFacets? facets = null;
        if (tagFacets || sectionFacets)
        {
            var (tags, sections) = await store.FacetsAsync(filter, tagFacets, sectionFacets, ct);
            facets = new SearchFacets(tags?.Select(ToFacet).ToList(), sections?.Select(ToFacet).ToList());
        }

        var next = rows.Count > page.Limit ? codec.Encode(Sort, [shown[^1].Rank, shown[^1].Kind, shown[^1].Id]) : null;
        return TypedResults.Ok(new SearchResponse(hits, new PageInfo(page.Limit, next, total), facets));
    }

    /// <summary>Completes what a reader is typing: tags, speakers and headlines.</summary>
    /// <remarks>
    /// For a search box's type-ahead. Every word of <c>q</c> is matched as the start of a word, ignoring case and
    /// accents (<c>sov</c> finds "Sovereignty", <c>mex sov</c> finds "Mexico's sovereignty…"). Up to <c>limit</c>
    /// completions (default 10): up to three tags, then up to three speakers, then the newest matching headlines, any
    /// room left filled from the other kinds. Headlines of articles the caller may not read, and speakers quoted only
    /// in them, are never offered.
    /// </remarks>
    public static async Task<Ok<SuggestResponse>> Suggest([AsParameters] SuggestQuery query, SearchStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var limit = query.Limit ?? MaxSuggestions;
        var (tags, speakers, headlines) = await store.SuggestAsync(SearchExpression.PrefixMatch(query.Q!)!, limit, user.CanReadDrafts(), ct);
        const int share = 3;
        var takeTags = Math.Min(tags.Count, share);
        var takeSpeakers = Math.Min(speakers.Count, share);
        var takeHeadlines = Math.Min(headlines.Count, limit - takeTags - takeSpeakers);
        var room = limit - takeTags - takeSpeakers - takeHeadlines;
        var moreTags = Math.Min(tags.Count - takeTags, room);
        takeTags += moreTags;
        takeSpeakers += Math.Min(speakers.Count - takeSpeakers, room - moreTags);

        var suggestions = tags.Take(takeTags).Select(r => new Suggestion(SuggestionKind.Tag, r.Label, Highlights.ToHtml(r.Highlight), r.Slug))
            .Concat(speakers.Take(takeSpeakers).Select(r => new Suggestion(SuggestionKind.Speaker, r.Label, Highlights.ToHtml(r.Highlight))))
            .Concat(headlines.Take(takeHeadlines).Select(r => new Suggestion(SuggestionKind.Headline, r.Label, Highlights.ToHtml(r.Highlight), r.Slug, r.Id)))
            .ToList();
        return TypedResults.Ok(new SuggestResponse(suggestions));
    }

    private static SearchHit? ToHit(SearchHitRow row, SearchPage page)
    {
        // A row deleted between the ranking query and this page's load is left out rather than shown half.
        if (row.Kind == SearchStore.ArticleKind && page.Articles.TryGetValue(row.Id, out var a))
        {
            var article = new SearchArticle(a.Id, a.Slug, a.Headline, a.Dek, a.Excerpt, a.Section, a.Byline, ArticleMapping.ParseStatus(a.Status),
                a.PublishedAt, a.UpdatedAt, page.Tags[a.Id].Select(t => new TagSummary(t.Id, t.Slug, t.Name)).ToList());
            return new SearchHit(SearchHitType.Article, -row.Rank, Highlights.ToHtml(page.ArticleSnippets.GetValueOrDefault(row.Id, a.Headline)), article, null);
        }

        if (row.Kind == SearchStore.QuoteKind && page.Quotes.TryGetValue(row.Id, out var q))
        {
            var quote = new SearchQuote(q.Id, q.Text, q.Speaker, q.SpeakerRole, q.UpdatedAt, new ArticleReference(q.ArticleId, q.ArticleSlug, q.ArticleHeadline));
            return new SearchHit(SearchHitType.Quote, -row.Rank, Highlights.ToHtml(page.QuoteSnippets.GetValueOrDefault(row.Id, q.Text)), null, quote);
        }

        return null;
    }

    private static FacetCount ToFacet(FacetRow row) => new(row.Value, row.Label, row.Count);
}
