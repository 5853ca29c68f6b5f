using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Headless.Api.Common.Http;

/// <summary>
/// Headers on every answer (<c>nosniff</c>, no referrer, no framing), a strict Content-Security-Policy on the Swagger
/// UI, CORS for the configured origins only, and <c>X-Forwarded-For</c>/<c>-Proto</c> honoured only from the
/// configured proxies, so that the client address the rate limit counts by cannot be spoofed.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The response headers a browser script may read cross-origin.</summary>
    public static readonly string[] ExposedHeaders =
        ["ETag", "Link", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    /// <summary>Swagger UI's page, scripts and styles come from this host; it styles elements inline and shows data: images.</summary>
    public const string SwaggerContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>For API answers: nothing is to be loaded or framed from JSON.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = List(configuration, "Headless:Cors:Origins");
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(ExposedHeaders)));
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies are trusted, not the framework's default loopback.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Without known proxies the middleware would trust every sender, so it runs only when some are configured.
        if (KnownProxies(app.Configuration).Length > 0)
        {
            app.UseForwardedHeaders();
        }

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
                ? SwaggerContentSecurityPolicy
                : ApiContentSecurityPolicy;
            return next(context);
        });
        if (List(app.Configuration, "Headless:Cors:Origins").Length > 0)
        {
            app.UseCors();
        }

        return app;
    }

    private static string[] KnownProxies(IConfiguration configuration) => List(configuration, "Headless:ForwardedHeaders:KnownProxies");

    private static string[] List(IConfiguration configuration, string key) =>
        (configuration.GetSection(key).Get<string[]>() ?? []).Where(value => !string.IsNullOrWhiteSpace(value)).ToArray();
}
