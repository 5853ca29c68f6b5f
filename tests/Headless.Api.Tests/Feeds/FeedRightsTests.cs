using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;
using static Headless.Api.Tests.Feeds.FeedHttp;

namespace Headless.Api.Tests.Feeds;

/// <summary>
/// Syndication rights per caller: <c>none</c> is in no feed; <c>excerpt</c> never carries the body; <c>full</c> carries
/// the sanitised HTML for partner, editor and admin keys, and not for anonymous or reader callers.
/// </summary>
public sealed class FeedRightsTests(FeedRightsTests.Callers callers) : IClassFixture<FeedRightsTests.Callers>
{
    public static TheoryData<string> AllCallers() => ["anonymous", "reader", "partner", "editor", "admin"];

    public static TheoryData<string> FullTextCallers() => ["partner", "editor", "admin"];

    [Theory]
    [MemberData(nameof(AllCallers))]
    public async Task Articles_with_syndication_none_are_in_no_feed(string caller)
    {
        var admin = callers.Factory.Admin();
        var tag = Http.UniqueSlug("none");
        var never = await admin.NewFeedArticle([tag], syndication: "none");
        var full = await admin.NewFeedArticle([tag], syndication: "full");
        var excerpt = await admin.NewFeedArticle([tag], syndication: "excerpt");

        var ids = await callers.Client(caller).Ids($"?tag={tag}");

        foreach (var format in new[] { ids.Rss, ids.Atom, ids.Json })
        {
            Assert.DoesNotContain(EntryId(never.Id()), format);
            Assert.Equal([EntryId(excerpt.Id()), EntryId(full.Id())], format);
        }
    }

    [Theory]
    [MemberData(nameof(AllCallers))]
    public async Task Excerpt_articles_never_carry_the_body(string caller)
    {
        var tag = Http.UniqueSlug("excerpt");
        var article = await callers.Factory.Admin().NewFeedArticle([tag], syndication: "excerpt", body: "Only **partners with full rights** may see this.\n\nMore.");

        var client = callers.Client(caller);
        var full = await client.FullTextOf($"?tag={tag}", EntryId(article.Id()));

        Assert.Equal((null, null, null), full);
        var json = Assert.Single((await client.GetJsonFeed($"?tag={tag}")).JsonItems());
        Assert.Equal(article["excerpt"]!.GetValue<string>(), json["content_text"]!.GetValue<string>());
        Assert.DoesNotContain("<strong>", await client.GetFeedText($"{Rss}?tag={tag}", "application/rss+xml"));
        Assert.DoesNotContain("&lt;strong&gt;", await client.GetFeedText($"{AtomFeed}?tag={tag}", "application/atom+xml"));
    }

    [Theory]
    [MemberData(nameof(FullTextCallers))]
    public async Task Full_articles_carry_the_sanitised_html_for_partner_editor_and_admin_keys(string caller)
    {
        var tag = Http.UniqueSlug("full");
        var article = await callers.Factory.Admin().NewFeedArticle([tag], syndication: "full",
            body: "A **bold** claim. <script>alert(1)</script>\n\nSecond <img src=x onerror=alert(2)> paragraph.");
        var html = article["body"]!["html"]!.GetValue<string>();

        var (rss, atom, json) = await callers.Client(caller).FullTextOf($"?tag={tag}", EntryId(article.Id()));

        Assert.Equal(html, rss);
        Assert.Equal(html, atom);
        Assert.Equal(html, json);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("onerror", html);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("reader")]
    public async Task Anonymous_and_reader_callers_get_only_the_excerpt_of_full_articles(string caller)
    {
        var tag = Http.UniqueSlug("fullanon");
        var article = await callers.Factory.Admin().NewFeedArticle([tag], syndication: "full");

        var client = callers.Client(caller);
        var full = await client.FullTextOf($"?tag={tag}", EntryId(article.Id()));

        Assert.Equal((null, null, null), full);
        var rss = Assert.Single((await client.GetRss($"?tag={tag}")).RssItems());
        Assert.Equal(article["excerpt"]!.GetValue<string>(), rss.Element("description")!.Value);
        Assert.Equal($"http://localhost/articles/{article.Slug()}", rss.Element("link")!.Value);
    }

    [Fact]
    public async Task A_partner_key_sent_as_a_bearer_token_gets_the_full_text_too()
    {
        var tag = Http.UniqueSlug("bearer");
        var article = await callers.Factory.Admin().NewFeedArticle([tag], syndication: "full");

        var (rss, _, json) = await callers.Factory.WithBearer(callers.Secrets["partner"]).FullTextOf($"?tag={tag}", EntryId(article.Id()));

        Assert.NotNull(rss);
        Assert.NotNull(json);
    }

    /// <summary>One API with a key of each role.</summary>
    public sealed class Callers : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public Dictionary<string, string> Secrets { get; } = [];

        public HttpClient Client(string caller) => caller == "anonymous" ? Factory.Anonymous() : Factory.WithKey(Secrets[caller]);

        public async Task InitializeAsync()
        {
            var admin = Factory.Admin();
            foreach (var role in new[] { "reader", "partner", "editor", "admin" })
            {
                Secrets[role] = (await admin.CreateKey(role)).Secret();
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
