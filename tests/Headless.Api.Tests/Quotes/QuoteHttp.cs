using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Quotes;

/// <summary>Quote calls that several quote test classes make.</summary>
internal static class QuoteHttp
{
    /// <summary>Adds a quote to an article through the API and answers its JSON.</summary>
    public static async Task<JsonNode> CreateQuote(this HttpClient admin, long articleId, string speaker = "Ana Pérez", string text = "We will see.", int? position = null)
    {
        var response = await admin.PostJson($"/v1/articles/{articleId}/quotes", new { text, speaker, position });
        return await response.AssertOk(HttpStatusCode.Created);
    }

    public static async Task<long> CreateArticleId(this HttpClient admin, string status = "published") =>
        (await admin.CreateArticle(status: status))["id"]!.GetValue<long>();

    public static List<long> Ids(this JsonNode list) => list["data"]!.AsArray().Select(q => q!["id"]!.GetValue<long>()).ToList();
}
