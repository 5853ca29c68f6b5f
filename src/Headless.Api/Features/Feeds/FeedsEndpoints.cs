using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using System.Security.Cryptography;
using Headless.Api.Common.Auth;
using Headless.Api.Common.Http;
using Headless.Api.Common.OpenApi;
using Headless.Api.Common.Text;
using Headless.Api.Common.Validation;
using Headless.Api.Features.Keys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Headless.Api.Features.Feeds;

public static class FeedsEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxTags = 20;

    /// <summary>The date in the tag URIs of ids (RFC 4151); fixed, so that ids never change.</summary>
    public const string IdDate = "2026";

    /// <summary>What a feed's content depends on, for CDN purges and the server's output cache (evicted by article and tag writes).</summary>
    public const string SurrogateKeys = "articles tags";

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/feeds").WithTags("Feeds");
        group.MapGet("/articles.rss", GetArticlesRss).WithName(nameof(GetArticlesRss)).WithValidation<FeedQuery>();
        group.MapGet("/articles.atom", GetArticlesAtom).WithName(nameof(GetArticlesAtom)).WithValidation<FeedQuery>();
        group.MapGet("/articles.json", GetArticlesJsonFeed).WithName(nameof(GetArticlesJsonFeed)).WithValidation<FeedQuery>();
    }

    /// <summary>Gets the newest articles as an RSS 2.0 feed.</summary>
    /// <remarks>
    /// The newest published articles (<c>limit</c>, 1-100, default 20), newest first, that the public can read and that
    /// may be syndicated: articles with <c>syndication: none</c> are never in a feed. Narrow with <c>tag</c> (slugs,
    /// repeatable: any of them) and <c>section</c>.
    ///
    /// Who gets what: without a key, or with a reader key, every item has its excerpt in <c>description</c> and a
    /// link, never the body. With a partner, editor or admin key, items of articles with <c>syndication: full</c> also
    /// carry the full sanitised HTML body in <c>content:encoded</c>; <c>excerpt</c> articles still give only the excerpt
    /// and link. A partner key limited to tags or sections gets only the articles inside its limits.
    ///
    /// Each item has a <c>guid</c> (<c>isPermaLink="false"</c>) that never changes, even when the slug does:
    /// <c>tag:{authority},2026:article-{id}</c> (the same id in the Atom and JSON feeds); a <c>link</c> (the article's
    /// canonical URL, or <c>{Headless:PublicBaseUrl}/articles/{slug}</c>, the request's scheme and host standing in for
    /// the setting when it is not configured); <c>pubDate</c> (when it was published, RFC 1123); <c>dc:creator</c> (its
    /// byline); and a <c>category</c> per tag (the name, with <c>domain</c> <c>{base}/tags/{slug}</c>). The channel has
    /// <c>lastBuildDate</c>: the newest change to any public article or tag (a publish, edit, unpublish, delete, a
    /// tag's rename) or expiry, as <c>Last-Modified</c> says; and <c>atom:link rel="self"</c>.
    ///
    /// Conditional GET: a strong <c>ETag</c> of the body (304 on <c>If-None-Match</c>) and <c>Last-Modified</c> (304 on
    /// <c>If-Modified-Since</c>). Anonymous reads are <c>Cache-Control: public</c> (and kept by the server's output
    /// cache until an article or tag is written); keyed reads are <c>private, no-store</c>.
    /// </remarks>
    public static async Task<Results<RssFeedResult, StatusCodeHttpResult>> GetArticlesRss(
        [AsParameters] FeedQuery query, FeedStore store, IConfiguration configuration, IOptions<FeedOptions> options, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var (feed, page) = await BuildAsync(query, store, configuration, options.Value, user, http, ct);
        var body = RssFeedWriter.Write(feed);
        return IsNotModified(http, body, page) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : new RssFeedResult(body);
    }

    /// <summary>Gets the newest articles as an Atom 1.0 feed.</summary>
    /// <remarks>
    /// The same articles as the RSS feed (<c>GET /v1/feeds/articles.rss</c>: the newest published ones that may be
    /// syndicated, never <c>syndication: none</c>; <c>tag</c>, <c>section</c> and <c>limit</c> alike), the same rights and
    /// the same caching. Each entry has the same stable <c>id</c> as the RSS <c>guid</c>, a <c>link rel="alternate"</c>,
    /// <c>author/name</c> (the byline), <c>category</c> per tag (<c>term</c> the slug, <c>label</c> the name,
    /// <c>scheme</c> <c>{base}/tags/</c>), <c>summary type="text"</c> (the excerpt) and, with a partner, editor or admin
    /// key and full rights only, <c>content type="html"</c> (the full sanitised body). <c>xml:lang</c> is the article's
    /// language.
    ///
    /// Dates: an entry's <c>published</c> is when it was published; its <c>updated</c> is its last substantive update
    /// (when it was last published or corrected, the date readers see as "updated"), so that a typo fix does not show
    /// the story as new again. The feed's <c>updated</c> is the newest change to any public article or tag, or expiry
    /// (the <c>Last-Modified</c> header).
    /// </remarks>
    public static async Task<Results<AtomFeedResult, StatusCodeHttpResult>> GetArticlesAtom(
        [AsParameters] FeedQuery query, FeedStore store, IConfiguration configuration, IOptions<FeedOptions> options, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var (feed, page) = await BuildAsync(query, store, configuration, options.Value, user, http, ct);
        var body = AtomFeedWriter.Write(feed);
        return IsNotModified(http, body, page) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : new AtomFeedResult(body);
    }

    /// <summary>Gets the newest articles as a JSON Feed 1.1.</summary>
    /// <remarks>
    /// The same articles as the RSS feed (<c>GET /v1/feeds/articles.rss</c>: the newest published ones that may be
    /// syndicated, never <c>syndication: none</c>; <c>tag</c>, <c>section</c> and <c>limit</c> alike), the same rights and
    /// the same caching. Each item has the same stable <c>id</c> as the RSS <c>guid</c>, <c>url</c>, <c>title</c>,
    /// <c>summary</c> (the excerpt), <c>authors[].name</c> (the byline), <c>tags</c> (tag names), <c>language</c>,
    /// <c>image</c> (the featured image, absolute) and <c>date_published</c> / <c>date_modified</c> (published; last
    /// substantive update, as Atom's <c>updated</c>). With a partner, editor or admin key and full rights it has
    /// <c>content_html</c> (the full sanitised body); otherwise <c>content_text</c>, the excerpt again (JSON Feed needs
    /// one of the two). <c>_headless</c> adds the article's <c>id</c>, <c>slug</c>, <c>section</c>, <c>syndication</c>
    /// and its <c>tags</c> with slugs, for calls back to this API. JSON Feed has no feed-level date: use
    /// <c>Last-Modified</c>.
    /// </remarks>
    public static async Task<Results<JsonFeedResult, StatusCodeHttpResult>> GetArticlesJsonFeed(
        [AsParameters] FeedQuery query, FeedStore store, IConfiguration configuration, IOptions<FeedOptions> options, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var (feed, page) = await BuildAsync(query, store, configuration, options.Value, user, http, ct);
        var body = JsonFeedWriter.Write(feed);
        return IsNotModified(http, body, page) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : new JsonFeedResult(body);
    }

    /// <summary>True for callers who get full text where the rights allow: partner, editor and admin keys.</summary>
    internal static bool GetsFullText(ClaimsPrincipal user) => Policies.RolesOf(Policies.Partner).Any(user.IsInRole);

    /// <summary>The tag URI of an article in every format: <c>tag:{authority},2026:article-{id}</c>.</summary>
    internal static string EntryId(string authority, long articleId) =>
        string.Create(CultureInfo.InvariantCulture, $"tag:{authority},{IdDate}:article-{articleId}");

    private static async Task<(Feed Feed, FeedPage Page)> BuildAsync(
        FeedQuery query, FeedStore store, IConfiguration configuration, FeedOptions options, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var request = http.Request;
        var tags = (query.Tag ?? []).Distinct(StringComparer.Ordinal).ToList();
        var section = query.Section;
        var filter = new FeedFilter(tags, section, query.Limit ?? DefaultLimit, GetsFullText(user), PartnerScope.Of(user));
        var page = await store.ReadAsync(filter, ct);

        var baseUrl = PublicUrls.AbsoluteBaseUrl(configuration, request);
        var authority = IdAuthority(options, configuration, request);
        var scheme = $"{baseUrl}/tags/";
        var entries = page.Rows.Select(row => new FeedEntry(
            EntryId(authority, row.Id),
            row.Id,
            row.Slug,
            row.Headline,
            PublicUrls.ArticleLink(baseUrl, row.Slug, row.CanonicalUrl),
            row.Excerpt,
            row.BodyHtml,
            row.Byline,
            row.Language,
            row.Section,
            row.Syndication,
            row.FeaturedImageUrl is { } image ? (Urls.IsSiteRelative(image) ? baseUrl + image : image) : null,
            row.PublishedAt,
            row.SubstantiveUpdateAt is { } substantive && substantive > row.PublishedAt ? substantive : row.PublishedAt,
            page.Tags[row.Id].Select(t => new FeedCategory(t.Slug, t.Name, scheme)).ToList())).ToList();

        var filterNames = tags.Select(slug => page.FilterTagNames.GetValueOrDefault(slug, slug)).ToList();
        var titleParts = new List<string>();
        if (filterNames.Count > 0)
        {
            titleParts.Add(string.Join(", ", filterNames));
        }

        if (section is not null)
        {
            titleParts.Add(section);
        }

        var feed = new Feed(
            FeedId(authority, tags, section),
            titleParts.Count == 0 ? options.Title : $"{options.Title} — {string.Join(" — ", titleParts)}",
            options.Title,
            options.Description,
            options.Language,
            baseUrl + "/",
            $"{PublicUrls.RequestBaseUrl(request)}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}",
            page.LastChanged ?? DateTimeOffset.UnixEpoch,
            entries);
        return (feed, page);
    }

    /// <summary>The domain name of ids: the setting, else the public site's host, else this request's host.</summary>
    private static string IdAuthority(FeedOptions options, IConfiguration configuration, HttpRequest request)
    {
        if (!string.IsNullOrWhiteSpace(options.IdAuthority))
        {
            return options.IdAuthority.Trim().ToLowerInvariant();
        }

        return PublicUrls.ConfiguredBaseUrl(configuration) is { } configured
            ? new Uri(configured).IdnHost.ToLowerInvariant()
            : request.Host.Host.ToLowerInvariant();
    }

    /// <summary>The feed's own id (Atom): one per set of filters, whatever the limit, format or caller.</summary>
    private static string FeedId(string authority, IReadOnlyList<string> tags, string? section)
    {
        var filters = tags.Order(StringComparer.Ordinal).Select(t => $"tag={t}").ToList();
        if (section is not null)
        {
            filters.Insert(0, $"section={Uri.EscapeDataString(section)}");
        }

        return $"tag:{authority},{IdDate}:feeds/articles{(filters.Count == 0 ? "" : "?" + string.Join('&', filters))}";
    }

    /// <summary>
    /// Sets the caching headers of a feed and answers whether the request's validators still match. The API's caching
    /// filter handles JSON values; a feed is a body of its own, so it gets the same treatment here: a strong ETag of the
    /// body, Last-Modified, Cache-Control (public for anonymous reads, capped at the first rights window that ends among
    /// its items; private for keyed ones), Vary and Surrogate-Key (which tag the output cache's copy for eviction).
    /// </summary>
    private static bool IsNotModified(HttpContext http, byte[] body, FeedPage page)
    {
        var request = http.Request;
        var headers = http.Response.Headers;
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12))}\"";
        headers.ETag = etag;
        if (page.LastChanged is { } lastChanged)
        {
            headers.LastModified = lastChanged.ToString("R", CultureInfo.InvariantCulture);
        }

        var anonymous = !request.Headers.ContainsKey(ApiKeyHandler.HeaderName) && !request.Headers.ContainsKey(HeaderNames.Authorization);
        if (anonymous)
        {
            var caching = http.RequestServices.GetRequiredService<IOptions<CachingOptions>>().Value;
            var maxAge = caching.MaxAgeSeconds;
            var staleWhileRevalidate = caching.StaleWhileRevalidateSeconds;
            if (page.Rows.Select(r => r.ExpiresAt).Where(e => e is not null).Min() is { } expires)
            {
                var left = (int)Math.Max(0, Math.Floor((expires - http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds));
                maxAge = Math.Min(maxAge, left);
                staleWhileRevalidate = 0;
            }

            http.Items[HttpCaching.MaxAgeItem] = maxAge;
            headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={maxAge}, stale-while-revalidate={staleWhileRevalidate}");
        }
        else
        {
            headers.CacheControl = "private, no-store";
        }

        headers.Vary = HttpCaching.VaryHeader;
        headers[HttpCaching.SurrogateKeyHeader] = SurrogateKeys;
        return HttpCaching.NotModified(request, etag, page.LastChanged);
    }

}

