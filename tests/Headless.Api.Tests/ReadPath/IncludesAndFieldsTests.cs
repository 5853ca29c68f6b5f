using System.Net;
using System.Text.Json.Nodes;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.ReadPath;

/// <summary><c>include=</c> (embedded quotes and links, one query per relation per page) and sparse fieldsets (<c>fields=</c>).</summary>
public sealed class IncludesAndFieldsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string[] Texts(JsonNode? array, string name) => array!.AsArray().Select(item => item![name]!.GetValue<string>()).ToArray();

    private static string[] Keys(JsonNode node) => node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Detail_with_include_quotes_embeds_them_in_position_order()
    {
        var admin = factory.Admin();
        var article = await admin.NewArticle([Http.UniqueSlug("incq")]);
        await admin.AddQuote(article.IdOf(), text: "Third", position: 3);
        await admin.AddQuote(article.IdOf(), text: "First", position: 1);
        await admin.AddQuote(article.IdOf(), text: "Second", position: 2);

        var read = await factory.Anonymous().GetOk($"/v1/articles/{article.IdOf()}?include=quotes");
        var bySlug = await factory.Anonymous().GetOk($"/v1/articles/slug/{article["slug"]!.GetValue<string>()}?include=quotes");

        Assert.Equal(["First", "Second", "Third"], Texts(read["quotes"], "text"));
        Assert.Equal(["First", "Second", "Third"], Texts(bySlug["quotes"], "text"));
        Assert.All(read["quotes"]!.AsArray(), q => Assert.Equal(article.IdOf(), q!["articleId"]!.GetValue<long>()));
        Assert.False(read.AsObject().ContainsKey("links"));
        Assert.NotEmpty(read["tags"]!.AsArray());
    }

    [Fact]
    public async Task Detail_with_include_links_and_quotes_embeds_both_and_tags_are_always_there()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("incl");
        var article = await admin.NewArticle([tag]);
        await admin.AddLink(article.IdOf(), title: "Second link", position: 2);
        await admin.AddLink(article.IdOf(), title: "First link", position: 1);
        await admin.AddQuote(article.IdOf(), text: "Said");
        var client = factory.Anonymous();

        var both = await client.GetOk($"/v1/articles/{article.IdOf()}?include=links,quotes");
        var spaced = await client.GetOk($"/v1/articles/{article.IdOf()}?include={Uri.EscapeDataString(" quotes , links ")}");
        var plain = await client.GetOk($"/v1/articles/{article.IdOf()}");
        var tagsOnly = await client.GetOk($"/v1/articles/{article.IdOf()}?include=tags");

        Assert.Equal(["First link", "Second link"], Texts(both["links"], "title"));
        Assert.Equal(["Said"], Texts(both["quotes"], "text"));
        Assert.Equal(both["links"]!.ToJsonString(), spaced["links"]!.ToJsonString());
        foreach (var read in new[] { both, plain, tagsOnly })
        {
            Assert.Equal([tag], Texts(read["tags"], "slug"));
        }

        Assert.False(plain.AsObject().ContainsKey("quotes"));
        Assert.False(plain.AsObject().ContainsKey("links"));
        Assert.False(tagsOnly.AsObject().ContainsKey("quotes"));
    }

    [Fact]
    public async Task List_with_include_embeds_each_articles_own_quotes_and_links()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("incl-list");
        var quiet = (await admin.NewArticle([tag])).IdOf();
        var busy = (await admin.NewArticle([tag])).IdOf();
        await admin.AddQuote(busy, text: "Busy two", position: 2);
        await admin.AddQuote(busy, text: "Busy one", position: 1);
        await admin.AddLink(busy, title: "Busy link");

        var list = await factory.Anonymous().GetOk($"/v1/articles?tag={tag}&include=quotes,links");
        var data = list["data"]!.AsArray();

        Assert.Equal([busy, quiet], list.ItemIds());
        Assert.Equal(["Busy one", "Busy two"], Texts(data[0]!["quotes"], "text"));
        Assert.Equal(["Busy link"], Texts(data[0]!["links"], "title"));
        Assert.Empty(data[1]!["quotes"]!.AsArray());
        Assert.Empty(data[1]!["links"]!.AsArray());
        Assert.All(data, a => Assert.Equal([tag], Texts(a!["tags"], "slug")));
        var plain = await factory.Anonymous().GetOk($"/v1/articles?tag={tag}");
        Assert.All(plain["data"]!.AsArray(), a => Assert.False(a!.AsObject().ContainsKey("quotes")));
    }

    [Fact]
    public async Task Include_of_links_leaves_out_links_to_drafts_for_anonymous_readers()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("incdraft")])).IdOf();
        var draft = (await admin.NewArticle([Http.UniqueSlug("incdraft")], status: "draft")).IdOf();
        await (await admin.PostJson($"/v1/articles/{article}/links", new { kind = "related", targetArticleId = draft })).AssertOk(HttpStatusCode.Created);
        await admin.AddLink(article, title: "Public link");

        var anonymous = await factory.Anonymous().GetOk($"/v1/articles/{article}?include=links");
        var editor = await admin.GetOk($"/v1/articles/{article}?include=links");

        Assert.Equal(["Public link"], Texts(anonymous["links"], "title"));
        Assert.Equal(2, editor["links"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("include=authors")]
    [InlineData("include=quotes,authors")]
    [InlineData("include=QUOTES")]
    [InlineData("include=quotes,")]
    public async Task Unknown_include_is_400_on_list_and_detail(string query)
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("incbad")]);
        var client = factory.Anonymous();

        await (await client.GetAsync($"/v1/articles?{query}")).AssertFieldError("include");
        await (await client.GetAsync($"/v1/articles/{article.IdOf()}?{query}")).AssertFieldError("include");
        await (await client.GetAsync($"/v1/articles/slug/{article["slug"]!.GetValue<string>()}?{query}")).AssertFieldError("include");
    }

    [Fact]
    public async Task Includes_cost_one_query_per_relation_per_page_whatever_the_page_size()
    {
        var admin = factory.Admin();
        var tag = Http.UniqueSlug("nplus1");
        for (var i = 0; i < 20; i++)
        {
            var id = (await admin.NewArticle([tag, Http.UniqueSlug("extra")])).IdOf();
            await admin.AddQuote(id, text: $"Quote {i}a");
            await admin.AddQuote(id, text: $"Quote {i}b");
            await admin.AddLink(id, title: $"Link {i}");
            await (await admin.PostJson($"/v1/articles/{id}/corrections", new { note = $"Fixed {i}." })).AssertOk(HttpStatusCode.Created);
        }

        // The admin key keeps the output cache out of it; each URL is read once before it is counted.
        async Task<(long Commands, JsonNode Page)> Measure(string url)
        {
            var page = await admin.GetOk(url);
            return (await factory.CommandsOf(() => admin.GetOk(url)), page);
        }

        var (small, smallPage) = await Measure($"/v1/articles?tag={tag}&include=quotes,links&limit=2");
        var (large, largePage) = await Measure($"/v1/articles?tag={tag}&include=quotes,links&limit=20");
        var (withoutIncludes, _) = await Measure($"/v1/articles?tag={tag}&limit=20");

        Assert.Equal(2, smallPage["data"]!.AsArray().Count);
        Assert.Equal(20, largePage["data"]!.AsArray().Count);
        Assert.All(largePage["data"]!.AsArray(), a =>
        {
            Assert.Equal(2, a!["quotes"]!.AsArray().Count);
            Assert.Single(a["links"]!.AsArray());
            Assert.Equal(2, a["tags"]!.AsArray().Count);
            Assert.Single(a["corrections"]!.AsArray());
        });
        Assert.True(small > 0, "The command counter did not move.");
        Assert.Equal(small, large);
        // Two relations asked for: two more queries than the same page without includes (plus their connections' set-up).
        Assert.InRange(large - withoutIncludes, 2, 6);
    }

    [Fact]
    public async Task List_with_fields_answers_only_those_fields_and_keeps_the_page()
    {
        var tag = Http.UniqueSlug("fields");
        var admin = factory.Admin();
        for (var i = 0; i < 3; i++)
        {
            await admin.NewArticle([tag]);
        }

        var list = await factory.Anonymous().GetOk($"/v1/articles?tag={tag}&limit=2&count=true&fields=id,slug,headline,publishedAt");

        Assert.Equal(2, list["data"]!.AsArray().Count);
        Assert.All(list["data"]!.AsArray(), a => Assert.Equal(["headline", "id", "publishedAt", "slug"], Keys(a!)));
        Assert.Equal(["data", "page"], Keys(list));
        Assert.Equal(2, list["page"]!["limit"]!.GetValue<int>());
        Assert.Equal(3, list["page"]!["total"]!.GetValue<long>());
        var second = await factory.Anonymous().GetOk($"/v1/articles?tag={tag}&limit=2&count=true&fields=id,slug,headline,publishedAt&cursor={list.NextCursor()}");
        Assert.Equal(["headline", "id", "publishedAt", "slug"], Keys(second["data"]![0]!));
    }

    [Fact]
    public async Task Detail_with_fields_answers_only_those_fields()
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("dfields")]);
        var client = factory.Anonymous();

        var read = await client.GetOk($"/v1/articles/{article.IdOf()}?fields=id,slug,headline,publishedAt");
        var bySlug = await client.GetOk($"/v1/articles/slug/{article["slug"]!.GetValue<string>()}?fields=headline");

        Assert.Equal(["headline", "id", "publishedAt", "slug"], Keys(read));
        Assert.Equal(article.IdOf(), read.IdOf());
        Assert.Equal(article["headline"]!.GetValue<string>(), read["headline"]!.GetValue<string>());
        Assert.Equal(["headline"], Keys(bySlug));
    }

    [Fact]
    public async Task Fields_with_include_keeps_the_included_relation_when_named()
    {
        var admin = factory.Admin();
        var article = (await admin.NewArticle([Http.UniqueSlug("finc")])).IdOf();
        await admin.AddQuote(article, text: "Kept");

        var read = await factory.Anonymous().GetOk($"/v1/articles/{article}?include=quotes&fields=id,quotes");
        var dropped = await factory.Anonymous().GetOk($"/v1/articles/{article}?include=quotes&fields=id");

        Assert.Equal(["id", "quotes"], Keys(read));
        Assert.Equal(["Kept"], Texts(read["quotes"], "text"));
        Assert.Equal(["id"], Keys(dropped));
    }

    [Theory]
    [InlineData("fields=id,author")]
    [InlineData("fields=ID")]
    [InlineData("fields=id,,slug")]
    [InlineData("fields=page")]
    public async Task Unknown_field_is_400_on_list_and_detail(string query)
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("fbad")]);
        var client = factory.Anonymous();

        await (await client.GetAsync($"/v1/articles?{query}")).AssertFieldError("fields");
        await (await client.GetAsync($"/v1/articles/{article.IdOf()}?{query}")).AssertFieldError("fields");
    }

    [Fact]
    public async Task Fields_are_not_taken_by_lists_of_other_resources()
    {
        await (await factory.Anonymous().GetAsync("/v1/tags?fields=id")).AssertProblem(HttpStatusCode.BadRequest);
        await (await factory.Anonymous().GetAsync("/v1/quotes?fields=id")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sparse_representation_has_its_own_etag()
    {
        var article = await factory.Admin().NewArticle([Http.UniqueSlug("fetag")]);
        var client = factory.Anonymous();

        var full = await client.GetAsync($"/v1/articles/{article.IdOf()}");
        var sparse = await client.GetAsync($"/v1/articles/{article.IdOf()}?fields=id,headline");
        var other = await client.GetAsync($"/v1/articles/{article.IdOf()}?fields=id,slug");
        var fullList = await client.GetAsync($"/v1/articles?tag={article["tags"]![0]!["slug"]!.GetValue<string>()}");
        var sparseList = await client.GetAsync($"/v1/articles?tag={article["tags"]![0]!["slug"]!.GetValue<string>()}&fields=id");

        Assert.NotNull(full.Headers.ETag);
        Assert.NotNull(sparse.Headers.ETag);
        Assert.NotEqual(full.Headers.ETag, sparse.Headers.ETag);
        Assert.NotEqual(sparse.Headers.ETag, other.Headers.ETag);
        Assert.NotEqual(fullList.Headers.ETag, sparseList.Headers.ETag);
        // The sparse one still names the version, so it works for If-Match.
        Assert.StartsWith($"\"article-{article.IdOf()}-{article["version"]!.GetValue<long>()};", sparse.Headers.ETag!.Tag);
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/v1/articles/{article.IdOf()}?fields=id,headline");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", full.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(conditional)).StatusCode);
    }
}
