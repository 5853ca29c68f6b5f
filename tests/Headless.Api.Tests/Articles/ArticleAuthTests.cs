using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleAuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private HttpClient WrongKey()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-the-admin-key");
        return client;
    }

    private static async Task AssertUnauthorized(HttpResponseMessage response, string detailContains)
    {
        var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("ApiKey header=\"X-Api-Key\", Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains(detailContains, problem.Text("detail"));
    }

    [Fact]
    public async Task Post_without_key_returns_401_with_www_authenticate()
    {
        var slug = Http.UniqueSlug("nokey");
        var response = await factory.Anonymous().PostJson("/v1/articles", new { headline = "No key", slug });

        await AssertUnauthorized(response, "needs an API key");
        await (await factory.Admin().GetAsync($"/v1/articles/slug/{slug}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_without_key_returns_401_and_changes_nothing()
    {
        var article = await factory.Admin().CreateArticle();

        var response = await factory.Anonymous().PutJson($"/v1/articles/{article.Id()}", new { headline = "Defaced" });

        await AssertUnauthorized(response, "needs an API key");
        var read = await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
        Assert.Equal(article.Text("headline"), read.Text("headline"));
    }

    [Fact]
    public async Task Delete_without_key_returns_401_and_keeps_the_article()
    {
        var article = await factory.Admin().CreateArticle();

        var response = await factory.Anonymous().DeleteAsync($"/v1/articles/{article.Id()}");

        await AssertUnauthorized(response, "needs an API key");
        await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
    }

    [Fact]
    public async Task Post_with_wrong_key_returns_401()
    {
        var response = await WrongKey().PostJson("/v1/articles", new { headline = "Wrong key", slug = Http.UniqueSlug("wrong") });

        await AssertUnauthorized(response, "not valid");
    }

    [Fact]
    public async Task Put_and_delete_with_wrong_key_return_401()
    {
        var article = await factory.Admin().CreateArticle();

        await AssertUnauthorized(await WrongKey().PutJson($"/v1/articles/{article.Id()}", new { headline = "Wrong key" }), "not valid");
        await AssertUnauthorized(await WrongKey().DeleteAsync($"/v1/articles/{article.Id()}"), "not valid");
        await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}")).AssertOk();
    }

    [Fact]
    public async Task Get_with_wrong_key_returns_401_even_for_published_articles()
    {
        var article = await factory.Admin().CreateArticle();

        await AssertUnauthorized(await WrongKey().GetAsync($"/v1/articles/{article.Id()}"), "not valid");
        await AssertUnauthorized(await WrongKey().GetAsync($"/v1/articles/slug/{article.Slug()}"), "not valid");
        await AssertUnauthorized(await WrongKey().GetAsync("/v1/articles"), "not valid");
    }

    [Fact]
    public async Task Unauthorized_problem_does_not_echo_the_key()
    {
        var response = await WrongKey().GetAsync("/v1/articles");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("not-the-admin-key", body);
    }

    [Fact]
    public async Task Post_without_key_is_401_before_the_body_is_validated()
    {
        var response = await factory.Anonymous().PostRaw("/v1/articles", "{ not json");

        await AssertUnauthorized(response, "needs an API key");
    }
}
