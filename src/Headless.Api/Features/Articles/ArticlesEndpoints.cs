using System.Security.Claims;
using System.Text.Json.Nodes;
using FluentValidation;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Headless.Api.Features.Articles;

public static class ArticlesEndpoints
{
    private const BodyFormats AllFormats = BodyFormats.Html | BodyFormats.Text | BodyFormats.Markdown;

    public static void MapArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/articles").WithTags("Articles");
        group.MapGet("/", ListArticles).WithName(nameof(ListArticles)).WithValidation<ListArticlesQuery>().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:long}", GetArticle).WithName(nameof(GetArticle)).WithValidation<ReadArticleQuery>();
        group.MapGet("/slug/{slug}", GetArticleBySlug).WithName(nameof(GetArticleBySlug)).WithValidation<ReadArticleQuery>();
        group.MapPost("/", CreateArticle).WithName(nameof(CreateArticle))
            .RequireAuthorization(Policies.Editor).WithValidation<CreateArticleRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:long}", UpdateArticle).WithName(nameof(UpdateArticle))
            .RequireAuthorization(Policies.Editor).WithValidation<UpdateArticleRequest>().RequireIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:long}", PatchArticle).WithName(nameof(PatchArticle))
            .RequireAuthorization(Policies.Editor).RequireIfMatch().Accepts<JsonObject>(MergePatch.MediaType)
            .Produces<ArticleResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapDelete("/{id:long}", DeleteArticle).WithName(nameof(DeleteArticle)).RequireAuthorization(Policies.Editor).RequireIfMatch();
    }

    /// <summary>Lists articles, newest published first.</summary>
    /// <remarks>
    /// Published articles (within their rights window) for everyone; with an editor or admin key, <c>status</c> can be
    /// <c>draft</c>, <c>scheduled</c>, <c>archived</c> or <c>any</c>. Filters: <c>tag</c> (any of), <c>tagAll</c> (all of),
    /// <c>section</c>, <c>byline</c>, <c>language</c>, <c>publishedAfter</c>, <c>publishedBefore</c>, <c>updatedSince</c>,
    /// <c>hasQuotes</c>, and <c>q</c> (full-text search, as in <c>GET /v1/search</c>); order with <c>sort</c>. <c>include</c> embeds quotes, links or related articles (one query per
    /// relation per page); <c>fields</c> trims each article to the fields named; <c>formats</c> picks body formats.
    /// Keyset pages: follow <c>page.next</c> (also in the <c>Link</c> header) as <c>cursor</c>; a page deep in the list
    /// costs what the first does. <c>count=true</c> adds the exact total.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<ArticleResponse>>, ProblemHttpResult>> ListArticles(
        [AsParameters] ListArticlesQuery query, ArticleStore store, ArticleIncludesLoader includes, CursorCodec codec, ClaimsPrincipal user, CancellationToken ct)
    {
        var status = query.Status ?? "published";
        var editor = user.CanReadDrafts();
        if (status != "published" && !editor)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"status={status} needs an editor or admin key; without one only published articles are listed.");
        }

        var sort = ArticleSort.Parse(query.Sort);
        if (!query.TryResolve(codec, sort.Name, out var page, out var problem))
        {
            return problem!;
        }

        IReadOnlyList<string>? statuses = (editor, status) switch
        {
            (false, _) => null,
            (true, "any") => ["draft", "scheduled", "published", "archived"],
            _ => [status],
        };
        var filter = new ArticleListFilter(
            statuses,
            Distinct(query.Tag),
            Distinct(query.TagAll),
            query.Section,
            query.Byline,
            query.Language,
            query.PublishedAfter,
            query.PublishedBefore,
            query.UpdatedSince,
            query.HasQuotes,
            string.IsNullOrWhiteSpace(query.Q) ? null : SearchExpression.Parse(query.Q));
        var formats = Formats(query.Formats);
        var rows = await store.ListAsync(filter, sort, page, formats, ct);
        long? total = page.Count ? await store.CountAsync(filter, ct) : null;
        var shown = rows.Take(page.Limit).ToList();
        var items = await includes.LoadAsync(await store.ToResponsesAsync(shown, formats, ct), Includes(query.Include), editor, ct);
        var list = Paging.ToPage(rows, page, codec, sort.Name, sort.Key, row => row, total);
        return TypedResults.Ok(new ListResponse<ArticleResponse>(items, list.Page));
    }

    /// <summary>Gets one article by id.</summary>
    /// <remarks>
    /// Drafts, scheduled, archived and expired articles answer 404 unless the request carries an editor or admin key.
    /// <c>include</c> embeds quotes, links or related articles; <c>fields</c> trims it. The <c>ETag</c> header carries the
    /// version, for <c>If-Match</c> on writes.
    /// </remarks>
    public static async Task<Results<Ok<ArticleResponse>, NotFound>> GetArticle(
        long id, [AsParameters] ReadArticleQuery query, ArticleStore store, ArticleIncludesLoader includes, ClaimsPrincipal user, CancellationToken ct) =>
        await store.ReadAsync(id, null, user.CanReadDrafts(), Formats(query.Formats), ct) is { } article
            ? TypedResults.Ok(await WithIncludesAsync(article, query, includes, user, ct))
            : TypedResults.NotFound();

    /// <summary>Gets one article by its slug.</summary>
    /// <remarks>
    /// The usual way a front end reads the article behind a URL, e.g. with <c>include=tags,quotes,links</c>. Drafts,
    /// scheduled, archived and expired articles answer 404 unless the request carries an editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<ArticleResponse>, NotFound>> GetArticleBySlug(
        string slug, [AsParameters] ReadArticleQuery query, ArticleStore store, ArticleIncludesLoader includes, ClaimsPrincipal user, CancellationToken ct) =>
        await store.ReadAsync(null, slug, user.CanReadDrafts(), Formats(query.Formats), ct) is { } article
            ? TypedResults.Ok(await WithIncludesAsync(article, query, includes, user, ct))
            : TypedResults.NotFound();

    private static async Task<ArticleResponse> WithIncludesAsync(ArticleResponse article, ReadArticleQuery query, ArticleIncludesLoader includes, ClaimsPrincipal user, CancellationToken ct) =>
        (await includes.LoadAsync([article], Includes(query.Include), user.CanReadDrafts(), ct))[0];

    private static ArticleIncludes Includes(string? text)
    {
        ArticleReadOptions.TryParseIncludes(text, out var includes);
        return includes;
    }

    private static IReadOnlyList<string> Distinct(string[]? values) => (values ?? []).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Creates an article.</summary>
    /// <remarks>
    /// The body is Markdown; it is rendered to sanitised HTML and plain text once, here. Tags are given by slug and
    /// unknown ones are created. Without <c>slug</c>, one is made from the headline. A taken slug is 409. The article is a
    /// draft unless <c>status</c> is <c>published</c>; revision 1 records who created it. <c>syndication</c> (what partners
    /// may republish) defaults to <c>Headless:Syndication:Default</c>. Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Created<ArticleResponse>, ProblemHttpResult>> CreateArticle(
        CreateArticleRequest request, ArticleStore store, ArticleBodyRenderer renderer, IOptions<SyndicationOptions> syndication, ClaimsPrincipal user, CancellationToken ct)
    {
        var write = ToWrite(request with { Syndication = request.Syndication ?? syndication.Value.Default }, renderer);
        var result = await store.CreateAsync(write, request.Status ?? ArticleStatus.Draft, request.PublishedAt, user.Actor(), ct);
        if (result.Outcome == WriteOutcome.Conflict)
        {
            return Problems.SlugTaken("article", request.Slug);
        }

        return TypedResults.Created($"/v1/articles/{result.Id}", await LoadAsync(store, result.Id, ct));
    }

    /// <summary>Replaces an article's content.</summary>
    /// <remarks>
    /// Every field is replaced by the request's (a field left out is cleared), except <c>slug</c>, which is kept when left
    /// out. Status changes through the workflow operations. Needs <c>If-Match</c> with the article's current ETag: 428
    /// without it, 412 (with the current ETag) when someone else changed it first. Stores a revision. Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> UpdateArticle(
        long id, UpdateArticleRequest request, ArticleStore store, ArticleBodyRenderer renderer, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        await SaveAsync(id, ToWrite(request, renderer), request.Slug, store, user, http, ct);

    /// <summary>Changes some fields of an article (JSON Merge Patch).</summary>
    /// <remarks>
    /// Send <c>application/merge-patch+json</c> (RFC 7396): the fields given replace the current ones, <c>null</c> clears
    /// one, and the result is checked like a replace. Needs <c>If-Match</c> (428 without, 412 when stale). Stores a
    /// revision. Needs an editor or admin key.
    /// </remarks>
    public static Task<Results<Ok<ArticleResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PatchArticle(
        long id, ArticleStore store, ArticleBodyRenderer renderer, IValidator<UpdateArticleRequest> validator, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        MergePatch.HandleAsync<UpdateArticleRequest, ArticleResponse>(
            http.Request,
            async () => await store.FindAsync(id, includeHidden: true, ct) is { } row ? CurrentFields(await store.ToResponseAsync(row, AllFormats, ct), renderer) : null,
            validator,
            request => SaveAsync(id, ToWrite(request, renderer), request.Slug, store, user, http, ct),
            ct);

    /// <summary>Deletes an article with its quotes, links, corrections and revisions.</summary>
    /// <remarks>
    /// Links in other articles that point at it are deleted too. Needs <c>If-Match</c> (428 without, 412 when stale).
    /// Needs an editor or admin key.
    /// </remarks>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteArticle(long id, ArticleStore store, HttpContext http, CancellationToken ct) =>
        Preconditions.DeleteAsync(http, ArticleResponse.ResourceKind, id, ifMatch => store.DeleteAsync(id, ifMatch, ct));

    /// <summary>The content of an article as the fields a replace takes, with a derived excerpt left out so that it is derived again.</summary>
    internal static UpdateArticleRequest CurrentFields(ArticleResponse article, ArticleBodyRenderer renderer)
    {
        var markdown = article.Body.Markdown ?? string.Empty;
        var derived = renderer.Render(markdown, null).Excerpt;
        return new UpdateArticleRequest(
            article.Headline,
            article.Slug,
            article.Dek,
            markdown,
            article.Excerpt == derived ? null : article.Excerpt,
            article.Section,
            article.Byline,
            article.Language,
            article.CanonicalUrl,
            article.FeaturedImage,
            article.ExpiresAt,
            article.Tags.Select(t => t.Slug).ToList(),
            article.Syndication);
    }

    /// <summary>Replaces an article's content under the request's If-Match, as PUT, PATCH and restore do.</summary>
    internal static async Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> SaveAsync(
        long id, ArticleWrite write, string? slug, ArticleStore store, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var ifMatch = Preconditions.ReadIfMatch(http.Request, ArticleResponse.ResourceKind, id);
        var result = await store.UpdateAsync(id, write, ifMatch ?? IfMatch.NoVersion, user.Actor(), ct);
        return result.Outcome switch
        {
            WriteOutcome.Saved => TypedResults.Ok(await LoadAsync(store, id, ct)),
            WriteOutcome.NotFound => TypedResults.NotFound(),
            WriteOutcome.Conflict => Problems.SlugTaken("article", slug),
            _ => Preconditions.Problem(ifMatch, http, ArticleResponse.ResourceKind, id, result.Version),
        };
    }

    /// <summary>An article after a write, in every body format.</summary>
    internal static async Task<ArticleResponse> LoadAsync(ArticleStore store, long id, CancellationToken ct) =>
        await store.ToResponseAsync((await store.FindAsync(id, includeHidden: true, ct))!, AllFormats, ct);

    internal static ArticleWrite ToWrite(IArticleFields request, ArticleBodyRenderer renderer)
    {
        var body = request.Body ?? string.Empty;
        return new ArticleWrite(
            request.Slug,
            request.Headline.Trim(),
            request.Dek.TrimToNull(),
            body,
            renderer.Render(body, request.Excerpt),
            request.Section.TrimToNull(),
            request.Byline.TrimToNull(),
            request.Language ?? "en",
            request.CanonicalUrl,
            request.FeaturedImage,
            request.ExpiresAt,
            (request.Tags ?? []).Distinct(StringComparer.Ordinal).ToList(),
            request.Syndication);
    }

    private static BodyFormats Formats(string? text)
    {
        BodyFormatsParser.TryParse(text, out var formats);
        return formats;
    }
}
