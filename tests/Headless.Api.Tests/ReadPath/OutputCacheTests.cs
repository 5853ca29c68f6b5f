using System.Net;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.ReadPath;

/// <summary>
/// The server's output cache answers repeated anonymous reads without the database, and every write evicts what it
/// makes stale: the very next anonymous read after a write shows it.
/// </summary>
public sealed class OutputCacheTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Repeated_anonymous_read_is_answered_without_the_database()
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("oc")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var client = factory.Anonymous();
        await client.GetOk(url);

        var cached = await factory.CommandsOf(async () => Assert.Equal(article.IdOf(), (await client.GetOk(url)).IdOf()));
        var keyed = await factory.CommandsOf(() => factory.Admin().GetOk(url));

        Assert.Equal(0, cached);
        Assert.True(keyed > 0, "A keyed read must skip the output cache.");
    }

    [Fact]
    public async Task Anonymous_query_variants_are_cached_apart()
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("ocq")]);
        var client = factory.Anonymous();

        var html = await client.GetOk($"/v1/articles/{article.IdOf()}");
        var text = await client.GetOk($"/v1/articles/{article.IdOf()}?formats=text");

        Assert.NotNull(html["body"]!["html"]);
        Assert.Null(text["body"]!["html"]);
        Assert.NotNull(text["body"]!["text"]);
    }

    [Fact]
    public async Task Article_detail_shows_a_new_headline_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var article = await admin.NewArticle([Http.UniqueSlug("ocd")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var slugUrl = $"/v1/articles/slug/{article["slug"]!.GetValue<string>()}";
        var client = factory.Anonymous();
        await client.GetOk(url);
        await client.GetOk(slugUrl);
        await client.GetOk($"{url}?fields=id,headline");

        await (await admin.PatchMerge(url, new { headline = "Fresh headline" })).AssertOk();

        Assert.Equal("Fresh headline", (await client.GetOk(url))["headline"]!.GetValue<string>());
        Assert.Equal("Fresh headline", (await client.GetOk(slugUrl))["headline"]!.GetValue<string>());
        Assert.Equal("Fresh headline", (await client.GetOk($"{url}?fields=id,headline"))["headline"]!.GetValue<string>());
    }

    [Fact]
    public async Task Article_list_shows_a_new_headline_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ocl");
        var article = await admin.NewArticle([tag]);
        var client = factory.Anonymous();
        await client.GetOk($"/v1/articles?tag={tag}");
        await client.GetOk("/v1/articles?limit=100");

        await (await admin.PatchMerge($"/v1/articles/{article.IdOf()}", new { headline = "Fresh in the list" })).AssertOk();

        Assert.Equal("Fresh in the list", (await client.GetOk($"/v1/articles?tag={tag}"))["data"]![0]!["headline"]!.GetValue<string>());
        var all = await client.GetOk("/v1/articles?limit=100");
        Assert.Contains(all["data"]!.AsArray(), a => a!.IdOf() == article.IdOf() && a!["headline"]!.GetValue<string>() == "Fresh in the list");
    }

    [Fact]
    public async Task New_article_appears_in_a_cached_list_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ocn");
        await admin.NewArticle([tag]);
        var client = factory.Anonymous();
        await client.GetOk($"/v1/articles?tag={tag}");

        var added = await admin.NewArticle([tag]);

        Assert.Equal(added.IdOf(), (await client.GetOk($"/v1/articles?tag={tag}")).ItemIds()[0]);
    }

    [Fact]
    public async Task Unpublished_and_deleted_articles_leave_anonymous_reads_at_once()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ocu");
        var unpublished = await admin.NewArticle([tag]);
        var deleted = await admin.NewArticle([tag]);
        var client = factory.Anonymous();
        await client.GetOk($"/v1/articles/{unpublished.IdOf()}");
        await client.GetOk($"/v1/articles/{deleted.IdOf()}");
        await client.GetOk($"/v1/articles?tag={tag}");

        await (await admin.PostAsync($"/v1/articles/{unpublished.IdOf()}/unpublish", null)).AssertOk();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/articles/{deleted.IdOf()}")).StatusCode);

        await (await client.GetAsync($"/v1/articles/{unpublished.IdOf()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/v1/articles/{deleted.IdOf()}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Empty((await client.GetOk($"/v1/articles?tag={tag}")).ItemIds());
    }

    [Fact]
    public async Task Tag_detail_and_articles_show_a_renamed_tag_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var slug = Http.UniqueSlug("oct");
        var article = await admin.NewArticle([slug]);
        var tagId = article["tags"]![0]!.IdOf();
        var client = factory.Anonymous();
        await client.GetOk($"/v1/tags/{tagId}");
        await client.GetOk($"/v1/tags/slug/{slug}");
        await client.GetOk($"/v1/articles/{article.IdOf()}");

        await (await admin.PatchMerge($"/v1/tags/{tagId}", new { name = "Renamed tag" })).AssertOk();

        Assert.Equal("Renamed tag", (await client.GetOk($"/v1/tags/{tagId}"))["name"]!.GetValue<string>());
        Assert.Equal("Renamed tag", (await client.GetOk($"/v1/tags/slug/{slug}"))["name"]!.GetValue<string>());
        Assert.Equal("Renamed tag", (await client.GetOk($"/v1/articles/{article.IdOf()}"))["tags"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tag_article_count_follows_a_publication_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var slug = Http.UniqueSlug("occ");
        var article = await admin.NewArticle([slug]);
        var tagId = article["tags"]![0]!.IdOf();
        var client = factory.Anonymous();
        Assert.Equal(1, (await client.GetOk($"/v1/tags/{tagId}"))["articleCount"]!.GetValue<int>());

        await admin.NewArticle([slug]);

        Assert.Equal(2, (await client.GetOk($"/v1/tags/{tagId}"))["articleCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Quote_lists_show_an_edited_quote_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ocqe");
        var article = (await admin.NewArticle([tag])).IdOf();
        var quote = await admin.AddQuote(article, text: "Before the edit.");
        var client = factory.Anonymous();
        string[] urls = [$"/v1/quotes?tag={tag}", $"/v1/quotes?articleId={article}", $"/v1/articles/{article}/quotes", $"/v1/quotes/{quote.IdOf()}"];
        foreach (var url in urls)
        {
            await client.GetOk(url);
        }

        await (await admin.PutCurrent($"/v1/quotes/{quote.IdOf()}", new { text = "After the edit.", speaker = "Ana Pérez" })).AssertOk();

        foreach (var url in urls[..3])
        {
            Assert.Equal("After the edit.", (await client.GetOk(url))["data"]![0]!["text"]!.GetValue<string>());
        }

        Assert.Equal("After the edit.", (await client.GetOk(urls[3]))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Article_with_included_quotes_shows_a_new_quote_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("ocinc");
        var article = (await admin.NewArticle([tag])).IdOf();
        await admin.AddQuote(article, text: "Already there.");
        var client = factory.Anonymous();
        var detail = $"/v1/articles/{article}?include=quotes";
        var list = $"/v1/articles?tag={tag}&include=quotes";
        Assert.Single((await client.GetOk(detail))["quotes"]!.AsArray());
        Assert.Single((await client.GetOk(list))["data"]![0]!["quotes"]!.AsArray());

        await admin.AddQuote(article, text: "Just added.");

        Assert.Equal(2, (await client.GetOk(detail))["quotes"]!.AsArray().Count);
        Assert.Equal(2, (await client.GetOk(list))["data"]![0]!["quotes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Article_with_included_quotes_shows_an_edited_or_deleted_quote_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("ocqd")])).IdOf();
        var edited = await admin.AddQuote(article, text: "Original words.");
        var removed = await admin.AddQuote(article, text: "Soon gone.");
        var client = factory.Anonymous();
        var detail = $"/v1/articles/{article}?include=quotes";
        Assert.Equal(2, (await client.GetOk(detail))["quotes"]!.AsArray().Count);

        await (await admin.PutCurrent($"/v1/quotes/{edited.IdOf()}", new { text = "Corrected words.", speaker = "Ana Pérez" })).AssertOk();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteCurrent($"/v1/quotes/{removed.IdOf()}")).StatusCode);

        var quotes = (await client.GetOk(detail))["quotes"]!.AsArray();
        Assert.Equal("Corrected words.", Assert.Single(quotes)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Article_with_included_links_shows_a_new_link_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("ocli")])).IdOf();
        var client = factory.Anonymous();
        var detail = $"/v1/articles/{article}?include=links";
        var links = $"/v1/articles/{article}/links";
        Assert.Empty((await client.GetOk(detail))["links"]!.AsArray());
        Assert.Empty((await client.GetOk(links))["data"]!.AsArray());

        await admin.AddLink(article, title: "New link");

        Assert.Equal("New link", (await client.GetOk(detail))["links"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("New link", (await client.GetOk(links))["data"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Link_to_an_article_shows_its_new_headline_on_the_next_anonymous_read()
    {
        var admin = factory.Admin();
        var source = (await admin.NewArticle([Http.UniqueSlug("ocls")])).IdOf();
        var target = (await admin.NewArticle([Http.UniqueSlug("oclt")])).IdOf();
        var link = await (await admin.PostJson($"/v1/articles/{source}/links", new { kind = "related", targetArticleId = target })).AssertOk(HttpStatusCode.Created);
        var client = factory.Anonymous();
        await client.GetOk($"/v1/links/{link.IdOf()}");
        await client.GetOk($"/v1/articles/{source}/links");

        await (await admin.PatchMerge($"/v1/articles/{target}", new { headline = "Target renamed" })).AssertOk();

        Assert.Equal("Target renamed", (await client.GetOk($"/v1/links/{link.IdOf()}"))["title"]!.GetValue<string>());
        Assert.Equal("Target renamed", (await client.GetOk($"/v1/articles/{source}/links"))["data"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failed_write_leaves_the_cached_read_as_it_was()
    {
        var admin = factory.Admin();
        var article = await admin.NewArticle([Http.UniqueSlug("ocf")]);
        var url = $"/v1/articles/{article.IdOf()}";
        var client = factory.Anonymous();
        await client.GetOk(url);

        await (await admin.PatchMerge(url, new { headline = "Never saved" }, ifMatch: "\"article-0-0\"")).AssertProblem(HttpStatusCode.PreconditionFailed);

        Assert.Equal(article["headline"]!.GetValue<string>(), (await client.GetOk(url))["headline"]!.GetValue<string>());
    }
}
