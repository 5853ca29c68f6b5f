using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.ReadPath;

/// <summary>Keyset cursors of the other lists: quotes (all and per article), tags (by name and by use), links, revisions and keys.</summary>
public sealed class ListPagingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static void AssertVisitedOnceInOrder(IReadOnlyList<long> expected, List<JsonNode> pages, int limit)
    {
        var seen = pages.SelectMany(p => p.ItemIds()).ToList();
        Assert.Equal(expected, seen);
        Assert.All(pages[..^1], p => Assert.Equal(limit, p["data"]!.AsArray().Count));
        Assert.Null(pages[^1].RawNext());
    }

    /// <summary>The list URL with a cursor whose first and last characters were edited answers 400, and so does garbage.</summary>
    private async Task AssertTamperedCursorsRefused(HttpClient client, string url)
    {
        var cursor = (await client.GetOk(url)).RawNext()!;
        await (await client.GetAsync(ReadPathHttp.WithCursor(url, cursor))).AssertOk();
        foreach (var tampered in new[] { ReadPathHttp.FlipCharacter(cursor, 0), ReadPathHttp.FlipCharacter(cursor, cursor.Length - 1), "garbage" })
        {
            await (await client.GetAsync(ReadPathHttp.WithCursor(url, tampered))).AssertProblem(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Quotes_filtered_by_tag_page_newest_first_to_the_end()
    {
        var tag = Http.UniqueSlug("qpage");
        var admin = factory.Admin();
        var first = (await admin.NewArticle([tag])).IdOf();
        var second = (await admin.NewArticle([tag])).IdOf();
        var created = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await admin.AddQuote(i % 2 == 0 ? first : second, text: $"Quote {i}")).IdOf());
        }

        var pages = await factory.Anonymous().AllPages($"/v1/quotes?tag={tag}&limit=3&count=true");

        AssertVisitedOnceInOrder(Enumerable.Reverse(created).ToList(), pages, 3);
        Assert.All(pages, p => Assert.Equal(7, p["page"]!["total"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Quotes_of_an_article_page_in_position_order_on_both_routes()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("qpos")])).IdOf();
        var byPosition = new SortedDictionary<int, long>();
        foreach (var position in new[] { 3, 1, 5, 2, 4 })
        {
            byPosition[position] = (await admin.AddQuote(article, text: $"At {position}", position: position)).IdOf();
        }

        var client = factory.Anonymous();
        var nested = await client.AllPages($"/v1/articles/{article}/quotes?limit=2");
        var filtered = await client.AllPages($"/v1/quotes?articleId={article}&limit=2");
        var counted = await client.GetOk($"/v1/articles/{article}/quotes?limit=2&count=true");
        var uncounted = await client.GetOk($"/v1/articles/{article}/quotes?limit=2");

        AssertVisitedOnceInOrder(byPosition.Values.ToList(), nested, 2);
        AssertVisitedOnceInOrder(byPosition.Values.ToList(), filtered, 2);
        Assert.Equal(5, counted["page"]!["total"]!.GetValue<long>());
        Assert.False(uncounted["page"]!.AsObject().ContainsKey("total"));
    }

    [Fact]
    public async Task Quote_list_link_header_is_the_next_page()
    {
        var tag = Http.UniqueSlug("qlink");
        var admin = factory.Admin();
        var article = (await admin.NewArticle([tag])).IdOf();
        for (var i = 0; i < 3; i++)
        {
            await admin.AddQuote(article, text: $"Linked {i}");
        }

        var client = factory.Anonymous();
        var first = await client.GetAsync($"/v1/quotes?tag={tag}&limit=2");
        var firstBody = await first.AssertOk();
        var link = first.NextLink();

        Assert.NotNull(link);
        Assert.Contains($"tag={tag}", link);
        Assert.Equal(
            (await client.GetOk(ReadPathHttp.WithCursor($"/v1/quotes?tag={tag}&limit=2", firstBody.RawNext()!))).ToJsonString(),
            (await client.GetOk(link)).ToJsonString());
    }

    [Fact]
    public async Task Quote_cursors_that_were_edited_or_made_for_the_other_quote_order_are_refused()
    {
        var tag = Http.UniqueSlug("qtamper");
        var admin = factory.Admin();
        var article = (await admin.NewArticle([tag])).IdOf();
        for (var i = 0; i < 3; i++)
        {
            await admin.AddQuote(article, text: $"Tampered {i}");
        }

        var client = factory.Anonymous();
        await AssertTamperedCursorsRefused(client, $"/v1/quotes?tag={tag}&limit=1");
        await AssertTamperedCursorsRefused(client, $"/v1/articles/{article}/quotes?limit=1");
        var positionCursor = (await client.GetOk($"/v1/articles/{article}/quotes?limit=1")).RawNext()!;
        var newestCursor = (await client.GetOk($"/v1/quotes?tag={tag}&limit=1")).RawNext()!;
        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/quotes?tag={tag}&limit=1", positionCursor))).AssertProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/articles/{article}/quotes?limit=1", newestCursor))).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Tags_by_name_page_case_insensitively_without_duplicates()
    {
        var admin = factory.Admin();
        var token = Guid.NewGuid().ToString("N")[..10];
        string[] names = [$"rp{token} e", $"RP{token} A", $"rp{token} c", $"Rp{token} D", $"rp{token} b"];
        var ids = new Dictionary<string, long>();
        foreach (var name in names)
        {
            ids[name] = (await (await admin.PostJson("/v1/tags", new { name, slug = Http.UniqueSlug("tn") })).AssertOk(HttpStatusCode.Created)).IdOf();
        }

        var pages = await factory.Anonymous().AllPages("/v1/tags?sort=name&limit=2&count=true");
        var items = pages.Items();

        var seen = items.Select(t => t.IdOf()).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(pages, p => Assert.Equal(items.Count, p["page"]!["total"]!.GetValue<long>()));
        var mine = items.Where(t => ids.ContainsValue(t.IdOf())).Select(t => t["name"]!.GetValue<string>()).ToList();
        Assert.Equal([$"RP{token} A", $"rp{token} b", $"rp{token} c", $"Rp{token} D", $"rp{token} e"], mine);
    }

    [Fact]
    public async Task Tags_by_article_count_page_most_used_first_and_least_used_first()
    {
        var admin = factory.Admin();
        var token = Guid.NewGuid().ToString("N")[..10];
        // Names in the opposite order to their use, so that a name sort could not pass for a count sort.
        var most = Http.UniqueSlug("most");
        var middle = Http.UniqueSlug("middle");
        var least = Http.UniqueSlug("least");
        await admin.PostJson("/v1/tags", new { name = $"c {token}", slug = most });
        await admin.PostJson("/v1/tags", new { name = $"b {token}", slug = middle });
        await admin.PostJson("/v1/tags", new { name = $"a {token}", slug = least });
        foreach (var (slug, published, drafts) in new[] { (most, 3, 1), (middle, 2, 0), (least, 1, 3) })
        {
            for (var i = 0; i < published; i++)
            {
                await admin.NewArticle([slug]);
            }

            for (var i = 0; i < drafts; i++)
            {
                await admin.NewArticle([slug], status: "draft");
            }
        }

        var client = factory.Anonymous();
        var descending = (await client.AllPages("/v1/tags?sort=-articleCount&limit=2")).Items();
        var ascending = (await client.AllPages("/v1/tags?sort=articleCount&limit=2")).Items();

        foreach (var (items, sign) in new[] { (descending, -1), (ascending, 1) })
        {
            var ids = items.Select(t => t.IdOf()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            for (var i = 1; i < items.Count; i++)
            {
                var (previousCount, count) = (items[i - 1]["articleCount"]!.GetValue<int>(), items[i]["articleCount"]!.GetValue<int>());
                Assert.True(sign * (count - previousCount) >= 0, $"Not ordered by articleCount at {i}: {previousCount} then {count}.");
                Assert.True(count != previousCount || ids[i] > ids[i - 1], "Tags with the same count are not ordered by id.");
            }
        }

        bool IsMine(JsonNode tag) => tag["slug"]!.GetValue<string>() is var slug && (slug == most || slug == middle || slug == least);
        Assert.Equal([most, middle, least], descending.Where(IsMine).Select(t => t["slug"]!.GetValue<string>()));
        Assert.Equal([least, middle, most], ascending.Where(IsMine).Select(t => t["slug"]!.GetValue<string>()));
        Assert.Equal([3, 2, 1], descending.Where(IsMine).Select(t => t["articleCount"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Tag_cursors_that_were_edited_or_made_for_another_sort_are_refused()
    {
        var admin = factory.Admin();
        for (var i = 0; i < 3; i++)
        {
            await admin.PostJson("/v1/tags", new { name = $"Cursor tag {i}", slug = Http.UniqueSlug("tc") });
        }

        var client = factory.Anonymous();
        await AssertTamperedCursorsRefused(client, "/v1/tags?sort=name&limit=1");
        await AssertTamperedCursorsRefused(client, "/v1/tags?sort=-articleCount&limit=1");
        var byName = (await client.GetOk("/v1/tags?limit=1")).RawNext()!;
        await (await client.GetAsync(ReadPathHttp.WithCursor("/v1/tags?sort=-articleCount&limit=1", byName))).AssertProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync(ReadPathHttp.WithCursor("/v1/tags?sort=articleCount&limit=1", byName))).AssertProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/v1/tags?sort=popular")).AssertFieldError("sort");
    }

    [Fact]
    public async Task Links_of_an_article_page_in_position_order()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("lpage")])).IdOf();
        var byPosition = new SortedDictionary<int, long>();
        foreach (var position in new[] { 4, 2, 5, 1, 3 })
        {
            byPosition[position] = (await admin.AddLink(article, title: $"At {position}", position: position)).IdOf();
        }

        var client = factory.Anonymous();
        var pages = await client.AllPages($"/v1/articles/{article}/links?limit=2&count=true");
        var url = $"/v1/articles/{article}/links?limit=2";
        var first = await client.GetAsync(url);
        var byCursor = await client.GetOk(ReadPathHttp.WithCursor(url, (await first.AssertOk()).RawNext()!));

        AssertVisitedOnceInOrder(byPosition.Values.ToList(), pages, 2);
        Assert.All(pages, p => Assert.Equal(5, p["page"]!["total"]!.GetValue<long>()));
        Assert.Equal(byCursor.ToJsonString(), (await client.GetOk(first.NextLink()!)).ToJsonString());
        await AssertTamperedCursorsRefused(client, $"/v1/articles/{article}/links?limit=2");
    }

    [Fact]
    public async Task Revisions_page_newest_first_to_the_first()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("rev")])).IdOf();
        for (var i = 2; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PatchMerge($"/v1/articles/{article}", new { headline = $"Version {i}" })).StatusCode);
        }

        var pages = await admin.AllPages($"/v1/articles/{article}/revisions?limit=2&count=true");
        var numbers = pages.Items().Select(r => r["number"]!.GetValue<long>()).ToList();

        Assert.Equal([5L, 4, 3, 2, 1], numbers);
        Assert.Equal([2, 2, 1], pages.Select(p => p["data"]!.AsArray().Count));
        Assert.Null(pages[^1].RawNext());
        Assert.All(pages, p => Assert.Equal(5, p["page"]!["total"]!.GetValue<long>()));
        Assert.Equal("Version 4", pages[0]["data"]![1]!["headline"]!.GetValue<string>());
        await AssertTamperedCursorsRefused(admin, $"/v1/articles/{article}/revisions?limit=2");
    }

    [Fact]
    public async Task Keys_page_oldest_first_without_duplicates()
    {
        var admin = factory.Admin();
        var mine = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await (await admin.PostJson("/v1/keys", new { name = $"Paged key {Guid.NewGuid():N}", role = "reader" })).AssertOk(HttpStatusCode.Created)).IdOf());
        }

        var pages = await admin.AllPages("/v1/keys?limit=2&count=true");
        var ids = pages.SelectMany(p => p.ItemIds()).ToList();

        Assert.Equal(ids.Order().ToList(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(mine, ids.Where(mine.Contains));
        Assert.All(pages, p => Assert.Equal(ids.Count, p["page"]!["total"]!.GetValue<long>()));
        await AssertTamperedCursorsRefused(admin, "/v1/keys?limit=1");
    }

    [Fact]
    public async Task Cursor_of_one_list_is_refused_by_a_list_in_another_order()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("cross")])).IdOf();
        for (var i = 0; i < 2; i++)
        {
            await admin.PatchMerge($"/v1/articles/{article}", new { headline = $"Cross {i}" });
            await admin.PostJson("/v1/keys", new { name = $"Cross key {Guid.NewGuid():N}", role = "reader" });
        }

        var revisionCursor = (await admin.GetOk($"/v1/articles/{article}/revisions?limit=1")).RawNext()!;
        var keyCursor = (await admin.GetOk("/v1/keys?limit=1")).RawNext()!;

        await (await admin.GetAsync(ReadPathHttp.WithCursor("/v1/keys?limit=1", revisionCursor))).AssertProblem(HttpStatusCode.BadRequest);
        await (await admin.GetAsync(ReadPathHttp.WithCursor($"/v1/articles/{article}/revisions?limit=1", keyCursor))).AssertProblem(HttpStatusCode.BadRequest);
        await (await admin.GetAsync(ReadPathHttp.WithCursor("/v1/articles?limit=1", keyCursor))).AssertProblem(HttpStatusCode.BadRequest);
        await (await admin.GetAsync(ReadPathHttp.WithCursor("/v1/quotes?limit=1", revisionCursor))).AssertProblem(HttpStatusCode.BadRequest);
    }
}
