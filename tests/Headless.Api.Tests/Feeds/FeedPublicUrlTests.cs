using Headless.Api.Tests.Infrastructure;
using static Headless.Api.Tests.Feeds.FeedHttp;

namespace Headless.Api.Tests.Feeds;

/// <summary>Feeds with <c>Headless:PublicBaseUrl</c> and the feed settings configured: links and ids on the public site.</summary>
public sealed class FeedPublicUrlTests(FeedPublicUrlTests.PublicSiteFactory factory) : IClassFixture<FeedPublicUrlTests.PublicSiteFactory>
{
    [Fact]
    public async Task Links_are_absolute_on_the_public_site_and_ids_use_its_host()
    {
        var tag = Http.UniqueSlug("site");
        var article = await factory.Admin().NewFeedArticle([tag]);
        var client = factory.Anonymous();

        var channel = (await client.GetRss($"?tag={tag}")).Root!.Element("channel")!;
        var item = Assert.Single(channel.Elements("item"));
        Assert.Equal("Example News — " + tag[0..1].ToUpperInvariant() + tag[1..].Replace('-', ' '), channel.Element("title")!.Value);
        Assert.Equal("Stories from Example News.", channel.Element("description")!.Value);
        Assert.Equal("es", channel.Element("language")!.Value);
        Assert.Equal("https://news.example.com/", channel.Element("link")!.Value);
        Assert.Equal($"https://news.example.com/articles/{article.Slug()}", item.Element("link")!.Value);
        Assert.Equal(EntryId(article.Id(), "news.example.com"), item.Element("guid")!.Value);
        Assert.Equal($"https://news.example.com/tags/{tag}", item.Element("category")!.Attribute("domain")!.Value);
        // The feed itself is where it was fetched: this API.
        Assert.Equal($"http://localhost/v1/feeds/articles.rss?tag={tag}", channel.Element(Atom + "link")!.Attribute("href")!.Value);

        var atom = await client.GetAtom($"?tag={tag}");
        Assert.Equal($"tag:news.example.com,2026:feeds/articles?tag={tag}", atom.Root!.Element(Atom + "id")!.Value);
        Assert.Equal("Example News", atom.Root.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var entry = Assert.Single(atom.AtomEntries());
        Assert.Equal($"https://news.example.com/articles/{article.Slug()}", entry.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal("https://news.example.com/tags/", entry.Element(Atom + "category")!.Attribute("scheme")!.Value);

        var json = await client.GetJsonFeed($"?tag={tag}");
        Assert.Equal("https://news.example.com/", json["home_page_url"]!.GetValue<string>());
        Assert.Equal($"https://news.example.com/articles/{article.Slug()}", Assert.Single(json.JsonItems())["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_site_relative_featured_image_is_made_absolute()
    {
        var tag = Http.UniqueSlug("img");
        var slug = Http.UniqueSlug("img");
        await (await factory.Admin().PostJson("/v1/articles", new
        {
            headline = "With an image",
            slug,
            body = "Text.",
            status = "published",
            tags = new[] { tag },
            featuredImage = new { url = "/images/lead.jpg", alt = "Lead" },
        })).AssertOk(System.Net.HttpStatusCode.Created);

        var item = Assert.Single((await factory.Anonymous().GetJsonFeed($"?tag={tag}")).JsonItems());

        Assert.Equal("https://news.example.com/images/lead.jpg", item["image"]!.GetValue<string>());
    }

    public sealed class PublicSiteFactory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Headless:PublicBaseUrl", "https://news.example.com/"),
            new("Headless:Feeds:Title", "Example News"),
            new("Headless:Feeds:Description", "Stories from Example News."),
            new("Headless:Feeds:Language", "es"),
        ];
    }
}

/// <summary><c>Headless:Feeds:IdAuthority</c> keeps ids when the public site moves to another domain.</summary>
public sealed class FeedIdAuthorityTests(FeedIdAuthorityTests.MovedSiteFactory factory) : IClassFixture<FeedIdAuthorityTests.MovedSiteFactory>
{
    [Fact]
    public async Task Ids_use_the_configured_authority_and_links_the_new_site()
    {
        var tag = Http.UniqueSlug("moved");
        var article = await factory.Admin().NewFeedArticle([tag]);

        var ids = await factory.Anonymous().Ids($"?tag={tag}");
        var item = Assert.Single((await factory.Anonymous().GetRss($"?tag={tag}")).RssItems());

        Assert.Equal([EntryId(article.Id(), "old.example.com")], ids.Rss);
        Assert.Equal(ids.Rss, ids.Atom);
        Assert.Equal(ids.Rss, ids.Json);
        Assert.StartsWith("https://new.example.com/articles/", item.Element("link")!.Value);
    }

    public sealed class MovedSiteFactory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Headless:PublicBaseUrl", "https://new.example.com"),
            new("Headless:Feeds:IdAuthority", "Old.Example.com"),
        ];
    }
}
