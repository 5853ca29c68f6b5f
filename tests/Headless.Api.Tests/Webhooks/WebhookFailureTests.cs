using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Quotes;
using Headless.Api.Tests.Tags;

namespace Headless.Api.Tests.Webhooks;

/// <summary>
/// Deliveries that keep failing, on a fake clock: retried after each delay, failed after the last one, and a webhook
/// whose deliveries have failed for longer than <c>Headless:Webhooks:DisableAfterHours</c> (72) is disabled.
/// </summary>
public sealed class WebhookFailureTests(FakeClockWebhookFactory factory, WebhookReceiver receiver)
    : IClassFixture<FakeClockWebhookFactory>, IClassFixture<WebhookReceiver>
{
    [Fact]
    public async Task A_delivery_failing_every_attempt_is_failed_after_the_last_retry()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        endpoint.DefaultStatus = 500;
        var webhook = await admin.CreateWebhook(endpoint.Url, ["quote.created"]);
        var quote = await admin.CreateQuote(await admin.CreateArticleId());

        var delivery = (await admin.WaitForDeliveries(webhook.Id(), d => d.Any(x => x.Status() == "failed"), Tick)).Single();

        // The initial attempt and one retry per delay (three in the test settings).
        Assert.Equal(4, delivery.Attempts());
        Assert.Null(delivery["nextAttemptAt"]);
        Assert.Equal(500, delivery["lastStatusCode"]!.GetValue<int>());
        Assert.Contains("500", delivery["lastError"]!.GetValue<string>());
        Assert.Equal(4, endpoint.Requests.Count(r => r.IsAbout("quote", quote.Id())));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/webhooks/{webhook.Id()}")).StatusCode);
    }

    [Fact]
    public async Task A_webhook_failing_for_longer_than_disable_after_hours_is_disabled_and_activating_it_again_clears_that()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        endpoint.DefaultStatus = 503;
        var id = (await admin.CreateWebhook(endpoint.Url, ["tag.*"])).Id();
        await admin.CreateTag();
        await admin.WaitForDeliveries(id, d => d.Any(x => x.Attempts() >= 1), Tick);
        var failing = await Webhook(admin, id);
        Assert.True(failing["active"]!.GetValue<bool>());
        Assert.NotNull(failing["failingSince"]);
        Assert.Null(failing["disabledReason"]);

        factory.Clock.Advance(TimeSpan.FromHours(73));
        await admin.CreateTag();
        var disabled = await WaitForWebhook(admin, id, w => !w["active"]!.GetValue<bool>());

        var reason = disabled["disabledReason"]!.GetValue<string>();
        Assert.Contains("Disabled automatically at", reason);
        Assert.Contains("72 hours", reason);
        Assert.Contains("503", reason);
        Assert.Equal(failing["failingSince"]!.GetValue<string>(), disabled["failingSince"]!.GetValue<string>());
        Assert.True(disabled["version"]!.GetValue<long>() > failing["version"]!.GetValue<long>());

        // Disabled: new changes make no deliveries for it.
        var before = (await admin.Deliveries(id)).Count;
        await admin.CreateTag();
        Assert.Equal(before, (await admin.Deliveries(id)).Count);

        var response = await admin.PutCurrent($"/v1/webhooks/{id}", new { url = endpoint.Url, events = new[] { "tag.*" }, active = true });

        var active = await response.AssertOk();
        Assert.True(active["active"]!.GetValue<bool>());
        Assert.Null(active["disabledReason"]);
        Assert.Null(active["failingSince"]);
    }

    [Fact]
    public async Task A_success_ends_the_failure_streak()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        endpoint.FailNext(1, 502);
        var id = (await admin.CreateWebhook(endpoint.Url, ["link.*", "tag.updated"])).Id();
        var tag = await admin.CreateTag();
        await (await admin.PutCurrent($"/v1/tags/{tag.Id()}", new { name = "Streak" })).AssertOk();

        await admin.WaitForDeliveries(id, d => d.Any(x => x.Attempts() >= 1), Tick);
        Assert.NotNull((await Webhook(admin, id))["failingSince"]);
        await admin.WaitForDeliveries(id, d => d.All(x => x.Status() == "delivered"), Tick);

        Assert.Null((await Webhook(admin, id))["failingSince"]);
    }

    private void Tick() => factory.Clock.Advance(TimeSpan.FromMilliseconds(100));

    private static async Task<JsonNode> Webhook(HttpClient admin, long id) => await (await admin.GetAsync($"/v1/webhooks/{id}")).AssertOk();

    private async Task<JsonNode> WaitForWebhook(HttpClient admin, long id, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var webhook = await Webhook(admin, id);
            if (done(webhook))
            {
                return webhook;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The webhook did not reach the expected state within 20 s: {webhook.ToJsonString()}");
            Tick();
            await Task.Delay(50);
        }
    }
}

/// <summary>An endpoint that does not answer within <c>Headless:Webhooks:TimeoutSeconds</c> fails the attempt, which is retried.</summary>
public sealed class WebhookTimeoutTests(WebhookTimeoutTests.Factory factory, WebhookReceiver receiver)
    : IClassFixture<WebhookTimeoutTests.Factory>, IClassFixture<WebhookReceiver>
{
    [Fact]
    public async Task No_answer_within_the_timeout_is_a_failed_attempt_that_is_retried()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        endpoint.Delay = TimeSpan.FromSeconds(5);
        var id = (await admin.CreateWebhook(endpoint.Url, ["tag.created"])).Id();
        await admin.CreateTag();

        var timedOut = (await admin.WaitForDeliveries(id, d => d.Any(x => x.Attempts() >= 1))).Single();
        endpoint.Delay = TimeSpan.Zero;

        Assert.Contains("No answer within 1 seconds", timedOut["lastError"]!.GetValue<string>());
        Assert.Null(timedOut["lastStatusCode"]);
        Assert.InRange(timedOut["lastDurationMs"]!.GetValue<long>(), 900, 5000);
        var delivered = (await admin.WaitForDeliveries(id, d => d.All(x => x.Status() == "delivered"))).Single();
        Assert.True(delivered.Attempts() >= 2);
    }

    /// <summary>Attempts time out after one second.</summary>
    public sealed class Factory : WebhookApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings => [new("Headless:Webhooks:TimeoutSeconds", "1")];
    }
}
