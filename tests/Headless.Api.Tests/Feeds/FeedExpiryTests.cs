using System.Net;
using Headless.Api.Tests.Infrastructure;
using static Headless.Api.Tests.Feeds.FeedHttp;

namespace Headless.Api.Tests.Feeds;

/// <summary>Rights windows on a clock the test moves: an article leaves feeds when its window ends, and that dates the feed.</summary>
public sealed class FeedExpiryTests(FakeClockApiFactory factory) : IClassFixture<FakeClockApiFactory>
{
    [Fact]
    public async Task An_expired_article_leaves_every_feed_and_moves_last_modified()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("expiry");
        var stays = await admin.NewFeedArticle([tag], publishedAt: factory.Clock.GetUtcNow().AddDays(-2).ToString("O"));
        var expiresAt = factory.Clock.GetUtcNow().AddHours(1);
        var expires = await admin.NewFeedArticle([tag], expiresAt: expiresAt.ToString("O"));
        var url = $"{AtomFeed}?tag={tag}";
        var before = await admin.GetAsync(url);
        Assert.Equal([EntryId(expires.Id()), EntryId(stays.Id())], (await admin.Ids($"?tag={tag}")).Atom);

        factory.Clock.Advance(TimeSpan.FromHours(2));
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfModifiedSince = before.Content.Headers.LastModified;
        var after = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(expiresAt.AddTicks(-(expiresAt.Ticks % TimeSpan.TicksPerSecond)), after.Content.Headers.LastModified);
        var ids = await admin.Ids($"?tag={tag}");
        Assert.Equal([EntryId(stays.Id())], ids.Rss);
        Assert.Equal(ids.Rss, ids.Atom);
        Assert.Equal(ids.Rss, ids.Json);
        Assert.Equal(expiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            (await admin.GetAtom($"?tag={tag}")).Root!.Element(Atom + "updated")!.Value);
    }
}
