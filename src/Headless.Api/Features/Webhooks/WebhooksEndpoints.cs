using Headless.Api.Common.Auth;
using Headless.Api.Common.Database;
using Headless.Api.Common.Http;
using Headless.Api.Common.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headless.Api.Features.Webhooks;

public static class WebhooksEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListWebhooks).WithName(nameof(ListWebhooks)).WithValidation<ListWebhooksQuery>();
        group.MapGet("/{id:long}", GetWebhook).WithName(nameof(GetWebhook));
        group.MapPost("/", CreateWebhook).WithName(nameof(CreateWebhook)).WithValidation<WebhookRequest>();
        group.MapPut("/{id:long}", UpdateWebhook).WithName(nameof(UpdateWebhook)).WithValidation<WebhookRequest>().RequireIfMatch();
        group.MapDelete("/{id:long}", DeleteWebhook).WithName(nameof(DeleteWebhook)).RequireIfMatch();
        group.MapGet("/{id:long}/deliveries", ListWebhookDeliveries).WithName(nameof(ListWebhookDeliveries)).WithValidation<ListWebhookDeliveriesQuery>();
        group.MapPost("/{id:long}/deliveries/{deliveryId:long}/redeliver", RedeliverWebhookDelivery).WithName(nameof(RedeliverWebhookDelivery));
    }

    /// <summary>Lists webhooks, oldest first, without their secrets.</summary>
    /// <remarks>
    /// Each webhook shows its URL, events, whether it is active (with <c>disabledReason</c> when the API disabled it for
    /// failing) and <c>secretHint</c>, the end of its secret. Pages with <c>limit</c> and <c>cursor</c>; <c>count=true</c>
    /// adds the total. Needs an admin key.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<WebhookResponse>>, ProblemHttpResult>> ListWebhooks(
        [AsParameters] ListWebhooksQuery query, WebhookStore store, CursorCodec codec, CancellationToken ct)
    {
        if (!query.TryResolve(codec, "id", out var page, out var problem))
        {
            return problem!;
        }

        var rows = await store.ListAsync((long)page.Key(0, 0L), page.FetchLimit, ct);
        long? total = page.Count ? await store.CountAsync(ct) : null;
        return TypedResults.Ok(Paging.ToPage(rows, page, codec, "id", row => [row.Id], ToResponse, total));
    }

    /// <summary>Gets one webhook by id, without its secret.</summary>
    /// <remarks>
    /// The secret is shown only when the webhook is created; this shows <c>secretHint</c>. <c>failingSince</c> is the first
    /// failed attempt since the last success; a webhook failing for longer than <c>Headless:Webhooks:DisableAfterHours</c>
    /// (72) is disabled, with <c>disabledReason</c>. The <c>ETag</c> header carries the version, for <c>If-Match</c>.
    /// Needs an admin key.
    /// </remarks>
    public static async Task<Results<Ok<WebhookResponse>, NotFound>> GetWebhook(long id, WebhookStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } row ? TypedResults.Ok(ToResponse(row)) : TypedResults.NotFound();

    /// <summary>Creates a webhook and answers its signing secret, once.</summary>
    /// <remarks>
    /// From now on every change to content whose event the webhook names (<c>*</c>, <c>article.*</c>, or an event such as
    /// <c>article.published</c>) is POSTed to <c>url</c> as JSON, version <c>2026-11-24</c>:
    /// <c>{ "type": "article.published", "timestamp": "2026-11-20T09:30:00Z", "version": "2026-11-24", "seq": 412, "data": { … } }</c>,
    /// where <c>data</c> is the resource as the change left it (for articles never syndicated, only <c>id</c>, <c>slug</c>,
    /// <c>status</c> and <c>syndication</c>). Requests are signed per Standard Webhooks: <c>webhook-id</c> (<c>msg_</c> and
    /// <c>seq</c>, the same on retries), <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>
    /// (<c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with the secret's base64-decoded
    /// bytes). Anything but a 2xx answer within the timeout is retried with growing delays. Without <c>secret</c>, one is
    /// made (32 random bytes); the answer is the only place it is shown. The URL must be absolute http(s) and reach a
    /// public address: loopback, private, link-local, unique-local, CGNAT, multicast and unspecified addresses, and host
    /// names that resolve to them, are refused unless <c>Headless:Webhooks:AllowPrivateTargets</c> is on. Needs an admin key.
    /// </remarks>
    public static async Task<Created<CreatedWebhookResponse>> CreateWebhook(WebhookRequest request, WebhookStore store, HttpResponse response, CancellationToken ct)
    {
        var secret = request.Secret ?? WebhookSecrets.New();
        var id = await store.CreateAsync(request.Url, Distinct(request.Events), secret, request.Active ?? true, ct);
        var row = (await store.FindAsync(id, ct))!;
        // The secret must not be kept by caches on the way.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/v1/webhooks/{id}", new CreatedWebhookResponse(
            row.Id, row.Url, row.EventList, row.Active, row.Secret, WebhookSecrets.Hint(row.Secret), row.CreatedAt, row.UpdatedAt, row.Version));
    }

    /// <summary>Replaces a webhook's URL, events, and (when given) secret and active flag.</summary>
    /// <remarks>
    /// <c>url</c> and <c>events</c> are replaced and checked as on create; <c>secret</c> and <c>active</c> are kept when left
    /// out. Setting <c>active</c> to true on a webhook the API disabled clears <c>disabledReason</c> and <c>failingSince</c>,
    /// and its pending deliveries are sent again. Needs <c>If-Match</c> with the webhook's current ETag (428 without, 412
    /// when stale). Needs an admin key.
    /// </remarks>
    public static async Task<Results<Ok<WebhookResponse>, NotFound, ProblemHttpResult>> UpdateWebhook(
        long id, WebhookRequest request, WebhookStore store, HttpContext http, CancellationToken ct)
    {
        var ifMatch = Preconditions.ReadIfMatch(http.Request, WebhookResponse.ResourceKind, id);
        var result = await store.UpdateAsync(id, request.Url, Distinct(request.Events), request.Secret, request.Active, ifMatch ?? IfMatch.NoVersion, ct);
        return result.Outcome switch
        {
            WriteOutcome.Saved => TypedResults.Ok(ToResponse((await store.FindAsync(id, ct))!)),
            WriteOutcome.NotFound => TypedResults.NotFound(),
            _ => Preconditions.Problem(ifMatch, http, WebhookResponse.ResourceKind, id, result.Version),
        };
    }

    /// <summary>Deletes a webhook and its deliveries.</summary>
    /// <remarks>
    /// Nothing more is sent to it, pending deliveries included; a request already in flight may still arrive. Needs
    /// <c>If-Match</c> (428 without, 412 when stale). Needs an admin key.
    /// </remarks>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteWebhook(long id, WebhookStore store, HttpContext http, CancellationToken ct) =>
        Preconditions.DeleteAsync(http, WebhookResponse.ResourceKind, id, ifMatch => store.DeleteAsync(id, ifMatch, ct));

    /// <summary>Lists a webhook's deliveries, newest first.</summary>
    /// <remarks>
    /// One delivery per change the webhook subscribed to: its event and <c>seq</c>, its status (<c>pending</c>,
    /// <c>delivered</c>, <c>failed</c>), how many attempts were made and how the last went (<c>lastStatusCode</c>,
    /// <c>lastDurationMs</c>, <c>lastError</c>), and when the next is due. <c>status</c> filters. Pages with <c>limit</c>
    /// and <c>cursor</c>; <c>count=true</c> adds the total. 404 when there is no such webhook. Needs an admin key.
    /// </remarks>
    public static async Task<Results<Ok<ListResponse<WebhookDeliveryResponse>>, NotFound, ProblemHttpResult>> ListWebhookDeliveries(
        long id, [AsParameters] ListWebhookDeliveriesQuery query, WebhookStore store, CursorCodec codec, CancellationToken ct)
    {
        if (!query.TryResolve(codec, "-id", out var page, out var problem))
        {
            return problem!;
        }

        if (await store.FindAsync(id, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var rows = await store.ListDeliveriesAsync(id, query.Status, (long)page.Key(0, long.MaxValue), page.FetchLimit, ct);
        long? total = page.Count ? await store.CountDeliveriesAsync(id, query.Status, ct) : null;
        return TypedResults.Ok(Paging.ToPage(rows, page, codec, "-id", row => [row.Id], ToResponse, total));
    }

    /// <summary>Sends a delivery again.</summary>
    /// <remarks>
    /// Puts the delivery back to <c>pending</c>, due now, with its attempts counted afresh (and retried as a new delivery
    /// would be); the answer is the delivery as it now stands. It is sent with the same <c>webhook-id</c> and body as
    /// before, after any earlier pending delivery of the same resource, and only while the webhook is active. 404 when
    /// the webhook has no such delivery. Needs an admin key.
    /// </remarks>
    public static async Task<Results<Accepted<WebhookDeliveryResponse>, NotFound>> RedeliverWebhookDelivery(
        long id, long deliveryId, WebhookStore store, CancellationToken ct)
    {
        if (!await store.RedeliverAsync(id, deliveryId, ct))
        {
            return TypedResults.NotFound();
        }

        var row = (await store.FindDeliveryAsync(id, deliveryId, ct))!;
        return TypedResults.Accepted($"/v1/webhooks/{id}/deliveries", ToResponse(row));
    }

    private static List<string> Distinct(IReadOnlyList<string> events) => events.Distinct(StringComparer.Ordinal).ToList();

    private static WebhookResponse ToResponse(WebhookRow row) =>
        new(row.Id, row.Url, row.EventList, row.Active, row.DisabledReason, row.FailingSince, WebhookSecrets.Hint(row.Secret), row.CreatedAt, row.UpdatedAt, row.Version);

    private static WebhookDeliveryResponse ToResponse(WebhookDeliveryRow row) =>
        new(row.Id, row.WebhookId, row.Event, row.ChangeSeq, row.ResourceKey, ToStatus(row.Status), row.Attempts, row.LastStatusCode, row.LastDurationMs,
            row.LastError, row.NextAttemptAt, row.CreatedAt, row.UpdatedAt);

    private static WebhookDeliveryStatus ToStatus(string status) => status switch
    {
        "pending" => WebhookDeliveryStatus.Pending,
        "delivered" => WebhookDeliveryStatus.Delivered,
        "failed" => WebhookDeliveryStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown delivery status."),
    };
}
