using Headless.Api.Common.Http;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Keys;

/// <summary>What an API key may do, from least to most trusted.</summary>
public enum KeyRole
{
    /// <summary>Reads published content, like anonymous callers, but identified.</summary>
    Reader,

    /// <summary>Reader plus syndication, optionally limited to some tags or sections.</summary>
    Partner,

    /// <summary>Creates, edits, publishes and deletes content; reads drafts.</summary>
    Editor,

    /// <summary>Everything, including managing API keys.</summary>
    Admin,
}

/// <summary>An API key, without its secret.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Name">Who or what uses the key, for people reading the list.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="Tags">For partner keys: the tag slugs it is limited to; empty when not limited by tag.</param>
/// <param name="Sections">For partner keys: the sections it is limited to; empty when not limited by section.</param>
/// <param name="Prefix">The first characters of the secret, to recognise the key by; the rest is never shown again.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC); using the key is not a change.</param>
/// <param name="Version">Increases by one on every change.</param>
/// <param name="LastUsedAt">When it was last used (UTC, to the minute or so), or null when never used.</param>
/// <param name="RevokedAt">When it was revoked (UTC), or null while it is valid.</param>
public sealed record KeyResponse(
    long Id,
    string Name,
    KeyRole Role,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Sections,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A new API key with its secret. The secret is in this answer only: store it now.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Name">Who or what uses the key.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="Tags">For partner keys: the tag slugs it is limited to; empty when not limited by tag.</param>
/// <param name="Sections">For partner keys: the sections it is limited to; empty when not limited by section.</param>
/// <param name="Prefix">The first characters of the secret, as lists show them.</param>
/// <param name="Secret">The key to send in <c>X-Api-Key</c> or as <c>Authorization: Bearer</c>. Shown only once; only its hash is stored.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">Increases by one on every change.</param>
public sealed record CreatedKeyResponse(
    long Id,
    string Name,
    KeyRole Role,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Sections,
    string Prefix,
    string Secret,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary>An API key to create.</summary>
/// <param name="Name">Required: who or what will use the key, at most 100 characters.</param>
/// <param name="Role">Required: <c>reader</c>, <c>partner</c>, <c>editor</c> or <c>admin</c>.</param>
/// <param name="Tags">Partner keys only: tag slugs to limit the key to, at most 50.</param>
/// <param name="Sections">Partner keys only: section names to limit the key to, at most 50.</param>
public sealed record CreateKeyRequest(
    string Name,
    KeyRole? Role,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? Sections = null);

/// <summary>Query parameters of the key list.</summary>
public sealed class ListKeysQuery : PagedQuery
{
}
