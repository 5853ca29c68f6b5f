using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Keys;

public sealed class KeyWriteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Post_returns_201_with_the_secret_once_and_no_store()
    {
        var response = await factory.Admin().PostJson("/v1/keys", new { name = "  Mobile app  ", role = "reader" });

        var created = await response.AssertOk(HttpStatusCode.Created);
        var secret = created.Secret();
        Assert.Matches("^hl_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(secret[..10], created["prefix"]!.GetValue<string>());
        Assert.Equal("Mobile app", created["name"]!.GetValue<string>());
        Assert.Equal("reader", created["role"]!.GetValue<string>());
        Assert.Equal($"/v1/keys/{created.KeyId()}", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore, "The answer with the secret must not be stored by caches.");

        var fetched = await factory.Admin().GetAsync(response.Headers.Location);
        var fetchedText = await fetched.Content.ReadAsStringAsync();
        var key = await fetched.AssertOk();
        Assert.Null(key["secret"]);
        Assert.DoesNotContain(secret, fetchedText);
        Assert.Equal(secret[..10], key["prefix"]!.GetValue<string>());
        Assert.Null(key["lastUsedAt"]);
        Assert.Null(key["revokedAt"]);
    }

    [Fact]
    public async Task List_shows_keys_without_secrets_and_pages()
    {
        var admin = factory.Admin();
        var first = await admin.CreateKey("editor");
        await admin.CreateKey("reader");

        var response = await admin.GetAsync("/v1/keys?limit=100");
        var text = await response.Content.ReadAsStringAsync();
        var list = await response.AssertOk();
        Assert.DoesNotContain(first.Secret(), text);
        var listed = Assert.Single(list["data"]!.AsArray(), k => k!["id"]!.GetValue<long>() == first.KeyId())!;
        Assert.Null(listed["secret"]);
        Assert.Equal("editor", listed["role"]!.GetValue<string>());

        var page = await (await admin.GetAsync("/v1/keys?limit=1")).AssertOk();
        Assert.Single(page["data"]!.AsArray());
        Assert.False(string.IsNullOrEmpty(page["page"]!["next"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Partner_key_keeps_its_tags_and_sections_once_each()
    {
        var key = await factory.Admin().CreateKey("partner", tags: ["mexico", "world-news", "mexico"], sections: [" World ", "Business", "World"]);

        var fetched = await (await factory.Admin().GetAsync($"/v1/keys/{key.KeyId()}")).AssertOk();
        Assert.Equal(["mexico", "world-news"], fetched["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["World", "Business"], fetched["sections"]!.AsArray().Select(s => s!.GetValue<string>()));
        await (await factory.WithKey(key.Secret()).GetAsync("/v1/articles")).AssertOk();
    }

    [Fact]
    public async Task Keys_of_other_roles_have_empty_scopes()
    {
        var key = await factory.Admin().CreateKey("editor");

        Assert.Empty(key["tags"]!.AsArray());
        Assert.Empty(key["sections"]!.AsArray());
    }

    [Fact]
    public async Task Revoked_key_is_refused_at_once_and_revoking_again_is_204()
    {
        var admin = factory.Admin();
        var key = await admin.CreateKey("editor");
        var client = factory.WithKey(key.Secret());
        await (await client.PostJson("/v1/tags", new { name = "Before revoking", slug = Http.UniqueSlug("rev") })).AssertOk(HttpStatusCode.Created);

        var revoke = await admin.DeleteAsync($"/v1/keys/{key.KeyId()}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var refused = await client.PostJson("/v1/tags", new { name = "After revoking", slug = Http.UniqueSlug("rev") });
        var problem = await refused.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(key.Secret(), problem.ToJsonString());
        Assert.DoesNotContain(key.Secret()[3..], problem.ToJsonString());
        await (await client.GetAsync("/v1/articles")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await factory.WithBearer(key.Secret()).GetAsync("/v1/articles")).AssertProblem(HttpStatusCode.Unauthorized);

        var revoked = await (await admin.GetAsync($"/v1/keys/{key.KeyId()}")).AssertOk();
        var revokedAt = revoked["revokedAt"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/keys/{key.KeyId()}")).StatusCode);
        var again = await (await admin.GetAsync($"/v1/keys/{key.KeyId()}")).AssertOk();
        Assert.Equal(revokedAt, again["revokedAt"]!.GetValue<string>());
        Assert.Equal(revoked["version"]!.GetValue<long>(), again["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Revoking_needs_no_if_match()
    {
        var key = await factory.Admin().CreateKey("reader");

        var response = await factory.Admin().DeleteAsync($"/v1/keys/{key.KeyId()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Get_and_revoke_of_an_unknown_key_return_404_problem()
    {
        await (await factory.Admin().GetAsync("/v1/keys/987654321")).AssertProblem(HttpStatusCode.NotFound);
        await (await factory.Admin().DeleteAsync("/v1/keys/987654321")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Last_used_at_is_set_after_the_key_is_used()
    {
        var key = await factory.Admin().CreateKey("reader");
        var before = await (await factory.Admin().GetAsync($"/v1/keys/{key.KeyId()}")).AssertOk();
        Assert.Null(before["lastUsedAt"]);

        await (await factory.WithKey(key.Secret()).GetAsync("/v1/tags")).AssertOk();

        var after = await (await factory.Admin().GetAsync($"/v1/keys/{key.KeyId()}")).AssertOk();
        Assert.NotNull(after["lastUsedAt"]);
        Assert.Equal(before["version"]!.GetValue<long>(), after["version"]!.GetValue<long>());
    }
}
