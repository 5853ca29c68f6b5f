using Headless.Api.Common.Text;

namespace Headless.Api.Common.Http;

/// <summary>
/// The public site's URLs that responses carry (sitemaps, feeds): its origin from <c>Headless:PublicBaseUrl</c>, or the
/// request's scheme and host when that is not configured, and an article's page on it.
/// </summary>
public static class PublicUrls
{
    /// <summary>The setting with the public site's origin, such as <c>https://news.example.com</c>.</summary>
    public const string BaseUrlSetting = "Headless:PublicBaseUrl";

    /// <summary>The configured public origin without a trailing slash, or null when it is not set (or not an absolute http(s) URL).</summary>
    public static string? ConfiguredBaseUrl(IConfiguration configuration) =>
        configuration[BaseUrlSetting]?.Trim().TrimEnd('/') is { } value && Urls.IsAbsoluteHttp(value) ? value : null;

    /// <summary>The configured public origin, or this request's scheme, host and path base when it is not configured.</summary>
    public static string AbsoluteBaseUrl(IConfiguration configuration, HttpRequest request) =>
        ConfiguredBaseUrl(configuration) ?? RequestBaseUrl(request);

    /// <summary>This request's scheme, host and path base (where this API answers).</summary>
    public static string RequestBaseUrl(HttpRequest request) =>
        $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";

    /// <summary>An article's page on the site: <c>{baseUrl}/articles/{slug}</c>.</summary>
    public static string ArticleUrl(string baseUrl, string slug) => $"{baseUrl}/articles/{slug}";

    /// <summary>Where readers find an article: its canonical URL when it has one, else its page on the site.</summary>
    public static string ArticleLink(string baseUrl, string slug, string? canonicalUrl) =>
        string.IsNullOrEmpty(canonicalUrl) ? ArticleUrl(baseUrl, slug) : canonicalUrl;
}
