using System.Net;
using System.Text;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Limits;

public sealed class RequestLimitTests(SmallRequestLimitsFactory factory) : IClassFixture<SmallRequestLimitsFactory>
{
    [Fact]
    public async Task Body_over_the_limit_returns_413_problem()
    {
        var body = $"{{\"name\": \"{new string('x', 2000)}\"}}";
        var problem = await (await factory.Admin().PostRaw("/v1/tags", body)).AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1024", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Url_over_the_limit_returns_414_problem()
    {
        var problem = await (await factory.Anonymous().GetAsync("/v1/tags?cursor=" + new string('a', 300))).AssertProblem(HttpStatusCode.RequestUriTooLong);
        Assert.Contains("200", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_nested_deeper_than_32_returns_400_problem()
    {
        var deep = new StringBuilder("{\"name\": \"deep\", \"description\": ");
        deep.Append(string.Concat(Enumerable.Repeat("[", 40))).Append(string.Concat(Enumerable.Repeat("]", 40))).Append('}');
        var problem = await (await factory.Admin().PostRaw("/v1/tags", deep.ToString())).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("depth", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Configured_origin_gets_cors_with_the_api_headers_exposed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tags");
        request.Headers.Add("Origin", SmallRequestLimitsFactory.Origin);
        var response = await factory.Anonymous().SendAsync(request);
        await response.AssertOk();
        Assert.Equal(SmallRequestLimitsFactory.Origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "ETag", "Link", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset" })
        {
            Assert.Contains(header, exposed);
        }
    }

    [Fact]
    public async Task Other_origins_get_no_cors_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tags");
        request.Headers.Add("Origin", "https://evil.example.net");
        var response = await factory.Anonymous().SendAsync(request);
        await response.AssertOk();
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class SecurityHeaderTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/v1/tags")]
    [InlineData("/v1/no-such-thing")]
    [InlineData("/health/live")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Every_answer_has_the_security_headers(string url)
    {
        var response = await factory.Anonymous().GetAsync(url);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Swagger_ui_has_a_strict_content_security_policy()
    {
        var response = await factory.Anonymous().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    [Fact]
    public async Task Without_configured_origins_there_are_no_cors_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tags");
        request.Headers.Add("Origin", "https://app.example.com");
        var response = await factory.Anonymous().SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
