using Dapper;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Tags;
using Microsoft.Data.Sqlite;

namespace Headless.Api.Tests.Webhooks;

/// <summary>
/// The dispatcher checks the target again when it connects, so a webhook whose host came to resolve to a private
/// address after it was saved (DNS rebinding) is refused there. Such webhooks are written straight into the database
/// here (the API would refuse them), pointing at the receiver on 127.0.0.1, which must get nothing.
/// </summary>
public sealed class WebhookConnectionGuardTests(WebhookConnectionGuardTests.Factory factory, WebhookReceiver receiver)
    : IClassFixture<WebhookConnectionGuardTests.Factory>, IClassFixture<WebhookReceiver>
{
    [Fact]
    public async Task A_private_target_is_refused_at_connection_time_by_address_and_by_name()
    {
        var admin = factory.Admin();
        var byAddress = receiver.NewEndpoint();
        var byName = receiver.NewEndpoint();
        var byAddressId = await InsertWebhook(byAddress.Url);
        var byNameId = await InsertWebhook(byName.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

        var tag = await admin.CreateTag();

        foreach (var id in new[] { byAddressId, byNameId })
        {
            var delivery = (await admin.WaitForDeliveries(id, d => d.Any(x => x.Attempts() >= 1 && x["resourceKey"]!.GetValue<string>() == $"tag-{tag.Id()}")))
                .Single(x => x["resourceKey"]!.GetValue<string>() == $"tag-{tag.Id()}");
            Assert.Contains("Refused to connect", delivery["lastError"]!.GetValue<string>());
            Assert.Contains("not a public address", delivery["lastError"]!.GetValue<string>());
            Assert.Null(delivery["lastStatusCode"]);
            Assert.Equal("pending", delivery.Status());
        }

        Assert.Empty(byAddress.Requests);
        Assert.Empty(byName.Requests);
    }

    private async Task<long> InsertWebhook(string url)
    {
        const string sql = """
            INSERT INTO webhooks (url, events, secret, active, created_at, updated_at, version)
            VALUES (@url, '["tag.*"]', @secret, 1, @now, @now, 1)
            RETURNING id
            """;
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        return await connection.ExecuteScalarAsync<long>(sql, new { url, secret = WebhookHttp.NewSecret(), now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>Dispatch on, private targets not allowed, retries after a second.</summary>
    public sealed class Factory : WebhookApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings => [new("Headless:Webhooks:AllowPrivateTargets", "false")];
    }
}
