using System.Net;
using System.Net.Http.Headers;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;
using Headless.Api.Tests.ReadPath;
using static Headless.Api.Tests.Feeds.FeedHttp;

namespace Headless.Api.Tests.Feeds;

/// <summary>
/// Conditional GET of feeds (strong ETag, Last-Modified, 304s), their caching headers, and the server's output cache:
/// a write is in the very next anonymous read.
/// </summary>
public sealed class FeedCachingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Formats() => [Rss, AtomFeed, JsonFeed];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Anonymous_reads_are_public_with_a_strong_etag_vary_and_surrogate_keys(string url)
    {
        var tag = Http.UniqueSlug("pub");
        await factory.Admin().NewFeedArticle([tag]);

        var response = await factory.Anonymous().GetAsync($"{url}?tag={tag}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl.MaxAge);
        Assert.Equal(["Accept-Encoding", "X-Api-Key", "Authorization"], response.Headers.Vary);
        Assert.Equal(["articles", "tags"], response.SurrogateKeys());
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Keyed_reads_are_private(string url)
    {
        var admin = factory.Admin();
        var partner = factory.WithKey((await admin.CreateKey("partner")).Secret());

        var response = await partner.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.True(response.Headers.CacheControl.NoStore);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task If_none_match_with_the_etag_answers_304_anonymous_and_keyed(string url)
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("inm");
        await admin.NewFeedArticle([tag]);
        var partner = factory.WithKey((await admin.CreateKey("partner")).Secret());

        foreach (var client in new[] { factory.Anonymous(), partner })
        {
            var first = await client.GetAsync($"{url}?tag={tag}");
            var request = new HttpRequestMessage(HttpMethod.Get, $"{url}?tag={tag}");
            request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            var second = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
            Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        }
    }

    [Fact]
    public async Task Partner_and_anonymous_bodies_of_a_full_article_have_different_etags()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("etags");
        await admin.NewFeedArticle([tag], syndication: "full");
        var partner = factory.WithKey((await admin.CreateKey("partner")).Secret());

        var anonymous = (await factory.Anonymous().GetAsync($"{Rss}?tag={tag}")).Headers.ETag;
        var keyed = (await partner.GetAsync($"{Rss}?tag={tag}")).Headers.ETag;

        Assert.NotEqual(anonymous, keyed);
    }

    [Fact]
    public async Task If_modified_since_answers_304_until_an_article_changes()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ims");
        var article = await admin.NewFeedArticle([tag]);
        var partner = factory.WithKey((await admin.CreateKey("partner")).Secret());
        var url = $"{AtomFeed}?tag={tag}";
        var lastModified = (await partner.GetAsync(url)).Content.Headers.LastModified!.Value;

        var unchanged = await partner.SendAsync(WithIfModifiedSince(url, lastModified));
        // Last-Modified has whole seconds: let the change fall in a later second.
        await Task.Delay(1100);
        await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { headline = "Changed for If-Modified-Since" })).AssertOk();
        var changed = await partner.SendAsync(WithIfModifiedSince(url, lastModified));

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Changed for If-Modified-Since", await changed.Content.ReadAsStringAsync());
        Assert.True(changed.Content.Headers.LastModified > lastModified);
    }

    [Fact]
    public async Task Repeated_anonymous_reads_come_from_the_output_cache()
    {
        var tag = Http.UniqueSlug("oc");
        await factory.Admin().NewFeedArticle([tag]);
        var client = factory.Anonymous();
        await client.GetRss($"?tag={tag}");

        var cached = await factory.CommandsOf(() => client.GetRss($"?tag={tag}"));
        var keyed = await factory.CommandsOf(() => factory.Admin().GetRss($"?tag={tag}"));

        Assert.Equal(0, cached);
        Assert.True(keyed > 0, "A keyed read must skip the output cache.");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_edit_is_in_the_next_anonymous_read(string url)
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("fresh");
        var article = await admin.NewFeedArticle([tag]);
        var client = factory.Anonymous();
        await client.GetStringAsync($"{url}?tag={tag}");
        await client.GetStringAsync($"{url}?tag={tag}");

        await (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { headline = "A fresh headline" })).AssertOk();

        Assert.Contains("A fresh headline", await client.GetStringAsync($"{url}?tag={tag}"));
    }

    [Fact]
    public async Task Publishing_unpublishing_and_renaming_a_tag_are_in_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("life");
        var first = await admin.NewFeedArticle([tag]);
        var client = factory.Anonymous();
        Assert.Equal([EntryId(first.Id())], (await client.Ids($"?tag={tag}")).Json);

        var second = await admin.NewFeedArticle([tag]);
        Assert.Equal([EntryId(second.Id()), EntryId(first.Id())], (await client.Ids($"?tag={tag}")).Json);

        await (await admin.PostAsync($"/v1/articles/{second.Id()}/unpublish", null)).AssertOk();
        Assert.Equal([EntryId(first.Id())], (await client.Ids($"?tag={tag}")).Json);

        var tagId = (await admin.GetFromTag(tag))["id"]!.GetValue<long>();
        await (await admin.PatchMerge($"/v1/tags/{tagId}", new { name = "Renamed tag" })).AssertOk();
        Assert.Equal(["Renamed tag"], Assert.Single((await client.GetRss($"?tag={tag}")).RssItems()).Elements("category").Select(c => c.Value));
    }

    [Fact]
    public async Task An_article_that_expires_caps_the_max_age_at_its_expiry()
    {
        var tag = Http.UniqueSlug("exp");
        await factory.Admin().NewFeedArticle([tag], expiresAt: DateTimeOffset.UtcNow.AddSeconds(30).ToString("O"));

        var response = await factory.Anonymous().GetAsync($"{JsonFeed}?tag={tag}");

        Assert.True(response.Headers.CacheControl!.MaxAge <= TimeSpan.FromSeconds(30));
        Assert.Contains("stale-while-revalidate=0", response.Headers.CacheControl.ToString());
    }

    private static HttpRequestMessage WithIfModifiedSince(string url, DateTimeOffset since)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfModifiedSince = since;
        return request;
    }
}

internal static class FeedTagHttp
{
    /// <summary>The tag with the slug, as <c>GET /v1/tags/slug/{slug}</c> answers it.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> GetFromTag(this HttpClient admin, string slug) =>
        await (await admin.GetAsync($"/v1/tags/slug/{slug}")).AssertOk();
}
