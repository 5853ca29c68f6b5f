using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace Headless.Api.Features.Feeds;

/// <summary>The three feed formats: their media types, and the writer of each (pure: a <see cref="Feed"/> in, UTF-8 bytes out).</summary>
public static class FeedFormats
{
    public const string RssMediaType = "application/rss+xml";
    public const string AtomMediaType = "application/atom+xml";
    public const string JsonFeedMediaType = "application/feed+json";

    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    public const string JsonFeedVersion = "https://jsonfeed.org/version/1.1";
    public const string Generator = "Headless";

    /// <summary>RFC 3339 in UTC to the second, as Atom and JSON Feed write instants.</summary>
    internal static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 1123 (an RFC 822 date with a four-digit year), as RSS writes dates: <c>Fri, 20 Nov 2026 09:30:00 GMT</c>.</summary>
    internal static string Rfc1123(DateTimeOffset value) => value.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The text without the characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF),
    /// which an editor can paste into a headline or body; the XML writer would throw on them.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlCharAt(text, i, out var width))
            {
                firstBad = i;
                break;
            }

            i += width - 1;
        }

        if (firstBad < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlCharAt(text, i, out var width))
            {
                builder.Append(text, i, width);
            }

            i += width - 1;
        }

        return builder.ToString();
    }

    private static bool IsXmlCharAt(string text, int index, out int width)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return true;
        }

        width = 1;
        return XmlConvert.IsXmlChar(c);
    }

    internal static XmlWriterSettings XmlSettings() => new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        NewLineChars = "\n",
    };
}

/// <summary>
/// Writes RSS 2.0 with the content (full HTML in <c>content:encoded</c>), Dublin Core (<c>dc:creator</c>) and Atom
/// (<c>atom:link rel="self"</c>) namespaces.
/// </summary>
public static class RssFeedWriter
{
    public static byte[] Write(Feed feed)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, FeedFormats.XmlSettings()))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "atom", null, FeedFormats.AtomNamespace);
            xml.WriteAttributeString("xmlns", "content", null, FeedFormats.ContentNamespace);
            xml.WriteAttributeString("xmlns", "dc", null, FeedFormats.DublinCoreNamespace);
            xml.WriteStartElement("channel");
            Text(xml, "title", feed.Title);
            Text(xml, "link", feed.HomeUrl);
            Text(xml, "description", feed.Description);
            Text(xml, "language", feed.Language);
            Text(xml, "lastBuildDate", FeedFormats.Rfc1123(feed.Updated));
            Text(xml, "generator", FeedFormats.Generator);
            xml.WriteStartElement("atom", "link", FeedFormats.AtomNamespace);
            xml.WriteAttributeString("href", FeedFormats.XmlSafe(feed.SelfUrl));
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", FeedFormats.RssMediaType);
            xml.WriteEndElement();
            foreach (var entry in feed.Entries)
            {
                xml.WriteStartElement("item");
                Text(xml, "title", entry.Title);
                Text(xml, "link", entry.Link);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "false");
                xml.WriteString(FeedFormats.XmlSafe(entry.Id));
                xml.WriteEndElement();
                Text(xml, "pubDate", FeedFormats.Rfc1123(entry.Published));
                if (entry.Author is { Length: > 0 } author)
                {
                    xml.WriteElementString("dc", "creator", FeedFormats.DublinCoreNamespace, FeedFormats.XmlSafe(author));
                }

                foreach (var category in entry.Categories)
                {
                    xml.WriteStartElement("category");
                    xml.WriteAttributeString("domain", FeedFormats.XmlSafe(category.Scheme + category.Slug));
                    xml.WriteString(FeedFormats.XmlSafe(category.Name));
                    xml.WriteEndElement();
                }

                Text(xml, "description", entry.Summary);
                if (entry.ContentHtml is { } html)
                {
                    xml.WriteStartElement("content", "encoded", FeedFormats.ContentNamespace);
                    // CDATA keeps the HTML readable; the writer splits any "]]>" in it across two sections.
                    xml.WriteCData(FeedFormats.XmlSafe(html));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void Text(XmlWriter xml, string name, string value) => xml.WriteElementString(name, FeedFormats.XmlSafe(value));
}

