using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Tags;

/// <summary>Tag calls that several tag test classes make.</summary>
internal static class TagHttp
{
    /// <summary>Creates a tag through the API (unique name and slug unless given) and answers its JSON.</summary>
    public static async Task<JsonNode> CreateTag(this HttpClient admin, string? name = null, string? slug = null, string? description = null)
    {
        slug ??= Http.UniqueSlug("tag");
        name ??= $"Tag {slug}";
        var response = await admin.PostJson("/v1/tags", new { name, slug, description });
        return await response.AssertOk(HttpStatusCode.Created);
    }
}
