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

    /// <summary>PUT with If-Match set to the resource's current ETag (read first with a GET on the same URL and client).</summary>
    public static async Task<HttpResponseMessage> PutCurrent(this HttpClient client, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json") };
        await AddCurrentETag(client, url, request);
        return await client.SendAsync(request);
    }

    /// <summary>DELETE with If-Match set to the resource's current ETag (read first with a GET on the same URL and client).</summary>
    public static async Task<HttpResponseMessage> DeleteCurrent(this HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        await AddCurrentETag(client, url, request);
        return await client.SendAsync(request);
    }

    /// <summary>PATCH with a merge patch and the given If-Match (the current ETag when null).</summary>
    public static async Task<HttpResponseMessage> PatchMerge(this HttpClient client, string url, object patch, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(JsonSerializer.Serialize(patch, Json), Encoding.UTF8, "application/merge-patch+json") };
        if (ifMatch is null)
        {
            await AddCurrentETag(client, url, request);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The list's <c>page.next</c> cursor, URL-escaped for a query string.</summary>
    public static string NextCursor(this JsonNode list) => Uri.EscapeDataString(list["page"]!["next"]!.GetValue<string>());

    /// <summary>The ETag a GET of the URL answers, or null.</summary>
    public static async Task<string?> CurrentETag(this HttpClient client, string url) =>
        (await client.GetAsync(url)).Headers.ETag?.ToString();

    private static async Task AddCurrentETag(HttpClient client, string url, HttpRequestMessage request)
    {
        if (await client.CurrentETag(url) is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
    }

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
