using System.Text.Json.Serialization;
using Headless.Api.Common.Http;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Webhooks;

/// <summary>
/// A webhook: where to POST which content events, and whether it is active. Its signing secret is shown only when it
/// is created; reads show <see cref="SecretHint"/>.
/// </summary>
/// <param name="Id">Integer id.</param>
/// <param name="Url">The absolute http(s) URL that receives the events.</param>
/// <param name="Events">The events it receives: event names (<c>article.published</c>), a kind's wildcard (<c>article.*</c>) or <c>*</c> for all.</param>
/// <param name="Active">Whether events are sent. An inactive webhook gets no new deliveries, and its pending ones wait.</param>
/// <param name="DisabledReason">When the API disabled the webhook because its deliveries kept failing: when and why. Null otherwise; cleared by setting <c>active</c> to true.</param>
/// <param name="FailingSince">The first failed delivery attempt since the last successful one (UTC), or null when the last attempt succeeded.</param>
/// <param name="SecretHint">The end of the signing secret (<c>whsec_…</c> and its last 4 characters), to tell which secret is in use.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC); deliveries are not changes, but being disabled is.</param>
/// <param name="Version">Increases by one on every change.</param>
public sealed record WebhookResponse(
    long Id,
    string Url,
    IReadOnlyList<string> Events,
    bool Active,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    string SecretHint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IHasETag
{
    public const string ResourceKind = "webhook";

    /// <inheritdoc />
    [JsonIgnore]
    public string ETag => Preconditions.ETag(ResourceKind, Id, Version);
}

/// <summary>A new webhook with its signing secret. The secret is in this answer only: store it now.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Url">The absolute http(s) URL that receives the events.</param>
/// <param name="Events">The events it receives.</param>
/// <param name="Active">Whether events are sent.</param>
/// <param name="Secret">The Standard Webhooks signing secret (<c>whsec_</c> and base64): verify each request's <c>webhook-signature</c> with it. Shown only here.</param>
/// <param name="SecretHint">The end of the secret, as reads show it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">Increases by one on every change.</param>
public sealed record CreatedWebhookResponse(
    long Id,
    string Url,
    IReadOnlyList<string> Events,
    bool Active,
    string Secret,
    string SecretHint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IHasETag
{
    /// <inheritdoc />
    [JsonIgnore]
    public string ETag => Preconditions.ETag(WebhookResponse.ResourceKind, Id, Version);
}

/// <summary>A webhook to create, or the new state of one to replace.</summary>
/// <param name="Url">Required: the absolute http(s) URL to POST events to, at most 2,048 characters. Private, loopback and link-local targets are refused unless <c>Headless:Webhooks:AllowPrivateTargets</c> is on.</param>
/// <param name="Events">Required, 1-50 of: <c>*</c>, <c>article.*</c>, <c>tag.*</c>, <c>quote.*</c>, <c>link.*</c>, or an event name (<c>article.published</c>, <c>tag.deleted</c>, …).</param>
/// <param name="Secret">The signing secret, <c>whsec_</c> and the base64 of 24 to 64 random bytes. On create, made for you (32 bytes) when left out; on replace, kept when left out.</param>
/// <param name="Active">Whether events are sent: default true on create, kept when left out on replace. Setting it to true again after the API disabled the webhook clears <c>disabledReason</c> and <c>failingSince</c>.</param>
public sealed record WebhookRequest(string Url, IReadOnlyList<string> Events, string? Secret = null, bool? Active = null);

/// <summary>Where a delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first attempt or for a retry (at <c>nextAttemptAt</c>).</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; no more are made unless it is redelivered.</summary>
    Failed,
}

/// <summary>One event sent, or to be sent, to one webhook.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="WebhookId">The webhook it is for.</param>
/// <param name="Event">The event name, such as <c>article.published</c> (the payload's <c>type</c>).</param>
/// <param name="Seq">The change's sequence number (the payload's <c>seq</c>; the <c>webhook-id</c> header is <c>msg_</c> and it).</param>
/// <param name="ResourceKey">The resource it is about, such as <c>article-12</c>: deliveries of one resource are sent in <c>seq</c> order.</param>
/// <param name="Status">Pending, delivered or failed.</param>
/// <param name="Attempts">How many attempts were made (since the last redelivery).</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt, or null (no attempt yet, or no answer).</param>
/// <param name="LastDurationMs">How long the last attempt took (milliseconds).</param>
/// <param name="LastError">Why the last attempt failed, or null.</param>
/// <param name="NextAttemptAt">When the next attempt is due (UTC); null once delivered or failed.</param>
/// <param name="CreatedAt">When the change was made (UTC).</param>
/// <param name="UpdatedAt">When the delivery last changed (UTC).</param>
public sealed record WebhookDeliveryResponse(
    long Id,
    long WebhookId,
    string Event,
    long Seq,
    string ResourceKey,
    WebhookDeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    long? LastDurationMs,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Query parameters of the webhook list.</summary>
public sealed class ListWebhooksQuery : PagedQuery
{
}

/// <summary>Query parameters of a webhook's delivery list.</summary>
public sealed class ListWebhookDeliveriesQuery : PagedQuery
{
    /// <summary>Only deliveries in this status: <c>pending</c>, <c>delivered</c> or <c>failed</c>.</summary>
    [FromQuery(Name = "status")] public string? Status { get; init; }
}

/// <summary>The events a webhook may subscribe to.</summary>
public static class WebhookEvents
{
    public const string All = "*";

    /// <summary>Every event name the change log writes, by kind.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "article.created", "article.published", "article.updated", "article.unpublished", "article.archived",
        "article.scheduled", "article.deleted", "article.expired",
        "tag.created", "tag.updated", "tag.deleted",
        "quote.created", "quote.updated", "quote.deleted",
        "link.created", "link.updated", "link.deleted",
    ];

    /// <summary>What <c>events</c> may hold: <c>*</c>, each kind's wildcard, and the event names.</summary>
    public static readonly IReadOnlySet<string> Subscribable =
        new HashSet<string>([All, "article.*", "tag.*", "quote.*", "link.*", .. Names], StringComparer.Ordinal);
}
