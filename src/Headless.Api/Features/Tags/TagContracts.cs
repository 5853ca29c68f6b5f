using System.Text.Json.Serialization;
using Headless.Api.Common.Http;
using Microsoft.AspNetCore.Mvc;

namespace Headless.Api.Features.Tags;

/// <summary>A tag as listed on an article.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Slug">URL slug.</param>
/// <param name="Name">Display name.</param>
public sealed record TagSummary(long Id, string Slug, string Name);

/// <summary>A tag.</summary>
/// <param name="Id">Integer id.</param>
/// <param name="Slug">URL slug, unique across tags.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">What the tag covers.</param>
/// <param name="ArticleCount">How many published articles (within their rights window) carry it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">Increases by one on every change.</param>
public sealed record TagResponse(long Id, string Slug, string Name, string? Description, int ArticleCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version) : IHasETag, ISurrogateKeys
{
    public const string ResourceKind = "tag";

    /// <inheritdoc />
    [JsonIgnore]
    public string ETag => Preconditions.ETag(ResourceKind, Id, Version);

    /// <inheritdoc />
    public IEnumerable<string> SurrogateKeys()
    {
        yield return $"tag-{Id}";
        yield return "tags";
    }

    /// <inheritdoc />
    public DateTimeOffset LastModified() => UpdatedAt;
}

/// <summary>A tag to create, or the full new state of one to replace.</summary>
/// <param name="Name">Required display name, at most 100 characters.</param>
/// <param name="Slug">Lowercase a-z, 0-9 and single hyphens, at most 120 characters; made from the name when left out on create, kept when left out on replace.</param>
/// <param name="Description">At most 1,000 characters.</param>
public sealed record TagRequest(string Name, string? Slug = null, string? Description = null);

/// <summary>Query parameters of the tag list.</summary>
public sealed class ListTagsQuery : PagedQuery
{
    /// <summary>Order: <c>name</c> (default), <c>-articleCount</c> (most used first) or <c>articleCount</c>.</summary>
    [FromQuery(Name = "sort")] public string? Sort { get; init; }
}

public static class TagNames
{
    /// <summary>A display name for a tag created from its slug: <c>drug-trafficking</c> → <c>Drug trafficking</c>.</summary>
    public static string FromSlug(string slug)
    {
        var words = slug.Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
