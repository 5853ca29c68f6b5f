using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Workflow;

namespace Headless.Api.Tests.Webhooks;

/// <summary>Changes no request makes, on a fake clock: a scheduled publish and the end of a rights window fire events too.</summary>
public sealed class WebhookScheduleTests(FakeClockWebhookFactory factory, WebhookReceiver receiver)
    : IClassFixture<FakeClockWebhookFactory>, IClassFixture<WebhookReceiver>
{
    [Fact]
    public async Task A_scheduled_publish_fires_scheduled_then_published()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        await admin.CreateWebhook(endpoint.Url, ["article.*"]);
        var article = await admin.CreateInStatus("draft", factory.Clock.GetUtcNow());
        (await admin.Transition(article.Id(), "schedule", factory.Clock.GetUtcNow().AddMinutes(10))).EnsureSuccessStatusCode();

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        var requests = await ReceivedAsync(endpoint, 3, article.Id());

        Assert.Equal(["article.created", "article.scheduled", "article.published"], requests.Types());
    }

    [Fact]
    public async Task The_end_of_a_rights_window_fires_article_expired_once()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        await admin.CreateWebhook(endpoint.Url, ["article.expired"]);
        var article = await admin.CreateInStatus("published", factory.Clock.GetUtcNow(), expiresAt: factory.Clock.GetUtcNow().AddHours(1));

        factory.Clock.Advance(TimeSpan.FromHours(2));
        var requests = await ReceivedAsync(endpoint, 1, article.Id());
        factory.Clock.Advance(TimeSpan.FromHours(2));
        for (var i = 0; i < 5; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(60);
        }

        Assert.Equal(["article.expired"], requests.Types());
        Assert.Single(endpoint.Requests, r => r.IsAbout("article", article.Id()));
    }

    /// <summary>Moves the fake clock in small steps (the dispatcher polls on it) until the article's requests arrive, ten seconds at most.</summary>
    private async Task<IReadOnlyList<ReceivedRequest>> ReceivedAsync(ReceiverEndpoint endpoint, int count, long articleId)
    {
        for (var i = 0; i < 200; i++)
        {
            var requests = endpoint.Requests.Where(r => r.IsAbout("article", articleId)).ToList();
            if (requests.Count >= count)
            {
                return requests;
            }

            factory.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(50);
        }

        throw new TimeoutException($"Expected {count} request(s) about article {articleId}.");
    }
}
