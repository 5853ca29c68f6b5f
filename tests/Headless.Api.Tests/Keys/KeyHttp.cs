using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Keys;

/// <summary>Key calls that several key test classes make.</summary>
internal static class KeyHttp
{
    /// <summary>Creates a key through the API (a unique name unless given) and answers its JSON, secret included.</summary>
    public static async Task<JsonNode> CreateKey(this HttpClient admin, string role, string? name = null, string[]? tags = null, string[]? sections = null)
    {
        name ??= $"Key {Guid.NewGuid():N}";
        var response = await admin.PostJson("/v1/keys", new { name, role, tags, sections });
        return await response.AssertOk(HttpStatusCode.Created);
    }

    public static long KeyId(this JsonNode key) => key["id"]!.GetValue<long>();

    public static string Secret(this JsonNode key) => key["secret"]!.GetValue<string>();

    /// <summary>A client that sends the key in <c>X-Api-Key</c>.</summary>
    public static HttpClient WithKey(this ApiFactory factory, string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    /// <summary>A client that sends the key as <c>Authorization: Bearer</c>.</summary>
    public static HttpClient WithBearer(this ApiFactory factory, string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
