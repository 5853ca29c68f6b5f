using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Feeds;

/// <summary>Feed calls and readers that the feed test classes share.</summary>
internal static class FeedHttp
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    public const string Rss = "/v1/feeds/articles.rss";
    public const string AtomFeed = "/v1/feeds/articles.atom";
    public const string JsonFeed = "/v1/feeds/articles.json";

    public static readonly string[] Urls = [Rss, AtomFeed, JsonFeed];

    /// <summary>Creates a published article for feeds and answers its JSON.</summary>
    public static async Task<JsonNode> NewFeedArticle(
        this HttpClient admin,
        string[] tags,
        string syndication = "full",
        string? section = null,
        string? byline = "Ana Reporter",
        string? canonicalUrl = null,
        string? publishedAt = null,
        string? expiresAt = null,
        string status = "published",
        string body = "First **paragraph** of the story.\n\nSecond paragraph.")
    {
        var slug = Http.UniqueSlug("feed");
        var response = await admin.PostJson("/v1/articles", new
        {
            headline = $"Headline {slug}",
            slug,
            body,
            status,
            publishedAt,
            expiresAt,
            section,
            byline,
            canonicalUrl,
            syndication,
            tags,
        });
        return await response.AssertOk(HttpStatusCode.Created);
    }

    public static long Id(this JsonNode node) => node["id"]!.GetValue<long>();

    public static string Slug(this JsonNode node) => node["slug"]!.GetValue<string>();

    /// <summary>GET that must answer 200 with the exact media type; answers the body as text.</summary>
    public static async Task<string> GetFeedText(this HttpClient client, string url, string mediaType)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 from {url} but got {(int)response.StatusCode}: {body}");
        Assert.Equal($"{mediaType}; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return body;
    }

    public static async Task<XDocument> GetRss(this HttpClient client, string query = "") =>
        XDocument.Parse(await client.GetFeedText(Rss + query, "application/rss+xml"));

    public static async Task<XDocument> GetAtom(this HttpClient client, string query = "") =>
        XDocument.Parse(await client.GetFeedText(AtomFeed + query, "application/atom+xml"));

    public static async Task<JsonNode> GetJsonFeed(this HttpClient client, string query = "") =>
        JsonNode.Parse(await client.GetFeedText(JsonFeed + query, "application/feed+json"))!;

    public static List<XElement> RssItems(this XDocument rss) => rss.Root!.Element("channel")!.Elements("item").ToList();

    public static List<XElement> AtomEntries(this XDocument atom) => atom.Root!.Elements(Atom + "entry").ToList();

    public static List<JsonNode> JsonItems(this JsonNode feed) => feed["items"]!.AsArray().Select(i => i!).ToList();

    /// <summary>The item ids of the three formats, each in feed order.</summary>
    public static async Task<(List<string> Rss, List<string> Atom, List<string> Json)> Ids(this HttpClient client, string query)
    {
        var rss = (await client.GetRss(query)).RssItems().Select(i => i.Element("guid")!.Value).ToList();
        var atom = (await client.GetAtom(query)).AtomEntries().Select(e => e.Element(Atom + "id")!.Value).ToList();
        var json = (await client.GetJsonFeed(query)).JsonItems().Select(i => i["id"]!.GetValue<string>()).ToList();
        return (rss, atom, json);
    }

    /// <summary>Whether each format's item for the id carries the full HTML body: RSS content:encoded, Atom content, JSON content_html.</summary>
    public static async Task<(string? Rss, string? Atom, string? Json)> FullTextOf(this HttpClient client, string query, string id)
    {
        var rss = (await client.GetRss(query)).RssItems().Single(i => i.Element("guid")!.Value == id).Element(Content + "encoded")?.Value;
        var atom = (await client.GetAtom(query)).AtomEntries().Single(e => e.Element(Atom + "id")!.Value == id).Element(Atom + "content")?.Value;
        var json = (await client.GetJsonFeed(query)).JsonItems().Single(i => i["id"]!.GetValue<string>() == id)["content_html"]?.GetValue<string>();
        return (rss, atom, json);
    }

    public static string EntryId(long articleId, string authority = "localhost") => $"tag:{authority},2026:article-{articleId}";

    public static DateTimeOffset ParseRfc1123(string value) =>
        DateTimeOffset.ParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset ParseRfc3339(string value) =>
        DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
