using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.ReadPath;

/// <summary>Keyset cursors of the article list: following them, the Link header, totals, and cursors that are not ours.</summary>
public sealed class ArticlePagingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Creates <paramref name="count"/> published articles with the tag, one after another; answers their ids oldest first.</summary>
    private async Task<List<long>> CreateTagged(string tag, int count)
    {
        var admin = factory.Admin();
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await admin.NewArticle([tag])).IdOf());
        }

        return ids;
    }

    [Fact]
    public async Task Following_next_through_25_articles_visits_each_once_in_order_and_ends_with_null()
    {
        var tag = Http.UniqueSlug("p25");
        var created = await CreateTagged(tag, 25);

        var pages = await factory.Anonymous().AllPages($"/v1/articles?tag={tag}&limit=10");

        Assert.Equal([10, 10, 5], pages.Select(p => p["data"]!.AsArray().Count));
        Assert.All(pages, p => Assert.Equal(10, p["page"]!["limit"]!.GetValue<int>()));
        Assert.All(pages[..^1], p => Assert.NotNull(p.RawNext()));
        Assert.Null(pages[^1].RawNext());
        var seen = pages.SelectMany(p => p.ItemIds()).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Fact]
    public async Task Page_that_fits_the_limit_exactly_has_no_next()
    {
        var tag = Http.UniqueSlug("exact");
        await CreateTagged(tag, 3);

        var page = await factory.Anonymous().GetOk($"/v1/articles?tag={tag}&limit=3");

        Assert.Equal(3, page["data"]!.AsArray().Count);
        Assert.Null(page.RawNext());
    }

    [Fact]
    public async Task Link_header_next_is_the_next_page_and_keeps_the_other_parameters()
    {
        var tag = Http.UniqueSlug("link");
        await CreateTagged(tag, 5);
        var client = factory.Anonymous();
        var url = $"/v1/articles?tag={tag}&limit=2&formats=text&count=true";

        var first = await client.GetAsync(url);
        var firstBody = await first.AssertOk();
        var link = first.NextLink();

        Assert.NotNull(link);
        Assert.StartsWith("/v1/articles?", link);
        var query = link[(link.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&');
        Assert.Contains($"tag={tag}", query);
        Assert.Contains("limit=2", query);
        Assert.Contains("formats=text", query);
        Assert.Contains("count=true", query);
        Assert.Contains($"cursor={firstBody.NextCursor()}", query);
        var byLink = await client.GetAsync(link);
        var byCursor = await client.GetOk(ReadPathHttp.WithCursor(url, firstBody.RawNext()!));
        Assert.Equal(byCursor.ToJsonString(), (await byLink.AssertOk()).ToJsonString());
        Assert.NotNull(byCursor["data"]![0]!["body"]!["text"]);
        Assert.Equal(5, byCursor["page"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Link_header_with_a_repeated_parameter_keeps_every_value()
    {
        var a = Http.UniqueSlug("la");
        var b = Http.UniqueSlug("lb");
        await CreateTagged(a, 2);
        await CreateTagged(b, 2);
        var client = factory.Anonymous();

        var first = await client.GetAsync($"/v1/articles?tag={a}&tag={b}&limit=3");
        await first.AssertOk();
        var second = await client.GetOk(first.NextLink()!);

        Assert.Single(second["data"]!.AsArray());
        Assert.Null(second.RawNext());
    }

    [Fact]
    public async Task Last_page_has_no_link_header()
    {
        var tag = Http.UniqueSlug("nolink");
        await CreateTagged(tag, 2);

        var response = await factory.Anonymous().GetAsync($"/v1/articles?tag={tag}&limit=5");

        await response.AssertOk();
        Assert.Null(response.NextLink());
        Assert.False(response.Headers.Contains("Link"));
    }

    [Fact]
    public async Task Count_true_adds_the_total_on_every_page_and_only_then()
    {
        var tag = Http.UniqueSlug("count");
        await CreateTagged(tag, 3);
        await factory.Admin().NewArticle([tag], status: "draft");
        var client = factory.Anonymous();

        var pages = await client.AllPages($"/v1/articles?tag={tag}&limit=2&count=true");
        var withoutCount = await client.GetOk($"/v1/articles?tag={tag}&limit=2");
        var countFalse = await client.GetOk($"/v1/articles?tag={tag}&limit=2&count=false");
        var adminAny = await factory.Admin().GetOk($"/v1/articles?tag={tag}&status=any&count=true");

        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Equal(3, p["page"]!["total"]!.GetValue<long>()));
        Assert.False(withoutCount["page"]!.AsObject().ContainsKey("total"));
        Assert.False(countFalse["page"]!.AsObject().ContainsKey("total"));
        Assert.Equal(4, adminAny["page"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Cursor_with_any_one_character_changed_is_refused_with_400()
    {
        var tag = Http.UniqueSlug("tamper");
        await CreateTagged(tag, 3);
        var client = factory.Anonymous();
        var url = $"/v1/articles?tag={tag}&limit=1";
        var cursor = (await client.GetOk(url)).RawNext()!;
        Assert.Equal(200, (int)(await client.GetAsync(ReadPathHttp.WithCursor(url, cursor))).StatusCode);

        // Every position of the payload and of the signature, the last characters of each (which carry padding bits) included.
        for (var i = 0; i < cursor.Length; i++)
        {
            if (cursor[i] == '.')
            {
                continue;
            }

            var tampered = ReadPathHttp.FlipCharacter(cursor, i);
            var problem = await (await client.GetAsync(ReadPathHttp.WithCursor(url, tampered))).AssertProblem(HttpStatusCode.BadRequest);
            Assert.Equal("Invalid cursor", problem["title"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("abc.def")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("WyItcHVibGlzaGVkQXQiXQ")]
    [InlineData("WyItcHVibGlzaGVkQXQiLCIyMDIwIiwxXQ.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!.???")]
    [InlineData("eyJ9.e30")]
    public async Task Garbage_cursor_is_refused_with_400_problem(string cursor)
    {
        var response = await factory.Anonymous().GetAsync($"/v1/articles?cursor={Uri.EscapeDataString(cursor)}");

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid cursor", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cursor_longer_than_2048_characters_is_refused_with_400()
    {
        var response = await factory.Anonymous().GetAsync($"/v1/articles?cursor={new string('A', 2049)}.AAAA");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Cursor_made_for_another_sort_is_refused_with_400()
    {
        var tag = Http.UniqueSlug("sorts");
        await CreateTagged(tag, 3);
        var client = factory.Anonymous();
        var headlineCursor = (await client.GetOk($"/v1/articles?tag={tag}&limit=1&sort=headline")).RawNext()!;
        var defaultCursor = (await client.GetOk($"/v1/articles?tag={tag}&limit=1")).RawNext()!;
        var tagCursor = (await client.GetOk("/v1/tags?limit=1")).RawNext()!;

        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/articles?tag={tag}&limit=1", headlineCursor))).AssertProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/articles?tag={tag}&limit=1&sort=-publishedAt", headlineCursor))).AssertProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/articles?tag={tag}&limit=1&sort=headline", defaultCursor))).AssertProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/articles?tag={tag}&limit=1&sort=publishedAt", defaultCursor))).AssertProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/articles?tag={tag}&limit=1", tagCursor))).AssertProblem(HttpStatusCode.BadRequest);
        // The same cursors work in their own sort.
        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/articles?tag={tag}&limit=1&sort=headline", headlineCursor))).AssertOk();
        await (await client.GetAsync(ReadPathHttp.WithCursor($"/v1/articles?tag={tag}&limit=1&sort=-publishedAt", defaultCursor))).AssertOk();
    }

    [Fact]
    public async Task Page_two_has_no_duplicate_when_an_article_is_published_at_the_front_between_pages()
    {
        var tag = Http.UniqueSlug("front");
        var created = await CreateTagged(tag, 25);
        var client = factory.Anonymous();
        var url = $"/v1/articles?tag={tag}&limit=10";
        var first = await client.GetOk(url);

        var newcomer = (await factory.Admin().NewArticle([tag])).IdOf();
        var second = await client.GetOk(ReadPathHttp.WithCursor(url, first.RawNext()!));

        var newestFirst = Enumerable.Reverse(created).ToList();
        Assert.Equal(newestFirst[..10], first.ItemIds());
        Assert.Equal(newestFirst[10..20], second.ItemIds());
        Assert.Empty(first.ItemIds().Intersect(second.ItemIds()));
        Assert.DoesNotContain(newcomer, second.ItemIds());
        Assert.Equal(newcomer, (await client.GetOk($"/v1/articles?tag={tag}&limit=1&count=true")).ItemIds().Single());
    }

    [Fact]
    public async Task Page_two_does_not_skip_when_an_article_of_page_one_is_deleted_between_pages()
    {
        var tag = Http.UniqueSlug("gone");
        var created = await CreateTagged(tag, 6);
        var client = factory.Admin();
        var url = $"/v1/articles?tag={tag}&limit=3";
        var first = await client.GetOk(url);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteCurrent($"/v1/articles/{first.ItemIds()[0]}")).StatusCode);
        var second = await client.GetOk(ReadPathHttp.WithCursor(url, first.RawNext()!));

        Assert.Equal(Enumerable.Reverse(created).ToList()[3..6], second.ItemIds());
    }

    [Theory]
    [InlineData("-publishedAt")]
    [InlineData("publishedAt")]
    [InlineData("-updatedAt")]
    [InlineData("headline")]
    public async Task Paging_in_each_sort_visits_the_same_articles_as_one_big_page(string sort)
    {
        var tag = Http.UniqueSlug("each");
        var admin = factory.Admin();
        // Equal headlines make the id the tie-breaker of the headline sort.
        string[] headlines = ["Bravo", "Alpha", "Charlie", "Alpha", "Delta", "Bravo", "Echo"];
        string[] published = ["2021-03-01T00:00:00Z", "2020-01-01T00:00:00Z", "2022-07-01T12:00:00Z", "2020-01-01T00:00:00Z", "2019-05-05T05:05:05Z", "2023-01-01T00:00:00Z", "2018-12-31T23:59:59Z"];
        for (var i = 0; i < headlines.Length; i++)
        {
            await admin.NewArticle([tag], headline: headlines[i], publishedAt: published[i]);
        }

        var client = factory.Anonymous();
        var all = (await client.GetOk($"/v1/articles?tag={tag}&sort={sort}&limit=100")).ItemIds();
        var pages = await client.AllPages($"/v1/articles?tag={tag}&sort={sort}&limit=3");

        Assert.Equal(7, all.Count);
        Assert.Equal([3, 3, 1], pages.Select(p => p["data"]!.AsArray().Count));
        Assert.Equal(all, pages.SelectMany(p => p.ItemIds()));
    }

    [Fact]
    public async Task Limit_out_of_range_is_400()
    {
        var client = factory.Anonymous();

        await (await client.GetAsync("/v1/articles?limit=0")).AssertFieldError("limit");
        await (await client.GetAsync("/v1/articles?limit=101")).AssertFieldError("limit");
        await (await client.GetAsync("/v1/articles?limit=ten")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Default_limit_is_20()
    {
        var tag = Http.UniqueSlug("deflimit");
        await CreateTagged(tag, 21);

        var page = await factory.Anonymous().GetOk($"/v1/articles?tag={tag}");

        Assert.Equal(20, page["data"]!.AsArray().Count);
        Assert.Equal(20, page["page"]!["limit"]!.GetValue<int>());
        Assert.NotNull(page.RawNext());
    }
}
