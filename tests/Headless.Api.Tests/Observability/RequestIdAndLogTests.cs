using System.Net;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;

namespace Headless.Api.Tests.Observability;

public sealed class RequestIdAndLogTests(LogCaptureApiFactory factory) : IClassFixture<LogCaptureApiFactory>
{
    private const string RequestCategory = "Headless.Requests";

    [Fact]
    public async Task Every_response_carries_a_generated_request_id()
    {
        var ok = await factory.Anonymous().GetAsync("/v1/tags");
        var missing = await factory.Anonymous().GetAsync("/v1/articles/no-such-article-" + Guid.NewGuid().ToString("N"));

        var first = Assert.Single(ok.Headers.GetValues("X-Request-Id"));
        var second = Assert.Single(missing.Headers.GetValues("X-Request-Id"));
        Assert.Matches("^[A-Za-z0-9._-]{1,100}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_sane_incoming_request_id_is_kept_and_is_the_problem_traceId()
    {
        var requestId = "client-" + Guid.NewGuid().ToString("N") + ".1_a";
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/no-such-article-" + Guid.NewGuid().ToString("N"));
        request.Headers.Add("X-Request-Id", requestId);

        var response = await factory.Anonymous().SendAsync(request);

        var problem = await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        Assert.Equal(requestId, problem["traceId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("<script>")]
    [InlineData("ünïcode")]
    public async Task An_unsafe_incoming_request_id_is_replaced(string incoming)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/no-such-article-" + Guid.NewGuid().ToString("N"));
        request.Headers.TryAddWithoutValidation("X-Request-Id", incoming);

        var response = await factory.Anonymous().SendAsync(request);

        var problem = await response.AssertProblem(HttpStatusCode.NotFound);
        var answered = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.NotEqual(incoming, answered);
        Assert.Equal(answered, problem["traceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_overlong_incoming_request_id_is_replaced()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tags");
        request.Headers.Add("X-Request-Id", new string('a', 101));

        var response = await factory.Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(new string('a', 101), Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task Problems_from_authentication_and_validation_carry_the_request_id_as_traceId()
    {
        var wrongKey = factory.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "hl_not-a-real-key");
        var unauthorized = await wrongKey.GetAsync("/v1/tags");
        var invalid = await factory.Admin().PostJson("/v1/articles", new { headline = "", slug = "Not A Slug" });

        foreach (var (response, status) in new[] { (unauthorized, HttpStatusCode.Unauthorized), (invalid, HttpStatusCode.BadRequest) })
        {
            var problem = await response.AssertProblem(status);
            Assert.Equal(Assert.Single(response.Headers.GetValues("X-Request-Id")), problem["traceId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task One_request_line_has_method_route_status_duration_request_id_and_key_id()
    {
        var admin = factory.Admin();
        var key = await admin.CreateKey("editor");
        var requestId = "line-" + Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/articles?limit=3");
        request.Headers.Add("X-Request-Id", requestId);

        var response = await factory.WithKey(key.Secret()).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(factory.Logs.Entries, entry => entry.Category == RequestCategory && entry.Message.Contains(requestId, StringComparison.Ordinal));
        var values = line.Values.ToDictionary(v => v.Key, v => v.Value);
        Assert.Equal("GET", values["Method"]);
        Assert.Equal("/v1/articles", values["Route"]?.ToString()?.TrimEnd('/'));
        Assert.Equal(200, values["Status"]);
        Assert.IsType<double>(values["DurationMs"]);
        Assert.Equal(key.KeyId().ToString(System.Globalization.CultureInfo.InvariantCulture), values["KeyId"]);
    }

    [Fact]
    public async Task Keys_never_appear_in_the_logs()
    {
        var admin = factory.Admin();
        var key = await admin.CreateKey("editor");
        var secret = key.Secret();
        var wrongSecret = "hl_" + Guid.NewGuid().ToString("N") + "wrongwrongwrong";
        var otherScheme = "Basic " + Convert.ToBase64String("user:hunter2-password"u8.ToArray());

        await factory.WithKey(secret).GetAsync("/v1/articles");
        await factory.WithBearer(secret).GetAsync("/v1/tags");
        await factory.WithKey(secret).PostJson("/v1/articles", new { headline = "" });
        await factory.WithKey(wrongSecret).GetAsync("/v1/articles");
        await factory.WithBearer(wrongSecret).GetAsync("/v1/keys");
        var basic = factory.CreateClient();
        basic.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", otherScheme);
        await basic.GetAsync("/v1/keys");
        var both = factory.WithKey(secret);
        both.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + wrongSecret);
        await both.GetAsync("/v1/tags");

        var entries = factory.Logs.Entries.ToList();
        Assert.Contains(entries, entry => entry.Category == RequestCategory);
        foreach (var text in new[] { secret, secret[ApiKeyTokensDisplayPrefixLength..], wrongSecret, ApiFactory.AdminKey, "hunter2", otherScheme[6..] })
        {
            Assert.DoesNotContain(entries, entry => entry.AllText.Contains(text, StringComparison.Ordinal));
        }
    }

    // The characters after the prefix lists show; the prefix itself (hl_ and 7 characters) is not a secret.
    private const int ApiKeyTokensDisplayPrefixLength = 10;
}
