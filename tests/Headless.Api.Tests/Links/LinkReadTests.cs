using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Links;

public sealed class LinkReadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Article_links_are_listed_in_position_order()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var last = await admin.CreateLink(articleId, new { kind = "related", title = "Last", url = "/last", position = 30 });
        var first = await admin.CreateLink(articleId, new { kind = "more", title = "First", url = "/first", position = 10 });
        var middle = await admin.CreateLink(articleId, new { kind = "inline", title = "Middle", url = "/middle", position = 20, afterParagraph = 1 });
        await admin.CreateLink(await admin.CreateArticleId(), new { kind = "related", title = "Other article", url = "/other" });

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/links")).AssertOk();

        Assert.Equal([first["id"]!.GetValue<long>(), middle["id"]!.GetValue<long>(), last["id"]!.GetValue<long>()], list.Ids());
        Assert.Null(list["page"]!["next"]);
    }

    [Fact]
    public async Task List_filters_by_kind()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var inline = await admin.CreateLink(articleId, new { kind = "inline", title = "In", url = "/in", afterParagraph = 1 });
        var related = await admin.CreateLink(articleId, new { kind = "related", title = "Rel", url = "/rel" });
        var more = await admin.CreateLink(articleId, new { kind = "more", title = "More", url = "/more" });

        var inlineOnly = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/links?kind=inline")).AssertOk();
        var relatedOnly = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/links?kind=related")).AssertOk();
        var moreOnly = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/links?kind=more")).AssertOk();

        Assert.Equal([inline["id"]!.GetValue<long>()], inlineOnly.Ids());
        Assert.Equal([related["id"]!.GetValue<long>()], relatedOnly.Ids());
        Assert.Equal([more["id"]!.GetValue<long>()], moreOnly.Ids());
    }

    [Fact]
    public async Task List_pages_with_limit_and_page()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await admin.CreateLink(articleId, new { kind = "related", title = $"L{i}", url = $"/l{i}" }))["id"]!.GetValue<long>());
        }

        var first = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/links?limit=2")).AssertOk();
        var second = await (await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/links?limit=2&cursor={first.NextCursor()}")).AssertOk();

        Assert.Equal(ids[..2], first.Ids());
        Assert.Equal([ids[2]], second.Ids());
        Assert.Null(second["page"]!["next"]);
    }

    [Theory]
    [InlineData("kind=sidebar", "kind")]
    [InlineData("kind=Inline", "kind")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task List_with_invalid_query_value_returns_400_naming_it(string query, string field)
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/links?{query}");

        await response.AssertFieldError(field);
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("type=inline")]
    public async Task List_with_bad_query_returns_400_problem(string query)
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{articleId}/links?{query}");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Links_of_unknown_article_return_404()
    {
        var response = await factory.Anonymous().GetAsync("/v1/articles/987654321/links");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_with_unknown_id_returns_404_problem()
    {
        var response = await factory.Anonymous().GetAsync("/v1/links/987654321");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Links_to_a_draft_are_hidden_from_anonymous_readers()
    {
        var admin = factory.Admin();
        var draftId = await admin.CreateArticleId(status: "draft");
        var articleId = await admin.CreateArticleId();
        var toDraft = await admin.CreateLink(articleId, new { kind = "related", targetArticleId = draftId });
        var toUrl = await admin.CreateLink(articleId, new { kind = "related", title = "Public", url = "/public" });
        var reader = factory.Anonymous();

        await (await reader.GetAsync($"/v1/links/{toDraft["id"]}")).AssertProblem(HttpStatusCode.NotFound);
        var list = await (await reader.GetAsync($"/v1/articles/{articleId}/links")).AssertOk();
        Assert.Equal([toUrl["id"]!.GetValue<long>()], list.Ids());
    }

    [Fact]
    public async Task Links_to_a_draft_are_visible_to_admin()
    {
        var admin = factory.Admin();
        var draftId = await admin.CreateArticleId(status: "draft");
        var articleId = await admin.CreateArticleId();
        var toDraft = await admin.CreateLink(articleId, new { kind = "related", targetArticleId = draftId });

        var link = await (await admin.GetAsync($"/v1/links/{toDraft["id"]}")).AssertOk();
        var list = await (await admin.GetAsync($"/v1/articles/{articleId}/links")).AssertOk();

        Assert.Equal(draftId, link["targetArticle"]!["id"]!.GetValue<long>());
        Assert.Equal([toDraft["id"]!.GetValue<long>()], list.Ids());
    }

    [Fact]
    public async Task Links_of_a_draft_article_are_hidden_from_anonymous_readers_and_visible_to_admin()
    {
        var admin = factory.Admin();
        var draftId = await admin.CreateArticleId(status: "draft");
        var link = await admin.CreateLink(draftId, new { kind = "more", title = "x", url = "/x" });

        await (await factory.Anonymous().GetAsync($"/v1/links/{link["id"]}")).AssertProblem(HttpStatusCode.NotFound);
        await (await factory.Anonymous().GetAsync($"/v1/articles/{draftId}/links")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/links/{link["id"]}")).AssertOk();
        Assert.Equal([link["id"]!.GetValue<long>()], (await (await admin.GetAsync($"/v1/articles/{draftId}/links")).AssertOk()).Ids());
    }

    [Fact]
    public async Task Link_to_a_draft_appears_once_the_target_is_published()
    {
        var admin = factory.Admin();
        var draft = await admin.CreateArticle(status: "draft");
        var draftId = draft["id"]!.GetValue<long>();
        var link = await admin.CreateLink(await admin.CreateArticleId(), new { kind = "related", targetArticleId = draftId });

        await (await admin.PostAsync($"/v1/articles/{draftId}/publish", null)).AssertOk();

        await (await factory.Anonymous().GetAsync($"/v1/links/{link["id"]}")).AssertOk();
    }
}
