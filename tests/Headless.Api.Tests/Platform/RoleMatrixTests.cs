using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;

namespace Headless.Api.Tests.Platform;

/// <summary>
/// Every operation of the contract against every kind of caller: no key, and a key of each role. An operation that
/// names roles (<c>x-roles</c>) answers 401 without a key, 403 to the other roles, and lets its roles through; an open
/// one lets everyone through. Ids that do not exist keep the allowed calls from changing anything.
/// </summary>
public sealed class RoleMatrixTests(RoleMatrixTests.Keys keys) : IClassFixture<RoleMatrixTests.Keys>
{
    private static readonly string[] AllRoles = ["reader", "partner", "editor", "admin"];

    public static TheoryData<string, string> Operations()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "api-spec", "openapi.json")))!;
        var data = new TheoryData<string, string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                data.Add(method.ToUpperInvariant(), path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_role_is_let_in_or_refused_as_the_contract_says(string method, string path)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "api-spec", "openapi.json")))!;
        var roles = document["paths"]![path]![method.ToLowerInvariant()]!["x-roles"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet();
        var url = path.Replace("{id}", "987654321").Replace("{number}", "987654321").Replace("{deliveryId}", "987654321").Replace("{slug}", "no-such-slug");

        var anonymous = await Send(keys.Factory.Anonymous(), method, url);
        if (roles is null)
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, anonymous.StatusCode);
        }
        else
        {
            await anonymous.AssertProblem(HttpStatusCode.Unauthorized);
        }

        foreach (var role in AllRoles)
        {
            var response = await Send(keys.Factory.WithKey(keys.Secrets[role]), method, url);
            if (roles is null || roles.Contains(role))
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{method} {path} refused {role}: {(int)response.StatusCode}");
            }
            else
            {
                await response.AssertProblem(HttpStatusCode.Forbidden);
            }
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, method == "PATCH" ? "application/merge-patch+json" : "application/json");
        }

        return client.SendAsync(request);
    }

    /// <summary>One API with a key of each role.</summary>
    public sealed class Keys : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public Dictionary<string, string> Secrets { get; } = [];

        public async Task InitializeAsync()
        {
            var admin = Factory.Admin();
            foreach (var role in AllRoles)
            {
                Secrets[role] = (await admin.CreateKey(role)).Secret();
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
