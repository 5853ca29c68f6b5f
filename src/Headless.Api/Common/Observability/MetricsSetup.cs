using System.Diagnostics.Metrics;
using Dapper;
using Headless.Api.Common.Database;
using OpenTelemetry.Metrics;

namespace Headless.Api.Common.Observability;

/// <summary>
/// Prometheus metrics at <c>/metrics</c> through OpenTelemetry: the ASP.NET Core instrumentation's
/// <c>http.server.request.duration</c> (by route and status), and the <see cref="HeadlessMetrics"/> of this API.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddMetricsEndpoint(this IServiceCollection services)
    {
        services.AddSingleton<HeadlessMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(HeadlessMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Operational, not part of the /v1 contract: left out of the OpenAPI document and of rate limits.</summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        app.Services.GetRequiredService<HeadlessMetrics>();
        app.MapPrometheusScrapingEndpoint(Path).ExcludeFromDescription().DisableRateLimiting();
        return app;
    }
}

/// <summary>
/// The API's own instruments. All are observed at scrape time, so the request path pays nothing for them:
/// <c>headless.db.commands</c> reads <see cref="Db.CommandsExecuted"/>, <c>headless.webhooks.backlog</c> counts pending
/// deliveries (one indexed count, at most every few seconds).
/// </summary>
public sealed class HeadlessMetrics
{
    public const string MeterName = "Headless";

    private static readonly TimeSpan BacklogMaxAge = TimeSpan.FromSeconds(5);

    private readonly Db db;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private long backlog;
    private DateTimeOffset backlogReadAt = DateTimeOffset.MinValue;

    public HeadlessMetrics(IMeterFactory meters, Db db, TimeProvider clock)
    {
        this.db = db;
        this.clock = clock;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("headless.db.commands", () => db.CommandsExecuted, unit: "{command}",
            description: "SQLite commands run since start-up.");
        meter.CreateObservableGauge("headless.webhooks.backlog", ReadBacklog, unit: "{delivery}",
            description: "Webhook deliveries waiting to be sent (pending, including those waiting for a retry).");
    }

    private long ReadBacklog()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (now - backlogReadAt < BacklogMaxAge)
            {
                return backlog;
            }

            try
            {
                // Observable callbacks are synchronous; SQLite runs synchronously underneath anyway.
                using var connection = db.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
                backlog = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending';");
                backlogReadAt = now;
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // A database that is not there yet (before migrations) or busy: the last value stands.
            }

            return backlog;
        }
    }
}
