using System.Security.Claims;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Articles;
using Headless.Api.Features.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Quotes;

public static class QuotesEndpoints
{
    public static void MapQuotes(this IEndpointRouteBuilder app)
    {
        var quotes = app.MapGroup("/v1/quotes").WithTags("Quotes");
        quotes.MapGet("/", ListQuotes).WithName(nameof(ListQuotes)).WithValidation<ListQuotesQuery>();
        quotes.MapGet("/{id:long}", GetQuote).WithName(nameof(GetQuote));
        quotes.MapPut("/{id:long}", UpdateQuote).WithName(nameof(UpdateQuote)).RequireAuthorization(Policies.Editor).WithValidation<QuoteRequest>().RequireIfMatch();
        quotes.MapDelete("/{id:long}", DeleteQuote).WithName(nameof(DeleteQuote)).RequireAuthorization(Policies.Editor).RequireIfMatch();

        var ofArticle = app.MapGroup("/v1/articles/{id:long}/quotes").WithTags("Quotes");
        ofArticle.MapGet("/", ListArticleQuotes).WithName(nameof(ListArticleQuotes)).WithValidation<ListArticleQuotesQuery>();
        ofArticle.MapPost("/", CreateQuote).WithName(nameof(CreateQuote)).RequireAuthorization(Policies.Editor).WithValidation<QuoteRequest>();
    }

    /// <summary>Lists quotes, newest first (in article order with <c>articleId</c>).</summary>
    /// <remarks>
    /// Filter by <c>speaker</c> (contains, case-insensitive), <c>articleId</c>, the article's <c>tag</c>, and <c>q</c> (full-text
    /// search over text, speaker and role, as in <c>GET /v1/search</c>). Quotes of drafts
    /// are listed only for editor and admin keys. Pages with <c>limit</c> and <c>cursor</c>; <c>count=true</c> adds the total.
    /// </remarks>
    public static Task<Results<Ok<ListResponse<QuoteResponse>>, ProblemHttpResult>> ListQuotes(
        [AsParameters] ListQuotesQuery query, QuoteStore store, CursorCodec codec, ClaimsPrincipal user, CancellationToken ct)
    {
        var speaker = string.IsNullOrWhiteSpace(query.Speaker) ? null : query.Speaker.Trim();
        var search = string.IsNullOrWhiteSpace(query.Q) ? null : SearchExpression.Parse(query.Q);
        var filter = new QuoteListFilter(speaker, query.ArticleId, (query.Tag ?? []).Distinct(StringComparer.Ordinal).ToList(), user.CanReadDrafts(), search);
        return PageAsync(query, filter, store, codec, ct);
    }

    /// <summary>Lists the quotes of one article, in the order they appear.</summary>
    /// <remarks>404 when the article does not exist, or is a draft and the request has no editor or admin key. Pages with <c>limit</c> and <c>cursor</c>.</remarks>
    public static async Task<Results<Ok<ListResponse<QuoteResponse>>, NotFound, ProblemHttpResult>> ListArticleQuotes(
        long id, [AsParameters] ListArticleQuotesQuery query, QuoteStore store, ArticleStore articles, CursorCodec codec, ClaimsPrincipal user, CancellationToken ct)
    {
        var includeDrafts = user.CanReadDrafts();
        if (!await articles.IsVisibleAsync(id, includeDrafts, ct))
        {
            return TypedResults.NotFound();
        }

        return (await PageAsync(query, new QuoteListFilter(null, id, [], includeDrafts), store, codec, ct)).Result switch
        {
            Ok<ListResponse<QuoteResponse>> ok => ok,
            ProblemHttpResult problem => problem,
            var unexpected => throw new InvalidOperationException($"Unexpected result {unexpected}."),
        };
    }

    private static async Task<Results<Ok<ListResponse<QuoteResponse>>, ProblemHttpResult>> PageAsync(
        IPagedQuery query, QuoteListFilter filter, QuoteStore store, CursorCodec codec, CancellationToken ct)
    {
        var (sort, key) = QuoteStore.SortOf(filter);
        if (!query.TryResolve(codec, sort, out var page, out var problem))
        {
            return problem!;
        }

        var rows = await store.ListAsync(filter, page, ct);
        long? total = page.Count ? await store.CountAsync(filter, ct) : null;
        return TypedResults.Ok(Paging.ToPage(rows, page, codec, sort, key, ToResponse, total));
    }

    /// <summary>Gets one quote with its speaker and article.</summary>
    /// <remarks>Quotes of drafts answer 404 unless the request carries an editor or admin key.</remarks>
    public static async Task<Results<Ok<QuoteResponse>, NotFound>> GetQuote(long id, QuoteStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.FindAsync(id, user.CanReadDrafts(), ct) is { } row ? TypedResults.Ok(ToResponse(row)) : TypedResults.NotFound();

    /// <summary>Adds a quote to an article.</summary>
    /// <remarks>The quote goes after the article's last one unless <c>position</c> is given. 404 when the article does not exist. Needs an editor or admin key.</remarks>
    public static async Task<Results<Created<QuoteResponse>, NotFound>> CreateQuote(long id, QuoteRequest request, QuoteStore store, CancellationToken ct)
    {
        if (await store.CreateAsync(id, request, ct) is not { } quoteId)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Created($"/v1/quotes/{quoteId}", ToResponse((await store.FindAsync(quoteId, includeDrafts: true, ct))!));
    }

    /// <summary>Replaces a quote.</summary>
    /// <remarks>
    /// Text, speaker, role and context are replaced; the position is kept when left out. Needs <c>If-Match</c> with the
    /// quote's current ETag (428 without, 412 when stale). Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<QuoteResponse>, NotFound, ProblemHttpResult>> UpdateQuote(long id, QuoteRequest request, QuoteStore store, HttpContext http, CancellationToken ct)
    {
        var ifMatch = Preconditions.ReadIfMatch(http.Request, QuoteResponse.ResourceKind, id);
        var result = await store.UpdateAsync(id, request, ifMatch ?? IfMatch.NoVersion, ct);
        return result.Outcome switch
        {
            WriteOutcome.Saved => TypedResults.Ok(ToResponse((await store.FindAsync(id, includeDrafts: true, ct))!)),
            WriteOutcome.NotFound => TypedResults.NotFound(),
            _ => Preconditions.Problem(ifMatch, http, QuoteResponse.ResourceKind, id, result.Version),
        };
    }

    /// <summary>Deletes a quote.</summary>
    /// <remarks>Needs <c>If-Match</c> with the quote's current ETag (428 without, 412 when stale). Needs an editor or admin key.</remarks>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteQuote(long id, QuoteStore store, HttpContext http, CancellationToken ct) =>
        Preconditions.DeleteAsync(http, QuoteResponse.ResourceKind, id, ifMatch => store.DeleteAsync(id, ifMatch, ct));

    internal static QuoteResponse ToResponse(QuoteRow row) => new(
        row.Id,
        row.ArticleId,
        new ArticleReference(row.ArticleId, row.ArticleSlug, row.ArticleHeadline),
        row.Text,
        row.Speaker,
        row.SpeakerRole,
        row.Context,
        row.Position,
        row.CreatedAt,
        row.UpdatedAt,
        row.Version);
}
