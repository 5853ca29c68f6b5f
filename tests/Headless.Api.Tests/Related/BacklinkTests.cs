using System.Net;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Links;

namespace Headless.Api.Tests.Related;

/// <summary>GET /v1/articles/{id}/backlinks: the articles that link to one, newest first, keyset-paged.</summary>
public sealed class BacklinkTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Lists_each_link_to_the_article_with_its_article_newest_first()
    {
        var admin = factory.Admin();
        var now = DateTimeOffset.UtcNow;
        var target = await admin.Article();
        var older = await admin.Article(publishedAt: now.AddDays(-3));
        var newer = await admin.Article(publishedAt: now.AddDays(-1));
        var inline = await admin.CreateLink(older, new { kind = "inline", targetArticleId = target, afterParagraph = 1 });
        var related = await admin.CreateLink(newer, new { kind = "related", targetArticleId = target });
        var more = await admin.CreateLink(newer, new { kind = "more", targetArticleId = target });
        await admin.CreateLink(newer, new { kind = "related", title = "Elsewhere", url = "/elsewhere" });
        await admin.CreateLink(target, new { kind = "related", targetArticleId = newer });

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles/{target}/backlinks")).AssertOk();

        var items = list["data"]!.AsArray();
        Assert.Equal([newer, newer, older], items.Select(i => i!["id"]!.GetValue<long>()));
        Assert.Equal([LinkId(more), LinkId(related), LinkId(inline)], items.Select(i => i!["linkId"]!.GetValue<long>()));
        Assert.Equal(["more", "related", "inline"], items.Select(i => i!["linkKind"]!.GetValue<string>()));
        var article = await (await factory.Anonymous().GetAsync($"/v1/articles/{older}")).AssertOk();
        Assert.Equal(article["slug"]!.GetValue<string>(), items[2]!["slug"]!.GetValue<string>());
        Assert.Equal(article["headline"]!.GetValue<string>(), items[2]!["headline"]!.GetValue<string>());
        Assert.Equal(article["publishedAt"]!.GetValue<string>(), items[2]!["publishedAt"]!.GetValue<string>());
        Assert.Null(list["page"]!["next"]);
    }

    [Fact]
    public async Task Drafts_that_link_are_hidden_from_anonymous_callers_but_not_from_editors()
    {
        var admin = factory.Admin();
        var target = await admin.Article();
        var draft = await admin.Article(status: "draft");
        var published = await admin.Article();
        await admin.CreateLink(draft, new { kind = "related", targetArticleId = target });
        await admin.CreateLink(published, new { kind = "related", targetArticleId = target });

        var anonymous = await (await factory.Anonymous().GetAsync($"/v1/articles/{target}/backlinks?count=true")).AssertOk();
        var editor = await (await admin.GetAsync($"/v1/articles/{target}/backlinks?count=true")).AssertOk();

        Assert.Equal([published], anonymous.Ids());
        Assert.Equal(1, anonymous["page"]!["total"]!.GetValue<long>());
        Assert.Equal(new[] { draft, published }.Order(), editor.Ids().Order());
        Assert.Equal(2, editor["page"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Pages_follow_the_cursor_to_the_end_with_a_total()
    {
        var admin = factory.Admin();
        var target = await admin.Article();
        var linking = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var article = await admin.Article(publishedAt: DateTimeOffset.UtcNow.AddMinutes(-10 + i));
            await admin.CreateLink(article, new { kind = "related", targetArticleId = target });
            linking.Add(article);
        }

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/v1/articles/{target}/backlinks?limit=2&count=true" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await factory.Anonymous().GetAsync(url)).AssertOk();
            Assert.Equal(5, page["page"]!["total"]!.GetValue<long>());
            Assert.True(page.Ids().Count <= 2);
            seen.AddRange(page.Ids());
            cursor = page["page"]!["next"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        linking.Reverse();
        Assert.Equal(linking, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Unknown_or_hidden_article_is_404()
    {
        var admin = factory.Admin();
        var draft = await admin.Article(status: "draft");

        await (await factory.Anonymous().GetAsync("/v1/articles/987654321/backlinks")).AssertProblem(HttpStatusCode.NotFound);
        await (await factory.Anonymous().GetAsync($"/v1/articles/{draft}/backlinks")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/v1/articles/{draft}/backlinks")).AssertOk();
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task Invalid_paging_is_400_naming_the_field(string query, string field)
    {
        var target = await factory.Admin().Article();

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{target}/backlinks?{query}");

        await response.AssertFieldError(field);
    }

    [Fact]
    public async Task A_cursor_of_another_list_is_400()
    {
        var admin = factory.Admin();
        var target = await admin.Article();
        await admin.Article();
        await admin.Article();
        var articles = await (await factory.Anonymous().GetAsync("/v1/articles?limit=1")).AssertOk();
        var foreign = articles["page"]!["next"]!.GetValue<string>();

        var response = await factory.Anonymous().GetAsync($"/v1/articles/{target}/backlinks?cursor={Uri.EscapeDataString(foreign)}");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    private static long LinkId(System.Text.Json.Nodes.JsonNode link) => link["id"]!.GetValue<long>();
}
