using System.Net;
using System.Net.Http.Headers;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Platform;

public sealed class ApiKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Write_without_key_returns_401_problem_with_challenge()
    {
        var response = await factory.Anonymous().PostJson("/v1/tags", new { name = "No key" });
        var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("ApiKey header=\"X-Api-Key\", Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("X-Api-Key", problem["detail"]!.GetValue<string>());
        Assert.Contains("Bearer", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_key_returns_401_and_is_never_echoed()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "secret-guess-12345");
        foreach (var response in new[] { await client.PostJson("/v1/tags", new { name = "Wrong key" }), await client.GetAsync("/v1/articles") })
        {
            var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
            Assert.DoesNotContain("secret-guess-12345", problem.ToJsonString());
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
        }
    }

    [Fact]
    public async Task Two_key_headers_are_refused()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", [ApiFactory.AdminKey, ApiFactory.AdminKey]);
        await (await client.PostJson("/v1/tags", new { name = "Two keys" })).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_authorization_headers_are_refused()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", ["Bearer " + ApiFactory.AdminKey, "Bearer " + ApiFactory.AdminKey]);
        await (await client.PostJson("/v1/tags", new { name = "Two bearers" })).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_key_writes()
    {
        await (await factory.Admin().PostJson("/v1/tags", new { name = "Admin " + Guid.NewGuid().ToString("N")[..8] })).AssertOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Admin_key_is_accepted_as_bearer_token_too()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AdminKey);
        await (await client.PostJson("/v1/tags", new { name = "Bearer " + Guid.NewGuid().ToString("N")[..8] })).AssertOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Other_authorization_schemes_are_ignored()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await (await client.GetAsync("/v1/articles")).AssertOk();
        await (await client.PostJson("/v1/tags", new { name = "Basic" })).AssertProblem(HttpStatusCode.Unauthorized);
    }
}

/// <summary>Without <c>Headless:AdminKey</c> the configured key is not accepted: only keys from the database are.</summary>
public sealed class NoAdminKeyTests(NoAdminKeyTests.Factory factory) : IClassFixture<NoAdminKeyTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Headless:AdminKey", "")];
    }

    [Fact]
    public async Task Writes_with_an_empty_or_unconfigured_admin_key_are_refused()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "");
        await (await client.PostJson("/v1/tags", new { name = "Nobody" })).AssertProblem(HttpStatusCode.Unauthorized);
        await (await factory.Admin().PostJson("/v1/tags", new { name = "Nobody" })).AssertProblem(HttpStatusCode.Unauthorized);
    }
}
