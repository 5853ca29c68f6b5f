using System.Net;
using Headless.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Headless.Api.Tests.Limits;

/// <summary>
/// The API with tiny rate limits (anonymous 3, reader 2 a minute), reached from 127.0.0.1 (the test server has no
/// client address of its own). <see cref="TrustsProxy"/> says whether 127.0.0.1 is a known proxy whose
/// <c>X-Forwarded-For</c> names the client.
/// </summary>
public abstract class SmallLimitsFactory : ApiFactory
{
    public const int AnonymousLimit = 3;
    public const int ReaderLimit = 2;

    protected abstract bool TrustsProxy { get; }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Headless:RateLimits:Anonymous:PermitLimit", AnonymousLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Headless:RateLimits:Reader:PermitLimit", ReaderLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Headless:ForwardedHeaders:KnownProxies:0", TrustsProxy ? "127.0.0.1" : null),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new LoopbackClient()));
    }

    private sealed class LoopbackClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Small limits behind a trusted proxy at 127.0.0.1.</summary>
public sealed class ProxiedSmallLimitsFactory : SmallLimitsFactory
{
    protected override bool TrustsProxy => true;
}

/// <summary>Small limits with no proxy configured: <c>X-Forwarded-For</c> is ignored.</summary>
public sealed class DirectSmallLimitsFactory : SmallLimitsFactory
{
    protected override bool TrustsProxy => false;
}

/// <summary>The API with rate limiting switched off.</summary>
public sealed class NoRateLimitFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Headless:RateLimits:Enabled", "false")];
}

/// <summary>The API with tiny request limits (1 KB bodies, 200-character URLs) and CORS for one origin.</summary>
public sealed class SmallRequestLimitsFactory : ApiFactory
{
    public const string Origin = "https://app.example.com";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Headless:Limits:MaxBodyBytes", "1024"),
        new("Headless:Limits:MaxUrlLength", "200"),
        new("Headless:Cors:Origins:0", Origin),
    ];
}
