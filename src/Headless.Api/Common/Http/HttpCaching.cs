using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Headless.Api.Common.Http;

/// <summary>A response that says which cached responses it belongs with (its <c>Surrogate-Key</c>s).</summary>
public interface ISurrogateKeys
{
    /// <summary>Keys such as <c>article-12</c> and <c>tag-3</c> for the resources this response shows.</summary>
    IEnumerable<string> SurrogateKeys();

    /// <summary>When what this response shows last changed.</summary>
    DateTimeOffset LastModified();

    /// <summary>When what this response shows leaves public reads by itself (an article's rights window), if ever.</summary>
    DateTimeOffset? Expires() => null;
}

/// <summary>Cache lifetimes for anonymous reads (<c>Headless:Caching</c>).</summary>
public sealed class CachingOptions
{
    /// <summary>How long browsers, CDNs and the server's output cache may reuse an anonymous read (seconds).</summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>How long a CDN may serve a stale copy while it fetches a fresh one (seconds).</summary>
    public int StaleWhileRevalidateSeconds { get; set; } = 300;
}

/// <summary>
/// HTTP caching of every GET of the API, in one place: a strong <c>ETag</c> (the resource's version ETag for its plain
/// representation, otherwise one hashed from the body), <c>Last-Modified</c> (where a timestamp can tell), 304 for
/// <c>If-None-Match</c> and <c>If-Modified-Since</c>, <c>Cache-Control</c> (public for anonymous reads, private for keyed
/// ones), <c>Vary</c>, <c>Surrogate-Key</c> and the list's <c>Link: rel="next"</c>; and sparse fieldsets (<c>fields=</c>),
/// which shape the body it hashes. Writes that succeed evict the server's output cache by the same keys.
/// </summary>
public static class HttpCaching
{
    public const string SurrogateKeyHeader = "Surrogate-Key";
    internal const string MaxAgeItem = "Headless.MaxAge";
    internal const string VaryHeader = "Accept-Encoding, X-Api-Key, Authorization";

    public static IServiceCollection AddHttpCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CachingOptions>(configuration.GetSection("Headless:Caching"));
        services.AddOutputCache(options =>
        {
            options.AddBasePolicy(new AnonymousReadPolicy());
            options.UseCaseSensitivePaths = true;
            // Bounded so the cache cannot push the process past its memory budget (about 300 MB with 100,000 articles).
            options.SizeLimit = 32 * 1024 * 1024;
        });
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            options.MimeTypes = ["application/json", "application/problem+json", "application/xml", "text/plain", "application/rss+xml", "application/atom+xml", "application/feed+json"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    /// <summary>The endpoint filter of the API group: caching headers and 304s on reads, output cache eviction on writes.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }

        var status = (inner as IStatusCodeHttpResult)?.StatusCode ?? http.Response.StatusCode;
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            if (status is >= 200 and < 300)
            {
                if (inner is IValueHttpResult { Value: IHasETag written })
                {
                    http.Response.Headers.ETag = written.ETag;
                }

                await EvictAsync(http);
            }

            return result;
        }

        if (status != StatusCodes.Status200OK || inner is not IValueHttpResult { Value: { } value })
        {
            return result;
        }

