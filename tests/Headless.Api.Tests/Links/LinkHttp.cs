using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Links;

/// <summary>Link calls that several link test classes make.</summary>
internal static class LinkHttp
{
    /// <summary>Adds a link to an article through the API and answers its JSON.</summary>
    public static async Task<JsonNode> CreateLink(this HttpClient admin, long articleId, object body)
    {
        var response = await admin.PostJson($"/v1/articles/{articleId}/links", body);
        return await response.AssertOk(HttpStatusCode.Created);
    }

    public static async Task<long> CreateArticleId(this HttpClient admin, string status = "published") =>
        (await admin.CreateArticle(status: status))["id"]!.GetValue<long>();

    public static List<long> Ids(this JsonNode list) => list["data"]!.AsArray().Select(l => l!["id"]!.GetValue<long>()).ToList();
}
