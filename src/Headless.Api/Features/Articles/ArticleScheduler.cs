using Headless.Api.Common.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace Headless.Api.Features.Articles;

/// <summary>
/// Publishes scheduled articles when their time comes, and announces articles whose rights window ended (an
/// <c>article.expired</c> change), without any request: it sleeps until the next one falls due (at most a minute,
/// and woken early when something is scheduled), and on start does whatever fell due while the server was down. Time comes from <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class ArticleScheduler(ArticleStore store, TimeProvider clock, IOutputCacheStore cache, ILogger<ArticleScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryAfterFault = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Raised after each pass with the ids it published (for tests and diagnostics).</summary>
    public event Action<IReadOnlyList<long>>? Passed;

    /// <summary>Makes the scheduler look again now (an article was scheduled or rescheduled).</summary>
    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset wakeAt;
            try
            {
                var published = await store.PublishDueAsync(stoppingToken);
                if (published.Count > 0)
                {
                    logger.LogInformation("Published {Count} scheduled article(s): {Ids}", published.Count, published);
                    await HttpCaching.EvictAsync(cache, published.Select(id => $"article-{id}").Concat(["articles", "tags", "quotes", "links"]), stoppingToken);
                }

                var expired = await store.AnnounceExpiredAsync(stoppingToken);
                if (expired.Count > 0)
                {
                    logger.LogInformation("Announced the end of the rights window of {Count} article(s): {Ids}", expired.Count, expired);
                }

                Passed?.Invoke(published);
                var next = Earliest(await store.NextScheduledAtAsync(stoppingToken), await store.NextExpiryAsync(stoppingToken));
                var now = clock.GetUtcNow();
                wakeAt = now + (next is null ? MaxIdle : TimeSpan.FromTicks(Math.Clamp((next.Value - now).Ticks, 0, MaxIdle.Ticks)));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Publishing scheduled articles failed; trying again shortly");
                wakeAt = clock.GetUtcNow() + RetryAfterFault;
            }

            await SleepAsync(wakeAt, stoppingToken);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    private async Task SleepAsync(DateTimeOffset wakeAt, CancellationToken stoppingToken)
    {
        var delay = wakeAt - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            var timer = Task.Delay(delay, clock, cancel.Token);
            // The timer counts from when it is armed: if the clock moved on after it was read (a fake clock jumps in
            // one step), the timer would wait a whole delay more, so look at the clock again now that it is armed.
            if (clock.GetUtcNow() >= wakeAt)
            {
                return;
            }

            await Task.WhenAny(timer, wake.WaitAsync(cancel.Token));
        }
        finally
        {
            await cancel.CancelAsync();
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }
}
