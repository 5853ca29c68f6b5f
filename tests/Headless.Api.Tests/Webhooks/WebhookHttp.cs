using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Webhooks;

/// <summary>
/// The API with webhook dispatch on, allowed to send to 127.0.0.1, polling every 50 ms and retrying after 1 second
/// (three times).
/// </summary>
public class WebhookApiFactory : ApiFactory
{
    public WebhookApiFactory()
    {
    }

    /// <summary>Over a database file the caller owns (restart tests).</summary>
    protected WebhookApiFactory(string databasePath)
        : base(databasePath)
    {
    }

    protected virtual bool DispatchEnabled => true;

    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings => [];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Headless:Webhooks:DispatchEnabled", DispatchEnabled ? "true" : "false"),
        new("Headless:Webhooks:AllowPrivateTargets", "true"),
        new("Headless:Webhooks:PollIntervalMilliseconds", "50"),
        new("Headless:Webhooks:TimeoutSeconds", "5"),
        new("Headless:Webhooks:RetryDelaysSeconds:0", "1"),
        new("Headless:Webhooks:RetryDelaysSeconds:1", "1"),
        new("Headless:Webhooks:RetryDelaysSeconds:2", "1"),
        .. MoreSettings,
    ];
}

/// <summary>Webhook calls that several webhook test classes make.</summary>
internal static class WebhookHttp
{
    /// <summary>A valid Standard Webhooks secret of 32 random bytes.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates a webhook through the API and answers its JSON, secret included.</summary>
    public static async Task<JsonNode> CreateWebhook(this HttpClient admin, string url, string[]? events = null, string? secret = null, bool? active = null)
    {
        var response = await admin.PostJson("/v1/webhooks", new { url, events = events ?? ["*"], secret, active });
        return await response.AssertOk(HttpStatusCode.Created);
    }

    public static long Id(this JsonNode node) => node["id"]!.GetValue<long>();
}