/// <summary>A feed's body, written as it was rendered (its ETag is the hash of these bytes).</summary>
public abstract class FeedResult(byte[] body) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc />
    public abstract string ContentType { get; }

    /// <summary>The rendered feed.</summary>
    public ReadOnlyMemory<byte> Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    /// <summary>Says in the OpenAPI document that the operation answers 200 with this media type, and shows an example.</summary>
    protected static void Describe(EndpointBuilder builder, string mediaType, Type schema, Func<string> example)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, schema, [mediaType]));
        builder.Metadata.Add(new ResponseExampleMetadata(StatusCodes.Status200OK, mediaType, example));
    }
}

/// <summary>An RSS 2.0 feed, <c>application/rss+xml</c>.</summary>
public sealed class RssFeedResult(byte[] body) : FeedResult(body), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public override string ContentType => $"{FeedFormats.RssMediaType}; charset=utf-8";

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, FeedFormats.RssMediaType, typeof(string), () => FeedExamples.Text(RssFeedWriter.Write(FeedExamples.Feed("articles.rss"))));
}

/// <summary>An Atom 1.0 feed, <c>application/atom+xml</c>.</summary>
public sealed class AtomFeedResult(byte[] body) : FeedResult(body), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public override string ContentType => $"{FeedFormats.AtomMediaType}; charset=utf-8";

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, FeedFormats.AtomMediaType, typeof(string), () => FeedExamples.Text(AtomFeedWriter.Write(FeedExamples.Feed("articles.atom"))));
}

/// <summary>A JSON Feed 1.1, <c>application/feed+json</c>.</summary>
public sealed class JsonFeedResult(byte[] body) : FeedResult(body), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public override string ContentType => $"{FeedFormats.JsonFeedMediaType}; charset=utf-8";

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, FeedFormats.JsonFeedMediaType, typeof(Dictionary<string, object>), () => FeedExamples.Text(JsonFeedWriter.Write(FeedExamples.Feed("articles.json"))));
}
