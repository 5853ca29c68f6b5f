namespace Headless.Api.Features.Webhooks;

/// <summary>Webhook settings (<c>Headless:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public static readonly IReadOnlyList<int> DefaultRetryDelaysSeconds = [30, 120, 600, 3600, 14400, 43200, 86400];

    /// <summary>Allow webhooks to loopback, private, link-local and other non-public addresses (for development and tests only).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Whether this process sends deliveries; off, they stay pending in the database (changes are still recorded).</summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>How long one attempt may take, connecting included (seconds).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How often the dispatcher looks for due deliveries when it has nothing to send (milliseconds).</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>The wait before each retry (seconds): after the n-th failed attempt the delivery waits the n-th delay; after the last, it has failed.</summary>
    public int[]? RetryDelaysSeconds { get; set; }

    /// <summary>A webhook whose every delivery attempt has failed for longer than this (hours) is disabled.</summary>
    public double DisableAfterHours { get; set; } = 72;

    public IReadOnlyList<int> RetryDelays => RetryDelaysSeconds is { Length: > 0 } delays ? delays : DefaultRetryDelaysSeconds;

    public bool IsValid() =>
        TimeoutSeconds > 0 && PollIntervalMilliseconds > 0 && DisableAfterHours >= 0 && RetryDelays.All(d => d >= 0);
}
