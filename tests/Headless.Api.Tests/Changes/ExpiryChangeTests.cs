using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Workflow;
using static Headless.Api.Tests.Changes.ChangeFeedTests;

namespace Headless.Api.Tests.Changes;

/// <summary>The end of a rights window is a time, not a write: the scheduler announces it, once, as an <c>expired</c> change.</summary>
public sealed class ExpiryChangeTests(FakeClockApiFactory factory) : IClassFixture<FakeClockApiFactory>
{
    [Fact]
    public async Task An_article_whose_rights_window_ends_comes_as_an_expired_tombstone_once()
    {
        var admin = factory.Admin();
        var start = await Latest(admin);
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow(), expiresAt: factory.Clock.GetUtcNow().AddHours(1));

        factory.Clock.Advance(TimeSpan.FromHours(2));
        await ExpiredAsync(admin, start, article.Id());
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(200);

        var mine = (await ReadAll(admin, start)).Where(c => c["kind"]!.GetValue<string>() == "article" && c["id"]!.GetValue<long>() == article.Id()).ToList();
        Assert.Equal(["expired"], mine.Select(Type));
    }

    /// <summary>Waits (ten seconds at most, on the real clock) until the scheduler has announced the article's expiry.</summary>
    private static async Task ExpiredAsync(HttpClient admin, string since, long id)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await ReadAll(admin, since)).Any(c => c["id"]!.GetValue<long>() == id && Type(c) == "expired"))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The expiry of article {id} was not announced.");
    }

    [Fact]
    public async Task A_new_rights_window_is_announced_again_when_it_ends()
    {
        var admin = factory.Admin();
        var first = await Latest(admin);
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow(), expiresAt: factory.Clock.GetUtcNow().AddHours(1));
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await ExpiredAsync(admin, first, article.Id());
        var start = await Latest(admin);

        (await admin.PatchMerge($"/v1/articles/{article.Id()}", new { expiresAt = factory.Clock.GetUtcNow().AddHours(1) })).EnsureSuccessStatusCode();
        var renewed = (await ReadAll(admin, start)).Where(c => c["id"]!.GetValue<long>() == article.Id()).ToList();
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await ExpiredAsync(admin, start, article.Id());

        var mine = (await ReadAll(admin, start)).Where(c => c["kind"]!.GetValue<string>() == "article" && c["id"]!.GetValue<long>() == article.Id()).ToList();
        Assert.Equal(["upsert"], renewed.Select(Type));
        Assert.Equal(["expired"], mine.Select(Type));
    }
}
