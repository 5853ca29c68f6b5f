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

    [Fact]
    public async Task Not_found_is_a_problem_with_the_problem_content_type()
    {
        var response = await factory.Anonymous().GetAsync("/v1/articles/slug/no-such-article-here");

        var problem = await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal("/v1/articles/slug/no-such-article-here", problem["instance"]!.GetValue<string>());
    }

    [Fact]
    public async Task Draft_is_404_for_anonymous_by_id_and_by_slug()
    {
        var draft = await factory.Admin().CreateArticle(status: "draft");

        await (await factory.Anonymous().GetAsync($"/v1/articles/{draft.Id()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{draft.Slug()}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Draft_is_visible_with_the_admin_key_by_id_and_by_slug()
    {
        var admin = factory.Admin();
        var draft = await admin.CreateArticle(status: "draft");

        var byId = await (await admin.GetAsync($"/v1/articles/{draft.Id()}")).AssertOk();
        var bySlug = await (await admin.GetAsync($"/v1/articles/slug/{draft.Slug()}")).AssertOk();

        Assert.Equal("draft", byId.Text("status"));
        Assert.Equal(draft.Id(), bySlug.Id());
    }

    [Fact]
    public async Task Read_answers_only_html_by_default()
    {
        var article = await factory.Admin().CreateArticle(body: "Some *body*.");

        var read = await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}")).AssertOk();

        var body = read["body"]!.AsObject();
        Assert.Equal("<p>Some <em>body</em>.</p>", body["html"]!.GetValue<string>());
        Assert.False(body.ContainsKey("text"));
        Assert.False(body.ContainsKey("markdown"));
    }

    [Fact]
    public async Task Read_with_formats_text_and_markdown_answers_only_those()
    {
        var article = await factory.Admin().CreateArticle(body: "Some *body*.");

        var read = await (await factory.Anonymous().GetAsync($"/v1/articles/slug/{article.Slug()}?formats=text,markdown")).AssertOk();

        var body = read["body"]!.AsObject();
        Assert.False(body.ContainsKey("html"));
        Assert.Equal("Some body.", body["text"]!.GetValue<string>());
        Assert.Equal("Some *body*.", body["markdown"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_with_formats_in_any_case_and_order_with_spaces_is_accepted()
    {
        var article = await factory.Admin().CreateArticle();

        var read = await (await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}?formats=MARKDOWN,%20html")).AssertOk();

        var body = read["body"]!.AsObject();
        Assert.True(body.ContainsKey("html"));
        Assert.True(body.ContainsKey("markdown"));
        Assert.False(body.ContainsKey("text"));
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("html,pdf")]
    [InlineData("html,")]
    public async Task Read_with_invalid_formats_returns_400(string formats)
    {
        var article = await factory.Admin().CreateArticle();

        var byId = await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}?formats={formats}");
        var bySlug = await factory.Anonymous().GetAsync($"/v1/articles/slug/{article.Slug()}?formats={formats}");

        await byId.AssertFieldError("formats");
        await bySlug.AssertFieldError("formats");
    }

    [Fact]
    public async Task Read_with_unknown_query_parameter_returns_400_naming_the_allowed_ones()
    {
        var article = await factory.Admin().CreateArticle();

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{article.Id()}?format=text");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("format", problem["detail"]!.GetValue<string>());
        Assert.Equal(["fields", "formats", "include"], problem["allowed"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal(["format"], problem["unknown"]!.AsArray().Select(name => name!.GetValue<string>()));
    }
}
