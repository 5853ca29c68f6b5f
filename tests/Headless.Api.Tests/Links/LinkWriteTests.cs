using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Links;

public sealed class LinkWriteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Post_inline_link_with_url_returns_201_with_location()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var response = await admin.PostJson($"/v1/articles/{articleId}/links", new
        {
            kind = "inline",
            title = "Read also: the vote",
            url = "https://example.com/vote",
            afterParagraph = 1,
        });

        var link = await response.AssertOk(HttpStatusCode.Created);
        var id = link["id"]!.GetValue<long>();
        Assert.Equal($"/v1/links/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(articleId, link["articleId"]!.GetValue<long>());
        Assert.Equal("inline", link["kind"]!.GetValue<string>());
        Assert.Equal("Read also: the vote", link["title"]!.GetValue<string>());
        Assert.Equal("https://example.com/vote", link["url"]!.GetValue<string>());
        Assert.Equal(1, link["afterParagraph"]!.GetValue<int>());
        Assert.Null(link["targetArticle"]);
        Assert.Equal(1, link["position"]!.GetValue<int>());
        Assert.Equal(1, link["version"]!.GetValue<long>());
        var fetched = await (await factory.Anonymous().GetAsync(response.Headers.Location)).AssertOk();
        Assert.Equal(id, fetched["id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("related")]
    [InlineData("more")]
    public async Task Post_non_inline_link_has_no_after_paragraph(string kind)
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var link = await admin.CreateLink(articleId, new { kind, title = "Elsewhere", url = "/elsewhere" });

        Assert.Equal(kind, link["kind"]!.GetValue<string>());
        Assert.Equal("/elsewhere", link["url"]!.GetValue<string>());
        Assert.Null(link["afterParagraph"]);
    }

    [Fact]
    public async Task Post_without_position_goes_after_the_last_link()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();

        var first = await admin.CreateLink(articleId, new { kind = "related", title = "One", url = "/one" });
        var placed = await admin.CreateLink(articleId, new { kind = "related", title = "Two", url = "/two", position = 5 });
        var next = await admin.CreateLink(articleId, new { kind = "more", title = "Three", url = "/three" });

        Assert.Equal(1, first["position"]!.GetValue<int>());
        Assert.Equal(5, placed["position"]!.GetValue<int>());
        Assert.Equal(6, next["position"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_with_target_article_takes_its_headline_and_path()
    {
        var admin = factory.Admin();
        var target = await admin.CreateArticle();
        var articleId = await admin.CreateArticleId();

        var link = await admin.CreateLink(articleId, new { kind = "related", targetArticleId = target["id"]!.GetValue<long>() });

        var slug = target["slug"]!.GetValue<string>();
        Assert.Equal(target["headline"]!.GetValue<string>(), link["title"]!.GetValue<string>());
        Assert.Equal($"/articles/{slug}", link["url"]!.GetValue<string>());
        Assert.Equal(target["id"]!.GetValue<long>(), link["targetArticle"]!["id"]!.GetValue<long>());
        Assert.Equal(slug, link["targetArticle"]!["slug"]!.GetValue<string>());
        Assert.Equal(target["headline"]!.GetValue<string>(), link["targetArticle"]!["headline"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_with_target_article_uses_its_canonical_url_when_set()
    {
        var admin = factory.Admin();
        var targetSlug = Http.UniqueSlug("canonical");
        var created = await admin.PostJson("/v1/articles", new
        {
            headline = "Canonical elsewhere",
            slug = targetSlug,
            status = "published",
            canonicalUrl = "https://partner.example.com/story",
        });
        var targetId = (await created.AssertOk(HttpStatusCode.Created))["id"]!.GetValue<long>();
        var articleId = await admin.CreateArticleId();

        var link = await admin.CreateLink(articleId, new { kind = "more", targetArticleId = targetId });

        Assert.Equal("https://partner.example.com/story", link["url"]!.GetValue<string>());
        Assert.Equal(targetSlug, link["targetArticle"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Explicit_title_overrides_the_target_headline()
    {
        var admin = factory.Admin();
        var target = await admin.CreateArticle();
        var articleId = await admin.CreateArticleId();

        var link = await admin.CreateLink(articleId, new { kind = "inline", title = "Our own words", targetArticleId = target["id"]!.GetValue<long>(), afterParagraph = 0 });

        Assert.Equal("Our own words", link["title"]!.GetValue<string>());
        Assert.Equal($"/articles/{target["slug"]!.GetValue<string>()}", link["url"]!.GetValue<string>());
        Assert.Equal(0, link["afterParagraph"]!.GetValue<int>());
    }

    [Fact]
    public async Task Title_and_url_follow_the_target_when_it_changes()
    {
        var admin = factory.Admin();
        var target = await admin.CreateArticle();
        var targetId = target["id"]!.GetValue<long>();
        var link = await admin.CreateLink(await admin.CreateArticleId(), new { kind = "related", targetArticleId = targetId });
        var newSlug = Http.UniqueSlug("renamed");

        await (await admin.PutCurrent($"/v1/articles/{targetId}", new { headline = "A new headline", slug = newSlug })).AssertOk();

        var fetched = await (await factory.Anonymous().GetAsync($"/v1/links/{link["id"]}")).AssertOk();
        Assert.Equal("A new headline", fetched["title"]!.GetValue<string>());
        Assert.Equal($"/articles/{newSlug}", fetched["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_to_unknown_article_returns_404()
    {
        var response = await factory.Admin().PostJson("/v1/articles/987654321/links", new { kind = "related", title = "x", url = "/x" });
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_to_unknown_article_with_a_real_target_returns_404()
    {
        var admin = factory.Admin();
        var targetId = await admin.CreateArticleId();

        var response = await admin.PostJson("/v1/articles/987654321/links", new { kind = "related", targetArticleId = targetId });

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_to_unknown_article_targeting_itself_returns_404()
    {
        var response = await factory.Admin().PostJson("/v1/articles/987654322/links", new { kind = "related", targetArticleId = 987654322 });
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_replaces_fields_keeps_position_when_omitted_and_increments_version()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        await admin.CreateLink(articleId, new { kind = "related", title = "First", url = "/first" });
        var link = await admin.CreateLink(articleId, new { kind = "inline", title = "Old", url = "/old", afterParagraph = 2 });
        var id = link["id"]!.GetValue<long>();

        var response = await admin.PutCurrent($"/v1/links/{id}", new { kind = "related", title = "New", url = "https://example.com/new" });

        var updated = await response.AssertOk();
        Assert.Equal("related", updated["kind"]!.GetValue<string>());
        Assert.Equal("New", updated["title"]!.GetValue<string>());
        Assert.Equal("https://example.com/new", updated["url"]!.GetValue<string>());
        Assert.Null(updated["afterParagraph"]);
        Assert.Equal(2, updated["position"]!.GetValue<int>());
        Assert.Equal(2, updated["version"]!.GetValue<long>());
        var fetched = await (await factory.Anonymous().GetAsync($"/v1/links/{id}")).AssertOk();
        Assert.Equal("New", fetched["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_can_switch_from_url_to_target_article()
    {
        var admin = factory.Admin();
        var target = await admin.CreateArticle();
        var link = await admin.CreateLink(await admin.CreateArticleId(), new { kind = "more", title = "Outside", url = "https://example.com/" });

        var updated = await (await admin.PutCurrent($"/v1/links/{link["id"]}", new { kind = "more", targetArticleId = target["id"]!.GetValue<long>() })).AssertOk();

        Assert.Equal(target["headline"]!.GetValue<string>(), updated["title"]!.GetValue<string>());
        Assert.Equal($"/articles/{target["slug"]!.GetValue<string>()}", updated["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_unknown_id_returns_404()
    {
        var response = await factory.Admin().PutJson("/v1/links/987654321", new { kind = "related", title = "x", url = "/x" });
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_with_unknown_target_returns_400_naming_target_article_id()
    {
        var admin = factory.Admin();
        var link = await admin.CreateLink(await admin.CreateArticleId(), new { kind = "related", title = "x", url = "/x" });

        var response = await admin.PutCurrent($"/v1/links/{link["id"]}", new { kind = "related", targetArticleId = 987654321 });

        await response.AssertFieldError("targetArticleId");
    }

    [Fact]
    public async Task Put_with_its_own_article_as_target_returns_400_naming_target_article_id()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var link = await admin.CreateLink(articleId, new { kind = "related", title = "x", url = "/x" });

        var response = await admin.PutCurrent($"/v1/links/{link["id"]}", new { kind = "related", targetArticleId = articleId });

        await response.AssertFieldError("targetArticleId");
        var unchanged = await (await admin.GetAsync($"/v1/links/{link["id"]}")).AssertOk();
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delete_returns_204_then_the_link_is_gone()
    {
        var admin = factory.Admin();
        var link = await admin.CreateLink(await admin.CreateArticleId(), new { kind = "related", title = "x", url = "/x" });
        var id = link["id"]!.GetValue<long>();

        var response = await admin.DeleteCurrent($"/v1/links/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await admin.GetAsync($"/v1/links/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.DeleteCurrent($"/v1/links/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_with_unknown_id_returns_404()
    {
        var response = await factory.Admin().DeleteAsync("/v1/links/987654321");
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_the_target_article_deletes_the_link()
    {
        var admin = factory.Admin();
        var targetId = await admin.CreateArticleId();
        var articleId = await admin.CreateArticleId();
        var link = await admin.CreateLink(articleId, new { kind = "related", targetArticleId = targetId });

        (await admin.DeleteCurrent($"/v1/articles/{targetId}")).EnsureSuccessStatusCode();

        await (await admin.GetAsync($"/v1/links/{link["id"]}")).AssertProblem(HttpStatusCode.NotFound);
        var list = await (await admin.GetAsync($"/v1/articles/{articleId}/links")).AssertOk();
        Assert.Empty(list["data"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_the_article_deletes_its_links()
    {
        var admin = factory.Admin();
        var articleId = await admin.CreateArticleId();
        var link = await admin.CreateLink(articleId, new { kind = "related", title = "x", url = "/x" });

        (await admin.DeleteCurrent($"/v1/articles/{articleId}")).EnsureSuccessStatusCode();

        await (await admin.GetAsync($"/v1/links/{link["id"]}")).AssertProblem(HttpStatusCode.NotFound);
    }
}
