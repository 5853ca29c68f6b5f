using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Platform;

public sealed class ApiKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Write_without_key_returns_401_problem_with_challenge()
    {
        var response = await factory.Anonymous().PostJson("/v1/tags", new { name = "No key" });
        var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("X-Api-Key", problem["detail"]!.GetValue<string>());
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
    public async Task Admin_key_writes()
    {
        await (await factory.Admin().PostJson("/v1/tags", new { name = "Admin " + Guid.NewGuid().ToString("N")[..8] })).AssertOk(HttpStatusCode.Created);
    }
}

/// <summary>Without <c>Headless:AdminKey</c> no key is valid, so nothing can be written.</summary>
public sealed class NoAdminKeyTests(NoAdminKeyTests.Factory factory) : IClassFixture<NoAdminKeyTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Headless:AdminKey", "")];
    }

    [Fact]
    public async Task Writes_are_refused_when_no_admin_key_is_configured()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "");
        await (await client.PostJson("/v1/tags", new { name = "Nobody" })).AssertProblem(HttpStatusCode.Unauthorized);
        await (await factory.Admin().PostJson("/v1/tags", new { name = "Nobody" })).AssertProblem(HttpStatusCode.Unauthorized);
    }
}
