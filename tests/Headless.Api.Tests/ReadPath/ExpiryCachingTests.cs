using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.ReadPath;

/// <summary>No cached copy outlives an article's rights window.</summary>
public sealed class ExpiryCachingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Max_age_stops_at_the_articles_expiry_and_allows_no_stale_copy()
    {
        var slug = Http.UniqueSlug("expiring");
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(30);
        await (await factory.Admin().PostJson("/v1/articles", new { headline = "Leaves soon", slug, status = "published", expiresAt })).AssertOk(HttpStatusCode.Created);

        var response = await factory.Anonymous().GetAsync($"/v1/articles/slug/{slug}");
        await response.AssertOk();

        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.InRange(cacheControl.MaxAge!.Value.TotalSeconds, 0, 30);
        Assert.Contains("stale-while-revalidate=0", cacheControl.ToString());
    }

    [Fact]
    public async Task Article_without_expiry_keeps_the_configured_max_age()
    {
        var slug = Http.UniqueSlug("lasting");
        await (await factory.Admin().PostJson("/v1/articles", new { headline = "Stays", slug, status = "published" })).AssertOk(HttpStatusCode.Created);

        var response = await factory.Anonymous().GetAsync($"/v1/articles/slug/{slug}");

        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl!.MaxAge);
    }
}
