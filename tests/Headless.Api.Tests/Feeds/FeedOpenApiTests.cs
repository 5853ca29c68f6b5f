using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Feeds;

/// <summary>The feed operations in the OpenAPI document: their media types with examples, and 304 and 400.</summary>
public sealed class FeedOpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/v1/feeds/articles.rss", "GetArticlesRss", "application/rss+xml")]
    [InlineData("/v1/feeds/articles.atom", "GetArticlesAtom", "application/atom+xml")]
    [InlineData("/v1/feeds/articles.json", "GetArticlesJsonFeed", "application/feed+json")]
    public async Task Each_feed_documents_its_media_type_with_an_example_and_its_304_and_400(string path, string operationId, string mediaType)
    {
        var document = JsonNode.Parse(await factory.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!;

        var operation = document["paths"]![path]!["get"]!;
        Assert.Equal(operationId, operation["operationId"]!.GetValue<string>());
        Assert.Null(operation["x-roles"]);
        var responses = operation["responses"]!;
        var content = responses["200"]!["content"]!.AsObject();
        Assert.Equal([mediaType], content.Select(c => c.Key));
        Assert.NotNull(content[mediaType]!["example"]);
        Assert.NotNull(responses["304"]);
        Assert.NotNull(responses["400"]!["content"]!["application/problem+json"]);
        Assert.Equal(["tag", "section", "limit"], operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }
}
