using System.Net;
using System.Text;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Links;

public sealed class LinkValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("""{"title":"x","url":"/x"}""", "kind")]
    [InlineData("""{"kind":"related"}""", "url")]
    [InlineData("""{"kind":"related","title":"Neither url nor target"}""", "url")]
    [InlineData("""{"kind":"related","url":"/x"}""", "title")]
    [InlineData("""{"kind":"related","title":"  ","url":"/x"}""", "title")]
    [InlineData("""{"kind":"inline","title":"x","url":"/x"}""", "afterParagraph")]
    [InlineData("""{"kind":"inline","title":"x","url":"/x","afterParagraph":-1}""", "afterParagraph")]
    [InlineData("""{"kind":"related","title":"x","url":"/x","afterParagraph":1}""", "afterParagraph")]
    [InlineData("""{"kind":"more","title":"x","url":"/x","afterParagraph":0}""", "afterParagraph")]
    [InlineData("""{"kind":"related","title":"x","url":"javascript:alert(1)"}""", "url")]
    [InlineData("""{"kind":"related","title":"x","url":"//evil.com/path"}""", "url")]
    [InlineData("""{"kind":"related","title":"x","url":"ftp://example.com/file"}""", "url")]
    [InlineData("""{"kind":"related","title":"x","url":"relative/path"}""", "url")]
    [InlineData("""{"kind":"related","title":"x","url":""}""", "url")]
    [InlineData("""{"kind":"related","title":"x","url":"/x","position":0}""", "position")]
    [InlineData("""{"kind":"related","targetArticleId":0}""", "targetArticleId")]
    public async Task Post_with_invalid_field_returns_400_naming_it(string body, string field)
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostRaw($"/v1/articles/{articleId}/links", body);

        await response.AssertFieldError(field);
    }

    [Fact]
    public async Task Post_with_both_url_and_target_returns_400()
    {
        var admin = factory.Admin();
        var targetId = await admin.CreateArticleId();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostJson($"/v1/articles/{articleId}/links", new { kind = "related", title = "x", url = "/x", targetArticleId = targetId });

        await response.AssertFieldError("url");
    }

    [Fact]
    public async Task Post_with_unknown_target_returns_400_naming_target_article_id()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostJson($"/v1/articles/{articleId}/links", new { kind = "related", targetArticleId = 987654321 });

        await response.AssertFieldError("targetArticleId");
    }

    [Fact]
    public async Task Post_with_the_article_itself_as_target_returns_400_naming_target_article_id()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostJson($"/v1/articles/{articleId}/links", new { kind = "related", targetArticleId = articleId });

        await response.AssertFieldError("targetArticleId");
        var list = await (await admin.GetAsync($"/v1/articles/{articleId}/links")).AssertOk();
        Assert.Empty(list["data"]!.AsArray());
    }

    [Fact]
    public async Task Post_with_title_over_300_characters_returns_400()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostJson($"/v1/articles/{articleId}/links", new { kind = "related", title = new string('t', 301), url = "/x" });

        await response.AssertFieldError("title");
    }

    [Fact]
    public async Task Post_with_url_over_2048_characters_returns_400()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostJson($"/v1/articles/{articleId}/links", new { kind = "related", title = "x", url = "https://example.com/" + new string('a', 2048) });

        await response.AssertFieldError("url");
    }

    [Theory]
    [InlineData("sidebar")]
    [InlineData("0")]
    public async Task Post_with_unknown_kind_returns_400_problem(string kind)
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostRaw($"/v1/articles/{articleId}/links", $$"""{"kind":"{{kind}}","title":"x","url":"/x"}""");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_with_numeric_kind_returns_400_problem()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostRaw($"/v1/articles/{articleId}/links", """{"kind":1,"title":"x","url":"/x"}""");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Put_with_invalid_body_returns_400_and_changes_nothing()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var link = await admin.CreateLink(articleId, new { kind = "related", title = "x", url = "/x" });

        var response = await admin.PutCurrent($"/v1/links/{link["id"]}", new { kind = "inline", title = "x", url = "javascript:alert(1)" });

        var problem = await response.AssertFieldError("url");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("afterParagraph"));
        var unchanged = await (await admin.GetAsync($"/v1/links/{link["id"]}")).AssertOk();
        Assert.Equal("/x", unchanged["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_with_wrong_key_returns_401()
    {
        var admin = factory.Admin();
        var link = await admin.CreateLink(await admin.CreateArticleId(), new { kind = "related", title = "x", url = "/x" });
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");

        var response = await client.GetAsync($"/v1/links/{link["id"]}");

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }
}
