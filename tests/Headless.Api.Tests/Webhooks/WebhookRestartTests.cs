using System.Net;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Tags;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Tests.Webhooks;

/// <summary>
/// The outbox: deliveries are rows written by the changes' own transactions, so a process that stops after the
/// changes commit and before anything is sent loses nothing; the next one over the same database sends it all.
/// </summary>
public sealed class WebhookRestartTests(WebhookReceiver receiver) : IClassFixture<WebhookReceiver>
{
    [Fact]
    public async Task No_event_is_lost_across_a_restart_between_commit_and_delivery()
    {
        var directory = Path.Combine(Path.GetTempPath(), "headless-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var databasePath = Path.Combine(directory, "headless.db");
        var endpoint = receiver.NewEndpoint();
        try
        {
            long webhookId, articleId, tagId;
            using (var before = new WebhookRestartFactory(databasePath, dispatchEnabled: false))
            {
                var admin = before.Admin();
                webhookId = (await admin.CreateWebhook(endpoint.Url, ["article.*", "tag.*"])).Id();
                var article = await admin.CreateArticle(status: "draft");
                articleId = article.Id();
                await (await admin.PostAsync($"/v1/articles/{articleId}/publish", null)).AssertOk();
                await (await admin.PutCurrent($"/v1/articles/{articleId}", new { headline = "Changed", slug = article["slug"]!.GetValue<string>(), body = "Changed." })).AssertOk();
                tagId = (await admin.CreateTag()).Id();
                Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/tags/{tagId}")).StatusCode);

                var pending = await admin.Deliveries(webhookId);
                Assert.Equal(5, pending.Count);
                Assert.All(pending, d => Assert.Equal("pending", d.Status()));
                Assert.All(pending, d => Assert.Equal(0, d.Attempts()));
            }

            Assert.Empty(endpoint.Requests);

            using var after = new WebhookRestartFactory(databasePath, dispatchEnabled: true);
            // Starts the second process; nothing but its dispatcher sends anything.
            var afterAdmin = after.Admin();
            var received = await endpoint.WaitForDeliveredAsync(5);

            // Order holds per resource (different resources may be sent side by side).
            var articleEvents = received.Where(r => r.IsAbout("article", articleId)).ToList();
            var tagEvents = received.Where(r => r.IsAbout("tag", tagId)).ToList();
            Assert.Equal(["article.created", "article.published", "article.updated"], articleEvents.Types());
            Assert.Equal(["tag.created", "tag.deleted"], tagEvents.Types());
            Assert.Equal(articleEvents.Select(r => r.Seq).Order(), articleEvents.Select(r => r.Seq));
            Assert.Equal(tagEvents.Select(r => r.Seq).Order(), tagEvents.Select(r => r.Seq));
            var deliveries = await afterAdmin.WaitForDeliveries(webhookId, d => d.All(x => x.Status() == "delivered"));
            Assert.Equal(5, deliveries.Count);
            Assert.All(deliveries, d => Assert.Equal(1, d.Attempts()));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temporary folder behind.
            }
        }
    }
}
