using System.Security.Claims;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Articles;

/// <summary>The editorial workflow of an article (publish, unpublish, schedule, archive), its corrections and its revisions.</summary>
public static class ArticleWorkflowEndpoints
{
    public static void MapArticleWorkflow(this IEndpointRouteBuilder app)
    {
        var workflow = app.MapGroup("/v1/articles/{id:long}").WithTags("Workflow").RequireAuthorization(Policies.Editor);
        workflow.MapPost("/publish", PublishArticle).WithName(nameof(PublishArticle)).HonourIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        workflow.MapPost("/unpublish", UnpublishArticle).WithName(nameof(UnpublishArticle)).HonourIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        workflow.MapPost("/schedule", ScheduleArticle).WithName(nameof(ScheduleArticle)).WithValidation<ScheduleRequest>().HonourIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        workflow.MapPost("/archive", ArchiveArticle).WithName(nameof(ArchiveArticle)).HonourIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
        workflow.MapPost("/corrections", AddCorrection).WithName(nameof(AddCorrection)).WithValidation<CorrectionRequest>().HonourIfMatch().ProducesProblem(StatusCodes.Status409Conflict);

        var revisions = app.MapGroup("/v1/articles/{id:long}/revisions").WithTags("Revisions").RequireAuthorization(Policies.Editor);
        revisions.MapGet("/", ListRevisions).WithName(nameof(ListRevisions)).WithValidation<ListRevisionsQuery>();
        revisions.MapGet("/{number:long}", GetRevision).WithName(nameof(GetRevision));
        revisions.MapPost("/{number:long}/restore", RestoreRevision).WithName(nameof(RestoreRevision)).RequireIfMatch().ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Publishes an article now.</summary>
    /// <remarks>
    /// From draft, scheduled or archived. <c>publishedAt</c> and <c>substantiveUpdateAt</c> become now. Any other status is
    /// 409, naming the operations the current status allows. An <c>If-Match</c> is honoured when sent (412 when stale).
    /// Needs an editor or admin key.
    /// </remarks>
    public static Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> PublishArticle(long id, ArticleStore store, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TransitionAsync(id, ArticleTransition.Publish, null, store, user, http, ct);

    /// <summary>Takes an article back to draft.</summary>
    /// <remarks>
    /// From published, scheduled or archived; it leaves public reads at once and its <c>publishedAt</c> is cleared.
    /// 409 from draft. An <c>If-Match</c> is honoured when sent. Needs an editor or admin key.
    /// </remarks>
    public static Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> UnpublishArticle(long id, ArticleStore store, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TransitionAsync(id, ArticleTransition.Unpublish, null, store, user, http, ct);

    /// <summary>Schedules an article to be published at a set time.</summary>
    /// <remarks>
    /// From draft or scheduled (to move the time). <c>publishAt</c> must be in the future. A background service publishes it
    /// at that time without any request, and after a restart publishes whatever fell due while the server was down; its
    /// <c>publishedAt</c> is the real publish time. An <c>If-Match</c> is honoured when sent. Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> ScheduleArticle(
        long id, ScheduleRequest request, ArticleStore store, ArticleScheduler scheduler, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var result = await TransitionAsync(id, ArticleTransition.Schedule, request.PublishAt, store, user, http, ct);
        scheduler.Wake();
        return result;
    }

    /// <summary>Archives an article.</summary>
    /// <remarks>
    /// From draft, scheduled or published: it leaves public reads and stays readable to editors with <c>status=archived</c>.
    /// An <c>If-Match</c> is honoured when sent. Needs an editor or admin key.
    /// </remarks>
    public static Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> ArchiveArticle(long id, ArticleStore store, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TransitionAsync(id, ArticleTransition.Archive, null, store, user, http, ct);

    /// <summary>Appends a public correction to a published article.</summary>
    /// <remarks>
    /// The correction is shown, timestamped, in the article's <c>corrections</c>; <c>substantiveUpdateAt</c> becomes now.
    /// 409 unless the article is published. Answers the article. An <c>If-Match</c> is honoured when sent. Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Created<ArticleResponse>, NotFound, ProblemHttpResult>> AddCorrection(
        long id, CorrectionRequest request, ArticleStore store, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var ifMatch = Preconditions.ReadIfMatch(http.Request, ArticleResponse.ResourceKind, id);
        var (result, status) = await store.AddCorrectionAsync(id, request.Note.Trim(), ifMatch ?? IfMatch.AnyVersion, user.Actor(), ct);
        return result.Outcome switch
        {
            WriteOutcome.Saved => TypedResults.Created($"/v1/articles/{id}", await ArticlesEndpoints.LoadAsync(store, id, ct)),
            WriteOutcome.NotFound => TypedResults.NotFound(),
            WriteOutcome.Conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Not published",
                detail: $"Corrections are for published articles; this one is {status.ToString()!.ToLowerInvariant()}.",
                extensions: new Dictionary<string, object?> { ["currentStatus"] = status.ToString()!.ToLowerInvariant() }),
            _ => Preconditions.Failed(http, ArticleResponse.ResourceKind, id, result.Version),
        };
    }

    /// <summary>Lists an article's revisions, newest first.</summary>
    /// <remarks>
    /// Every change to an article (create, replace, patch, workflow operation, correction, restore, scheduled publish)
    /// stores a revision: its full state after the change, who made it and when. Revision n is the article at version n.
    /// Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<RevisionSummary>>, NotFound, ProblemHttpResult>> ListRevisions(
        long id, [AsParameters] ListRevisionsQuery query, ArticleStore store, CursorCodec codec, CancellationToken ct)
    {
        if (!await store.IsVisibleAsync(id, includeHidden: true, ct))
        {
            return TypedResults.NotFound();
        }

        if (!query.TryResolve(codec, "-number", out var page, out var problem))
        {
            return problem!;
        }

        var rows = await store.RevisionsAsync(id, page, ct);
        long? total = page.Count ? await store.CountRevisionsAsync(id, ct) : null;
        return TypedResults.Ok(Paging.ToPage(rows, page, codec, "-number", row => [row.Number], row =>
        {
            var snapshot = ArticleStore.ReadSnapshot(row);
            return new RevisionSummary(row.Number, row.CreatedAt, new ActorResponse(row.KeyId, row.Actor), snapshot.Status, snapshot.Headline);
        }, total));
    }

