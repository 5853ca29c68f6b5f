using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Headless.Api.Common.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Headless.Api.Common.Limits;

/// <summary>One tier of the rate limit: how many requests a caller may make per window.</summary>
public sealed class RateLimitTier
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}

/// <summary><c>Headless:RateLimits</c>: a tier per role, and anonymous callers per client IP.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    public RateLimitTier Anonymous { get; set; } = new() { PermitLimit = 600 };

    public RateLimitTier Reader { get; set; } = new() { PermitLimit = 1200 };

    public RateLimitTier Partner { get; set; } = new() { PermitLimit = 3000 };

    public RateLimitTier Editor { get; set; } = new() { PermitLimit = 6000 };

    public RateLimitTier Admin { get; set; } = new() { PermitLimit = 6000 };

    public bool IsValid() => new[] { Anonymous, Reader, Partner, Editor, Admin }.All(t => t.PermitLimit > 0 && t.WindowSeconds > 0);
}

/// <summary>
/// Rate limits on <c>/v1</c> with ASP.NET Core's rate limiter: a fixed window per API key (its id, or its name for the
/// configuration admin key) at its role's tier, and per client IP for anonymous callers. Every <c>/v1</c> answer says
/// where the caller stands in <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (IETF
/// draft, seconds); one over the limit is a 429 problem with <c>Retry-After</c>. Health and Swagger are not limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("Headless:RateLimits")
            .Validate(options => options.IsValid(), "Headless:RateLimits: every tier needs a positive PermitLimit and WindowSeconds.").ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, TimeProvider>((options, settings, time) =>
        {
            var tiers = settings.Value;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Partition>(context =>
                IsLimited(context.Request)
                    ? RateLimitPartition.Get(PartitionOf(context, tiers), partition => new WindowLimiter(partition.PermitLimit, TimeSpan.FromSeconds(partition.WindowSeconds), time))
                    : RateLimitPartition.GetNoLimiter(Partition.None));
            options.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Seconds(retryAfter);
                if (options.GlobalLimiter.GetStatistics(context) is WindowStatistics statistics)
                {
                    WriteHeaders(context.Response.Headers, statistics);
                }

                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This API key (or, without a key, this client address) has used its requests for the current window. Retry after {seconds} s.",
                    },
                });
            };
        });
        return services;
    }

    public static WebApplication UseRateLimits(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            return app;
        }

        app.UseRateLimiter();
        var limiter = app.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
        app.Use((context, next) =>
        {
            if (IsLimited(context.Request) && limiter.GetStatistics(context) is WindowStatistics statistics)
            {
                // Set when the answer starts, after the output cache has replayed any stored headers.
                context.Response.OnStarting(() =>
                {
                    WriteHeaders(context.Response.Headers, statistics);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    private static bool IsLimited(HttpRequest request) => request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    private static void WriteHeaders(IHeaderDictionary headers, WindowStatistics statistics)
    {
        headers["RateLimit-Limit"] = statistics.PermitLimit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = statistics.CurrentAvailablePermits.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = Seconds(statistics.Reset).ToString(CultureInfo.InvariantCulture);
    }

    private static long Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds));

    private static Partition PartitionOf(HttpContext context, RateLimitOptions tiers)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Partition.Of("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), tiers.Anonymous);
        }

        var key = user.FindFirst(KeyClaims.KeyId)?.Value is { } id ? "key:" + id : "name:" + user.Identity.Name;
        var tier = user.IsInRole(Roles.Admin) ? tiers.Admin
            : user.IsInRole(Roles.Editor) ? tiers.Editor
            : user.IsInRole(Roles.Partner) ? tiers.Partner
            : tiers.Reader;
        return Partition.Of(key, tier);
    }

    /// <summary>Who is counted, and at which tier.</summary>
    internal readonly record struct Partition(string Key, int PermitLimit, int WindowSeconds)
    {
        public static readonly Partition None = new("", 0, 0);

        public static Partition Of(string key, RateLimitTier tier) => new(key, tier.PermitLimit, tier.WindowSeconds);
    }
}

/// <summary>Where a caller stands in its window: the limit, what is left, and when the window resets.</summary>
internal sealed class WindowStatistics : RateLimiterStatistics
{
    public long PermitLimit { get; init; }

    public TimeSpan Reset { get; init; }
}

/// <summary>
/// A fixed window that, unlike the framework's, tells when it resets (for <c>RateLimit-Reset</c>). No queue: a request
/// over the limit is refused at once.
/// </summary>
internal sealed class WindowLimiter(int permitLimit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Lock gate = new();
    private long windowStart = time.GetTimestamp();
    private int used;

    /// <summary>Idle once its window has passed: the partitioned limiter may then drop it, and a new one starts afresh.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                var elapsed = time.GetElapsedTime(windowStart);
                return elapsed > window ? elapsed - window : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            Roll();
            return new WindowStatistics { PermitLimit = permitLimit, CurrentAvailablePermits = permitLimit - used, Reset = ResetIn() };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (gate)
        {
            Roll();
            if (used + permitCount <= permitLimit)
            {
                used += permitCount;
                return Lease.Acquired;
            }

            return new Lease(false, ResetIn());
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Roll()
    {
        if (time.GetElapsedTime(windowStart) >= window)
        {
            windowStart = time.GetTimestamp();
            used = 0;
        }
    }

    private TimeSpan ResetIn() => window - time.GetElapsedTime(windowStart);

    private sealed class Lease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
