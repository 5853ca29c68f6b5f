using Headless.Api.Common.Auth;
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
            .RequireAuthorization(Policies.Editor).WithValidation<TagRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:long}", DeleteTag).WithName(nameof(DeleteTag)).RequireAuthorization(Policies.Editor);
    }

    /// <summary>Lists tags by name.</summary>
    /// <remarks>Each tag says how many published articles carry it. Pages with <c>limit</c> and <c>page</c>.</remarks>
    public static async Task<Ok<ListResponse<TagResponse>>> ListTags([AsParameters] ListTagsQuery query, TagStore store, CancellationToken ct)
    {
        var page = query.Resolve();
        var rows = await store.ListAsync(page.FetchLimit, page.Offset, ct);
        return TypedResults.Ok(Paging.ToPage(rows, page, ToResponse));
    }

    /// <summary>Gets one tag by id.</summary>
    /// <remarks>Tags are public, with the count of published articles that carry them.</remarks>
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
        var (outcome, id) = await store.CreateAsync(slug, request.Name.Trim(), request.Description.TrimToNull(), ct);
        if (outcome == TagWriteOutcome.SlugTaken)
        {
            return Problems.SlugTaken("tag", slug);
        }

        return TypedResults.Created($"/v1/tags/{id}", ToResponse((await store.FindAsync(id, ct))!));
    }

    /// <summary>Replaces a tag.</summary>
    /// <remarks>Name and description are replaced; the slug is kept when left out. A taken slug is 409. Needs an editor or admin key.</remarks>
    public static async Task<Results<Ok<TagResponse>, NotFound, ProblemHttpResult>> UpdateTag(long id, TagRequest request, TagStore store, CancellationToken ct) =>
        await store.UpdateAsync(id, request.Slug, request.Name.Trim(), request.Description.TrimToNull(), ct) switch
        {
            TagWriteOutcome.NotFound => TypedResults.NotFound(),
            TagWriteOutcome.SlugTaken => Problems.SlugTaken("tag", request.Slug),
            _ => TypedResults.Ok(ToResponse((await store.FindAsync(id, ct))!)),
        };

    /// <summary>Deletes a tag.</summary>
    /// <remarks>The tag is removed from every article that carried it; the articles stay. Needs an editor or admin key.</remarks>
    public static async Task<Results<NoContent, NotFound>> DeleteTag(long id, TagStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();


    private static TagResponse ToResponse(TagRow row) =>
        new(row.Id, row.Slug, row.Name, row.Description, row.ArticleCount, row.CreatedAt, row.UpdatedAt, row.Version);
}
