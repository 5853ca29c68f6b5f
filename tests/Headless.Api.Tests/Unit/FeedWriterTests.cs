using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Headless.Api.Features.Feeds;

namespace Headless.Api.Tests.Unit;

/// <summary>The feed writers on content that could break XML: CDATA terminators, control characters, markup in text.</summary>
public sealed class FeedWriterTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private const string Html = "<p>Arrays end in a[b[0]]> and <code>]]></code> & \u0001 \uD83D\uDCF0 too</p>";
    private const string Cleaned = "<p>Arrays end in a[b[0]]> and <code>]]></code> &  \uD83D\uDCF0 too</p>";

    [Fact]
    public void Rss_keeps_html_with_cdata_terminators_and_drops_characters_xml_cannot_carry()
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(RssFeedWriter.Write(Feed())));

        var item = Assert.Single(document.Root!.Element("channel")!.Elements("item"));
        Assert.Equal(Cleaned, item.Element(Content + "encoded")!.Value);
        Assert.Equal("Bell \u0007 <b>not markup</b> & more", Feed().Entries[0].Summary);
        Assert.Equal("Bell  <b>not markup</b> & more", item.Element("description")!.Value);
        Assert.Equal("Title with a \uD83D\uDCF0 and a lone ", item.Element("title")!.Value);
    }

    [Fact]
    public void Atom_escapes_html_content_and_keeps_text_summaries_text()
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(AtomFeedWriter.Write(Feed())));

        var entry = Assert.Single(document.Root!.Elements(Atom + "entry"));
        Assert.Equal("html", entry.Element(Atom + "content")!.Attribute("type")!.Value);
        Assert.Equal(Cleaned, entry.Element(Atom + "content")!.Value);
        Assert.Equal("Bell  <b>not markup</b> & more", entry.Element(Atom + "summary")!.Value);
    }

    [Fact]
    public void Json_feed_keeps_every_character_as_json_allows()
    {
        var feed = JsonNode.Parse(JsonFeedWriter.Write(Feed()))!;

        var item = feed["items"]![0]!;
        Assert.Equal(Html, item["content_html"]!.GetValue<string>());
        Assert.Null(item["content_text"]);
        Assert.Equal("2026-11-20T09:30:00Z", item["date_published"]!.GetValue<string>());
    }

    [Fact]
    public void Rss_dates_are_rfc_1123_in_gmt()
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(RssFeedWriter.Write(Feed())));

        var channel = document.Root!.Element("channel")!;
        Assert.Equal("Fri, 20 Nov 2026 11:30:00 GMT", channel.Element("lastBuildDate")!.Value);
        Assert.Equal("Fri, 20 Nov 2026 09:30:00 GMT", channel.Element("item")!.Element("pubDate")!.Value);
    }

    private static Feed Feed()
    {
        var published = new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.FromHours(1));
        return new Feed(
            "tag:example.com,2026:feeds/articles",
            "Feed",
            "Publisher",
            "Description",
            "en",
            "https://example.com/",
            "https://example.com/v1/feeds/articles.rss",
            published.AddHours(2),
            [
                new FeedEntry(
                    "tag:example.com,2026:article-1",
                    1,
                    "slug",
                    "Title with a \uD83D\uDCF0 and a lone \uD800",
                    "https://example.com/articles/slug",
                    "Bell \u0007 <b>not markup</b> & more",
                    Html,
                    "Byline",
                    "en",
                    null,
                    "full",
                    null,
                    published,
                    published,
                    [new FeedCategory("a", "A & B", "https://example.com/tags/")]),
            ]);
    }
}
