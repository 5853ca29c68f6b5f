using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Articles;
using Headless.Api.Tests.Infrastructure;
using Headless.Api.Tests.Keys;
using Headless.Api.Tests.Quotes;
using Headless.Api.Tests.Tags;
using Headless.Api.Tests.Workflow;

namespace Headless.Api.Tests.Changes;

public sealed class ChangeFeedTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_articles_life_comes_as_upserts_and_tombstones_in_commit_order()
    {
        var admin = factory.Admin();
        var cursor = await Latest(admin);
        var seen = new List<JsonNode>();
        async Task Poll()
        {
            var page = await Page(admin, cursor, "&limit=1000");
            seen.AddRange(page["data"]!.AsArray()!);
            cursor = page["next"]!.GetValue<string>();
        }

        var id = (await admin.CreateArticle()).Id();
        await Poll();
        (await admin.PatchMerge($"/v1/articles/{id}", new { dek = "Now with a dek" })).EnsureSuccessStatusCode();
        await Poll();
        (await admin.Transition(id, "unpublish")).EnsureSuccessStatusCode();
        await Poll();
        (await admin.Transition(id, "publish")).EnsureSuccessStatusCode();
        await Poll();
        (await admin.Transition(id, "archive")).EnsureSuccessStatusCode();
        await Poll();
        (await admin.DeleteCurrent($"/v1/articles/{id}")).EnsureSuccessStatusCode();
        await Poll();

        var mine = Of(seen, "article", id);
        Assert.Equal(["upsert", "upsert", "unpublished", "upsert", "archived", "deleted"], mine.Select(Type));
        Assert.Equal(mine.Select(Seq).Order(), mine.Select(Seq));
        Assert.Equal("Now with a dek", mine[1]["article"]!["dek"]!.GetValue<string>());
        Assert.Null(mine[2]["article"]);
    }

    [Fact]
    public async Task An_upsert_of_something_deleted_since_is_left_out_and_its_tombstone_follows()
    {
        var admin = factory.Admin();
        var start = await Latest(admin);
        var id = (await admin.CreateArticle()).Id();
        (await admin.DeleteCurrent($"/v1/articles/{id}")).EnsureSuccessStatusCode();

        Assert.Equal(["deleted"], Of(await ReadAll(admin, start), "article", id).Select(Type));
    }

    [Fact]
    public async Task Upserts_carry_the_resource_as_it_is_now()
    {
        var admin = factory.Admin();
        var start = await Latest(admin);
        var article = await admin.CreateArticle(tags: ["feed-now"]);

        var entry = (await ReadAll(admin, start)).Last(c => c["kind"]!.GetValue<string>() == "article");

        Assert.Equal("upsert", Type(entry));
        Assert.Equal(article.Id(), entry["article"]!["id"]!.GetValue<long>());
        Assert.Equal(article["headline"]!.GetValue<string>(), entry["article"]!["headline"]!.GetValue<string>());
        Assert.NotNull(entry["article"]!["body"]!["html"]);
        Assert.Equal(article.Id(), entry["articleId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Drafts_are_not_in_the_feed_until_published()
    {
        var admin = factory.Admin();
        var start = await Latest(admin);
        var draft = await admin.CreateArticle(status: "draft");
        (await admin.PatchMerge($"/v1/articles/{draft.Id()}", new { dek = "Still a draft" })).EnsureSuccessStatusCode();

        Assert.DoesNotContain(await ReadAll(admin, start), c => c["id"]!.GetValue<long>() == draft.Id() && c["kind"]!.GetValue<string>() == "article");

        (await admin.Transition(draft.Id(), "publish")).EnsureSuccessStatusCode();
        Assert.Contains(await ReadAll(admin, start), c => c["id"]!.GetValue<long>() == draft.Id() && Type(c) == "upsert");
    }

    [Fact]
    public async Task Tags_quotes_and_links_come_with_their_tombstones()
    {
        var admin = factory.Admin();
        var start = await Latest(admin);
        var tag = await admin.CreateTag();
        var articleId = await admin.CreateArticleId();
        var quote = await admin.CreateQuote(articleId);
        var before = await ReadAll(admin, start);
        Assert.Equal(["upsert"], Of(before, "tag", tag.Id()).Select(Type));
        Assert.Equal(["upsert"], Of(before, "quote", quote.Id()).Select(Type));
        var link = await Links.LinkHttp.CreateLink(admin, articleId, new { kind = "more", url = "https://example.com/x", title = "More" });
        (await admin.DeleteCurrent($"/v1/quotes/{quote.Id()}")).EnsureSuccessStatusCode();
        (await admin.DeleteCurrent($"/v1/links/{link.Id()}")).EnsureSuccessStatusCode();
        (await admin.DeleteCurrent($"/v1/tags/{tag.Id()}")).EnsureSuccessStatusCode();

        var changes = await ReadAll(admin, start);

        Assert.Equal(["deleted"], Of(changes, "tag", tag.Id()).Select(Type));
        Assert.Equal(["deleted"], Of(changes, "quote", quote.Id()).Select(Type));
        Assert.Equal(["deleted"], Of(changes, "link", link.Id()).Select(Type));
        Assert.Equal(articleId, Of(changes, "quote", quote.Id())[0]["articleId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Polling_with_next_sees_every_change_once_and_an_empty_page_keeps_its_place()
    {
        var admin = factory.Admin();
        var first = await (await admin.GetAsync("/v1/changes?limit=1000")).AssertOk();
        var cursor = first["next"]!.GetValue<string>();
        var idle = await Page(admin, cursor);
        Assert.Empty(idle["data"]!.AsArray());
        Assert.False(idle["hasMore"]!.GetValue<bool>());

        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await admin.CreateArticle()).Id());
        }

        var pageOne = await Page(admin, idle["next"]!.GetValue<string>(), "&limit=2");
        Assert.True(pageOne["hasMore"]!.GetValue<bool>());
        var seen = new List<JsonNode>(pageOne["data"]!.AsArray()!);
        var next = pageOne["next"]!.GetValue<string>();
        while (true)
        {
            var page = await Page(admin, next, "&limit=2");
            seen.AddRange(page["data"]!.AsArray()!);
            next = page["next"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                break;
            }
        }

        Assert.Equal(ids, seen.Where(c => c["kind"]!.GetValue<string>() == "article").Select(c => c["id"]!.GetValue<long>()));
        Assert.Empty((await Page(admin, next))["data"]!.AsArray());
    }

    [Fact]
    public async Task Types_filter_by_kind_and_may_change_between_calls()
    {
        var admin = factory.Admin();
        var start = await Latest(admin);
        var tag = await admin.CreateTag();
        var articleId = await admin.CreateArticleId();

        var tagsOnly = await Page(admin, start, "&types=tag");
        var articlesNext = await Page(admin, start, "&types=article,quote");

        Assert.All(tagsOnly["data"]!.AsArray(), c => Assert.Equal("tag", c!["kind"]!.GetValue<string>()));
        Assert.Contains(tagsOnly["data"]!.AsArray(), c => c!["id"]!.GetValue<long>() == tag.Id());
        Assert.Contains(articlesNext["data"]!.AsArray(), c => c!["id"]!.GetValue<long>() == articleId && c["kind"]!.GetValue<string>() == "article");
        Assert.Empty((await Page(admin, tagsOnly["next"]!.GetValue<string>(), "&types=article"))["data"]!.AsArray());
    }

    [Fact]
    public async Task Partner_keys_get_withdrawn_for_articles_outside_their_scope_or_rights()
    {
        var admin = factory.Admin();
        var partner = factory.WithKey((await admin.CreateKey("partner", tags: ["scoped-in"])).Secret());
        var start = await Latest(admin);
        var inside = await admin.PostJson("/v1/articles", new { headline = "Inside", body = "Text.", status = "published", tags = new[] { "scoped-in" }, slug = Http.UniqueSlug("in") });
        var outside = await admin.PostJson("/v1/articles", new { headline = "Outside", body = "Text.", status = "published", tags = new[] { "scoped-out" }, slug = Http.UniqueSlug("out") });
        var excerpt = await admin.PostJson("/v1/articles", new { headline = "Excerpt", body = "Text.", status = "published", tags = new[] { "scoped-in" }, syndication = "excerpt", slug = Http.UniqueSlug("ex") });
        var none = await admin.PostJson("/v1/articles", new { headline = "None", body = "Text.", status = "published", tags = new[] { "scoped-in" }, syndication = "none", slug = Http.UniqueSlug("no") });
        var ids = new List<long>();
        foreach (var response in new[] { inside, outside, excerpt, none })
        {
            ids.Add((await response.AssertOk(HttpStatusCode.Created)).Id());
        }

        var quote = await admin.CreateQuote(ids[2]);
        var asPartner = await ReadAll(partner, start);
        var asAdmin = await ReadAll(admin, start);

        Assert.Equal("upsert", Type(Of(asPartner, "article", ids[0]).Single()));
        Assert.Equal("withdrawn", Type(Of(asPartner, "article", ids[1]).Single()));
        Assert.Equal("upsert", Type(Of(asPartner, "article", ids[2]).Single()));
        Assert.Null(Of(asPartner, "article", ids[2]).Single()["article"]!["body"]!["html"]);
        Assert.Equal("withdrawn", Type(Of(asPartner, "article", ids[3]).Single()));
        Assert.Empty(Of(asPartner, "quote", quote.Id()));
        Assert.All(ids, id => Assert.Equal("upsert", Type(Of(asAdmin, "article", id).Single())));
        Assert.NotNull(Of(asAdmin, "article", ids[3]).Single()["article"]!["body"]!["html"]);
        Assert.Single(Of(asAdmin, "quote", quote.Id()));
    }

    [Fact]
    public async Task Changes_made_by_concurrent_writers_are_each_seen_exactly_once_while_polling()
    {
        var admin = factory.Admin();
        var start = await Latest(admin);
        var created = new System.Collections.Concurrent.ConcurrentBag<long>();
        var writers = Enumerable.Range(0, 6).Select(async _ =>
        {
            var client = factory.Admin();
            for (var i = 0; i < 8; i++)
            {
                created.Add((await client.CreateArticle()).Id());
            }
        }).ToList();

        var seen = new List<JsonNode>();
        var cursor = start;
        var writing = Task.WhenAll(writers);
        while (true)
        {
            var done = writing.IsCompleted;
            var page = await Page(admin, cursor, "&limit=7");
            seen.AddRange(page["data"]!.AsArray()!);
            cursor = page["next"]!.GetValue<string>();
            if (done && !page["hasMore"]!.GetValue<bool>())
            {
                break;
            }
        }

        await writing;
        var seqs = seen.Select(Seq).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        var articles = seen.Where(c => c["kind"]!.GetValue<string>() == "article").Select(c => c["id"]!.GetValue<long>()).ToList();
        Assert.Equal(created.Order(), articles.Order());
    }

    [Theory]
    [InlineData("since=not-a-cursor", null)]
    [InlineData("types=story", "types")]
    [InlineData("types=article,", "types")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task Bad_parameters_are_400s(string query, string? field)
    {
        var response = await factory.Admin().GetAsync($"/v1/changes?{query}");

        if (field is null)
        {
            await response.AssertProblem(HttpStatusCode.BadRequest);
        }
        else
        {
            await response.AssertFieldError(field);
        }
    }

    [Fact]
    public async Task A_cursor_from_another_list_is_refused()
    {
        var admin = factory.Admin();
        await admin.CreateArticle();
        await admin.CreateArticle();
        var list = await (await admin.GetAsync("/v1/articles?limit=1")).AssertOk();

        await (await admin.GetAsync($"/v1/changes?since={list.NextCursor()}")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Readers_and_anonymous_callers_are_refused()
    {
        var reader = factory.WithKey((await factory.Admin().CreateKey("reader")).Secret());

        await (await factory.Anonymous().GetAsync("/v1/changes")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await reader.GetAsync("/v1/changes")).AssertProblem(HttpStatusCode.Forbidden);
    }

    internal static async Task<string> Latest(HttpClient client)
    {
        var next = (await (await client.GetAsync("/v1/changes?limit=1000")).AssertOk())["next"]!.GetValue<string>();
        while (true)
        {
            var page = await Page(client, next, "&limit=1000");
            next = page["next"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                return next;
            }
        }
    }

    internal static async Task<JsonNode> Page(HttpClient client, string since, string extra = "") =>
        await (await client.GetAsync($"/v1/changes?since={Uri.EscapeDataString(since)}{extra}")).AssertOk();

    internal static async Task<List<JsonNode>> ReadAll(HttpClient client, string since)
    {
        var all = new List<JsonNode>();
        while (true)
        {
            var page = await Page(client, since, "&limit=1000");
            all.AddRange(page["data"]!.AsArray()!);
            since = page["next"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                return all;
            }
        }
    }

    internal static string Type(JsonNode change) => change["type"]!.GetValue<string>();

    private static long Seq(JsonNode change) => change["seq"]!.GetValue<long>();

    private static List<JsonNode> Of(IEnumerable<JsonNode> changes, string kind, long id) =>
        changes.Where(c => c["kind"]!.GetValue<string>() == kind && c["id"]!.GetValue<long>() == id).ToList();
}
