namespace Headless.Api.Features.Sitemap;

/// <summary>A published article as a sitemap lists it.</summary>
/// <param name="Id">The article's id.</param>
/// <param name="Slug">Its slug.</param>
/// <param name="Url">
/// Its page on the public site, <c>/articles/{slug}</c>: absolute (<c>https://news.example.com/articles/{slug}</c>) when
/// the <c>Headless:PublicBaseUrl</c> setting is configured, otherwise site-relative.
/// </param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record SitemapEntryResponse(long Id, string Slug, string Url, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt);
