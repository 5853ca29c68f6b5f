using System.Globalization;
using System.Net;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;

namespace Headless.Api.Tests.Limits;

public sealed class RateLimitTests(ProxiedSmallLimitsFactory factory) : IClassFixture<ProxiedSmallLimitsFactory>
{
    private HttpClient From(string address, HttpClient? client = null)
    {
        client ??= factory.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [Fact]
    public async Task Api_answers_carry_rate_limit_headers()
    {
        var response = await From("203.0.113.1").GetAsync("/v1/tags");
        await response.AssertOk();
        Assert.Equal(SmallLimitsFactory.AnonymousLimit, Header(response, "RateLimit-Limit"));
        Assert.Equal(SmallLimitsFactory.AnonymousLimit - 1, Header(response, "RateLimit-Remaining"));
        Assert.InRange(Header(response, "RateLimit-Reset"), 1, 60);
    }

    [Fact]
    public async Task Over_the_limit_returns_429_problem_with_retry_after()
    {
        var client = From("203.0.113.2");
        for (var i = 0; i < SmallLimitsFactory.AnonymousLimit; i++)
        {
            await (await client.GetAsync("/v1/tags")).AssertOk();
        }

        var response = await client.GetAsync("/v1/tags");
        var problem = await response.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.Contains("Retry after", problem["detail"]!.GetValue<string>());
        Assert.InRange((int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(0, Header(response, "RateLimit-Remaining"));
        Assert.Equal(SmallLimitsFactory.AnonymousLimit, Header(response, "RateLimit-Limit"));
    }

    [Fact]
    public async Task Anonymous_callers_are_counted_per_client_address()
    {
        var first = From("203.0.113.3");
        for (var i = 0; i <= SmallLimitsFactory.AnonymousLimit; i++)
        {
            await first.GetAsync("/v1/tags");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/v1/tags")).StatusCode);
        await (await From("203.0.113.4").GetAsync("/v1/tags")).AssertOk();
    }

    [Fact]
    public async Task Each_key_is_counted_apart_at_its_role_tier()
    {
        var admin = factory.Admin();
        var one = factory.WithKey((await admin.CreateKey("reader")).Secret());
        var two = factory.WithKey((await admin.CreateKey("reader")).Secret());
        From("203.0.113.5", one);
        From("203.0.113.5", two);

        var firstAnswer = await one.GetAsync("/v1/tags");
        await firstAnswer.AssertOk();
        Assert.Equal(SmallLimitsFactory.ReaderLimit, Header(firstAnswer, "RateLimit-Limit"));
        await (await one.GetAsync("/v1/tags")).AssertOk();
        await (await one.GetAsync("/v1/tags")).AssertProblem(HttpStatusCode.TooManyRequests);

        // Another key, and an anonymous caller at the same address, have their own counts.
        await (await two.GetAsync("/v1/tags")).AssertOk();
        var anonymous = await From("203.0.113.5").GetAsync("/v1/tags");
        await anonymous.AssertOk();
        Assert.Equal(SmallLimitsFactory.AnonymousLimit, Header(anonymous, "RateLimit-Limit"));
    }

    [Fact]
    public async Task Health_and_swagger_are_not_limited()
    {
        var client = From("203.0.113.6");
        for (var i = 0; i <= SmallLimitsFactory.AnonymousLimit + 1; i++)
        {
            var health = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.False(health.Headers.Contains("RateLimit-Limit"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        }
    }

    internal static int Header(HttpResponseMessage response, string name) =>
        int.Parse(Assert.Single(response.Headers.GetValues(name)), CultureInfo.InvariantCulture);
}

public sealed class UntrustedForwardingTests(DirectSmallLimitsFactory factory) : IClassFixture<DirectSmallLimitsFactory>
{
    [Fact]
    public async Task X_forwarded_for_from_an_unknown_proxy_does_not_make_a_new_client()
    {
        var client = factory.Anonymous();
        for (var i = 0; i < SmallLimitsFactory.AnonymousLimit; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tags");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            await (await client.SendAsync(request)).AssertOk();
        }

        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/v1/tags");
        spoofed.Headers.Add("X-Forwarded-For", "198.51.100.200");
        await (await client.SendAsync(spoofed)).AssertProblem(HttpStatusCode.TooManyRequests);
    }
}

public sealed class RateLimitSwitchTests(NoRateLimitFactory factory) : IClassFixture<NoRateLimitFactory>
{
    [Fact]
    public async Task Switched_off_there_are_no_rate_limit_headers()
    {
        var response = await factory.Anonymous().GetAsync("/v1/tags");
        await response.AssertOk();
        Assert.False(response.Headers.Contains("RateLimit-Limit"));
    }
}
