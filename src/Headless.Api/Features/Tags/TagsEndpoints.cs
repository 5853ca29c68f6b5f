using System.Text.Json.Nodes;
using FluentValidation;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Common.Text;
using Headless.Api.Common.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Tags;

public static class TagsEndpoints
{
    public static void MapTags(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/tags").WithTags("Tags");
        group.MapGet("/", ListTags).WithName(nameof(ListTags)).WithValidation<ListTagsQuery>();
        group.MapGet("/{id:long}", GetTag).WithName(nameof(GetTag));
        group.MapGet("/slug/{slug}", GetTagBySlug).WithName(nameof(GetTagBySlug));
        group.MapPost("/", CreateTag).WithName(nameof(CreateTag))
            .RequireAuthorization(Policies.Editor).WithValidation<TagRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:long}", UpdateTag).WithName(nameof(UpdateTag))
            .RequireAuthorization(Policies.Editor).WithValidation<TagRequest>().RequireIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:long}", PatchTag).WithName(nameof(PatchTag))
            .RequireAuthorization(Policies.Editor).RequireIfMatch().Accepts<JsonObject>(MergePatch.MediaType)
            .Produces<TagResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapDelete("/{id:long}", DeleteTag).WithName(nameof(DeleteTag)).RequireAuthorization(Policies.Editor).RequireIfMatch();
    }

    /// <summary>Lists tags, by name or by use.</summary>
    /// <remarks>
    /// Each tag says how many published articles carry it; <c>sort=-articleCount</c> lists the most used first. Pages with
    /// <c>limit</c> and <c>cursor</c>; <c>count=true</c> adds the total.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<TagResponse>>, ProblemHttpResult>> ListTags(
        [AsParameters] ListTagsQuery query, TagStore store, CursorCodec codec, CancellationToken ct)
    {
        var sort = query.Sort ?? "name";
        if (!query.TryResolve(codec, sort, out var page, out var problem))
        {
            return problem!;
        }

        var rows = await store.ListAsync(sort, page, ct);
        long? total = page.Count ? await store.CountAsync(ct) : null;
        return TypedResults.Ok(Paging.ToPage(rows, page, codec, sort, row => TagStore.SortKey(sort, row), ToResponse, total));
    }

    /// <summary>Gets one tag by id.</summary>
    /// <remarks>Tags are public, with the count of published articles that carry them. The <c>ETag</c> header carries the version, for <c>If-Match</c> on writes.</remarks>
    public static async Task<Results<Ok<TagResponse>, NotFound>> GetTag(long id, TagStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } row ? TypedResults.Ok(ToResponse(row)) : TypedResults.NotFound();

    /// <summary>Gets one tag by its slug.</summary>
    /// <remarks>For tag pages: resolve the slug in the URL, then list its articles with <c>GET /v1/articles?tag=</c>.</remarks>
    public static async Task<Results<Ok<TagResponse>, NotFound>> GetTagBySlug(string slug, TagStore store, CancellationToken ct) =>
        await store.FindBySlugAsync(slug, ct) is { } row ? TypedResults.Ok(ToResponse(row)) : TypedResults.NotFound();

    /// <summary>Creates a tag.</summary>
    /// <remarks>Without <c>slug</c>, one is made from the name. A taken slug is 409. Needs an editor or admin key.</remarks>
    public static async Task<Results<Created<TagResponse>, ProblemHttpResult>> CreateTag(TagRequest request, TagStore store, CancellationToken ct)
    {
        var slug = request.Slug ?? Slugs.From(request.Name);
        var result = await store.CreateAsync(slug, request.Name.Trim(), request.Description.TrimToNull(), ct);
        if (result.Outcome == WriteOutcome.Conflict)
        {
            return Problems.SlugTaken("tag", slug);
        }

        return TypedResults.Created($"/v1/tags/{result.Id}", ToResponse((await store.FindAsync(result.Id, ct))!));
    }

    /// <summary>Replaces a tag.</summary>
    /// <remarks>
    /// Name and description are replaced; the slug is kept when left out. A taken slug is 409. Needs <c>If-Match</c> with
    /// the tag's current ETag (428 without, 412 when stale). Needs an editor or admin key.
    /// </remarks>
    public static Task<Results<Ok<TagResponse>, NotFound, ProblemHttpResult>> UpdateTag(long id, TagRequest request, TagStore store, HttpContext http, CancellationToken ct) =>
        SaveAsync(id, request, store, http, ct);

    /// <summary>Changes some fields of a tag (JSON Merge Patch).</summary>
    /// <remarks>
    /// Send <c>application/merge-patch+json</c> (RFC 7396): the fields given replace the current ones, <c>null</c> clears
    /// one, and the result is checked like a replace. Needs <c>If-Match</c> (428 without, 412 when stale). Needs an editor or admin key.
    /// </remarks>
    public static Task<Results<Ok<TagResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PatchTag(
        long id, TagStore store, IValidator<TagRequest> validator, HttpContext http, CancellationToken ct) =>
        MergePatch.HandleAsync<TagRequest, TagResponse>(
            http.Request,
            async () => await store.FindAsync(id, ct) is { } row ? new TagRequest(row.Name, row.Slug, row.Description) : null,
            validator,
            request => SaveAsync(id, request, store, http, ct),
            ct);

    /// <summary>Deletes a tag.</summary>
    /// <remarks>
    /// The tag is removed from every article that carried it; the articles stay. Needs <c>If-Match</c> (428 without, 412
    /// when stale). Needs an editor or admin key.
    /// </remarks>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteTag(long id, TagStore store, HttpContext http, CancellationToken ct) =>
        Preconditions.DeleteAsync(http, TagResponse.ResourceKind, id, ifMatch => store.DeleteAsync(id, ifMatch, ct));

    private static async Task<Results<Ok<TagResponse>, NotFound, ProblemHttpResult>> SaveAsync(long id, TagRequest request, TagStore store, HttpContext http, CancellationToken ct)
    {
        var ifMatch = Preconditions.ReadIfMatch(http.Request, TagResponse.ResourceKind, id);
        var result = await store.UpdateAsync(id, request.Slug, request.Name.Trim(), request.Description.TrimToNull(), ifMatch ?? IfMatch.NoVersion, ct);
        return result.Outcome switch
        {
            WriteOutcome.Saved => TypedResults.Ok(ToResponse((await store.FindAsync(id, ct))!)),
            WriteOutcome.NotFound => TypedResults.NotFound(),
            WriteOutcome.Conflict => Problems.SlugTaken("tag", request.Slug),
            _ => Preconditions.Problem(ifMatch, http, TagResponse.ResourceKind, id, result.Version),
        };
    }

    internal static TagResponse ToResponse(TagRow row) =>
        new(row.Id, row.Slug, row.Name, row.Description, row.ArticleCount, row.CreatedAt, row.UpdatedAt, row.Version);
}
