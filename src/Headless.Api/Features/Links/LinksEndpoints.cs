using System.Security.Claims;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Articles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Links;

public static class LinksEndpoints
{
    public static void MapLinks(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/v1/links").WithTags("Links");
        links.MapGet("/{id:long}", GetLink).WithName(nameof(GetLink));
        links.MapPut("/{id:long}", UpdateLink).WithName(nameof(UpdateLink)).RequireAuthorization(Policies.Editor).WithValidation<LinkRequest>().RequireIfMatch();
        links.MapDelete("/{id:long}", DeleteLink).WithName(nameof(DeleteLink)).RequireAuthorization(Policies.Editor).RequireIfMatch();

        var ofArticle = app.MapGroup("/v1/articles/{id:long}/links").WithTags("Links");
        ofArticle.MapGet("/", ListArticleLinks).WithName(nameof(ListArticleLinks)).WithValidation<ListArticleLinksQuery>();
        ofArticle.MapPost("/", CreateLink).WithName(nameof(CreateLink)).RequireAuthorization(Policies.Editor).WithValidation<LinkRequest>();
    }

    /// <summary>Lists the related links of one article, in order.</summary>
    /// <remarks>
    /// Inline "read also" headlines (with the paragraph they follow), curated related stories and "more articles" entries.
    /// Filter with <c>kind</c>. Links to drafts are left out unless the request has an editor or admin key. 404 when the
    /// article does not exist or is a draft the caller cannot read.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<LinkResponse>>, NotFound, ProblemHttpResult>> ListArticleLinks(
        long id, [AsParameters] ListArticleLinksQuery query, LinkStore store, ArticleStore articles, CursorCodec codec, ClaimsPrincipal user, CancellationToken ct)
    {
        var includeDrafts = user.CanReadDrafts();
        if (!await articles.IsVisibleAsync(id, includeDrafts, ct))
        {
            return TypedResults.NotFound();
        }

        if (!query.TryResolve(codec, "position", out var page, out var problem))
        {
            return problem!;
        }

        var rows = await store.ListAsync(id, query.Kind, includeDrafts, page, ct);
        long? total = page.Count ? await store.CountAsync(id, query.Kind, includeDrafts, ct) : null;
        return TypedResults.Ok(Paging.ToPage(rows, page, codec, "position", row => [(long)row.Position, row.Id], ToResponse, total));
    }

    /// <summary>Gets one related link.</summary>
    /// <remarks>404 when the link's article or target is a draft and the request has no editor or admin key.</remarks>
    public static async Task<Results<Ok<LinkResponse>, NotFound>> GetLink(long id, LinkStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.FindAsync(id, user.CanReadDrafts(), ct) is { } row ? TypedResults.Ok(ToResponse(row)) : TypedResults.NotFound();

    /// <summary>Adds a related link to an article.</summary>
    /// <remarks>
    /// Give <c>url</c> (with a <c>title</c>) for any page, or <c>targetArticleId</c> for one of our articles. 404 when the
    /// article does not exist; 400 when the target article does not exist or is the article itself. Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Created<LinkResponse>, NotFound, ValidationProblem>> CreateLink(long id, LinkRequest request, LinkStore store, CancellationToken ct)
    {
        var (outcome, linkId) = await store.CreateAsync(id, request, ct);
        return outcome switch
        {
            LinkWriteOutcome.NotFound => TypedResults.NotFound(),
            LinkWriteOutcome.TargetNotFound or LinkWriteOutcome.TargetIsSelf => TargetProblem(outcome, request),
            _ => TypedResults.Created($"/v1/links/{linkId}", ToResponse((await store.FindAsync(linkId, includeDrafts: true, ct))!)),
        };
    }

    /// <summary>Replaces a related link.</summary>
    /// <remarks>
    /// Every field is replaced; the position is kept when left out. Needs <c>If-Match</c> with the link's current ETag
    /// (428 without, 412 when stale). Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<LinkResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateLink(
        long id, LinkRequest request, LinkStore store, HttpContext http, CancellationToken ct)
    {
        var ifMatch = Preconditions.ReadIfMatch(http.Request, LinkResponse.ResourceKind, id);
        var (outcome, version) = await store.UpdateAsync(id, request, ifMatch ?? IfMatch.NoVersion, ct);
        return outcome switch
        {
            LinkWriteOutcome.Saved => TypedResults.Ok(ToResponse((await store.FindAsync(id, includeDrafts: true, ct))!)),
            LinkWriteOutcome.NotFound => TypedResults.NotFound(),
            LinkWriteOutcome.TargetNotFound or LinkWriteOutcome.TargetIsSelf => TargetProblem(outcome, request),
            _ => Preconditions.Problem(ifMatch, http, LinkResponse.ResourceKind, id, version),
        };
    }

    /// <summary>Deletes a related link.</summary>
    /// <remarks>Needs <c>If-Match</c> with the link's current ETag (428 without, 412 when stale). Needs an editor or admin key.</remarks>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteLink(long id, LinkStore store, HttpContext http, CancellationToken ct) =>
        Preconditions.DeleteAsync(http, LinkResponse.ResourceKind, id, ifMatch => store.DeleteAsync(id, ifMatch, ct));

    private static ValidationProblem TargetProblem(LinkWriteOutcome outcome, LinkRequest request) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]>
        {
            ["targetArticleId"] = [outcome == LinkWriteOutcome.TargetIsSelf
                ? "An article cannot link to itself."
                : $"There is no article with id {request.TargetArticleId}."],
        },
        title: "The request is not valid.");

    internal static LinkResponse ToResponse(LinkRow row) => new(
        row.Id,
        row.ArticleId,
        Enum.Parse<LinkKind>(row.Kind, ignoreCase: true),
        row.Title ?? row.TargetHeadline ?? string.Empty,
        row.Url ?? row.TargetCanonicalUrl ?? $"/articles/{row.TargetSlug}",
        row.TargetArticleId is { } targetId ? new ArticleReference(targetId, row.TargetSlug!, row.TargetHeadline!) : null,
        row.Position,
        row.AfterParagraph,
        row.CreatedAt,
        row.UpdatedAt,
        row.Version);
}
