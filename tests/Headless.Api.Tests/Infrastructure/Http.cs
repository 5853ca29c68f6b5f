using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Headless.Api.Tests.Infrastructure;

/// <summary>Small helpers for talking JSON to the API and checking its problems.</summary>
public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A slug no other test uses.</summary>
    public static string UniqueSlug(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 120)];

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsync(url, new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsync(url, new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<JsonNode> ReadJson(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty JSON body.");

    /// <summary>Asserts the status and that the body is a problem+json with that status; answers the problem.</summary>
    public static async Task<JsonNode> AssertProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        return problem;
    }

    /// <summary>Asserts a 400 validation problem that names <paramref name="field"/> in its errors.</summary>
    public static async Task<JsonNode> AssertFieldError(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"Expected an error for '{field}' in {problem.ToJsonString()}");
        return problem;
    }

    public static async Task<JsonNode> AssertOk(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Creates a published (or draft) article through the API and answers its JSON.</summary>
    public static async Task<JsonNode> CreateArticle(this HttpClient admin, string? slug = null, string status = "published", string[]? tags = null, string body = "First paragraph.\n\nSecond paragraph.")
    {
        slug ??= UniqueSlug("article");
        var response = await admin.PostJson("/v1/articles", new { headline = $"Headline {slug}", slug, body, status, tags = tags ?? [] });
        return await response.AssertOk(HttpStatusCode.Created);
    }
}
