using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Related;

/// <summary>Calls and readers that the related-article and backlink tests share.</summary>
internal static class RelatedHttp
{
    /// <summary>Creates an article through the API (published unless told) and answers its id.</summary>
    public static async Task<long> Article(this HttpClient admin, string[]? tags = null, string status = "published", DateTimeOffset? publishedAt = null, DateTimeOffset? expiresAt = null)
    {
        var slug = Http.UniqueSlug("rel");
        var response = await admin.PostJson("/v1/articles", new
        {
            headline = $"Headline {slug}",
            slug,
            body = "First paragraph.\n\nSecond paragraph.",
            status,
            publishedAt,
            expiresAt,
            tags = tags ?? [],
        });
        return (await response.AssertOk(HttpStatusCode.Created))["id"]!.GetValue<long>();
    }

    /// <summary>A tag slug no other test uses.</summary>
    public static string Tag() => Http.UniqueSlug("tag");

    public static async Task<JsonNode> Related(this HttpClient client, long id, string query = "")
    {
        var response = await client.GetAsync($"/v1/articles/{id}/related{query}");
        return await response.AssertOk();
    }

    public static JsonArray Items(this JsonNode list) => list["data"]!.AsArray();

    public static List<long> Ids(this JsonNode list) => list.Items().Select(i => i!["id"]!.GetValue<long>()).ToList();

    public static JsonNode Item(this JsonNode list, long id) => list.Items().Single(i => i!["id"]!.GetValue<long>() == id)!;

    public static string Reason(this JsonNode item) => item["reason"]!.GetValue<string>();

    public static double Score(this JsonNode item) => item["score"]!.GetValue<double>();

    public static string[] SharedTags(this JsonNode item) => item["sharedTags"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
}
