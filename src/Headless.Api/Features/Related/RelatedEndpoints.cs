using System.Security.Claims;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Articles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Related;

public static class RelatedEndpoints
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    /// <summary>How many related articles <c>include=related</c> embeds per article.</summary>
    public const int IncludedPerArticle = 5;

    /// <summary>The cursor tag of backlinks (newest first); unique, so a cursor of another list with other key values is refused.</summary>
    private const string BacklinksSort = "backlinks";

    public static void MapRelated(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/articles/{id:long}").WithTags("Related");
        group.MapGet("/related", ListRelatedArticles).WithName(nameof(ListRelatedArticles)).WithValidation<RelatedQuery>();
        group.MapGet("/backlinks", ListBacklinks).WithName(nameof(ListBacklinks)).WithValidation<ListBacklinksQuery>();
    }

    /// <summary>Lists the articles related to one article, strongest first.</summary>
    /// <remarks>
    /// First the curated ones: the article's <c>related</c> links to our own articles, in link order (reason
    /// <c>curated</c>, score 1000 − rank, so they always come first). Then articles that share tags with it (reason
    /// <c>sharedTags</c>, with the shared tag slugs, rarest first), scored
    /// <c>score = Σ weight(tag) × (1 + 1 / (1 + ageDays / 30))</c> over the shared tags, where
    /// <c>weight(tag) = 1 / ln(2 + min(number of articles with the tag, 5000))</c> (articles in any status): a tag on a
    /// handful of articles says more than one on thousands, and of two equal matches the newer one wins (a new article
    /// counts up to twice, a month-old one 1.5 times). The search is bounded so that it stays fast on large archives: per tag of
    /// the article, only the latest 200 articles with the tag are candidates (and the tag counts for a candidate only
    /// there). Then, while the list is shorter than <c>limit</c>, the latest articles (reason <c>recent</c>, score
    /// below 0.01). Never the article itself, never twice, and only articles the public can read, whoever asks. 404 when
    /// the article does not exist or is a draft the caller cannot read. <c>limit</c> is 1-50 (default 10). Not paged:
    /// <c>page.next</c> is always null.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<RelatedArticleResponse>>, NotFound>> ListRelatedArticles(
        long id, [AsParameters] RelatedQuery query, RelatedStore store, ArticleStore articles, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await articles.IsVisibleAsync(id, user.CanReadDrafts(), ct))
        {
            return TypedResults.NotFound();
        }

        var limit = query.Limit ?? DefaultLimit;
        var items = await store.ForArticleAsync(id, limit, ct);
        return TypedResults.Ok(new ListResponse<RelatedArticleResponse>(items, new PageInfo(limit, null)));
    }

    /// <summary>Lists the articles that link to one article, newest first.</summary>
    /// <remarks>
    /// Every link of any kind (<c>inline</c>, <c>related</c>, <c>more</c>) that targets this article, with the linking
    /// article; an article that links twice appears twice, once per link. Drafts and other unpublished articles are left
    /// out unless the request has an editor or admin key. 404 when the article does not exist or is a draft the caller
    /// cannot read. Keyset pages: follow <c>page.next</c> as <c>cursor</c>; <c>count=true</c> adds the exact total.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<BacklinkResponse>>, NotFound, ProblemHttpResult>> ListBacklinks(
        long id, [AsParameters] ListBacklinksQuery query, RelatedStore store, ArticleStore articles, CursorCodec codec, ClaimsPrincipal user, CancellationToken ct)
    {
        var includeHidden = user.CanReadDrafts();
        if (!await articles.IsVisibleAsync(id, includeHidden, ct))
        {
            return TypedResults.NotFound();
        }

        if (!query.TryResolve(codec, BacklinksSort, out var page, out var problem))
        {
            return problem!;
        }

        var rows = await store.BacklinksAsync(id, includeHidden, page, ct);
        long? total = page.Count ? await store.CountBacklinksAsync(id, includeHidden, ct) : null;
        return TypedResults.Ok(Paging.ToPage(rows, page, codec, BacklinksSort, row => [row.SortKey, row.Id, row.LinkId], ToResponse, total));
    }

    private static BacklinkResponse ToResponse(BacklinkRow row) =>
        new(row.Id, row.Slug, row.Headline, row.PublishedAt, row.LinkId, row.LinkKind);
}
