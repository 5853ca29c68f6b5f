using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Headless.Api.Features.Webhooks;

/// <summary>
/// Sends webhook deliveries: a background service that takes the deliveries due now (oldest first, never one while an
/// earlier one for the same webhook and resource is pending), POSTs each, signed, to its webhook, a few at a time, and
/// records how each went: 2xx is delivered; anything else (another status, no answer within the timeout, no connection)
/// is retried after the next of <see cref="WebhookOptions.RetryDelaysSeconds"/>, and failed after the last. Deliveries
/// are rows written by the changes' own transactions, so none is lost when the process stops between a change and its
/// delivery; a delivery sent but not yet recorded when the process stops is sent again (at least once).
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    /// <summary>The most requests in flight at once.</summary>
    public const int MaxConcurrentSends = 4;

    private readonly WebhookStore store;
    private readonly TimeProvider clock;
    private readonly WebhookOptions options;
    private readonly ILogger<WebhookDispatcher> logger;
    private readonly HttpClient http;

    public WebhookDispatcher(WebhookStore store, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
    {
        this.store = store;
        this.clock = clock;
        this.options = options.Value;
        this.logger = logger;
        var allowPrivateTargets = this.options.AllowPrivateTargets;
        http = new HttpClient(new SocketsHttpHandler
        {
            // Every connection resolves and checks the host itself (DNS rebinding), and nothing goes through a proxy or
            // follows a redirect, which would let the target choose where the request really goes.
            ConnectCallback = (context, ct) => WebhookTargets.ConnectAsync(context.DnsEndPoint, allowPrivateTargets, ct),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.DispatchEnabled)
        {
            logger.LogInformation("Webhook dispatch is off (Headless:Webhooks:DispatchEnabled): deliveries stay pending");
            return;
        }

        var pollInterval = TimeSpan.FromMilliseconds(options.PollIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DispatchDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Dispatching webhook deliveries failed; trying again shortly");
            }

            if (sent == 0)
            {
                try
                {
                    await Task.Delay(pollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends one batch of due deliveries at once and records each outcome; answers how many it sent.</summary>
    private async Task<int> DispatchDueAsync(CancellationToken stoppingToken)
    {
        var due = await store.DueDeliveriesAsync(MaxConcurrentSends, stoppingToken);
        await Task.WhenAll(due.Select(delivery => DeliverAsync(delivery, stoppingToken)));
        return due.Count;
    }

    private async Task DeliverAsync(DueDeliveryRow delivery, CancellationToken stoppingToken)
    {
        var attempt = await SendAsync(delivery, stoppingToken);
        if (attempt is null)
        {
            // Stopping: the delivery stays pending and is sent after the restart.
            return;
        }

        if (attempt.Succeeded)
        {
            await store.RecordDeliveredAsync(delivery, attempt, CancellationToken.None);
            return;
        }

        var delays = options.RetryDelays;
        DateTimeOffset? retryAt = delivery.Attempts < delays.Count ? clock.GetUtcNow().AddSeconds(delays[delivery.Attempts]) : null;
        var disabled = await store.RecordFailedAsync(delivery, attempt, retryAt, TimeSpan.FromHours(options.DisableAfterHours), CancellationToken.None);
        logger.LogWarning("Webhook {WebhookId} delivery {DeliveryId} ({Event}) failed on attempt {Attempt}: {Error}{Next}",
            delivery.WebhookId, delivery.Id, delivery.Event, delivery.Attempts + 1, attempt.Error, retryAt is null ? "; no more attempts" : $"; next attempt at {retryAt:O}");
        if (disabled)
        {
            logger.LogWarning("Webhook {WebhookId} disabled: its deliveries have failed for more than {Hours} hours", delivery.WebhookId, options.DisableAfterHours);
        }
    }

    /// <summary>One attempt: the signed POST and its outcome; null when the process is stopping.</summary>
    private async Task<DeliveryAttempt?> SendAsync(DueDeliveryRow delivery, CancellationToken stoppingToken)
    {
        var body = WebhookMessage.Body(delivery.Event, delivery.Kind, delivery.ChangeSeq, delivery.ChangedAt, delivery.Payload, delivery.ArticleSyndication == "none");
        var messageId = WebhookMessage.Id(delivery.ChangeSeq);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", WebhookMessage.UserAgent);
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookMessage.Signature(delivery.Secret, messageId, timestamp, body));

        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        using var timeoutSource = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeoutSource.Token);
        var started = clock.GetTimestamp();
        long Elapsed() => (long)clock.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            // Only the status matters; the body is not read.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            return new DeliveryAttempt(status, response.IsSuccessStatusCode ? null : Answered(status, response.ReasonPhrase), Elapsed());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return new DeliveryAttempt(null, $"No answer within {options.TimeoutSeconds} seconds (Headless:Webhooks:TimeoutSeconds).", Elapsed());
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryAttempt(null, Describe(ex), Elapsed());
        }
    }

    private static string Answered(int status, string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? $"The endpoint answered {status}." : Clip($"The endpoint answered {status} {reason}.");

    private static string Clip(string text) => text.Length <= 500 ? text : text[..500];

    /// <summary>Why a request failed, without a stack: the refused target, or the innermost message (connection refused, name not found).</summary>
    private static string Describe(HttpRequestException ex)
    {
        Exception inner = ex;
        while (inner.InnerException is not null && inner is not WebhookTargetRefusedException)
        {
            inner = inner.InnerException;
        }

        return Clip(inner is WebhookTargetRefusedException ? inner.Message : $"Could not send the request: {inner.Message}");
    }

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }
}
