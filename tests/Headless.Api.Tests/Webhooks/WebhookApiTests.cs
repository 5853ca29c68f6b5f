using System.Net;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;

namespace Headless.Api.Tests.Webhooks;

/// <summary>The webhook API: admin-only CRUD with version ETags, secrets shown once, and request validation. Nothing is sent.</summary>
public sealed class WebhookApiTests(WebhookApiTests.Factory factory) : IClassFixture<WebhookApiTests.Factory>
{
    // Private targets are allowed so that URLs can name a port on this machine, where nothing is ever sent (dispatch is off).
    private const string Url = "http://127.0.0.1:9/hooks/test";

    [Fact]
    public async Task Post_returns_201_with_a_new_secret_location_and_etag()
    {
        var response = await factory.Admin().PostJson("/v1/webhooks", new { url = Url, events = new[] { "article.*", "tag.deleted", "article.*" } });

        var created = await response.AssertOk(HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal($"/v1/webhooks/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"webhook-{id}-1\"", response.Headers.ETag?.ToString());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var secret = created["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal($"whsec_…{secret[^4..]}", created["secretHint"]!.GetValue<string>());
        Assert.Equal(["article.*", "tag.deleted"], created["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(created["active"]!.GetValue<bool>());
        Assert.Equal(1, created["version"]!.GetValue<long>());
        Assert.Equal(Url, created["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_given_secret_is_kept_and_active_can_start_false()
    {
        var secret = WebhookHttp.NewSecret();
        var created = await factory.Admin().CreateWebhook(Url, ["*"], secret, active: false);

        Assert.Equal(secret, created["secret"]!.GetValue<string>());
        Assert.False(created["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Reads_show_a_hint_of_the_secret_never_the_secret()
    {
        var admin = factory.Admin();
        var created = await admin.CreateWebhook(Url);

        var read = await (await admin.GetAsync($"/v1/webhooks/{created.Id()}")).AssertOk();
        var list = await (await admin.GetAsync("/v1/webhooks?limit=100")).AssertOk();

        Assert.Null(read["secret"]);
        Assert.Equal(created["secretHint"]!.GetValue<string>(), read["secretHint"]!.GetValue<string>());
        Assert.Null(read["disabledReason"]);
        Assert.Null(read["failingSince"]);
        var listed = list["data"]!.AsArray().Single(w => w!.Id() == created.Id())!;
        Assert.Null(listed["secret"]);
        Assert.DoesNotContain(created["secret"]!.GetValue<string>(), list.ToJsonString());
    }

    [Fact]
    public async Task List_pages_oldest_first_with_a_cursor()
    {
        var admin = factory.Admin();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await admin.CreateWebhook(Url)).Id());
        }

        var seen = new List<long>();
        var url = "/v1/webhooks?limit=2&count=true";
        while (true)
        {
            var page = await (await admin.GetAsync(url)).AssertOk();
            Assert.True(page["page"]!["total"] is null || page["page"]!["total"]!.GetValue<long>() >= 3);
            seen.AddRange(page["data"]!.AsArray().Select(w => w!.Id()));
            if (page["page"]!["next"] is null)
            {
                break;
            }

            url = $"/v1/webhooks?limit=2&cursor={page.NextCursor()}";
        }

        Assert.Equal(seen.Order(), seen);
        Assert.Superset(ids.ToHashSet(), seen.ToHashSet());
    }

    [Fact]
    public async Task Put_with_the_current_etag_replaces_url_and_events_and_keeps_the_secret()
    {
        var admin = factory.Admin();
        var created = await admin.CreateWebhook(Url, ["*"]);

        var response = await admin.PutCurrent($"/v1/webhooks/{created.Id()}", new { url = Url + "/v2", events = new[] { "tag.*" } });

        var updated = await response.AssertOk();
        Assert.Equal(Url + "/v2", updated["url"]!.GetValue<string>());
        Assert.Equal(["tag.*"], updated["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(created["secretHint"]!.GetValue<string>(), updated["secretHint"]!.GetValue<string>());
        Assert.True(updated["active"]!.GetValue<bool>());
        Assert.Equal(2, updated["version"]!.GetValue<long>());
        Assert.Equal($"\"webhook-{created.Id()}-2\"", response.Headers.ETag?.ToString());
        Assert.Null(updated["secret"]);
    }

    [Fact]
    public async Task Put_can_rotate_the_secret_and_deactivate()
    {
        var admin = factory.Admin();
        var created = await admin.CreateWebhook(Url);
        var secret = WebhookHttp.NewSecret();

        var updated = await (await admin.PutCurrent($"/v1/webhooks/{created.Id()}", new { url = Url, events = new[] { "*" }, secret, active = false })).AssertOk();

        Assert.Equal($"whsec_…{secret[^4..]}", updated["secretHint"]!.GetValue<string>());
        Assert.False(updated["active"]!.GetValue<bool>());
        Assert.Null(updated["disabledReason"]);
    }

    [Fact]
    public async Task Put_with_a_stale_etag_returns_412_and_without_one_428()
    {
        var admin = factory.Admin();
        var created = await admin.CreateWebhook(Url);
        var id = created.Id();
        await (await admin.PutCurrent($"/v1/webhooks/{id}", new { url = Url, events = new[] { "*" } })).AssertOk();

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/v1/webhooks/{id}") { Content = JsonContent(new { url = Url, events = new[] { "*" } }) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"webhook-{id}-1\"");
        var staleResponse = await admin.SendAsync(stale);
        var problem = await staleResponse.AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal($"\"webhook-{id}-2\"", problem["currentETag"]!.GetValue<string>());

        await (await admin.PutJson($"/v1/webhooks/{id}", new { url = Url, events = new[] { "*" } })).AssertProblem(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task Delete_needs_if_match_and_removes_the_webhook()
    {
        var admin = factory.Admin();
        var id = (await admin.CreateWebhook(Url)).Id();

        await (await admin.DeleteAsync($"/v1/webhooks/{id}")).AssertProblem(HttpStatusCode.PreconditionRequired);
        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/v1/webhooks/{id}");
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"webhook-{id}-7\"");
        await (await admin.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/webhooks/{id}")).StatusCode);

        await (await admin.GetAsync($"/v1/webhooks/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/webhooks/{id}/deliveries")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_webhooks_are_404_problems()
    {
        var admin = factory.Admin();
        await (await admin.GetAsync("/v1/webhooks/987654321")).AssertProblem(HttpStatusCode.NotFound);
        var put = new HttpRequestMessage(HttpMethod.Put, "/v1/webhooks/987654321") { Content = JsonContent(new { url = Url, events = new[] { "*" } }) };
        put.Headers.TryAddWithoutValidation("If-Match", "*");
        await (await admin.SendAsync(put)).AssertProblem(HttpStatusCode.NotFound);
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/v1/webhooks/987654321");
        delete.Headers.TryAddWithoutValidation("If-Match", "*");
        await (await admin.SendAsync(delete)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_admins_may_use_webhooks()
    {
        var admin = factory.Admin();
        var id = (await admin.CreateWebhook(Url)).Id();
        var editor = factory.WithKey((await admin.CreateKey("editor")).Secret());
        var partner = factory.WithKey((await admin.CreateKey("partner")).Secret());

        await (await factory.Anonymous().GetAsync("/v1/webhooks")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await factory.Anonymous().PostJson("/v1/webhooks", new { url = Url, events = new[] { "*" } })).AssertProblem(HttpStatusCode.Unauthorized);
        await (await editor.GetAsync($"/v1/webhooks/{id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await editor.PostJson("/v1/webhooks", new { url = Url, events = new[] { "*" } })).AssertProblem(HttpStatusCode.Forbidden);
        await (await partner.GetAsync($"/v1/webhooks/{id}/deliveries")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/hooks/relative")]
    [InlineData("ftp://127.0.0.1/hooks")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://user:password@127.0.0.1/hooks")]
    public async Task A_url_that_is_not_absolute_http_is_refused(string? url)
    {
        var response = await factory.Admin().PostJson("/v1/webhooks", new { url, events = new[] { "*" } });
        await response.AssertFieldError("url");
    }

    [Fact]
    public async Task Events_must_be_known_and_present()
    {
        var admin = factory.Admin();
        await (await admin.PostJson("/v1/webhooks", new { url = Url })).AssertFieldError("events");
        await (await admin.PostJson("/v1/webhooks", new { url = Url, events = Array.Empty<string>() })).AssertFieldError("events");
        await (await admin.PostJson("/v1/webhooks", new { url = Url, events = new[] { "article.*", "article.exploded" } })).AssertFieldError("events[1]");
        await (await admin.PostJson("/v1/webhooks", new { url = Url, events = new[] { "articles.*" } })).AssertFieldError("events[0]");
        await (await admin.PostJson("/v1/webhooks", new { url = Url, events = Enumerable.Range(0, 51).Select(_ => "*").ToArray() })).AssertFieldError("events");
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not base64")]
    [InlineData("whsec_!!!!")]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODw==")]
    public async Task A_secret_that_is_not_whsec_base64_of_24_to_64_bytes_is_refused(string secret)
    {
        var response = await factory.Admin().PostJson("/v1/webhooks", new { url = Url, events = new[] { "*" }, secret });
        await response.AssertFieldError("secret");
    }

    [Fact]
    public async Task Secrets_of_24_and_64_bytes_are_accepted_and_65_refused()
    {
        var admin = factory.Admin();
        await admin.CreateWebhook(Url, secret: "whsec_" + Convert.ToBase64String(new byte[24]));
        await admin.CreateWebhook(Url, secret: "whsec_" + Convert.ToBase64String(new byte[64]));
        await (await admin.PostJson("/v1/webhooks", new { url = Url, events = new[] { "*" }, secret = "whsec_" + Convert.ToBase64String(new byte[65]) })).AssertFieldError("secret");
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, Http.Json), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The webhook API with dispatch off (nothing is ever sent) and private targets allowed.</summary>
    public sealed class Factory : WebhookApiFactory
    {
        protected override bool DispatchEnabled => false;
    }
}
