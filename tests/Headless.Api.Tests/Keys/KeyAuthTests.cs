using System.Net;
using System.Net.Http.Headers;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Keys;

public sealed class KeyAuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("reader")]
    [InlineData("partner")]
    [InlineData("editor")]
    [InlineData("admin")]
    public async Task Key_of_each_role_is_accepted_in_x_api_key_and_as_bearer(string role)
    {
        var key = await factory.Admin().CreateKey(role);

        await (await factory.WithKey(key.Secret()).GetAsync("/v1/articles")).AssertOk();
        await (await factory.WithBearer(key.Secret()).GetAsync("/v1/articles")).AssertOk();
    }

    [Theory]
    [InlineData("editor", HttpStatusCode.Created)]
    [InlineData("admin", HttpStatusCode.Created)]
    [InlineData("reader", HttpStatusCode.Forbidden)]
    [InlineData("partner", HttpStatusCode.Forbidden)]
    public async Task Only_editor_and_admin_keys_create_articles(string role, HttpStatusCode expected)
    {
        var key = await factory.Admin().CreateKey(role);

        var response = await factory.WithBearer(key.Secret()).PostJson("/v1/articles", new { headline = $"By {role}", slug = Http.UniqueSlug(role), body = "Text." });

        if (expected == HttpStatusCode.Created)
        {
            await response.AssertOk(HttpStatusCode.Created);
        }
        else
        {
            await response.AssertProblem(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("partner")]
    [InlineData("editor")]
    public async Task Non_admin_keys_get_403_on_every_key_operation(string role)
    {
        var target = await factory.Admin().CreateKey("reader");
        var client = factory.WithKey((await factory.Admin().CreateKey(role)).Secret());

        await (await client.GetAsync("/v1/keys")).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/v1/keys/{target.KeyId()}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.PostJson("/v1/keys", new { name = "Escalation", role = "admin" })).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/v1/keys/{target.KeyId()}")).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Null((await (await factory.Admin().GetAsync($"/v1/keys/{target.KeyId()}")).AssertOk())["revokedAt"]);
    }

    [Fact]
    public async Task Key_operations_without_a_key_return_401_with_both_schemes()
    {
        var anonymous = factory.Anonymous();
        foreach (var response in new[]
        {
            await anonymous.GetAsync("/v1/keys"),
            await anonymous.GetAsync("/v1/keys/1"),
            await anonymous.PostJson("/v1/keys", new { name = "Anonymous", role = "admin" }),
            await anonymous.DeleteAsync("/v1/keys/1"),
        })
        {
            await response.AssertProblem(HttpStatusCode.Unauthorized);
            Assert.Equal(["ApiKey", "Bearer"], response.Headers.WwwAuthenticate.Select(c => c.Scheme));
        }
    }

    [Fact]
    public async Task Admin_key_from_the_database_manages_keys()
    {
        var admin = factory.WithBearer((await factory.Admin().CreateKey("admin")).Secret());

        var created = await admin.CreateKey("reader");

        await (await admin.GetAsync($"/v1/keys/{created.KeyId()}")).AssertOk();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/keys/{created.KeyId()}")).StatusCode);
    }

    [Theory]
    [InlineData("hl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key-at-all")]
    public async Task Unknown_key_returns_401_and_is_never_echoed(string secret)
    {
        foreach (var client in new[] { factory.WithKey(secret), factory.WithBearer(secret) })
        {
            var response = await client.GetAsync("/v1/articles");
            var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
            Assert.DoesNotContain(secret, problem.ToJsonString());
            Assert.Contains("not valid", problem["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Different_keys_in_the_two_headers_return_401()
    {
        var editor = await factory.Admin().CreateKey("editor");
        var reader = await factory.Admin().CreateKey("reader");
        var client = factory.WithKey(editor.Secret());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reader.Secret());

        var problem = await (await client.GetAsync("/v1/articles")).AssertProblem(HttpStatusCode.Unauthorized);

        Assert.DoesNotContain(editor.Secret(), problem.ToJsonString());
        Assert.DoesNotContain(reader.Secret(), problem.ToJsonString());
    }

    [Fact]
    public async Task The_same_key_in_both_headers_is_accepted()
    {
        var editor = await factory.Admin().CreateKey("editor");
        var client = factory.WithKey(editor.Secret());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", editor.Secret());

        await (await client.PostJson("/v1/tags", new { name = "Both headers", slug = Http.UniqueSlug("both") })).AssertOk(HttpStatusCode.Created);
    }
}