/// <summary>Writes an Atom 1.0 feed (RFC 4287), full HTML in <c>content type="html"</c>.</summary>
public static class AtomFeedWriter
{
    public static byte[] Write(Feed feed)
    {
        const string ns = FeedFormats.AtomNamespace;
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, FeedFormats.XmlSettings()))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", ns);
            xml.WriteAttributeString("xml", "lang", null, FeedFormats.XmlSafe(feed.Language));
            Text(xml, "id", feed.Id);
            Text(xml, "title", feed.Title);
            Text(xml, "subtitle", feed.Description);
            Text(xml, "updated", FeedFormats.Rfc3339(feed.Updated));
            // The home page first: some readers take a feed's first link as its page, whatever its rel.
            Link(xml, "alternate", "text/html", feed.HomeUrl);
            Link(xml, "self", FeedFormats.AtomMediaType, feed.SelfUrl);
            // A feed must name an author unless every entry does; the publication is the author of the feed.
            Author(xml, feed.Publisher);
            xml.WriteElementString("generator", ns, FeedFormats.Generator);
            foreach (var entry in feed.Entries)
            {
                xml.WriteStartElement("entry", ns);
                xml.WriteAttributeString("xml", "lang", null, FeedFormats.XmlSafe(entry.Language));
                Text(xml, "id", entry.Id);
                Text(xml, "title", entry.Title);
                Link(xml, "alternate", "text/html", entry.Link);
                Text(xml, "published", FeedFormats.Rfc3339(entry.Published));
                Text(xml, "updated", FeedFormats.Rfc3339(entry.Updated));
                if (entry.Author is { Length: > 0 } author)
                {
                    Author(xml, author);
                }

                foreach (var category in entry.Categories)
                {
                    xml.WriteStartElement("category", ns);
                    xml.WriteAttributeString("term", FeedFormats.XmlSafe(category.Slug));
                    xml.WriteAttributeString("label", FeedFormats.XmlSafe(category.Name));
                    xml.WriteAttributeString("scheme", FeedFormats.XmlSafe(category.Scheme));
                    xml.WriteEndElement();
                }

                xml.WriteStartElement("summary", ns);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(FeedFormats.XmlSafe(entry.Summary));
                xml.WriteEndElement();
                if (entry.ContentHtml is { } html)
                {
                    xml.WriteStartElement("content", ns);
                    xml.WriteAttributeString("type", "html");
                    xml.WriteString(FeedFormats.XmlSafe(html));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void Text(XmlWriter xml, string name, string value) =>
        xml.WriteElementString(name, FeedFormats.AtomNamespace, FeedFormats.XmlSafe(value));

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", FeedFormats.AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", FeedFormats.XmlSafe(href));
        xml.WriteEndElement();
    }

    private static void Author(XmlWriter xml, string name)
    {
        xml.WriteStartElement("author", FeedFormats.AtomNamespace);
        Text(xml, "name", name);
        xml.WriteEndElement();
    }
}

/// <summary>
/// Writes JSON Feed 1.1. An item has <c>content_html</c> (the full body) when the caller may have it, otherwise
/// <c>content_text</c> (the excerpt; JSON Feed needs one of the two). <c>_headless</c> carries what the format has no
/// field for: the article's id, slug, section, syndication rights and tags with their slugs.
/// </summary>
public static class JsonFeedWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Headlines carry typographic quotes and accents: UTF-8, not \u escapes (the body is never inlined in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(Feed feed)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("version", FeedFormats.JsonFeedVersion);
            json.WriteString("title", feed.Title);
            json.WriteString("home_page_url", feed.HomeUrl);
            json.WriteString("feed_url", feed.SelfUrl);
            json.WriteString("description", feed.Description);
            json.WriteString("language", feed.Language);
            Authors(json, feed.Publisher);
            json.WriteStartArray("items");
            foreach (var entry in feed.Entries)
            {
                json.WriteStartObject();
                json.WriteString("id", entry.Id);
                json.WriteString("url", entry.Link);
                json.WriteString("title", entry.Title);
                json.WriteString("summary", entry.Summary);
                if (entry.ContentHtml is { } html)
                {
                    json.WriteString("content_html", html);
                }
                else
                {
                    json.WriteString("content_text", entry.Summary);
                }

                if (entry.ImageUrl is { } image)
                {
                    json.WriteString("image", image);
                }

                json.WriteString("date_published", FeedFormats.Rfc3339(entry.Published));
                json.WriteString("date_modified", FeedFormats.Rfc3339(entry.Updated));
                if (entry.Author is { Length: > 0 } author)
                {
                    Authors(json, author);
                }

                json.WriteString("language", entry.Language);
                json.WriteStartArray("tags");
                foreach (var category in entry.Categories)
                {
                    json.WriteStringValue(category.Name);
                }

                json.WriteEndArray();
                json.WriteStartObject("_headless");
                json.WriteNumber("id", entry.ArticleId);
                json.WriteString("slug", entry.Slug);
                if (entry.Section is { } section)
                {
                    json.WriteString("section", section);
                }
                else
                {
                    json.WriteNull("section");
                }

                json.WriteString("syndication", entry.Syndication);
                json.WriteStartArray("tags");
                foreach (var category in entry.Categories)
                {
                    json.WriteStartObject();
                    json.WriteString("slug", category.Slug);
                    json.WriteString("name", category.Name);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Authors(Utf8JsonWriter json, string name)
    {
        json.WriteStartArray("authors");
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
