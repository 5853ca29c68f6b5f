using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Articles;

public sealed class ArticleListTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Creates an article with a tag and (when published) an explicit past publish time.</summary>
    private async Task<JsonNode> Create(string tag, string status = "published", string? publishedAt = null)
    {
        var response = await factory.Admin().PostJson("/v1/articles", new
        {
            headline = "Listed",
            slug = Http.UniqueSlug("list"),
            body = "A paragraph.",
            status,
            publishedAt,
            tags = new[] { tag },
        });
        return await response.AssertOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task List_for_anonymous_shows_only_published_articles()
    {
        var tag = Http.UniqueSlug("pub");
        var published = await Create(tag);
        await Create(tag, status: "draft");

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}")).AssertOk();

        Assert.Equal([published.Slug()], list.Slugs());
    }

    [Fact]
    public async Task List_without_a_tag_holds_published_articles_only()
    {
        await Create(Http.UniqueSlug("notag"));
        await Create(Http.UniqueSlug("notag"), status: "draft");

        var list = await (await factory.Anonymous().GetAsync("/v1/articles?limit=100")).AssertOk();

        Assert.NotEmpty(list["data"]!.AsArray());
        Assert.All(list["data"]!.AsArray(), article => Assert.Equal("published", article!.Text("status")));
    }

    [Fact]
    public async Task List_orders_newest_published_first()
    {
        var tag = Http.UniqueSlug("order");
        var middle = await Create(tag, publishedAt: "2020-06-01T00:00:00Z");
        var oldest = await Create(tag, publishedAt: "2019-01-01T00:00:00Z");
        var newest = await Create(tag, publishedAt: "2021-01-01T00:00:00+05:00");
        var now = await Create(tag);

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}")).AssertOk();

        Assert.Equal([now.Slug(), newest.Slug(), middle.Slug(), oldest.Slug()], list.Slugs());
    }

    [Fact]
    public async Task List_with_tag_filters_to_that_tag()
    {
        var tag = Http.UniqueSlug("wanted");
        var wanted = await Create(tag);
        await Create(Http.UniqueSlug("other"));

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}")).AssertOk();

        Assert.Equal([wanted.Slug()], list.Slugs());
        Assert.Contains(tag, list["data"]![0]!.TagSlugs());
    }

    [Fact]
    public async Task List_with_unknown_tag_is_empty()
    {
        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={Http.UniqueSlug("nobody")}")).AssertOk();

        Assert.Empty(list["data"]!.AsArray());
        Assert.Null(list["page"]!["next"]);
    }

    [Fact]
    public async Task List_with_status_draft_and_admin_key_shows_only_drafts()
    {
        var tag = Http.UniqueSlug("drafts");
        await Create(tag);
        var draft = await Create(tag, status: "draft");

        var list = await (await factory.Admin().GetAsync($"/v1/articles?tag={tag}&status=draft")).AssertOk();

        Assert.Equal([draft.Slug()], list.Slugs());
    }

    [Fact]
    public async Task List_with_status_any_and_admin_key_shows_both()
    {
        var tag = Http.UniqueSlug("any");
        var published = await Create(tag, publishedAt: "2020-01-01T00:00:00Z");
        var draft = await Create(tag, status: "draft");

        var list = await (await factory.Admin().GetAsync($"/v1/articles?tag={tag}&status=any")).AssertOk();

        Assert.Equal([draft.Slug(), published.Slug()], list.Slugs());
    }

    [Fact]
    public async Task List_with_admin_key_and_no_status_shows_only_published()
    {
        var tag = Http.UniqueSlug("adminpub");
        var published = await Create(tag);
        await Create(tag, status: "draft");

        var list = await (await factory.Admin().GetAsync($"/v1/articles?tag={tag}")).AssertOk();

        Assert.Equal([published.Slug()], list.Slugs());
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("any")]
    public async Task List_with_status_needing_a_key_returns_403_for_anonymous(string status)
    {
        var response = await factory.Anonymous().GetAsync($"/v1/articles?status={status}");

        var problem = await response.AssertProblem(HttpStatusCode.Forbidden);
        Assert.Contains($"status={status}", problem.Text("detail"));
    }

    [Fact]
    public async Task List_with_status_published_is_allowed_for_anonymous()
    {
        await (await factory.Anonymous().GetAsync("/v1/articles?status=published")).AssertOk();
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("Published")]
    [InlineData("")]
    public async Task List_with_invalid_status_returns_400(string status)
    {
        var response = await factory.Admin().GetAsync($"/v1/articles?status={status}");

        await response.AssertFieldError("status");
    }

    [Fact]
    public async Task List_with_invalid_tag_returns_400()
    {
        var response = await factory.Anonymous().GetAsync("/v1/articles?tag=Not%20A%20Slug");

        await response.AssertFieldError("tag[0]");
    }

    [Fact]
    public async Task List_pages_through_with_limit_cursor_and_next()
    {
        var tag = Http.UniqueSlug("paging");
        var slugs = new List<string>();
        for (var day = 1; day <= 5; day++)
        {
            slugs.Add((await Create(tag, publishedAt: $"2022-01-0{day}T00:00:00Z")).Slug());
        }

        slugs.Reverse();

        var first = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}&limit=2")).AssertOk();
        var second = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}&limit=2&cursor={first.NextCursor()}")).AssertOk();
        var third = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}&limit=2&cursor={second.NextCursor()}")).AssertOk();

        Assert.Equal(slugs[..2], first.Slugs());
        Assert.Equal(slugs[2..4], second.Slugs());
        Assert.Equal(slugs[4..], third.Slugs());

        Assert.Equal(2, first["page"]!["limit"]!.GetValue<int>());
        Assert.NotEqual(first["page"]!["next"]!.GetValue<string>(), second["page"]!["next"]!.GetValue<string>());
        Assert.Null(third["page"]!["next"]);
    }

    [Fact]
    public async Task List_page_that_ends_exactly_at_the_last_item_has_no_next()
    {
        var tag = Http.UniqueSlug("exact");
        await Create(tag);
        await Create(tag);

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}&limit=2")).AssertOk();

        Assert.Equal(2, list["data"]!.AsArray().Count);
        Assert.Null(list["page"]!["next"]);
    }

    [Fact]
    public async Task List_defaults_to_limit_20()
    {
        var list = await (await factory.Anonymous().GetAsync("/v1/articles")).AssertOk();

        Assert.Equal(20, list["page"]!["limit"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-1", "limit")]
    public async Task List_with_out_of_range_paging_returns_400(string query, string field)
    {
        var response = await factory.Anonymous().GetAsync($"/v1/articles?{query}");

        await response.AssertFieldError(field);
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("cursor=abc")]
    [InlineData("limit=1.5")]
    public async Task List_with_non_numeric_paging_returns_400(string query)
    {
        var response = await factory.Anonymous().GetAsync($"/v1/articles?{query}");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_answers_only_html_by_default()
    {
        var tag = Http.UniqueSlug("fmt");
        await Create(tag);

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}")).AssertOk();

        var body = list["data"]![0]!["body"]!.AsObject();
        Assert.Equal("<p>A paragraph.</p>", body["html"]!.GetValue<string>());
        Assert.False(body.ContainsKey("text"));
        Assert.False(body.ContainsKey("markdown"));
    }

    [Fact]
    public async Task List_with_formats_text_and_markdown_answers_only_those()
    {
        var tag = Http.UniqueSlug("fmt");
        await Create(tag);

        var list = await (await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}&formats=text,markdown")).AssertOk();

        var body = list["data"]![0]!["body"]!.AsObject();
        Assert.False(body.ContainsKey("html"));
        Assert.Equal("A paragraph.", body["text"]!.GetValue<string>());
        Assert.Equal("A paragraph.", body["markdown"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_with_invalid_formats_returns_400()
    {
        var response = await factory.Anonymous().GetAsync("/v1/articles?formats=html,xml");

        await response.AssertFieldError("formats");
    }

    [Fact]
    public async Task List_with_unknown_query_parameter_returns_400_naming_the_allowed_ones()
    {
        var response = await factory.Anonymous().GetAsync("/v1/articles?tags=world");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        var detail = problem.Text("detail")!;
        Assert.Contains("tags", detail);
        string[] allowed = ["byline", "count", "cursor", "fields", "formats", "hasQuotes", "include", "language", "limit", "publishedAfter",
            "publishedBefore", "q", "section", "sort", "status", "tag", "tagAll", "updatedSince"];
        foreach (var name in allowed)
        {
            Assert.Contains(name, detail);
        }

        Assert.Equal(allowed, problem["allowed"]!.AsArray().Select(name => name!.GetValue<string>()));
    }
}