    /// <summary>Gets one revision of an article: its full state at that version.</summary>
    /// <remarks>404 when the article or the revision does not exist. Needs an editor or admin key.</remarks>
    public static async Task<Results<Ok<RevisionResponse>, NotFound>> GetRevision(long id, long number, ArticleStore store, CancellationToken ct) =>
        await store.FindRevisionAsync(id, number, ct) is { } row
            ? TypedResults.Ok(new RevisionResponse(row.Number, row.CreatedAt, new ActorResponse(row.KeyId, row.Actor), ArticleStore.ReadSnapshot(row)))
            : TypedResults.NotFound();

    /// <summary>Restores an article's content from one of its revisions.</summary>
    /// <remarks>
    /// The content fields (headline, slug, dek, body, excerpt, section, byline, language, URLs, image, expiry, tags) of
    /// revision n replace the current ones, as a new change with its own revision; the status is left as it is. Needs
    /// <c>If-Match</c> with the article's current ETag (428 without, 412 when stale); 409 when the old slug is now taken.
    /// Needs an editor or admin key.
    /// </remarks>
    public static async Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> RestoreRevision(
        long id, long number, ArticleStore store, ArticleBodyRenderer renderer, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (await store.FindRevisionAsync(id, number, ct) is not { } revision)
        {
            return TypedResults.NotFound();
        }

        // Rights are not content: restoring an old text keeps the article's current syndication.
        var fields = ArticlesEndpoints.CurrentFields(ArticleStore.ReadSnapshot(revision), renderer) with { Syndication = null };
        return await ArticlesEndpoints.SaveAsync(id, ArticlesEndpoints.ToWrite(fields, renderer), fields.Slug, store, user, http, ct);
    }

    private static async Task<Results<Ok<ArticleResponse>, NotFound, ProblemHttpResult>> TransitionAsync(
        long id, ArticleTransition transition, DateTimeOffset? publishAt, ArticleStore store, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var ifMatch = Preconditions.ReadIfMatch(http.Request, ArticleResponse.ResourceKind, id);
        var (result, status) = await store.TransitionAsync(id, transition, publishAt, ifMatch ?? IfMatch.AnyVersion, user.Actor(), ct);
        switch (result.Outcome)
        {
            case WriteOutcome.Saved:
                return TypedResults.Ok(await ArticlesEndpoints.LoadAsync(store, id, ct));
            case WriteOutcome.NotFound:
                return TypedResults.NotFound();
            case WriteOutcome.Conflict:
                var allowed = ArticleWorkflow.Allowed(status!.Value).Select(t => t.Name()).ToList();
                var current = status.Value.ToStorage();
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Transition not allowed",
                    detail: $"A {current} article cannot {transition.Name()}. From {current} it can: {string.Join(", ", allowed)}.",
                    extensions: new Dictionary<string, object?> { ["currentStatus"] = current, ["allowed"] = allowed });
            default:
                return Preconditions.Failed(http, ArticleResponse.ResourceKind, id, result.Version);
        }
    }
}
