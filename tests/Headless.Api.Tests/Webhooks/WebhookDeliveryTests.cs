using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Quotes;
using Headless.Api.Tests.Tags;

namespace Headless.Api.Tests.Webhooks;

/// <summary>
/// Content changes reach a real receiver on 127.0.0.1 as signed Standard Webhooks requests, named by event, in order
/// per resource, retried after failures. Webhooks of other tests in the class also get events, so each test reads only
/// the requests about its own resources, or subscribes to events no other test makes.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookApiFactory factory, WebhookReceiver receiver) : IClassFixture<WebhookApiFactory>, IClassFixture<WebhookReceiver>
{
    [Fact]
    public async Task Article_events_are_named_created_published_updated_unpublished_deleted_in_order()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        await admin.CreateWebhook(endpoint.Url, ["article.*"]);

        var article = await admin.CreateArticle(status: "draft");
        var id = article.Id();
        await (await admin.PostAsync($"/v1/articles/{id}/publish", null)).AssertOk();
        await (await admin.PutCurrent($"/v1/articles/{id}", new { headline = "A new headline", slug = article["slug"]!.GetValue<string>(), body = "Changed." })).AssertOk();
        await (await admin.PostAsync($"/v1/articles/{id}/unpublish", null)).AssertOk();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/articles/{id}")).StatusCode);

        var received = await endpoint.WaitForDeliveredAsync(5, r => r.IsAbout("article", id));

        Assert.Equal(["article.created", "article.published", "article.updated", "article.unpublished", "article.deleted"], received.Types());
        Assert.Equal(received.Select(r => r.Seq).Order(), received.Select(r => r.Seq));
        Assert.Equal(5, received.Select(r => r.Seq).Distinct().Count());
        Assert.All(received, r => Assert.Equal("2026-11-24", r.Json["version"]!.GetValue<string>()));
        Assert.All(received, r => Assert.Equal("POST", r.Method));
        var updated = received[2];
        Assert.Equal("A new headline", updated.Data["headline"]!.GetValue<string>());
        Assert.Equal("published", updated.Data["status"]!.GetValue<string>());
        Assert.Equal("full", updated.Data["syndication"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(updated.Json["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));
        Assert.EndsWith("Z", updated.Json["timestamp"]!.GetValue<string>());
        Assert.Equal("draft", received[3].Data["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tag_events_are_named_created_updated_deleted()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        await admin.CreateWebhook(endpoint.Url, ["tag.*"]);

        var tag = await admin.CreateTag();
        var id = tag.Id();
        await (await admin.PutCurrent($"/v1/tags/{id}", new { name = "Renamed tag" })).AssertOk();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/tags/{id}")).StatusCode);

        var received = await endpoint.WaitForDeliveredAsync(3, r => r.IsAbout("tag", id));

        Assert.Equal(["tag.created", "tag.updated", "tag.deleted"], received.Types());
        Assert.Equal("Renamed tag", received[1].Data["name"]!.GetValue<string>());
        Assert.Equal(tag["slug"]!.GetValue<string>(), received[2].Data["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Quote_events_are_named_created_updated_deleted()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        await admin.CreateWebhook(endpoint.Url, ["quote.*"]);
        var articleId = await admin.CreateArticleId();

        var quote = await admin.CreateQuote(articleId, speaker: "Ana Pérez", text: "We will see.");
        var id = quote.Id();
        await (await admin.PutCurrent($"/v1/quotes/{id}", new { text = "We have seen.", speaker = "Ana Pérez" })).AssertOk();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/quotes/{id}")).StatusCode);

        var received = await endpoint.WaitForDeliveredAsync(3, r => r.IsAbout("quote", id));

        Assert.Equal(["quote.created", "quote.updated", "quote.deleted"], received.Types());
        Assert.Equal("We have seen.", received[1].Data["text"]!.GetValue<string>());
        Assert.Equal(articleId, received[1].Data["articleId"]!.GetValue<long>());
        Assert.All(endpoint.Requests, r => Assert.StartsWith("quote.", r.Type));
    }

    [Fact]
    public async Task Requests_are_signed_per_standard_webhooks_with_the_secret()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        var secret = WebhookHttp.NewSecret();
        await admin.CreateWebhook(endpoint.Url, ["tag.created"], secret);

        var tag = await admin.CreateTag();
        var request = (await endpoint.WaitForDeliveredAsync(1, r => r.IsAbout("tag", tag.Id())))[0];

        Assert.Equal($"msg_{request.Seq}", request.Header("webhook-id"));
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Header("webhook-timestamp"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(WebhookHttp.ExpectedSignature(secret, request), request.Header("webhook-signature"));
        Assert.NotEqual(WebhookHttp.ExpectedSignature(WebhookHttp.NewSecret(), request), request.Header("webhook-signature"));
        Assert.StartsWith("application/json", request.Header("content-type"));
        Assert.StartsWith("Headless-Webhooks/", request.Header("user-agent"));
        Assert.Equal("tag.created", request.Type);
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_with_the_same_message_and_the_delivery_shows_two_attempts()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        endpoint.FailNext(1, 500);
        var webhook = await admin.CreateWebhook(endpoint.Url, ["tag.created"]);

        var tag = await admin.CreateTag();
        await endpoint.WaitForDeliveredAsync(1, r => r.IsAbout("tag", tag.Id()));

        var requests = endpoint.Requests.Where(r => r.IsAbout("tag", tag.Id())).ToList();
        Assert.Equal([500, 200], requests.Select(r => r.Status));
        Assert.Equal(requests[0].Header("webhook-id"), requests[1].Header("webhook-id"));
        Assert.Equal(requests[0].Body, requests[1].Body);
        var delivery = (await admin.WaitForDeliveries(webhook.Id(), d => d.Any(x => x.Status() == "delivered")))
            .Single(d => d["resourceKey"]!.GetValue<string>() == $"tag-{tag.Id()}");
        Assert.Equal(2, delivery.Attempts());
        Assert.Equal(200, delivery["lastStatusCode"]!.GetValue<int>());
        Assert.Null(delivery["lastError"]);
        Assert.Null(delivery["nextAttemptAt"]);
        Assert.Equal("tag.created", delivery["event"]!.GetValue<string>());
        Assert.Equal(requests[0].Seq, delivery["seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task Quick_updates_to_one_article_arrive_in_seq_order_even_when_the_first_attempt_fails()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        endpoint.FailNext(1, 503);
        await admin.CreateWebhook(endpoint.Url, ["article.*"]);

        var article = await admin.CreateArticle();
        var id = article.Id();
        for (var i = 1; i <= 3; i++)
        {
            await (await admin.PutCurrent($"/v1/articles/{id}", new { headline = $"Headline {i}", slug = article["slug"]!.GetValue<string>(), body = $"Version {i}." })).AssertOk();
        }

        var delivered = await endpoint.WaitForDeliveredAsync(4, r => r.IsAbout("article", id));

        Assert.Equal(["article.published", "article.updated", "article.updated", "article.updated"], delivered.Types());
        Assert.Equal(["Headline 1", "Headline 2", "Headline 3"], delivered.Skip(1).Select(r => r.Data["headline"]!.GetValue<string>()));
        var all = endpoint.Requests.Where(r => r.IsAbout("article", id)).ToList();
        // The failed first event was retried before any later one was sent.
        Assert.Equal(503, all[0].Status);
        Assert.Equal(all[0].Seq, all[1].Seq);
        Assert.Equal(all.Select(r => r.Seq).Order(), all.Select(r => r.Seq));
    }

    [Fact]
    public async Task A_webhook_gets_only_the_events_it_subscribed_to()
    {
        var admin = factory.Admin();
        var tagsOnly = receiver.NewEndpoint();
        var everything = receiver.NewEndpoint();
        var publishedOnly = receiver.NewEndpoint();
        var tagsWebhook = await admin.CreateWebhook(tagsOnly.Url, ["tag.*"]);
        await admin.CreateWebhook(everything.Url, ["*"]);
        var publishedWebhook = await admin.CreateWebhook(publishedOnly.Url, ["article.published"]);

        var article = await admin.CreateArticle(status: "draft");
        await (await admin.PostAsync($"/v1/articles/{article.Id()}/publish", null)).AssertOk();
        var tag = await admin.CreateTag();

        var all = await everything.WaitForDeliveredAsync(3, r => r.IsAbout("article", article.Id()) || r.IsAbout("tag", tag.Id()));
        Assert.Equal(["article.created", "article.published"], all.Where(r => r.IsAbout("article", article.Id())).Types());
        Assert.Equal(["tag.created"], all.Where(r => r.IsAbout("tag", tag.Id())).Types());
        await tagsOnly.WaitForDeliveredAsync(1, r => r.IsAbout("tag", tag.Id()));
        await publishedOnly.WaitForDeliveredAsync(1, r => r.IsAbout("article", article.Id()));
        // Deliveries are made only for subscribed events, so nothing else can arrive later.
        Assert.All(await admin.Deliveries(tagsWebhook.Id()), d => Assert.StartsWith("tag.", d["event"]!.GetValue<string>()));
        Assert.All(await admin.Deliveries(publishedWebhook.Id()), d => Assert.Equal("article.published", d["event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Articles_never_syndicated_are_sent_without_their_content()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        await admin.CreateWebhook(endpoint.Url, ["article.*", "quote.*"]);

        var response = await admin.PostJson("/v1/articles", new { headline = "Not for partners", slug = Http.UniqueSlug("none"), body = "Ours only.", status = "published", syndication = "none" });
        var article = await response.AssertOk(HttpStatusCode.Created);
        var quote = await admin.CreateQuote(article.Id(), text: "Secret words.");

        var articleEvent = (await endpoint.WaitForDeliveredAsync(1, r => r.IsAbout("article", article.Id())))[0];
        var quoteEvent = (await endpoint.WaitForDeliveredAsync(1, r => r.IsAbout("quote", quote.Id())))[0];

        Assert.Equal("article.published", articleEvent.Type);
        Assert.Equal(["id", "slug", "status", "syndication"], articleEvent.Data.AsObject().Select(p => p.Key).Order());
        Assert.Equal("none", articleEvent.Data["syndication"]!.GetValue<string>());
        Assert.DoesNotContain("Not for partners", articleEvent.Body);
        Assert.Equal(["articleId", "id", "syndication"], quoteEvent.Data.AsObject().Select(p => p.Key).Order());
        Assert.DoesNotContain("Secret words", quoteEvent.Body);
    }

    [Fact]
    public async Task Redeliver_sends_a_delivery_again_with_the_same_webhook_id()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        var webhook = await admin.CreateWebhook(endpoint.Url, ["tag.created"]);
        var other = await admin.CreateWebhook(receiver.NewEndpoint().Url, ["tag.deleted"]);
        var tag = await admin.CreateTag();
        var first = (await endpoint.WaitForDeliveredAsync(1, r => r.IsAbout("tag", tag.Id())))[0];
        var delivery = (await admin.WaitForDeliveries(webhook.Id(), d => d.Any(x => x.Status() == "delivered")))
            .Single(d => d["resourceKey"]!.GetValue<string>() == $"tag-{tag.Id()}");

        var response = await admin.PostAsync($"/v1/webhooks/{webhook.Id()}/deliveries/{delivery.Id()}/redeliver", null);

        var accepted = await response.AssertOk(HttpStatusCode.Accepted);
        Assert.Equal(delivery.Id(), accepted.Id());
        Assert.Equal("pending", accepted.Status());
        Assert.Equal(0, accepted.Attempts());
        var again = await endpoint.WaitForDeliveredAsync(2, r => r.IsAbout("tag", tag.Id()));
        Assert.Equal(first.Header("webhook-id"), again[1].Header("webhook-id"));
        Assert.Equal(first.Body, again[1].Body);
        await admin.WaitForDeliveries(webhook.Id(), d => d.Single(y => y.Id() == delivery.Id()) is var x && x.Status() == "delivered" && x.Attempts() == 1);

        await (await admin.PostAsync($"/v1/webhooks/{other.Id()}/deliveries/{delivery.Id()}/redeliver", null)).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/v1/webhooks/{webhook.Id()}/deliveries/987654321/redeliver", null)).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/v1/webhooks/987654321/deliveries/{delivery.Id()}/redeliver", null)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deliveries_are_listed_newest_first_in_pages_and_filtered_by_status()
    {
        var admin = factory.Admin();
        var endpoint = receiver.NewEndpoint();
        var webhook = await admin.CreateWebhook(endpoint.Url, ["tag.created"]);
        var tags = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            tags.Add((await admin.CreateTag()).Id());
        }

        await admin.WaitForDeliveries(webhook.Id(), d => d.Count(x => x.Status() == "delivered") >= 3);

        var first = await (await admin.GetAsync($"/v1/webhooks/{webhook.Id()}/deliveries?limit=2&count=true")).AssertOk();
        var page = first["data"]!.AsArray();
        Assert.Equal(2, page.Count);
        Assert.Equal($"tag-{tags[2]}", page[0]!["resourceKey"]!.GetValue<string>());
        Assert.Equal($"tag-{tags[1]}", page[1]!["resourceKey"]!.GetValue<string>());
        Assert.True(page[0]!.Id() > page[1]!.Id());
        Assert.True(page[0]!["seq"]!.GetValue<long>() > page[1]!["seq"]!.GetValue<long>());
        Assert.Equal(webhook.Id(), page[0]!["webhookId"]!.GetValue<long>());
        Assert.Equal(1, page[0]!.Attempts());
        Assert.Equal(200, page[0]!["lastStatusCode"]!.GetValue<int>());
        Assert.NotNull(page[0]!["lastDurationMs"]);
        Assert.NotNull(page[0]!["createdAt"]);
        Assert.NotNull(page[0]!["updatedAt"]);
        Assert.True(first["page"]!["total"]!.GetValue<long>() >= 3);
        var second = await (await admin.GetAsync($"/v1/webhooks/{webhook.Id()}/deliveries?limit=2&cursor={first.NextCursor()}")).AssertOk();
        Assert.Equal($"tag-{tags[0]}", second["data"]![0]!["resourceKey"]!.GetValue<string>());

        var failed = await (await admin.GetAsync($"/v1/webhooks/{webhook.Id()}/deliveries?status=failed")).AssertOk();
        Assert.Empty(failed["data"]!.AsArray());
        await (await admin.GetAsync($"/v1/webhooks/{webhook.Id()}/deliveries?status=lost")).AssertFieldError("status");
        await (await admin.GetAsync("/v1/webhooks/987654321/deliveries")).AssertProblem(HttpStatusCode.NotFound);
    }
}
