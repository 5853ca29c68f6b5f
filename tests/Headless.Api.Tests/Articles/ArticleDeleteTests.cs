using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleDeleteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Delete_returns_204_then_the_article_is_404()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle();

        var response = await admin.DeleteCurrent($"/v1/articles/{article.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await (await admin.GetAsync($"/v1/articles/{article.Id()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/articles/slug/{article.Slug()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.DeleteCurrent($"/v1/articles/{article.Id()}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_unknown_id_returns_404()
    {
        var response = await factory.Admin().DeleteAsync("/v1/articles/987654321");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_removes_the_articles_quotes_and_links()
    {
        var admin = factory.Admin();
        var article = await admin.CreateArticle();
        var quote = await (await admin.PostJson($"/v1/articles/{article.Id()}/quotes", new { text = "We will rebuild.", speaker = "The mayor" }))
            .AssertOk(HttpStatusCode.Created);
        var link = await (await admin.PostJson($"/v1/articles/{article.Id()}/links", new { kind = "related", title = "Background", url = "https://example.com/background" }))
            .AssertOk(HttpStatusCode.Created);
        await (await admin.GetAsync($"/v1/quotes/{quote.Id()}")).AssertOk();
        await (await admin.GetAsync($"/v1/links/{link.Id()}")).AssertOk();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/articles/{article.Id()}")).StatusCode);

        await (await admin.GetAsync($"/v1/quotes/{quote.Id()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/links/{link.Id()}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_removes_links_in_other_articles_that_point_at_it()
    {
        var admin = factory.Admin();
        var target = await admin.CreateArticle();
        var source = await admin.CreateArticle();
        var link = await (await admin.PostJson($"/v1/articles/{source.Id()}/links", new { kind = "related", targetArticleId = target.Id() }))
            .AssertOk(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/articles/{target.Id()}")).StatusCode);

        await (await admin.GetAsync($"/v1/links/{link.Id()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/articles/{source.Id()}")).AssertOk();
    }

    [Fact]
    public async Task Delete_keeps_the_tags_for_other_articles()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("survivor");
        var deleted = await admin.CreateArticle(tags: [tag]);
        var kept = await admin.CreateArticle(tags: [tag]);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/articles/{deleted.Id()}")).StatusCode);

        await (await factory.Anonymous().GetAsync($"/v1/tags/slug/{tag}")).AssertOk();
        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}")).AssertOk();
        Assert.Equal([kept.Slug()], list.Slugs());
    }
}
