using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleStrictnessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Property_in_another_case_is_an_unknown_property()
    {
        var body = ArticleRequests.Valid();
        body["Headline"] = "Second headline";
        var problem = await (await factory.Admin().PostRaw("/v1/articles", body.ToJsonString())).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("$.Headline", problem["jsonPath"]!.GetValue<string>());
    }

    [Fact]
    public async Task Repeated_tag_slugs_count_once_towards_the_limit()
    {
        var tag = Http.UniqueSlug("repeat");
        var body = ArticleRequests.Valid();
        body["tags"] = new JsonArray(Enumerable.Repeat(tag, 25).Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        var article = await (await factory.Admin().PostRaw("/v1/articles", body.ToJsonString())).AssertOk(HttpStatusCode.Created);
        Assert.Equal([tag], article.TagSlugs());
    }

    [Fact]
    public async Task Derived_excerpt_is_the_first_top_level_paragraph()
    {
        var body = ArticleRequests.Valid();
        body["body"] = "> A pull quote first.\n\n- a list item\n\nThe real first paragraph.\n\nAnother.";
        var article = await (await factory.Admin().PostRaw("/v1/articles", body.ToJsonString())).AssertOk(HttpStatusCode.Created);
        Assert.Equal("The real first paragraph.", article.Text("excerpt"));
    }
}
