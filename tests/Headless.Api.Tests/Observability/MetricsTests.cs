using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Observability;

public sealed class MetricsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Metrics_show_requests_by_route_and_status_database_commands_and_webhook_backlog()
    {
        var client = factory.Anonymous();
        await (await client.GetAsync("/v1/tags")).AssertOk();
        await client.GetAsync("/v1/articles/slug/no-such-" + Guid.NewGuid().ToString("N"));

        var text = await ScrapeUntil(client, t => t.Contains("http_route=\"/v1/articles/slug/{slug}\"", StringComparison.Ordinal));

        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_response_status_code="200"[^}]*http_route="/v1/tags/?""", text);
        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*http_response_status_code="404"[^}]*http_route="/v1/articles/slug/\{slug\}""", text);
        Assert.Matches("""(?m)^headless_db_commands(_total)?\{?[^\n]* [1-9][0-9]*""", text);
        Assert.Matches("""(?m)^headless_webhooks_backlog[^\n]* [0-9]+""", text);
        Assert.DoesNotContain(ApiFactory.AdminKey, text);
    }

    [Fact]
    public async Task Metrics_are_not_in_the_openapi_document()
    {
        var document = await (await factory.Anonymous().GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"/metrics\"", document);
    }

    [Fact]
    public async Task Metrics_answer_prometheus_text()
    {
        var response = await factory.Anonymous().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    // The exporter caches a scrape for a short while and request metrics are recorded when a request ends.
    private static async Task<string> ScrapeUntil(HttpClient client, Func<string, bool> done)
    {
        var text = "";
        for (var attempt = 0; attempt < 40; attempt++)
        {
            text = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();
            if (done(text))
            {
                return text;
            }

            await Task.Delay(250);
        }

        return text;
    }
}