        return Respond(http, value);
    }

    private static IResult Respond(HttpContext http, object value)
    {
        var request = http.Request;
        byte[] body;
        if (request.Query.TryGetValue("fields", out var fieldsText) && !string.IsNullOrWhiteSpace(fieldsText))
        {
            var fields = fieldsText.ToString().Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var node = JsonSerializer.SerializeToNode(value, value.GetType(), JsonSetup.Options)!;
            if (node["data"] is JsonArray items)
            {
                foreach (var item in items.OfType<JsonObject>())
                {
                    Keep(item, fields);
                }
            }
            else if (node is JsonObject single)
            {
                Keep(single, fields);
            }

            body = JsonSerializer.SerializeToUtf8Bytes(node, JsonSetup.Options);
        }
        else
        {
            body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), JsonSetup.Options);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12));
        // A resource's read carries its version (for If-Match) and a hash of the body, which also changes when something
        // it embeds changes (a tag's name, a tag's article count) without the resource's own version moving.
        var etag = value is IHasETag resource ? $"{resource.ETag[..^1]};{hash}\"" : $"\"{hash}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        var anonymous = !request.Headers.ContainsKey("X-Api-Key") && !request.Headers.ContainsKey(HeaderNames.Authorization);
        var options = http.RequestServices.GetRequiredService<IOptions<CachingOptions>>().Value;
        // No copy may outlive the first rights window in the response: cap max-age (and the output cache's lifetime) there.
        var maxAge = options.MaxAgeSeconds;
        var staleWhileRevalidate = options.StaleWhileRevalidateSeconds;
        if (Items(value).OfType<ISurrogateKeys>().Select(item => item.Expires()).Where(e => e is not null).Min() is { } expires)
        {
            var left = (int)Math.Max(0, Math.Floor((expires - http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds));
            maxAge = Math.Min(maxAge, left);
            staleWhileRevalidate = 0;
        }

        http.Items[MaxAgeItem] = maxAge;
        headers.CacheControl = anonymous
            ? string.Create(CultureInfo.InvariantCulture, $"public, max-age={maxAge}, stale-while-revalidate={staleWhileRevalidate}")
            : "private, no-store";
        headers.Vary = VaryHeader;
        var keys = Keys(request.Path, value);
        if (keys.Count > 0)
        {
            headers[SurrogateKeyHeader] = string.Join(' ', keys);
        }

        // A response that depends on a whole collection (a list; a tag's article count, key "tags"; included quotes, key
        // "quotes") changes when rows leave it or are counted differently, which no row's timestamp shows: no date can
        // validate it, so it gets no Last-Modified (and If-Modified-Since cannot 304 it), only its ETag.
        var dependsOnCollection = value is IListPage || keys.Any(key => !key.Contains('-', StringComparison.Ordinal));
        DateTimeOffset? lastModified = dependsOnCollection ? null : Items(value).OfType<ISurrogateKeys>().Select(item => item.LastModified()).DefaultIfEmpty().Max() is { } max && max != default ? max : null;
        if (lastModified is { } modified)
        {
            headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        }

        if (value is IListPage { Next: { } next })
        {
            headers.Link = $"<{NextUrl(request, next)}>; rel=\"next\"";
        }

        if (NotModified(request, etag, lastModified))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); ETags compare weakly for GET.</summary>
    internal static bool NotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));
        }

        return lastModified is { } modified
            && request.Headers.IfModifiedSince.Count > 0
            && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && modified.AddTicks(-(modified.Ticks % TimeSpan.TicksPerSecond)) <= since;
    }

    private static void Keep(JsonObject item, IReadOnlySet<string> fields)
    {
        foreach (var name in item.Select(p => p.Key).Where(name => !fields.Contains(name)).ToList())
        {
            item.Remove(name);
        }
    }

    private static IEnumerable<object> Items(object value) => value is IListPage list ? list.Items : [value];

    /// <summary>The resources' keys, and the list's own key (its last path segment that is not an id) for lists.</summary>
    private static List<string> Keys(PathString path, object value)
    {
        var keys = new List<string>();
        if (value is IListPage)
        {
            keys.Add(ListKey(path));
        }

        keys.AddRange(Items(value).OfType<ISurrogateKeys>().SelectMany(item => item.SurrogateKeys()));
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string ListKey(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.LastOrDefault(s => !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _)) ?? "";
        return last is "related" or "backlinks" or "sitemap" or "sitemap.xml" or "search" ? "articles" : last;
    }

    private static string NextUrl(HttpRequest request, string next)
    {
        var query = request.Query.Where(pair => pair.Key != "cursor").SelectMany(pair => pair.Value.Select(v => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(v ?? "")}"));
        return $"{request.PathBase}{request.Path}?{string.Join('&', query.Append($"cursor={Uri.EscapeDataString(next)}"))}";
    }

    /// <summary>
    /// What a successful write makes stale, from its path: the resource, the lists of its kind, and the views that
    /// embed it (article writes change tags' article counts; quote and link writes change articles that include them).
    /// </summary>
    private static async Task EvictAsync(HttpContext http)
    {
        var segments = (http.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != "v1")
        {
            return;
        }

        var id = segments.Length > 2 ? segments[2] : null;
        var keys = segments[1] switch
        {
            "articles" => new List<string> { "articles", "tags", "quotes", "links" },
            "tags" => ["tags", "articles"],
            "quotes" => ["quotes", "articles"],
            "links" => ["links", "articles"],
            _ => [],
        };
        if (id is not null && segments[1] is "articles" or "tags" or "quotes" or "links")
        {
            keys.Add($"{segments[1][..^1]}-{id}");
        }

        await EvictAsync(http.RequestServices.GetRequiredService<IOutputCacheStore>(), keys, http.RequestAborted);
    }

    public static async Task EvictAsync(IOutputCacheStore store, IEnumerable<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            await store.EvictByTagAsync(key, ct);
        }
    }

    /// <summary>
    /// The server-side output cache takes anonymous GETs of the API only (a keyed read may see drafts), varies by the
    /// whole query, keeps a response as long as <c>max-age</c> allows, and tags it with its surrogate keys.
    /// </summary>
    private sealed class AnonymousReadPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var maxAge = context.HttpContext.RequestServices.GetRequiredService<IOptions<CachingOptions>>().Value.MaxAgeSeconds;
            var cacheable = maxAge > 0
                && HttpMethods.IsGet(request.Method)
                && request.Path.StartsWithSegments("/v1")
                && !request.Headers.ContainsKey("X-Api-Key")
                && !request.Headers.ContainsKey(HeaderNames.Authorization);
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(Math.Max(maxAge, 1));
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || !response.Headers.CacheControl.ToString().StartsWith("public", StringComparison.Ordinal))
            {
                context.AllowCacheStorage = false;
                return ValueTask.CompletedTask;
            }

            if (context.HttpContext.Items[MaxAgeItem] is int maxAge)
            {
                if (maxAge <= 0)
                {
                    context.AllowCacheStorage = false;
                    return ValueTask.CompletedTask;
                }

                context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(Math.Min(maxAge, context.ResponseExpirationTimeSpan?.TotalSeconds ?? maxAge));
            }

            foreach (var key in response.Headers[SurrogateKeyHeader].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                context.Tags.Add(key);
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A list page, seen by the caching filter: its items and its next cursor.</summary>
public interface IListPage
{
    IEnumerable<object> Items { get; }

    string? Next { get; }
}
