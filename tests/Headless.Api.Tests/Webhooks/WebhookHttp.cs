using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Headless.Api.Tests.Webhooks;

/// <summary>
/// The API with webhook dispatch on, allowed to send to the receiver on 127.0.0.1, polling every 50 ms and retrying
/// after 1 second (three times).
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

/// <summary>The webhook API over a given database file, with dispatch on or off: two of them in turn are a restart.</summary>
public sealed class WebhookRestartFactory(string databasePath, bool dispatchEnabled) : WebhookApiFactory(databasePath)
{
    protected override bool DispatchEnabled => dispatchEnabled;
}

/// <summary>The webhook API on a fake clock that tests move by hand (retries, disabling after hours of failures).</summary>
public sealed class FakeClockWebhookFactory : WebhookApiFactory
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
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

    /// <summary>The webhook's deliveries, newest first (one page of 100).</summary>
    public static async Task<List<JsonNode>> Deliveries(this HttpClient admin, long webhookId) =>
        (await (await admin.GetAsync($"/v1/webhooks/{webhookId}/deliveries?limit=100")).AssertOk())["data"]!.AsArray().Select(d => d!).ToList();

    /// <summary>Polls the webhook's deliveries until <paramref name="done"/> holds (at most 20 seconds) and answers them.</summary>
    public static async Task<List<JsonNode>> WaitForDeliveries(this HttpClient admin, long webhookId, Func<List<JsonNode>, bool> done, Action? eachPoll = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var deliveries = await admin.Deliveries(webhookId);
            if (done(deliveries))
            {
                return deliveries;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Deliveries did not reach the expected state within 20 s: {new JsonArray(deliveries.Select(d => d.DeepClone()).ToArray()).ToJsonString()}");
            eachPoll?.Invoke();
            await Task.Delay(50);
        }
    }

    public static string Status(this JsonNode delivery) => delivery["status"]!.GetValue<string>();

    public static int Attempts(this JsonNode delivery) => delivery["attempts"]!.GetValue<int>();

    /// <summary>The event types of requests, in the order they arrived.</summary>
    public static string[] Types(this IEnumerable<ReceivedRequest> requests) => requests.Select(r => r.Type).ToArray();

    /// <summary>The <c>webhook-signature</c> a Standard Webhooks receiver expects for this request: recomputed here from the secret.</summary>
    public static string ExpectedSignature(string secret, ReceivedRequest request)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.{request.Body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
