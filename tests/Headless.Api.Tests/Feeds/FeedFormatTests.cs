using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Headless.Api.Tests.Infrastructure;
using static Headless.Api.Tests.Feeds.FeedHttp;

namespace Headless.Api.Tests.Feeds;

/// <summary>The three formats parsed as a consumer would, with every element the feeds promise.</summary>
public sealed class FeedFormatTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Rss_is_rss_2_with_namespaces_channel_and_items_newest_first()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("rss");
        var older = await admin.NewFeedArticle([tag, "rss-second"], publishedAt: "2026-01-05T10:00:00Z", byline: "Older Byline");
        var newer = await admin.NewFeedArticle([tag], publishedAt: "2026-01-06T10:00:00Z");

        var rss = await factory.Anonymous().GetRss($"?tag={tag}");

        var root = rss.Root!;
        Assert.Equal("rss", root.Name.LocalName);
        Assert.Equal("2.0", root.Attribute("version")!.Value);
        Assert.Equal(Atom, root.GetNamespaceOfPrefix("atom"));
        Assert.Equal(Content, root.GetNamespaceOfPrefix("content"));
        Assert.Equal(Dc, root.GetNamespaceOfPrefix("dc"));
        var channel = root.Element("channel")!;
        Assert.Equal($"Headless — {Name(tag)}", channel.Element("title")!.Value);
        Assert.Equal("http://localhost/", channel.Element("link")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(channel.Element("description")!.Value));
        Assert.Equal("en", channel.Element("language")!.Value);
        Assert.True(ParseRfc1123(channel.Element("lastBuildDate")!.Value) > DateTimeOffset.UtcNow.AddMinutes(-5));
        var self = channel.Element(Atom + "link")!;
        Assert.Equal("self", self.Attribute("rel")!.Value);
        Assert.Equal("application/rss+xml", self.Attribute("type")!.Value);
        Assert.Equal($"http://localhost/v1/feeds/articles.rss?tag={tag}", self.Attribute("href")!.Value);

        var items = rss.RssItems();
        Assert.Equal([newer.Id(), older.Id()], items.Select(i => long.Parse(i.Element("guid")!.Value.Split("article-")[1], System.Globalization.CultureInfo.InvariantCulture)));
        var item = items[1];
        Assert.Equal(older["headline"]!.GetValue<string>(), item.Element("title")!.Value);
        Assert.Equal($"http://localhost/articles/{older.Slug()}", item.Element("link")!.Value);
        Assert.Equal("false", item.Element("guid")!.Attribute("isPermaLink")!.Value);
        Assert.Equal(EntryId(older.Id()), item.Element("guid")!.Value);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), ParseRfc1123(item.Element("pubDate")!.Value));
        Assert.Equal("Older Byline", item.Element(Dc + "creator")!.Value);
        Assert.Equal([Name(tag), "Rss second"], item.Elements("category").Select(c => c.Value));
        Assert.Equal([$"http://localhost/tags/{tag}", "http://localhost/tags/rss-second"], item.Elements("category").Select(c => c.Attribute("domain")!.Value));
        Assert.Equal(older["excerpt"]!.GetValue<string>(), item.Element("description")!.Value);
        Assert.Null(item.Element(Content + "encoded"));
    }

    [Fact]
    public async Task Atom_is_atom_1_0_with_feed_metadata_and_complete_entries()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("atom");
        var article = await admin.NewFeedArticle([tag], publishedAt: "2026-02-01T08:15:00Z", section: "Atom Desk");

        var atom = await factory.Anonymous().GetAtom($"?tag={tag}");

        var root = atom.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.Equal("en", root.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal($"tag:localhost,2026:feeds/articles?tag={tag}", root.Element(Atom + "id")!.Value);
        Assert.Equal($"Headless — {Name(tag)}", root.Element(Atom + "title")!.Value);
        Assert.True(ParseRfc3339(root.Element(Atom + "updated")!.Value) > DateTimeOffset.UtcNow.AddMinutes(-5));
        var links = root.Elements(Atom + "link").ToDictionary(l => l.Attribute("rel")!.Value, l => l);
        Assert.Equal($"http://localhost/v1/feeds/articles.atom?tag={tag}", links["self"].Attribute("href")!.Value);
        Assert.Equal("application/atom+xml", links["self"].Attribute("type")!.Value);
        Assert.Equal("http://localhost/", links["alternate"].Attribute("href")!.Value);
        Assert.Equal("Headless", root.Element(Atom + "author")!.Element(Atom + "name")!.Value);

        var entry = Assert.Single(atom.AtomEntries());
        Assert.Equal("en", entry.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal(EntryId(article.Id()), entry.Element(Atom + "id")!.Value);
        Assert.Equal(article["headline"]!.GetValue<string>(), entry.Element(Atom + "title")!.Value);
        var link = entry.Element(Atom + "link")!;
        Assert.Equal("alternate", link.Attribute("rel")!.Value);
        Assert.Equal($"http://localhost/articles/{article.Slug()}", link.Attribute("href")!.Value);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 8, 15, 0, TimeSpan.Zero), ParseRfc3339(entry.Element(Atom + "published")!.Value));
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 8, 15, 0, TimeSpan.Zero), ParseRfc3339(entry.Element(Atom + "updated")!.Value));
        Assert.Equal("Ana Reporter", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var category = Assert.Single(entry.Elements(Atom + "category"));
        Assert.Equal(tag, category.Attribute("term")!.Value);
        Assert.Equal(Name(tag), category.Attribute("label")!.Value);
        Assert.Equal("http://localhost/tags/", category.Attribute("scheme")!.Value);
        var summary = entry.Element(Atom + "summary")!;
        Assert.Equal("text", summary.Attribute("type")!.Value);
        Assert.Equal(article["excerpt"]!.GetValue<string>(), summary.Value);
        Assert.Null(entry.Element(Atom + "content"));
    }

    [Fact]
    public async Task Json_feed_is_version_1_1_with_complete_items_and_the_headless_extension()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("json");
        var article = await admin.NewFeedArticle([tag], publishedAt: "2026-03-01T12:00:00Z", section: "Json Desk");

        var feed = await factory.Anonymous().GetJsonFeed($"?tag={tag}");

        Assert.Equal("https://jsonfeed.org/version/1.1", feed["version"]!.GetValue<string>());
        Assert.Equal($"Headless — {Name(tag)}", feed["title"]!.GetValue<string>());
        Assert.Equal("http://localhost/", feed["home_page_url"]!.GetValue<string>());
        Assert.Equal($"http://localhost/v1/feeds/articles.json?tag={tag}", feed["feed_url"]!.GetValue<string>());
        Assert.Equal("en", feed["language"]!.GetValue<string>());
        Assert.Equal("Headless", feed["authors"]![0]!["name"]!.GetValue<string>());

        var item = Assert.Single(feed.JsonItems());
        Assert.Equal(EntryId(article.Id()), item["id"]!.GetValue<string>());
        Assert.Equal($"http://localhost/articles/{article.Slug()}", item["url"]!.GetValue<string>());
        Assert.Equal(article["headline"]!.GetValue<string>(), item["title"]!.GetValue<string>());
        Assert.Equal(article["excerpt"]!.GetValue<string>(), item["summary"]!.GetValue<string>());
        Assert.Equal(article["excerpt"]!.GetValue<string>(), item["content_text"]!.GetValue<string>());
        Assert.Null(item["content_html"]);
        Assert.Equal("2026-03-01T12:00:00Z", item["date_published"]!.GetValue<string>());
        Assert.Equal("2026-03-01T12:00:00Z", item["date_modified"]!.GetValue<string>());
        Assert.Equal("Ana Reporter", item["authors"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("en", item["language"]!.GetValue<string>());
        Assert.Equal([Name(tag)], item["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        var extension = item["_headless"]!;
        Assert.Equal(article.Id(), extension["id"]!.GetValue<long>());
        Assert.Equal(article.Slug(), extension["slug"]!.GetValue<string>());
        Assert.Equal("Json Desk", extension["section"]!.GetValue<string>());
        Assert.Equal("full", extension["syndication"]!.GetValue<string>());
        Assert.Equal(tag, extension["tags"]![0]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ids_are_the_same_in_every_format_and_survive_a_slug_change()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ids");
        var article = await admin.NewFeedArticle([tag]);
        var query = $"?tag={tag}";
        var client = factory.Anonymous();
        var before = await client.Ids(query);

        var newSlug = Http.UniqueSlug("renamed");
        await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { slug = newSlug })).AssertOk();
        var after = await client.Ids(query);

        Assert.Equal([EntryId(article.Id())], before.Rss);
        Assert.Equal(before.Rss, before.Atom);
        Assert.Equal(before.Rss, before.Json);
        Assert.Equal(before.Rss, after.Rss);
        Assert.Equal(before.Atom, after.Atom);
        Assert.Equal(before.Json, after.Json);
        Assert.Equal($"http://localhost/articles/{newSlug}", Assert.Single((await client.GetRss(query)).RssItems()).Element("link")!.Value);
        Assert.Equal($"http://localhost/articles/{newSlug}", Assert.Single((await client.GetJsonFeed(query)).JsonItems())["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_correction_moves_updated_and_date_modified_but_not_published()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("corr");
        var article = await admin.NewFeedArticle([tag], publishedAt: "2026-01-10T09:00:00Z");
        await (await admin.PostJson($"/v1/articles/{article.Id()}/corrections", new { note = "An earlier version misspelt a name." })).AssertOk(HttpStatusCode.Created);

        var entry = Assert.Single((await factory.Anonymous().GetAtom($"?tag={tag}")).AtomEntries());
        var item = Assert.Single((await factory.Anonymous().GetJsonFeed($"?tag={tag}")).JsonItems());

        Assert.Equal(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero), ParseRfc3339(entry.Element(Atom + "published")!.Value));
        Assert.True(ParseRfc3339(entry.Element(Atom + "updated")!.Value) > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(entry.Element(Atom + "updated")!.Value, item["date_modified"]!.GetValue<string>());
        Assert.Equal("2026-01-10T09:00:00Z", item["date_published"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_canonical_url_is_the_link_when_an_article_has_one()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("canon");
        await admin.NewFeedArticle([tag], canonicalUrl: "https://partner.example.org/story/42");

        var client = factory.Anonymous();
        Assert.Equal("https://partner.example.org/story/42", Assert.Single((await client.GetRss($"?tag={tag}")).RssItems()).Element("link")!.Value);
        Assert.Equal("https://partner.example.org/story/42", Assert.Single((await client.GetAtom($"?tag={tag}")).AtomEntries()).Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal("https://partner.example.org/story/42", Assert.Single((await client.GetJsonFeed($"?tag={tag}")).JsonItems())["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Articles_without_a_byline_have_no_author_and_the_atom_feed_names_the_publication()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("nobyline");
        await admin.NewFeedArticle([tag], byline: null);

        var client = factory.Anonymous();
        Assert.Null(Assert.Single((await client.GetRss($"?tag={tag}")).RssItems()).Element(Dc + "creator"));
        var atom = await client.GetAtom($"?tag={tag}");
        Assert.Null(Assert.Single(atom.AtomEntries()).Element(Atom + "author"));
        Assert.NotNull(atom.Root!.Element(Atom + "author"));
        Assert.Null(Assert.Single((await client.GetJsonFeed($"?tag={tag}")).JsonItems())["authors"]);
    }

    [Fact]
    public async Task A_feed_with_nothing_to_show_is_still_a_valid_feed()
    {
        var tag = Http.UniqueSlug("empty");
        var client = factory.Anonymous();

        Assert.Empty((await client.GetRss($"?tag={tag}")).RssItems());
        Assert.Empty((await client.GetAtom($"?tag={tag}")).AtomEntries());
        Assert.Empty((await client.GetJsonFeed($"?tag={tag}")).JsonItems());
    }

    [Fact]
    public async Task Drafts_and_unpublished_articles_are_left_out_for_every_caller()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("hidden");
        var shown = await admin.NewFeedArticle([tag]);
        await admin.NewFeedArticle([tag], status: "draft");
        var unpublished = await admin.NewFeedArticle([tag]);
        await (await admin.PostAsync($"/v1/articles/{unpublished.Id()}/unpublish", null)).AssertOk();
        Assert.Equal([EntryId(shown.Id())], (await admin.Ids($"?tag={tag}")).Rss);

        var ids = await factory.Anonymous().Ids($"?tag={tag}");

        Assert.Equal([EntryId(shown.Id())], ids.Rss);
        Assert.Equal(ids.Rss, ids.Atom);
        Assert.Equal(ids.Rss, ids.Json);
    }

    /// <summary>The name a tag gets when an article creates it from its slug.</summary>
    private static string Name(string slug)
    {
        var words = slug.Replace('-', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
