using System.Security.Claims;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Tags;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Articles;

public static class ArticlesEndpoints
{
    public static void MapArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/articles").WithTags("Articles");
        group.MapGet("/", ListArticles).WithName(nameof(ListArticles)).WithValidation<ListArticlesQuery>().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:long}", GetArticle).WithName(nameof(GetArticle)).WithValidation<ReadArticleQuery>();
        group.MapGet("/slug/{slug}", GetArticleBySlug).WithName(nameof(GetArticleBySlug)).WithValidation<ReadArticleQuery>();
        group.MapPost("/", CreateArticle).WithName(nameof(CreateArticle))
            .RequireAuthorization(Policies.Editor).WithValidation<ArticleRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:long}", UpdateArticle).WithName(nameof(UpdateArticle))
            .RequireAuthorization(Policies.Editor).WithValidation<ArticleRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:long}", DeleteArticle).WithName(nameof(DeleteArticle)).RequireAuthorization(Policies.Editor);
    }

    /// <summary>Lists articles, newest published first.</summary>
    /// <remarks>
    /// Published articles for everyone; with an editor or admin key, <c>status=draft</c> or <c>status=any</c> lists drafts too.
    /// Filter by tag slug with <c>tag</c>; choose body formats with <c>formats</c>. Pages with <c>limit</c> and <c>page</c>;
    /// <c>page.next</c> is null on the last page.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<ArticleResponse>>, ProblemHttpResult>> ListArticles(
        [AsParameters] ListArticlesQuery query, ArticleStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var status = query.Status ?? "published";
        if (status != "published" && !user.CanReadDrafts())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"status={status} needs an editor or admin key; without one only published articles are listed.");
        }

        var page = query.Resolve();
        BodyFormatsParser.TryParse(query.Formats, out var formats);
        IReadOnlyList<string> statuses = status switch
        {
            "any" => ["draft", "published"],
            _ => [status],
        };
        var rows = await store.ListAsync(new ArticleListFilter(query.Tag, statuses, page.FetchLimit, page.Offset), ct);
        var tags = await store.TagsOfAsync(rows.Select(r => r.Id).ToList(), ct);
        return TypedResults.Ok(Paging.ToPage(rows, page, row => row.ToResponse(tags[row.Id], formats)));
    }

    /// <summary>Gets one article by id.</summary>
    /// <remarks>Drafts answer 404 unless the request carries an editor or admin key.</remarks>
    public static async Task<Results<Ok<ArticleResponse>, NotFound>> GetArticle(
        long id, [AsParameters] ReadArticleQuery query, ArticleStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.FindAsync(id, user.CanReadDrafts(), ct) is { } row
            ? TypedResults.Ok(await WithTagsAsync(row, store, query.Formats, ct))
            : TypedResults.NotFound();

    /// <summary>Gets one article by its slug.</summary>
    /// <remarks>The usual way a front end reads the article behind a URL. Drafts answer 404 unless the request carries an editor or admin key.</remarks>
    public static async Task<Results<Ok<ArticleResponse>, NotFound>> GetArticleBySlug(
        string slug, [AsParameters] ReadArticleQuery query, ArticleStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.FindBySlugAsync(slug, user.CanReadDrafts(), ct) is { } row
            ? TypedResults.Ok(await WithTagsAsync(row, store, query.Formats, ct))
            : TypedResults.NotFound();

    /// <summary>Creates an article.</summary>
    /// <remarks>
    /// The body is Markdown; it is rendered to sanitised HTML and plain text once, here. Tags are given by slug and
    /// unknown ones are created. Without <c>slug</c>, one is made from the headline. A taken slug is 409.
    /// Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Created<ArticleResponse>, ProblemHttpResult>> CreateArticle(
        ArticleRequest request, ArticleStore store, ArticleBodyRenderer renderer, CancellationToken ct)
    {
        var (outcome, id) = await store.CreateAsync(ToWrite(request, renderer), ct);
        if (outcome == ArticleWriteOutcome.SlugTaken)
        {
            return Problems.SlugTaken("article", request.Slug);
        }

        var created = await WithTagsAsync((await store.FindAsync(id, includeDrafts: true, ct))!, store, "html,text,markdown", ct);
        return TypedResults.Created($"/v1/articles/{id}", created);
    }

    /// <summary>Replaces an article.</summary>
    /// <remarks>
    /// Every field is replaced by the request's (a field left out is cleared), except <c>slug</c>, which is kept when left out,
    /// and <c>publishedAt</c>, which keeps the first publish time. Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> UpdateArticle(
        long id, ArticleRequest request, ArticleStore store, ArticleBodyRenderer renderer, CancellationToken ct)
    {
        switch (await store.UpdateAsync(id, ToWrite(request, renderer), ct))
        {
            case ArticleWriteOutcome.NotFound:
                return TypedResults.NotFound();
            case ArticleWriteOutcome.SlugTaken:
                return Problems.SlugTaken("article", request.Slug);
            default:
                var updated = await WithTagsAsync((await store.FindAsync(id, includeDrafts: true, ct))!, store, "html,text,markdown", ct);
                return TypedResults.Ok(updated);
        }
    }

    /// <summary>Deletes an article with its quotes and links.</summary>
    /// <remarks>Links in other articles that point at it are deleted too. Needs an editor or admin key.</remarks>
    public static async Task<Results<NoContent, NotFound>> DeleteArticle(long id, ArticleStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<ArticleResponse> WithTagsAsync(ArticleRow row, ArticleStore store, string? formatsText, CancellationToken ct)
    {
        BodyFormatsParser.TryParse(formatsText, out var formats);
        var tags = await store.TagsOfAsync([row.Id], ct);
        return row.ToResponse(tags[row.Id], formats);
    }


    private static ArticleWrite ToWrite(ArticleRequest request, ArticleBodyRenderer renderer)
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
            request.Status == ArticleStatus.Published ? "published" : "draft",
            request.PublishedAt,
            (request.Tags ?? []).Distinct(StringComparer.Ordinal).ToList());
    }

    internal static ArticleResponse ToResponse(this ArticleRow row, IEnumerable<TagSummary> tags, BodyFormats formats) => new(
        row.Id,
        row.Slug,
        row.Headline,
        row.Dek,
        new ArticleBodyResponse(
            formats.HasFlag(BodyFormats.Html) ? row.BodyHtml : null,
            formats.HasFlag(BodyFormats.Text) ? row.BodyText : null,
            formats.HasFlag(BodyFormats.Markdown) ? row.BodyMarkdown : null),
        row.Excerpt,
        row.Section,
        row.Byline,
        row.Language,
        row.CanonicalUrl,
        row.FeaturedImageUrl is null ? null : new FeaturedImage(row.FeaturedImageUrl, row.FeaturedImageAlt, row.FeaturedImageCaption, row.FeaturedImageCredit),
        row.Status == "published" ? ArticleStatus.Published : ArticleStatus.Draft,
        row.PublishedAt,
        row.CreatedAt,
        row.UpdatedAt,
        row.Version,
        row.WordCount,
        ArticleBodyRenderer.ReadingTimeMinutes(row.WordCount),
        tags.ToList());
}
