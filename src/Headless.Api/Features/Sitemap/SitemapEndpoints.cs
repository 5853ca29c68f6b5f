using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using Headless.Api.Common.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Headless.Api.Features.Sitemap;

public static class SitemapEndpoints
{
    public static void MapSitemap(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Sitemap");
        group.MapGet("/sitemap", GetSitemap).WithName(nameof(GetSitemap));
        group.MapGet("/sitemap.xml", GetSitemapXml).WithName(nameof(GetSitemapXml));
    }

    /// <summary>Lists every published article for a sitemap, newest first, as JSON.</summary>
    /// <remarks>
    /// Every article the public can read (no drafts, scheduled, archived or expired ones, whoever asks), with its slug,
    /// URL, <c>publishedAt</c> and <c>updatedAt</c>: one JSON array, not paged and not capped, streamed as it is read.
    /// The URL is <c>/articles/{slug}</c>, made absolute with the <c>Headless:PublicBaseUrl</c> setting when it is
    /// configured. Cacheable by browsers and CDNs like every anonymous read (<c>Cache-Control: public</c>,
    /// <c>Surrogate-Key: articles</c>) with a weak <c>ETag</c>: send it back in <c>If-None-Match</c> and an unchanged
    /// sitemap answers 304 without a body; the ETag changes with every publish, edit, unpublish, delete and expiry. For
    /// search engines use <c>/v1/sitemap.xml</c>.
    /// </remarks>
    public static async Task<Results<JsonSitemapResult, StatusCodeHttpResult>> GetSitemap(
        SitemapStore store, IConfiguration configuration, IOptions<CachingOptions> caching, HttpContext http, CancellationToken ct)
    {
        var baseUrl = PublicUrls.ConfiguredBaseUrl(configuration) ?? string.Empty;
        if (await IsNotModifiedAsync(http, store, caching.Value, "json", baseUrl, ct))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return new JsonSitemapResult(store.StreamAsync(ct).Select(row => new SitemapEntryResponse(row.Id, row.Slug, PublicUrls.ArticleUrl(baseUrl, row.Slug), row.PublishedAt, row.UpdatedAt)));
    }

    /// <summary>Gets the XML sitemap of every published article (sitemaps.org), for search engines.</summary>
    /// <remarks>
    /// A <c>urlset</c> with one <c>url</c> (<c>loc</c> and <c>lastmod</c>, the article's last change) per article the
    /// public can read, newest first, streamed as it is read. <c>loc</c> is always absolute: the
    /// <c>Headless:PublicBaseUrl</c> setting plus <c>/articles/{slug}</c>, or, when that is not configured, this request's
    /// scheme and host (configure the setting in production). Cacheable like <c>/v1/sitemap</c> (ETag, 304 on
    /// <c>If-None-Match</c>). The sitemap protocol reads at most 50,000 URLs per file.
    /// </remarks>
    public static async Task<Results<XmlSitemapResult, StatusCodeHttpResult>> GetSitemapXml(
        SitemapStore store, IConfiguration configuration, IOptions<CachingOptions> caching, HttpContext http, CancellationToken ct)
    {
        var baseUrl = PublicUrls.AbsoluteBaseUrl(configuration, http.Request);
        if (await IsNotModifiedAsync(http, store, caching.Value, "xml", baseUrl, ct))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return new XmlSitemapResult(store.StreamAsync(ct), baseUrl);
    }

    /// <summary>
    /// Sets the caching headers; true when the request's <c>If-None-Match</c> names the current ETag. The API's caching
    /// filter cannot do it here: it hashes a buffered body, and a sitemap is streamed. The ETag is made from what the
    /// sitemap shows instead (how many articles, their latest change, the format and the base URL).
    /// </summary>
    private static async Task<bool> IsNotModifiedAsync(
        HttpContext http, SitemapStore store, CachingOptions caching, string format, string baseUrl, CancellationToken ct)
    {
        var version = await store.VersionAsync(ct);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{format}|{baseUrl}|{version.Count}|{version.LastUpdated}")));
        var etag = new EntityTagHeaderValue($"\"sitemap-{format}-{Convert.ToHexStringLower(hash, 0, 8)}\"", isWeak: true);
        var headers = http.Response.Headers;
        headers.ETag = etag.ToString();
        headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={caching.MaxAgeSeconds}, stale-while-revalidate={caching.StaleWhileRevalidateSeconds}");
        headers.Vary = HeaderNames.AcceptEncoding;
        headers[HttpCaching.SurrogateKeyHeader] = "articles";
        // The server's output cache is for small reads: a sitemap of 100,000 articles (~13 MB) would crowd them out, and
        // its ETag already makes a revalidation cheap.
        if (http.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            outputCache.Context.AllowCacheStorage = false;
        }

        return EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }
}

/// <summary>
/// Writes the JSON sitemap as one array, entry by entry as the rows are read (a value result would be buffered by the
/// caching filter, which hashes bodies).
/// </summary>
public sealed class JsonSitemapResult(IAsyncEnumerable<SitemapEntryResponse> entries) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc />
    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, entries, JsonSetup.Options, httpContext.RequestAborted);
    }

    /// <summary>Says in the OpenAPI document that the operation answers 200 with an array of entries.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(IReadOnlyList<SitemapEntryResponse>), ["application/json"]));
}

/// <summary>Writes a sitemaps.org <c>urlset</c> as <c>application/xml</c>, one <c>url</c> per row as the rows are read.</summary>
public sealed class XmlSitemapResult(IAsyncEnumerable<SitemapRow> rows, string baseUrl) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string MediaType = "application/xml";

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc />
    public string ContentType => $"{MediaType}; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        await using var writer = XmlWriter.Create(httpContext.Response.Body, settings);
        await writer.WriteStartDocumentAsync();
        await writer.WriteStartElementAsync(null, "urlset", Namespace);
        var written = 0;
        await foreach (var row in rows.WithCancellation(httpContext.RequestAborted))
        {
            await writer.WriteStartElementAsync(null, "url", Namespace);
            await writer.WriteElementStringAsync(null, "loc", Namespace, PublicUrls.ArticleUrl(baseUrl, row.Slug));
            await writer.WriteElementStringAsync(null, "lastmod", Namespace, row.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            await writer.WriteEndElementAsync();
            if (++written % 1000 == 0)
            {
                await writer.FlushAsync();
            }
        }

        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
    }

    /// <summary>Says in the OpenAPI document that the operation answers 200 with XML.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [MediaType]));
}
