using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Sitemap;

/// <summary>The sitemap over 150 published articles (more than any list page holds), two drafts and an expired article.</summary>
public sealed class SitemapTests(SitemapTests.Corpus corpus) : IClassFixture<SitemapTests.Corpus>
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task Json_lists_every_published_article_past_100_and_no_hidden_ones()
    {
        var entries = await JsonEntries(corpus.Factory.Anonymous());

        var slugs = entries.Select(e => e["slug"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(corpus.Published.ToHashSet(), slugs);
        Assert.DoesNotContain(slugs, corpus.Hidden.Contains);
        Assert.Equal(slugs.Count, entries.Count);
    }

    [Fact]
    public async Task Json_entries_are_newest_first_with_relative_urls_and_instants()
    {
        var entries = await JsonEntries(corpus.Factory.Anonymous());

        var published = entries.Select(e => DateTimeOffset.Parse(e["publishedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(published.OrderByDescending(p => p), published);
        foreach (var entry in entries)
        {
            var slug = entry["slug"]!.GetValue<string>();
            Assert.Equal($"/articles/{slug}", entry["url"]!.GetValue<string>());
            Assert.True(entry["id"]!.GetValue<long>() > 0);
            Assert.EndsWith("Z", entry["updatedAt"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Editors_get_the_public_sitemap_too()
    {
        var entries = await JsonEntries(corpus.Factory.Admin());

        var slugs = entries.Select(e => e["slug"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(slugs, corpus.Hidden.Contains);
        Assert.Superset(corpus.Published.ToHashSet(), slugs.ToHashSet());
    }

    [Fact]
    public async Task Xml_is_a_well_formed_urlset_with_absolute_locs_and_lastmods()
    {
        var response = await corpus.Factory.Anonymous().GetAsync("/v1/sitemap.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Ns + "urlset", document.Root!.Name);
        var urls = document.Root.Elements(Ns + "url").ToList();
        Assert.True(urls.Count >= corpus.Published.Count);
        var locs = new List<string>();
        foreach (var url in urls)
        {
            var loc = url.Element(Ns + "loc")!.Value;
            Assert.True(Uri.TryCreate(loc, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", loc);
            Assert.StartsWith("/articles/", uri!.AbsolutePath);
            Assert.True(DateTimeOffset.TryParseExact(url.Element(Ns + "lastmod")!.Value, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _));
            locs.Add(uri.AbsolutePath["/articles/".Length..]);
        }

        Assert.Superset(corpus.Published.ToHashSet(), locs.ToHashSet());
        Assert.DoesNotContain(locs, corpus.Hidden.Contains);
    }

    [Fact]
    public async Task Xml_and_json_list_the_same_articles_in_the_same_order()
    {
        var json = (await JsonEntries(corpus.Factory.Anonymous())).Select(e => e["slug"]!.GetValue<string>());
        var xml = XDocument.Parse(await corpus.Factory.Anonymous().GetStringAsync("/v1/sitemap.xml"))
            .Root!.Elements(Ns + "url").Select(u => new Uri(u.Element(Ns + "loc")!.Value).AbsolutePath["/articles/".Length..]);

        Assert.Equal(json, xml);
    }

    [Theory]
    [InlineData("/v1/sitemap")]
    [InlineData("/v1/sitemap.xml")]
    public async Task Sitemaps_are_cacheable_and_revalidate_with_their_etag(string url)
    {
        var client = corpus.Factory.Anonymous();
        var first = await client.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.NotNull(first.Headers.CacheControl?.MaxAge);
        Assert.Contains("articles", first.Headers.GetValues("Surrogate-Key").Single().Split(' '));

        var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
    }

    [Fact]
    public async Task Etag_changes_when_an_article_is_published()
    {
        var client = corpus.Factory.Anonymous();
        var before = (await client.GetAsync("/v1/sitemap")).Headers.ETag;

        var slug = (await corpus.Factory.Admin().CreateArticle())["slug"]!.GetValue<string>();
        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/sitemap");
        revalidate.Headers.IfNoneMatch.Add(before!);
        var after = await client.SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before, after.Headers.ETag);
        Assert.Contains(slug, (await after.ReadJson()).AsArray().Select(e => e!["slug"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Sitemaps_take_no_query_parameters()
    {
        var response = await corpus.Factory.Anonymous().GetAsync("/v1/sitemap?limit=10");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    private static async Task<List<JsonNode>> JsonEntries(HttpClient client)
    {
        var response = await client.GetAsync("/v1/sitemap");
        var body = await response.AssertOk();
        return body.AsArray().Select(e => e!).ToList();
    }

    /// <summary>One API with 150 published articles, two drafts and an expired article, made once for the class.</summary>
    public sealed class Corpus : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public List<string> Published { get; } = [];

        public List<string> Hidden { get; } = [];

        public async Task InitializeAsync()
        {
            var admin = Factory.Admin();
            var start = DateTimeOffset.UtcNow.AddDays(-200);
            for (var i = 0; i < 150; i++)
            {
                var slug = Http.UniqueSlug("map");
                var response = await admin.PostJson("/v1/articles", new { headline = $"Sitemap {i}", slug, body = "Short.", status = "published", publishedAt = start.AddDays(i) });
                await response.AssertOk(HttpStatusCode.Created);
                Published.Add(slug);
            }

            Hidden.Add((await admin.CreateArticle(status: "draft"))["slug"]!.GetValue<string>());
            Hidden.Add((await admin.CreateArticle(status: "draft"))["slug"]!.GetValue<string>());
            var expired = Http.UniqueSlug("expired");
            await (await admin.PostJson("/v1/articles", new { headline = "Expired", slug = expired, body = "Short.", status = "published", expiresAt = DateTimeOffset.UtcNow.AddHours(-1) }))
                .AssertOk(HttpStatusCode.Created);
            Hidden.Add(expired);
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}

/// <summary>The sitemap with <c>Headless:PublicBaseUrl</c> configured: absolute URLs on the public site in both formats.</summary>
public sealed class SitemapPublicBaseUrlTests(SitemapPublicBaseUrlTests.PublicSiteFactory factory) : IClassFixture<SitemapPublicBaseUrlTests.PublicSiteFactory>
{
    [Fact]
    public async Task Urls_are_absolute_on_the_configured_site()
    {
        var slug = (await factory.Admin().CreateArticle())["slug"]!.GetValue<string>();

        var json = await (await factory.Anonymous().GetAsync("/v1/sitemap")).AssertOk();
        var xml = XDocument.Parse(await factory.Anonymous().GetStringAsync("/v1/sitemap.xml"));

        var entry = json.AsArray().Single(e => e!["slug"]!.GetValue<string>() == slug)!;
        Assert.Equal($"https://news.example.com/articles/{slug}", entry["url"]!.GetValue<string>());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Contains($"https://news.example.com/articles/{slug}", xml.Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value));
    }

    public sealed class PublicSiteFactory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Headless:PublicBaseUrl", "https://news.example.com/")];
    }
}

/// <summary>An article whose rights window ends leaves the sitemap, and the sitemap's ETag changes with it (on a fake clock).</summary>
public sealed class SitemapExpiryTests(FakeClockApiFactory factory) : IClassFixture<FakeClockApiFactory>
{
    [Fact]
    public async Task Expiry_removes_the_article_and_changes_the_etag()
    {
        var slug = Http.UniqueSlug("expiring");
        await (await factory.Admin().PostJson("/v1/articles", new { headline = "Expiring", slug, body = "Short.", status = "published", expiresAt = factory.Clock.GetUtcNow().AddHours(1) }))
            .AssertOk(HttpStatusCode.Created);
        var before = await factory.Anonymous().GetAsync("/v1/sitemap");
        Assert.Contains(slug, (await before.ReadJson()).AsArray().Select(e => e!["slug"]!.GetValue<string>()));

        factory.Clock.Advance(TimeSpan.FromHours(2));
        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/sitemap");
        revalidate.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await factory.Anonymous().SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.DoesNotContain(slug, (await after.ReadJson()).AsArray().Select(e => e!["slug"]!.GetValue<string>()));
    }
}
