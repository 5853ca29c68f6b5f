using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Search;

/// <summary>Search calls and test data that several search test classes use.</summary>
internal static class SearchHttp
{
    private const string Consonants = "bcdfghjklmnpqrtv";

    /// <summary>
    /// A word no other test uses: consonants only, so the English stemmer leaves it as it is, and it is one token.
    /// </summary>
    public static string Word()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return "zx" + new string(bytes.Take(10).Select(b => Consonants[b % Consonants.Length]).ToArray());
    }

    public static async Task<JsonNode> Search(this HttpClient client, string q, string extra = "")
    {
        var response = await client.GetAsync($"/v1/search?q={Uri.EscapeDataString(q)}{extra}");
        return await response.AssertOk();
    }

    public static async Task<JsonNode> CreateArticleWith(
        this HttpClient admin, string headline, string body = "A paragraph.", string? dek = null, string[]? tags = null,
        string status = "published", string? section = null, string? byline = null, string? publishedAt = null)
    {
        var response = await admin.PostJson("/v1/articles", new
        {
            headline,
            dek,
            body,
            tags = tags ?? [],
            status,
            section,
            byline,
            publishedAt,
            slug = Http.UniqueSlug("search"),
        });
        return await response.AssertOk(HttpStatusCode.Created);
    }

    public static List<long> ArticleIds(this JsonNode results) =>
        results["data"]!.AsArray().Where(h => h!["type"]!.GetValue<string>() == "article").Select(h => h!["article"]!["id"]!.GetValue<long>()).ToList();

    public static List<long> QuoteIds(this JsonNode results) =>
        results["data"]!.AsArray().Where(h => h!["type"]!.GetValue<string>() == "quote").Select(h => h!["quote"]!["id"]!.GetValue<long>()).ToList();
}
