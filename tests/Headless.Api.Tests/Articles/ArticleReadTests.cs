using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleReadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Created_article_is_read_back_by_id_and_slug()
    {
        var admin = factory.Admin();
        var created = await admin.CreateArticle(tags: ["read-back"]);
        var id = created["id"]!.GetValue<long>();
        var slug = created["slug"]!.GetValue<string>();

        var byId = await (await factory.Anonymous().GetAsync($"/v1/articles/{id}")).AssertOk();
        var bySlug = await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{slug}")).AssertOk();

        Assert.Equal(slug, byId["slug"]!.GetValue<string>());
        Assert.Equal(id, bySlug["id"]!.GetValue<long>());
        Assert.Equal("read-back", bySlug["tags"]![0]!["slug"]!.GetValue<string>());
        Assert.True(File.Exists(factory.DatabasePath));
    }

    [Fact]
    public async Task Unknown_id_returns_404_problem()
    {
        var response = await factory.Anonymous().GetAsync("/v1/articles/987654321");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }
}
